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
  /**
   * The way out failed, not this message or address: no connection, a timeout, a refused login,
   * the relay refusing to relay (530, 554 relaying denied), SES throttling or paused sending. It
   * counts towards the deliverer's circuit breaker, never suppresses the address, and a message
   * that failed for good this way can be queued again (`npm run job -- retry-failed`).
   */
  readonly transport: boolean;

  constructor(
    message: string,
    options: { permanent: boolean; responseCode?: number; code?: string; source?: string; cause?: unknown; transport?: boolean },
  ) {
    super(message, { cause: options.cause });
    this.name = 'MailDeliveryError';
    this.permanent = options.permanent;
    this.source = options.source ?? `SMTP_${options.responseCode ?? 'CONNECTION'}`;
    this.transport = options.transport ?? !options.permanent;
    this.refusedByServer =
      !this.transport &&
      options.permanent &&
      options.responseCode !== undefined &&
      options.responseCode >= 500 &&
      options.responseCode < 600;
    if (options.responseCode !== undefined) this.responseCode = options.responseCode;
    if (options.code !== undefined) this.code = options.code;
  }
}

interface NodemailerErrorFields {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
}

/**
 * The relay's own refusals: 530 (authentication required) and a 554 that says relaying is denied.
 * They say nothing about the recipient, so they are transport failures, not bounces.
 */
function isRelayRefusal(responseCode: number | undefined, response: string | undefined): boolean {
  if (responseCode === 530) return true;
  return responseCode === 554 && response !== undefined && /relay/i.test(response);
}

/**
 * nodemailer errors without an SMTP answer whose cause is the message itself (no recipients, an
 * unreadable address, an empty message): sending it again fails the same way.
 */
const permanentWithoutResponse = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Not about this message or recipient: no answer at all (connection, timeout, DNS), a refused
 * login, the relay refusing to relay, or a 421 (the server closing). A 4xx to one recipient or to
 * one message's data is temporary but about that message.
 */
function isTransportFailure(
  code: string | undefined,
  responseCode: number | undefined,
  command: string | undefined,
  response: string | undefined,
  permanent: boolean,
): boolean {
  if (code === 'EAUTH' || isRelayRefusal(responseCode, response) || responseCode === 421) return true;
  if (permanent) return false;
  return responseCode === undefined || command === 'CONN' || command === 'MAIL FROM';
}

export function toMailDeliveryError(error: unknown): MailDeliveryError {
  if (error instanceof MailDeliveryError) return error;
  const fields: NodemailerErrorFields = typeof error === 'object' && error !== null ? error : {};
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const command = typeof fields.command === 'string' ? fields.command : undefined;

  const response = typeof fields.response === 'string' ? fields.response : undefined;

  let permanent: boolean;
  if (code === 'EAUTH' || isRelayRefusal(responseCode, response)) {
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
    transport: isTransportFailure(code, responseCode, command, response, permanent),
  });
}
