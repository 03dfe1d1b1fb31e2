/**
 * The suppression list: addresses that no job may write to again, because mail to them bounced
 * for good (an SMTP 5xx, or an SES bounce event) or their owner complained (an SES complaint).
 * It is about deliverability and applies to every kind of mail; a neighbour's opt-out from
 * buurtbabbel invitations is recorded on the contact itself. ERASED: the person asked to be
 * forgotten (erasePerson); only the hash is kept, so that no job writes to the address again.
 */
export type SuppressionReason = 'BOUNCED' | 'COMPLAINED' | 'ERASED';

export interface Suppression {
  /** Hash of the normalised address, as in outbox recipient keys. */
  addressKey: string;
  /** Absent once the person was erased: the hash alone keeps the address unmailed. */
  email?: string;
  reason: SuppressionReason;
  /** Where the verdict came from, e.g. `SMTP_550` or `SES_BOUNCE_Permanent`. */
  source: string;
  at: string;
}

export function normaliseAddress(email: string): string {
  return email.trim().toLowerCase();
}
