import { mailDomain, type AppServices } from './create-app';
import { createMailer, type Mailer } from '../mail/mailer';
import { InboundMailService } from '../modules/inbound-mail/inbound-mail.service';

/** The inbound service over an app's repositories and services: the Lambda and the local SMTP server build it the same way. */
export function createInboundMailService(app: AppServices, mailer: Mailer = createMailer(app.config)): InboundMailService {
  return new InboundMailService(
    app.db,
    app.repositories.meetings,
    app.meetings,
    app.repositories.partners,
    app.repositories.outbox,
    mailer,
    app.clock,
    app.logger.child({ component: 'inbound-mail' }),
    {
      uidDomain: mailDomain(app.config),
      coordinatorEmail: app.config.coordinatorEmail,
      mailFrom: app.config.mailFrom,
      names: app.config.names,
    },
  );
}
