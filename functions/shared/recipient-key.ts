import { createHash } from 'node:crypto';

/**
 * The key of an email address: a hash of the normalised address (trimmed, lower case). Outbox
 * messages, suppressions and neighbours are keyed by it, so no address appears in a key or a log.
 */
export function recipientKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24);
}
