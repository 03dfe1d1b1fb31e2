import { createDeliverer } from '../app/create-deliverer';
import type { OutboxDeliverer } from '../modules/outbox/outbox-deliverer';
import { metricNames } from '../shared/metric-names';
import { lambdaJob } from '../runtime/lambda-job';

/**
 * The outbox job: sends every email that is due. In AWS it runs on the table's stream (within
 * seconds of a change) and every minute for retries; locally the local stack runs it every 2 s.
 * Also the handler of the table's stream: a stream batch carries no `now`, so it runs as of now.
 */
let deliverer: OutboxDeliverer | undefined;

export const handler = lambdaJob(
  'deliver-outbox',
  async (app, asOf, limits) => {
    deliverer ??= createDeliverer(app);
    return { ...(await deliverer.deliverDue(asOf, limits)) };
  },
  {
    countsOf: (report) => ({
      [metricNames.emailsSent]: report.sent,
      [metricNames.emailsFailed]: report.failed,
      [metricNames.emailsRetried]: report.retried,
      [metricNames.emailsSuppressed]: report.suppressed,
      [metricNames.emailsToCheck]: report.checked + report.unrecorded,
      [metricNames.outboxPaused]: report.paused,
      // A dispatch or message left for an unexpected error (tried again next run): the jobs' alarm.
      [metricNames.jobRecordsFailed]: report.errors,
    }),
    // The renderers sign the answer and opt-out links at send time.
    linkSigningSecret: true,
  },
);
