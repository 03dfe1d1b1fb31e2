import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { toMailDeliveryError } from './mail-delivery-error';
import type { Mailer, OutgoingEmail, SendResult } from './outgoing-email';
import { addressList, toNodemailerMessage } from './nodemailer-message';

export interface SmtpTimeouts {
  /** Waiting for the TCP (or TLS) connection. */
  connectionMs: number;
  /** Waiting for the server's greeting once connected. */
  greetingMs: number;
  /** Inactivity on an open connection. */
  socketMs: number;
}

/**
 * Short enough that a hanging server fails one send well inside a Lambda's run time (the outbox
 * retries it later), long enough for a slow but working relay.
 */
const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

/**
 * A Mailer over SMTP. `smtpUrl` is smtp://user:pass@host:port (STARTTLS when offered) or smtps://
 * (TLS from the start); nodemailer's URL query options (e.g. ?requireTLS=true) work too and
 * win over the timeouts given here.
 * One connection per message: a scheduled job sends a handful, so pooling buys nothing.
 */
export function createSmtpMailer(smtpUrl: string, timeouts: Partial<SmtpTimeouts> = {}): Mailer {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  // Through SMTPTransport itself: nodemailer.createTransport({ url, ... }) keeps only what the
  // URL says and silently drops every other option, the timeouts included.
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: smtpUrl,
      connectionTimeout: t.connectionMs,
      greetingTimeout: t.greetingMs,
      socketTimeout: t.socketMs,
    }),
  );
  return {
    async send(email: OutgoingEmail): Promise<SendResult> {
      const message = toNodemailerMessage(email);
      try {
        const info = await transport.sendMail(message);
        return {
          messageId: info.messageId,
          accepted: addressList(info.accepted),
          rejected: addressList(info.rejected),
          response: info.response,
        };
      } catch (error) {
        throw toMailDeliveryError(error);
      }
    },
  };
}
