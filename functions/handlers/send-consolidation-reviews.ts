import { lambdaJob } from '../runtime/lambda-job';
import { metricNames } from '../shared/metric-names';

/**
 * The consolidation-review job: asks promoters for the reviews that fell due, sends the reminders
 * and tells the coordinator of reviews left unanswered. Each email goes into the outbox with the
 * step that decided it; the deliver-outbox job sends it.
 */
export const handler = lambdaJob(
  'send-consolidation-reviews',
  async (app, asOf) => ({ ...(await app.consolidationReviews.sendDueReviews(asOf)) }),
  {
    countsOf: (report) => ({ [metricNames.jobRecordsFailed]: report.failed }),
    // The answer link in its mails is signed by deliver-outbox when each mail is sent.
    linkSigningSecret: false,
  },
);
