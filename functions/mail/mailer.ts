import { createFileOutboxMailer } from './file-outbox-mailer';
import { createSesMailer } from './ses-mailer';
import { createSmtpMailer } from './smtp-mailer';

export { MailDeliveryError } from './mail-delivery-error';

export interface OutgoingEmail {
  /** The Message-ID header, angle brackets included, e.g. '<abc@destek.local>'; set by the caller so a retry carries the same id. */
  messageId: string;
  from: string;
  /** An address, or a name with an address (nodemailer quotes and encodes the name). */
  to: string | { name: string; address: string };
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  /** Sent as a text/calendar alternative; `method` must match the METHOD line in `content`. */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
  headers?: Record<string, string>;
  /** Files attached as they are, e.g. a forwarded message as message/rfc822. */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface SendResult {
  messageId: string;
  /** Recipients the server took the message for. */
  accepted: string[];
  /**
   * Recipients refused while others were accepted (when all are refused, send() rejects instead).
   * A retry would send the message again to the accepted ones too.
   */
  rejected: string[];
  response?: string;
}

/** Sends one message and resolves once it was handed over; rejects with a MailDeliveryError. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<SendResult>;
}

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
