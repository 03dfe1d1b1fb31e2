import type Mail from 'nodemailer/lib/mailer';
import { MailDeliveryError } from './mail-delivery-error';
import type { OutgoingEmail } from './outgoing-email';

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

const calendarFileNames: Record<NonNullable<OutgoingEmail['calendar']>['method'], string> = {
  REQUEST: 'uitnodiging.ics',
  CANCEL: 'annulering.ics',
  PUBLISH: 'agenda.ics',
};

/**
 * The one translation to nodemailer options, shared by every transport so the file outbox holds
 * the same MIME as SMTP sends.
 *
 * With `icalEvent` nodemailer builds multipart/mixed( multipart/alternative( text/plain,
 * text/html, text/calendar; method=… ), application/ics attachment ): the alternative is what
 * Gmail and Apple Mail turn into an invitation with answer buttons, the attachment what older
 * Outlook versions open. nodemailer's own default method is PUBLISH, which clients show as a
 * plain event without buttons, so the method is always passed and checked against the content.
 */
export function toNodemailerMessage(email: OutgoingEmail): Mail.Options {
  if (!MESSAGE_ID.test(email.messageId)) {
    throw new MailDeliveryError('Mail not sent: messageId must look like <local@domain>', { permanent: true, code: 'EMESSAGE' });
  }
  const options: Mail.Options = {
    messageId: email.messageId,
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
  };
  if (email.cc && email.cc.length > 0) options.cc = email.cc;
  if (email.headers) options.headers = { ...email.headers };
  if (email.attachments && email.attachments.length > 0)
    options.attachments = email.attachments.map((a) => ({ ...a, contentDisposition: 'attachment' }));
  if (email.calendar) {
    const declared = /^METHOD:(.*)$/m.exec(email.calendar.content)?.[1]?.trim().toUpperCase();
    if (declared !== email.calendar.method) {
      throw new MailDeliveryError(
        `Mail not sent: calendar part is sent as ${email.calendar.method} but its content says METHOD:${declared ?? '(none)'}`,
        { permanent: true, code: 'EMESSAGE' },
      );
    }
    options.icalEvent = {
      method: email.calendar.method,
      content: email.calendar.content,
      filename: calendarFileNames[email.calendar.method],
    };
  }
  return options;
}

/** nodemailer reports recipients as strings or address objects depending on the transport. */
export function addressList(list: Array<string | Mail.Address> | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}
