/** What the mailers take and give back; createMailer (mailer.ts) picks one of them. */
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
  /**
   * Keeps the mailer's connections open across pauses between sends (an outbox run's rounds) until
   * the returned function is called; a mailer without connections to keep leaves it out.
   */
  holdOpen?(): () => void;
}
