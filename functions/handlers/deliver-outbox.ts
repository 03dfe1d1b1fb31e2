import { createApp, mailDomain } from '../app/create-app';
import { createMailer } from '../mail/mailer';
import { buurtbabbelDispatchKind } from '../modules/buurtbabbels/buurtbabbel-dispatch';
import { createBuurtbabbelEmailRenderer } from '../modules/buurtbabbels/buurtbabbel-email.renderer';
import { createStaleReplyNoteRenderer, staleReplyDispatchKind } from '../modules/inbound-mail/stale-reply-note';
import { createMeetingEmailRenderer } from '../modules/meetings/meeting-email.renderer';
import { meetingDispatchKind } from '../modules/meetings/meeting-dispatch';
import { OutboxDeliverer } from '../modules/outbox/outbox-deliverer';
import { reviewDispatchKind } from '../modules/projects/review-dispatch';
import { createReviewEmailRenderer } from '../modules/projects/review-email.renderer';
import { metricNames } from '../shared/metric-names';
import { lambdaJob } from './lambda-job';

/**
 * The outbox job: sends every email that is due. In AWS it runs on the table's stream (within
 * seconds of a change) and every minute for retries; locally the local stack runs it every 2 s.
 */
export function createDeliverer(app: ReturnType<typeof createApp>, mailer = createMailer(app.config)): OutboxDeliverer {
  const { config } = app;
  const linkSettings = { publicBaseUrl: config.publicBaseUrl, linkSigningSecret: config.linkSigningSecret, organizer: config.organizer };
  return new OutboxDeliverer(
    app.repositories.outbox,
    app.repositories.suppressions,
    mailer,
    {
      [meetingDispatchKind]: createMeetingEmailRenderer(linkSettings),
      [buurtbabbelDispatchKind]: createBuurtbabbelEmailRenderer(linkSettings, app.repositories),
      [staleReplyDispatchKind]: createStaleReplyNoteRenderer(linkSettings),
      [reviewDispatchKind]: createReviewEmailRenderer({ publicBaseUrl: config.publicBaseUrl, linkSigningSecret: config.linkSigningSecret }),
    },
    app.clock,
    app.logger.child({ job: 'deliver-outbox' }),
    {
      from: config.mailFrom,
      messageIdDomain: mailDomain(config),
      maxAttempts: config.outboxMaxAttempts,
      batchSize: config.outboxBatchSize,
      leaseMs: 5 * 60_000,
    },
  );
}

let deliverer: OutboxDeliverer | undefined;

/** Also the handler of the table's stream: a stream batch carries no `now`, so it runs as of now. */
export const handler = lambdaJob(
  'deliver-outbox',
  async (app, asOf) => {
    deliverer ??= createDeliverer(app);
    return { ...(await deliverer.deliverDue(asOf)) };
  },
  {
    countsOf: (report) => ({
      [metricNames.emailsSent]: report.sent,
      [metricNames.emailsFailed]: report.failed,
      [metricNames.emailsRetried]: report.retried,
      [metricNames.emailsSuppressed]: report.suppressed,
    }),
    // The renderers sign the answer and opt-out links at send time.
    linkSigningSecret: true,
  },
);
