import { mailDomain, type AppServices } from './create-app';
import { createMailer } from '../mail/mailer';
import { buurtbabbelDispatchKind } from '../modules/buurtbabbels/buurtbabbel-dispatch';
import { createBuurtbabbelEmailRenderer } from '../modules/buurtbabbels/buurtbabbel-email.renderer';
import { ideaPromotedDispatchKind } from '../modules/matrix/idea-promoted-dispatch';
import { createIdeaPromotedEmailRenderer } from '../modules/matrix/idea-promoted-email.renderer';
import { createStaleReplyNoteRenderer, staleReplyDispatchKind } from '../modules/inbound-mail/stale-reply-note';
import { createMeetingEmailRenderer } from '../modules/meetings/meeting-email.renderer';
import { meetingDispatchKind } from '../modules/meetings/meeting-dispatch';
import { minutesDispatchKind } from '../modules/meetings/minutes-dispatch';
import { createMinutesEmailRenderer } from '../modules/meetings/minutes-email.renderer';
import { coordinatorReminderDispatchKind, meetingReminderDispatchKind } from '../modules/meetings/meeting-reminder-dispatch';
import {
  createCoordinatorReminderEmailRenderer,
  createMeetingReminderEmailRenderer,
} from '../modules/meetings/meeting-reminder-email.renderer';
import { OutboxDeliverer, type DeliverySettings } from '../modules/outbox/outbox-deliverer';
import { reviewDispatchKind } from '../modules/projects/review-dispatch';
import { createReviewEmailRenderer } from '../modules/projects/review-email.renderer';

/**
 * The outbox deliverer of an app: its mailer, and a renderer for each kind of dispatch. The
 * deliver-outbox job builds one per execution environment; tests build their own.
 */
export function createDeliverer(
  app: AppServices,
  mailer = createMailer(app.config),
  overrides: Partial<DeliverySettings> = {},
): OutboxDeliverer {
  const { config } = app;
  const linkSettings = { publicBaseUrl: config.publicBaseUrl, linkSigningSecret: config.linkSigningSecret, organizer: config.organizer };
  return new OutboxDeliverer(
    app.repositories.outbox,
    app.repositories.suppressions,
    mailer,
    {
      [meetingDispatchKind]: createMeetingEmailRenderer({ ...linkSettings, names: config.names }),
      [buurtbabbelDispatchKind]: createBuurtbabbelEmailRenderer({ ...linkSettings, names: config.names }, app.buurtbabbels),
      [reviewDispatchKind]: createReviewEmailRenderer({
        publicBaseUrl: config.publicBaseUrl,
        linkSigningSecret: config.linkSigningSecret,
        names: config.names,
      }),
      [ideaPromotedDispatchKind]: createIdeaPromotedEmailRenderer(config.names),
      [staleReplyDispatchKind]: createStaleReplyNoteRenderer({ ...linkSettings, names: config.names }),
      [minutesDispatchKind]: createMinutesEmailRenderer({ names: config.names }),
      [meetingReminderDispatchKind]: createMeetingReminderEmailRenderer({ ...linkSettings, names: config.names }),
      [coordinatorReminderDispatchKind]: createCoordinatorReminderEmailRenderer({ names: config.names }),
    },
    app.clock,
    app.logger.child({ job: 'deliver-outbox' }),
    {
      from: config.mailFrom,
      messageIdDomain: mailDomain(config),
      maxAttempts: config.outboxMaxAttempts,
      batchSize: config.outboxBatchSize,
      concurrency: config.outboxConcurrency,
      leaseMs: 5 * 60_000,
      ...overrides,
    },
  );
}
