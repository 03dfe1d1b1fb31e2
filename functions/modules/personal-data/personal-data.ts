import type { BuurtbabbelRecord, GuestRecord } from '../buurtbabbels/buurtbabbel';
import type { NeighbourRecord } from '../neighbours/neighbour';
import type { PartnerRecord, Representative } from '../partners/partner';
import type { Suppression } from '../suppressions/suppression';

/**
 * Personal data rights (GDPR art. 15 and 17): what De Stek stores about one email address, and how
 * it is erased. Pure types and rules; the service reads and writes. An address is found by its key
 * (the hash of the normalised address), never by a scan.
 */
export interface PersonalDataReport {
  email: string;
  /** The hash every item about the address is keyed by (neighbour id, outbox and suppression keys). */
  addressKey: string;
  neighbour: NeighbourRecord | null;
  /** The neighbour's answers to and attendance of buurtbabbels. */
  buurtbabbelAnswers: GuestRecord[];
  /** Where the address represents a partner. */
  representativeOf: { partnerId: string; partnerName: string; representative: Representative }[];
  /** Where the address is a partner's contact address (the organisation's, kept on erasure). */
  partnerContactOf: { partnerId: string; partnerName: string }[];
  suppression: Suppression | null;
  calendarFeeds: { viewerId: string; role: string; partnerId?: string; createdAt: string }[];
  /** Outbox copies of emails to the address: status, kind and when, as kept until they expire. */
  outboxCopies: { dispatchId: string; kind: string; status: string; createdAt: string; sentAt?: string; payload: unknown }[];
  /** Outbox dispatches not yet expanded that name the address as a recipient. */
  pendingDispatches: { dispatchId: string; kind: string; createdAt: string }[];
}

export interface ErasureReport {
  /** True when anything was stored about the address (apart from an earlier erasure's hash). */
  erased: boolean;
}

/** What one run of the retention step did, in counts (no personal data). */
export interface RetentionReport {
  /** Opted-out contacts whose details were removed, their hash kept on the suppression list. */
  neighboursShrunk: number;
  /** Due contacts kept whole: their address is a partner's (or has a calendar feed), or they opted in meanwhile. */
  neighboursKept: number;
}

/** An attendee as a payload lists it (a meeting invitation lists everyone invited, with address and name). */
export interface PayloadAttendee {
  email: string;
}

/**
 * A payload's attendee list without the address, or undefined when it does not name it (or has no
 * list). A meeting invitation's payload names every invitee, also those it is not sent to.
 */
export function attendeesWithout(payload: unknown, addressKey: string, keyOf: (email: string) => string): PayloadAttendee[] | undefined {
  const attendees = (payload as { attendees?: unknown } | null | undefined)?.attendees;
  if (!Array.isArray(attendees)) return undefined;
  const kept = (attendees as PayloadAttendee[]).filter(
    (attendee) => typeof attendee?.email !== 'string' || keyOf(attendee.email) !== addressKey,
  );
  return kept.length === attendees.length ? undefined : kept;
}

/** The partner without the representative who has this address; undefined when none has it. */
export function withoutRepresentative(partner: PartnerRecord, addressKey: string, keyOf: (email: string) => string, at: string) {
  const kept = partner.representatives.filter((rep) => keyOf(rep.email) !== addressKey);
  if (kept.length === partner.representatives.length) return undefined;
  return { ...partner, representatives: kept, version: partner.version + 1, updatedAt: at };
}

/**
 * The buurtbabbel once an erased neighbour's guest record is gone: off the waiting list (whose count
 * drops by one); every other count stays, as history without the person. Undefined when unchanged.
 */
export function withoutWaitingGuest(buurtbabbel: BuurtbabbelRecord, guest: GuestRecord, at: string): BuurtbabbelRecord | undefined {
  if (!buurtbabbel.waitingList.includes(guest.neighbourId)) return undefined;
  return {
    ...buurtbabbel,
    waitingList: buurtbabbel.waitingList.filter((id) => id !== guest.neighbourId),
    counts: { ...buurtbabbel.counts, waiting: Math.max(0, buurtbabbel.counts.waiting - 1) },
    version: buurtbabbel.version + 1,
    updatedAt: at,
  };
}
