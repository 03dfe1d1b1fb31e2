import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { systemClock, type Clock } from '../shared/clock';
import { MailDeliveryError } from './mail-delivery-error';
import type { Mailer, OutgoingEmail, SendResult } from './mailer';
import { addressList, toNodemailerMessage } from './nodemailer-message';

/**
 * A Mailer for local development: every message becomes a complete .eml file in `dir` that any
 * mail client opens (invitation buttons included). nodemailer composes it exactly as for SMTP,
 * with CRLF line ends as on the wire.
 */
export function createFileOutboxMailer(dir: string, clock: Clock = systemClock): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
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
        await writeFile(partial, info.message);
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

/** "<ISO time without colons>-<message id>.eml": sorts by time, and valid on every file system. */
export function outboxFileName(at: Date, messageId: string): string {
  const stamp = at.toISOString().replace(/:/g, '');
  const id = messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return `${stamp}-${id}.eml`;
}
