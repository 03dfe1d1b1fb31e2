import { SMTPServer } from 'smtp-server';
import type { Logger } from '../shared/logger';

/**
 * The local stand-in for SES receiving mail: an SMTP server on loopback that takes mail for the
 * organizer address and hands each message to the same code as the Lambda (`receive`). A message
 * the code fails on is refused with a 451, so the sender (or the test) sees it.
 */
export interface InboundSmtpServer {
  port: number;
  close(): Promise<void>;
}

/** As SES: larger messages are refused at once. */
const maxMessageBytes = 40 * 1024 * 1024;

export async function startInboundSmtpServer(options: {
  port: number;
  host?: string;
  /** The one address mail is taken for (SES's receipt rule recipient). */
  recipient: string;
  receive: (raw: Buffer) => Promise<unknown>;
  logger: Logger;
}): Promise<InboundSmtpServer> {
  const recipient = options.recipient.toLowerCase();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    size: maxMessageBytes,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() !== recipient)
        return callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        }
        options.receive(Buffer.concat(chunks)).then(
          () => callback(),
          (error: unknown) => {
            options.logger.error('inbound message could not be handled', { error });
            callback(Object.assign(new Error('Could not handle the message now'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`INBOUND_SMTP_PORT ${options.port} is in use; set another, or 0 to turn it off`) : error,
      ),
    );
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('inbound SMTP server has no port');
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
