import { createFileOutboxMailer } from './file-outbox-mailer';
import { createSesMailer } from './ses-mailer';
import type { Mailer } from './outgoing-email';
import { createSmtpMailer } from './smtp-mailer';

export { MailDeliveryError } from './mail-delivery-error';
// The interfaces live in their own file, so the mailers implement them without importing this one.
export type { Mailer, OutgoingEmail, SendResult } from './outgoing-email';

export interface MailerSettings {
  /** As the configuration decided it (functions/shared/config.ts), the one place that does. */
  mailTransport: 'ses' | 'smtp' | 'file';
  smtpUrl?: string;
  outboxDir: string;
  awsRegion?: string;
  sesConfigurationSet?: string;
}

/** The mailer of the configured transport: SES, SMTP, or .eml files in the outbox folder (local development). */
export function createMailer(settings: MailerSettings): Mailer {
  const transport = settings.mailTransport;
  if (transport === 'ses')
    return createSesMailer({ region: settings.awsRegion ?? 'eu-west-1', configurationSet: settings.sesConfigurationSet });
  if (transport === 'smtp' && settings.smtpUrl) return createSmtpMailer(settings.smtpUrl);
  return createFileOutboxMailer(settings.outboxDir);
}
