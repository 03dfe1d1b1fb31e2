import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import { recipientKey } from '../../shared/recipient-key';
import { isRequeueable, type RequeueFilter } from './outbox';
import type { OutboxRepository } from './outbox.repository';

export interface RequeueReport {
  /** Messages queued again, due now: the next deliver-outbox run sends them. */
  requeued: number;
  /** Parked messages left as they are (another filter, a suppressed address, or taken by another requeue). */
  left: number;
}

/**
 * Queues again the messages an outage failed for good (after it is over), as `npm run job --
 * retry-failed` and the coordinator's `requeueFailedMail` both do: one Query of the parked messages,
 * one BatchGet of the suppression list, then one conditional update per message. A refusal of the
 * address is never parked, and an address suppressed since (a bounce, a complaint, an erasure) is
 * left out: it would be refused again.
 */
export async function requeueParked(
  repository: OutboxRepository,
  suppressions: SuppressionsRepository,
  now: Date,
  filter: RequeueFilter,
): Promise<RequeueReport> {
  const parked = await repository.findParked();
  const candidates = parked.filter((message) => isRequeueable(message, filter));
  const suppressed = await suppressions.findMany(candidates.map((message) => message.recipient.email));
  let requeued = 0;
  for (const message of candidates) {
    if (suppressed.has(recipientKey(message.recipient.email))) continue;
    if (await repository.requeueMessage(message, now)) requeued += 1;
  }
  return { requeued, left: parked.length - requeued };
}
