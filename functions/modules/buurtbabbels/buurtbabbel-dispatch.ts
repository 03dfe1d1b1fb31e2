import type { BuurtbabbelEmailKind } from '../../mail/templates/buurtbabbel-email';
import { recipientKey } from '../../shared/recipient-key';
import type { OutboxDispatchOf, OutboxRecipient } from '../outbox/outbox';
import type { NeighbourRecord } from '../neighbours/neighbour';
import type { BuurtbabbelRecord } from './buurtbabbel';

/**
 * What the outbox needs to send buurtbabbel emails, decided when a round starts or an answer is
 * recorded (pure). Every dispatch id is derived from its cause, so a job that runs twice, or two
 * runs at once, write each dispatch once.
 */
export const buurtbabbelDispatchKind = 'buurtbabbel';

export type { BuurtbabbelEmailKind };

export interface BuurtbabbelDispatchPayload {
  buurtbabbelId: string;
  uid: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  location: string;
  hostName?: string;
  cancelReason?: string;
}

export type BuurtbabbelDispatch = OutboxDispatchOf<typeof buurtbabbelDispatchKind>;

export interface BuurtbabbelRecipientData {
  neighbourId: string;
  businessName: string;
  emailKind: BuurtbabbelEmailKind;
}

/**
 * Recipients per dispatch item: a few hundred contacts are split over several dispatches, each
 * far below DynamoDB's 400 KB item limit (a recipient takes about 200 bytes).
 */
export const recipientsPerDispatch = 200;

export function buurtbabbelUid(buurtbabbelId: string, domain: string): string {
  return `buurtbabbel-${buurtbabbelId}@${domain}`;
}

function payloadOf(buurtbabbel: BuurtbabbelRecord, hostName: string | undefined, uidDomain: string): BuurtbabbelDispatchPayload {
  return {
    buurtbabbelId: buurtbabbel.id,
    uid: buurtbabbelUid(buurtbabbel.id, uidDomain),
    sequence: buurtbabbel.sequence,
    startsAt: buurtbabbel.startsAt,
    endsAt: buurtbabbel.endsAt,
    location: buurtbabbel.location,
    ...(hostName ? { hostName } : {}),
    ...(buurtbabbel.cancelReason ? { cancelReason: buurtbabbel.cancelReason } : {}),
  };
}

function recipientOf(
  neighbour: NeighbourRecord,
  emailKind: BuurtbabbelEmailKind,
  delayMs?: number,
): OutboxRecipient<BuurtbabbelRecipientData> {
  const data: BuurtbabbelRecipientData = { neighbourId: neighbour.id, businessName: neighbour.businessName, emailKind };
  return {
    key: recipientKey(neighbour.email),
    email: neighbour.email,
    ...(neighbour.contactName ? { name: neighbour.contactName } : {}),
    data: { ...data },
    ...(delayMs ? { delayMs } : {}),
  };
}

export interface BulkMailing {
  buurtbabbel: BuurtbabbelRecord;
  hostName?: string;
  /** `invitation`, `reminder` or `cancellation`: one per buurtbabbel and kind. */
  emailKind: BuurtbabbelEmailKind;
  neighbours: readonly NeighbourRecord[];
  /** When the round starts (the dispatches' creation). */
  startAt: Date;
  /** Sends per minute: recipient i is due `i / rate` minutes after its dispatch is expanded; 0: all at once (no pacing). */
  ratePerMinute: number;
  uidDomain: string;
}

/** A round's mail to many contacts, paced, in dispatches of at most `recipientsPerDispatch`. */
export function planBulkDispatches(mailing: BulkMailing): BuurtbabbelDispatch[] {
  const payload = payloadOf(mailing.buurtbabbel, mailing.hostName, mailing.uidDomain);
  const spacingMs = mailing.ratePerMinute > 0 ? 60_000 / mailing.ratePerMinute : 0;
  const recipients = mailing.neighbours.map((neighbour, index) => recipientOf(neighbour, mailing.emailKind, Math.floor(index * spacingMs)));
  const dispatches: BuurtbabbelDispatch[] = [];
  for (let start = 0, part = 0; start < recipients.length; start += recipientsPerDispatch, part += 1) {
    dispatches.push({
      id: `buurtbabbel.${mailing.buurtbabbel.id}.${mailing.emailKind}.${part}`,
      kind: buurtbabbelDispatchKind,
      payload: { ...payload },
      recipients: recipients.slice(start, start + recipientsPerDispatch),
      createdAt: mailing.startAt.toISOString(),
    });
  }
  return dispatches;
}

/** The mail one answer brings to one guest; its id names the guest's answer version. */
export function planGuestDispatch(input: {
  buurtbabbel: BuurtbabbelRecord;
  hostName?: string;
  neighbour: NeighbourRecord;
  emailKind: BuurtbabbelEmailKind;
  guestVersion: number;
  uidDomain: string;
  createdAt: Date;
}): BuurtbabbelDispatch {
  return {
    id: `buurtbabbel.${input.buurtbabbel.id}.guest.${input.neighbour.id}.v${input.guestVersion}`,
    kind: buurtbabbelDispatchKind,
    payload: { ...payloadOf(input.buurtbabbel, input.hostName, input.uidDomain) },
    recipients: [recipientOf(input.neighbour, input.emailKind)],
    createdAt: input.createdAt.toISOString(),
    // The mail of a later answer replaces that of an earlier one that has not left yet.
    series: { key: `buurtbabbel.${input.buurtbabbel.id}.guest.${input.neighbour.id}`, version: input.guestVersion },
  };
}

declare module '../outbox/outbox' {
  interface OutboxKinds {
    buurtbabbel: { payload: BuurtbabbelDispatchPayload; recipientData: BuurtbabbelRecipientData };
  }
}
