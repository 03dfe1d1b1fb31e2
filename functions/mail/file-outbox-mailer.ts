import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { systemClock, type Clock } from '../shared/clock';
import { MailDeliveryError } from './mail-delivery-error';
import type { Mailer, OutgoingEmail, SendResult } from './outgoing-email';
import { addressList, toNodemailerMessage } from './nodemailer-message';

/**
 * A Mailer for local development: every message becomes a complete .eml file in `dir` that any
 * mail client opens (invitation buttons included). nodemailer composes it exactly as for SMTP.
 */
export function createFileOutboxMailer(dir: string, clock: Clock = systemClock): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async send(email: OutgoingEmail): Promise<SendResult> {
      const message = toNodemailerMessage(email);
      try {
        const info = await transport.sendMail(message);
        if (!Buffer.isBuffer(info.message)) throw new Error('streamTransport did not return a buffer');
        await mkdir(dir, { recursive: true });
        const path = join(dir, outboxFileName(clock.now(), email.messageId));
        // Written aside first, so a reader watching the folder never opens half a message.
        const partial = `${path}.partial`;
        await writeFile(partial, withCrlf(info.message));
        await rename(partial, path);
        return {
          messageId: info.messageId,
          accepted: addressList(info.envelope.to),
          rejected: [],
          response: `written to ${path}`,
        };
      } catch (error) {
        throw new MailDeliveryError('Mail not written to the outbox folder', {
          permanent: false,
          code: typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined,
          cause: error,
        });
      }
    },
  };
}

/**
 * Line ends as the SMTP server receives them. nodemailer leaves the LF of text bodies alone and
 * lets its SMTP data stream turn lone LFs into CRLF on the wire; the streamTransport `newline`
 * option no longer does anything (nodemailer 7 reads it only for a log line), so it is done here.
 * latin1 maps every byte to one character and back, so nothing else in the message changes.
 */
function withCrlf(message: Buffer): Buffer {
  return Buffer.from(message.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** "<ISO time without colons>-<message id>.eml": sorts by time, and valid on every file system. */
export function outboxFileName(at: Date, messageId: string): string {
  const stamp = at.toISOString().replace(/:/g, '');
  const id = messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return `${stamp}-${id}.eml`;
}
