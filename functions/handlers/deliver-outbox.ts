import { createApp, mailDomain } from '../app/create-app';
import { createMailer } from '../mail/mailer';
import { createMeetingEmailRenderer } from '../modules/meetings/meeting-email.renderer';
import { meetingDispatchKind } from '../modules/meetings/meeting-dispatch';
import { OutboxDeliverer } from '../modules/outbox/outbox-deliverer';
import { reviewDispatchKind } from '../modules/projects/review-dispatch';
import { createReviewEmailRenderer } from '../modules/projects/review-email.renderer';
import { getConfig } from '../shared/config';
import type { JobHandler } from './scheduled-job';

/**
 * The outbox job: sends every email that is due. In AWS it runs on the table's stream (within
 * seconds of a change) and every minute for retries; locally the local stack runs it every 2 s.
 */
let deliverer: OutboxDeliverer | undefined;

export function createDeliverer(app: ReturnType<typeof createApp>, mailer = createMailer(app.config)): OutboxDeliverer {
  const { config } = app;
  return new OutboxDeliverer(
    app.repositories.outbox,
    app.repositories.suppressions,
    mailer,
    {
      [meetingDispatchKind]: createMeetingEmailRenderer({
        publicBaseUrl: config.publicBaseUrl,
        linkSigningSecret: config.linkSigningSecret,
        organizer: config.organizer,
      }),
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

export const handler: JobHandler = async (event) => {
  deliverer ??= createDeliverer(createApp(getConfig()));
  const asOf = event?.now ? new Date(event.now) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) throw new Error(`invalid "now": ${event.now}`);
  return { ...(await deliverer.deliverDue(asOf)) };
};
