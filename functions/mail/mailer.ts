import { createFileOutboxMailer } from './file-outbox-mailer';
import { createSesMailer } from './ses-mailer';
import type { Mailer } from './outgoing-email';
import { createSmtpMailer } from './smtp-mailer';

export { MailDeliveryError } from './mail-delivery-error';
// The interfaces live in their own file, so the mailers implement them without importing this one.
export type { Mailer, OutgoingEmail, SendResult } from './outgoing-email';

export interface MailerSettings {
  /** Left out: SMTP when a server is configured, otherwise .eml files in the outbox folder. */
  mailTransport?: 'ses' | 'smtp' | 'file';
  smtpUrl?: string;
  outboxDir: string;
  awsRegion?: string;
  sesConfigurationSet?: string;
}

/** SES in AWS; SMTP when a server is configured; otherwise .eml files in the outbox folder (local development). */
export function createMailer(settings: MailerSettings): Mailer {
  const transport = settings.mailTransport ?? (settings.smtpUrl ? 'smtp' : 'file');
  if (transport === 'ses')
    return createSesMailer({ region: settings.awsRegion ?? 'eu-west-1', configurationSet: settings.sesConfigurationSet });
  if (transport === 'smtp' && settings.smtpUrl) return createSmtpMailer(settings.smtpUrl);
  return createFileOutboxMailer(settings.outboxDir);
}
