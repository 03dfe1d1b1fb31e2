/**
 * Why a message did not go out. `permanent` tells the outbox whether a retry can help: only an
 * SMTP 5xx answer (or a message we cannot even build) is permanent; a 4xx answer, a refused or
 * dropped connection and a timeout are temporary.
 *
 * The message names the SMTP code and stage but never the server's answer text, which usually
 * quotes the recipient's address and would put it in the logs; that text stays in `cause`.
 */
export class MailDeliveryError extends Error {
  readonly permanent: boolean;
  readonly responseCode?: number;
  /** nodemailer's error code, e.g. ECONNECTION, ETIMEDOUT, EENVELOPE, EMESSAGE. */
  readonly code?: string;
  /**
   * What refused, as recorded on the outbox message and the suppression list: `SMTP_550`,
   * `SMTP_CONNECTION`, or `SES_<error name>` from the SES mailer.
   */
  readonly source: string;
  /**
   * The receiving mail server refused for good (an SMTP 5xx answer): the address goes on the
   * suppression list. A permanent failure without such an answer (SES refusing the request, a
   * message nodemailer cannot build) says nothing about the address, so it fails that one message only.
   */
  readonly refusedByServer: boolean;

  constructor(message: string, options: { permanent: boolean; responseCode?: number; code?: string; source?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'MailDeliveryError';
    this.permanent = options.permanent;
    this.source = options.source ?? `SMTP_${options.responseCode ?? 'CONNECTION'}`;
    this.refusedByServer =
      options.permanent && options.responseCode !== undefined && options.responseCode >= 500 && options.responseCode < 600;
    if (options.responseCode !== undefined) this.responseCode = options.responseCode;
    if (options.code !== undefined) this.code = options.code;
  }
}

interface NodemailerErrorFields {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/**
 * nodemailer errors without an SMTP answer whose cause is the message itself (no recipients, an
 * unreadable address, an empty message): sending it again fails the same way.
 */
const permanentWithoutResponse = new Set(['EENVELOPE', 'EMESSAGE']);

export function toMailDeliveryError(error: unknown): MailDeliveryError {
  if (error instanceof MailDeliveryError) return error;
  const fields: NodemailerErrorFields = typeof error === 'object' && error !== null ? error : {};
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const command = typeof fields.command === 'string' ? fields.command : undefined;

  let permanent: boolean;
  if (code === 'EAUTH') {
    // A refused login is our configuration, not this message: once it is fixed the retry succeeds.
    permanent = false;
  } else if (responseCode !== undefined) {
    permanent = responseCode >= 500 && responseCode < 600;
  } else {
    permanent = code !== undefined && permanentWithoutResponse.has(code);
  }

  const stage = command ? ` on ${command}` : '';
  const what = responseCode !== undefined ? `SMTP ${responseCode}${stage}` : `${code ?? 'unknown error'}${stage}`;
  return new MailDeliveryError(`Mail delivery failed ${permanent ? 'permanently' : 'temporarily'}: ${what}`, {
    permanent,
    responseCode,
    code,
    cause: error,
  });
}
