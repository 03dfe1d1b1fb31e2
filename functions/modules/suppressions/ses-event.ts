import type { SuppressionReason } from './suppression';

/**
 * SES reports what happened to a sent message as JSON: through a configuration set's event
 * destination (`eventType`) or an identity's feedback notifications (`notificationType`), both
 * carried here by SNS. Only two verdicts put an address on the suppression list: a permanent bounce
 * (the mailbox does not exist, or SES already knows it bounces) and a complaint (the person marked
 * our mail as spam). A transient bounce (mailbox full, out of office) changes nothing.
 */
export interface SesVerdict {
  email: string;
  reason: SuppressionReason;
  /** e.g. `SES_BOUNCE_Permanent_General`, `SES_COMPLAINT_abuse`. */
  source: string;
  at: Date;
}

interface SesRecipient {
  emailAddress?: unknown;
}

interface SesEvent {
  eventType?: unknown;
  notificationType?: unknown;
  bounce?: { bounceType?: unknown; bounceSubType?: unknown; bouncedRecipients?: SesRecipient[]; timestamp?: unknown };
  complaint?: { complainedRecipients?: SesRecipient[]; complaintFeedbackType?: unknown; timestamp?: unknown };
  mail?: { timestamp?: unknown };
}

function addresses(recipients: SesRecipient[] | undefined): string[] {
  return (recipients ?? [])
    .map((recipient) => recipient.emailAddress)
    .filter((email): email is string => typeof email === 'string' && email.includes('@'));
}

function timestamp(...candidates: unknown[]): Date {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const at = new Date(candidate);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new Error('SES event without a readable timestamp');
}

/** The suppressions one SES event asks for; none for deliveries, sends, opens and transient bounces. */
export function verdictsOf(event: SesEvent): SesVerdict[] {
  const type = event.eventType ?? event.notificationType;
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    const at = timestamp(event.bounce.timestamp, event.mail?.timestamp);
    const subType = typeof event.bounce.bounceSubType === 'string' ? event.bounce.bounceSubType : 'General';
    return addresses(event.bounce.bouncedRecipients).map((email) => ({
      email,
      reason: 'BOUNCED',
      source: `SES_BOUNCE_Permanent_${subType}`,
      at,
    }));
  }
  if (type === 'Complaint' && event.complaint) {
    const at = timestamp(event.complaint.timestamp, event.mail?.timestamp);
    const feedback = typeof event.complaint.complaintFeedbackType === 'string' ? event.complaint.complaintFeedbackType : 'unspecified';
    return addresses(event.complaint.complainedRecipients).map((email) => ({
      email,
      reason: 'COMPLAINED',
      source: `SES_COMPLAINT_${feedback}`,
      at,
    }));
  }
  return [];
}

/** Parses the text of one SNS message from SES; throws on text that is not an SES event. */
export function parseSesEvent(text: string): SesEvent {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('SES event is not a JSON object');
  return parsed as SesEvent;
}
