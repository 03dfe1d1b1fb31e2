import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
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

/** Connections open at once to the server; more sends at a time wait for one. */
const maxConnections = 5;

/**
 * A Mailer over SMTP. `smtpUrl` is smtp://user:pass@host:port (STARTTLS when offered) or smtps://
 * (TLS from the start); nodemailer's URL query options (e.g. ?requireTLS=true) work too and
 * win over the timeouts given here.
 * Pooled: the sends of a burst (an outbox round) share up to five connections, each reused for
 * many messages, instead of a handshake per message (which held the outbox to about 5 mails a
 * second). The pool is closed as soon as no send is under way and nobody holds it open
 * (`holdOpen`: an outbox run keeps it across its rounds), so no idle connection outlives the
 * burst (a process can exit; a frozen Lambda keeps none).
 */
export function createSmtpMailer(smtpUrl: string, timeouts: Partial<SmtpTimeouts> = {}): Mailer {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  let pool: nodemailer.Transporter<SMTPPool.SentMessageInfo> | undefined;
  let inFlight = 0;
  let holders = 0;
  // Through SMTPPool itself: nodemailer.createTransport({ url, ... }) keeps only what the URL says
  // and silently drops every other option, the timeouts included.
  const open = () =>
    (pool ??= nodemailer.createTransport(
      new SMTPPool({
        url: smtpUrl,
        pool: true,
        maxConnections,
        connectionTimeout: t.connectionMs,
        greetingTimeout: t.greetingMs,
        socketTimeout: t.socketMs,
      }),
    ));
  const closeWhenIdle = () => {
    if (inFlight > 0 || holders > 0 || !pool) return;
    // A tick later, so the next send of the same burst (queued right after this one) finds it open.
    setImmediate(() => {
      if (inFlight === 0 && holders === 0 && pool) {
        pool.close();
        pool = undefined;
      }
    });
  };
  return {
    async send(email: OutgoingEmail): Promise<SendResult> {
      const message = toNodemailerMessage(email);
      const transport = open();
      inFlight += 1;
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
      } finally {
        inFlight -= 1;
        closeWhenIdle();
      }
    },
    holdOpen() {
      holders += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders -= 1;
        closeWhenIdle();
      };
    },
  };
}
