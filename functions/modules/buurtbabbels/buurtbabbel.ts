import { DateTime } from 'luxon';
import type { UserErrorEntry } from '../../shared/errors';
import { LOCAL_TIME_ZONE } from '../../shared/time-zone';
import { checkText, compact } from '../../shared/validation';

/**
 * A buurtbabbel (neighbourhood chat): De Stek invites the entrepreneurs around the
 * Sint-Pietersaalststraat to get to know each other. Pure types and rules; no I/O here.
 */
export type BuurtbabbelStatus = 'PLANNED' | 'CANCELLED';
/** What a neighbour answers through the links in the invitation. */
export type BuurtbabbelAnswer = 'YES' | 'NO' | 'MAYBE';
/** Where an answer puts a guest: a yes becomes WAITING once the maximum is reached. */
export type GuestStatus = 'ACCEPTED' | 'DECLINED' | 'MAYBE' | 'WAITING';
/** The mailing rounds a buurtbabbel goes through, in this order. */
export type BuurtbabbelRound = 'INVITATIONS' | 'REMINDERS';

export interface BuurtbabbelCounts {
  invited: number;
  accepted: number;
  declined: number;
  maybe: number;
  waiting: number;
  attended: number;
}

export interface BuurtbabbelRecord {
  id: string;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  location: string;
  /** The partner who hosts it; none when Schakel vzw hosts it itself. */
  hostPartnerId?: string;
  maxGuests?: number;
  invitationDaysBefore: number;
  /** When the invitation round goes out (startsAt minus invitationDaysBefore days). */
  invitationsAt: string;
  status: BuurtbabbelStatus;
  /** Kept up to date with every answer, so that reading them never counts. */
  counts: BuurtbabbelCounts;
  /** Neighbour ids that said yes after the maximum was reached, first come first. */
  waitingList: string[];
  /** The round waiting on the due index; none once every round is done (or cancelled). */
  nextRound?: BuurtbabbelRound;
  nextRoundAt?: string;
  invitationsSentAt?: string;
  remindersSentAt?: string;
  attendanceRecordedAt?: string;
  cancelReason?: string;
  /** iCalendar SEQUENCE of the event in guests' calendars. */
  sequence: number;
  /** Raised by every change (answers included): the condition of every write. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One neighbour's answer to, and attendance of, one buurtbabbel. */
export interface GuestRecord {
  buurtbabbelId: string;
  neighbourId: string;
  /** Absent for someone who came without having answered. */
  status?: GuestStatus;
  answeredAt?: string;
  attended: boolean;
  /** The buurtbabbel's start, for the neighbour's history in time order. */
  startsAt: string;
  /** When this neighbour was last mailed about their answer (confirmation, waiting list, a freed seat): the rate limit. */
  answerMailsAt?: string[];
  version: number;
}

export const defaultInvitationDaysBefore = 14;
/** Reminders go out this many days before, at the buurtbabbel's clock time. */
export const reminderDaysBefore = 2;
export const maxBuurtbabbelHours = 12;

export function emptyCounts(): BuurtbabbelCounts {
  return { invited: 0, accepted: 0, declined: 0, maybe: 0, waiting: 0, attended: 0 };
}

export interface ScheduleBuurtbabbelFields {
  startsAt: Date;
  endsAt: Date;
  location: string;
  maxGuests?: number | null;
  invitationDaysBefore?: number | null;
}

export function validateBuurtbabbel(input: ScheduleBuurtbabbelFields, now: Date): UserErrorEntry[] {
  const errors = compact([checkText(input.location, ['input', 'location'], 'De plaats', 300)]);
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    errors.push({ field: ['input', 'endsAt'], code: 'END_BEFORE_START', message: 'Het einde moet na het begin liggen.' });
  } else if (input.endsAt.getTime() - input.startsAt.getTime() > maxBuurtbabbelHours * 3600_000) {
    errors.push({ field: ['input', 'endsAt'], code: 'TOO_LONG', message: `Een buurtbabbel duurt hoogstens ${maxBuurtbabbelHours} uur.` });
  }
  if (input.startsAt.getTime() <= now.getTime()) {
    errors.push({ field: ['input', 'startsAt'], code: 'START_IN_PAST', message: 'Het begin moet in de toekomst liggen.' });
  }
  if (input.maxGuests != null && (!Number.isInteger(input.maxGuests) || input.maxGuests < 1 || input.maxGuests > 1000)) {
    errors.push({
      field: ['input', 'maxGuests'],
      code: 'INVALID_MAX_GUESTS',
      message: 'Het maximum aantal gasten moet een geheel getal tussen 1 en 1000 zijn.',
    });
  }
  const days = input.invitationDaysBefore;
  if (days != null && (!Number.isInteger(days) || days < 0 || days > 90)) {
    errors.push({
      field: ['input', 'invitationDaysBefore'],
      code: 'INVALID_DAYS_BEFORE',
      message: 'De uitnodigingen vertrekken 0 tot 90 dagen op voorhand.',
    });
  }
  return errors;
}

/**
 * When invitations go out: `daysBefore` calendar days before, at the same Brussels clock time (also
 * across a change to or from summer time). A moment already past means: at the next run of the job.
 */
export function invitationMoment(startsAt: Date, daysBefore: number): Date {
  return DateTime.fromJSDate(startsAt, { zone: LOCAL_TIME_ZONE }).minus({ days: daysBefore }).toJSDate();
}

/**
 * The round that follows a finished one: reminders two days before, unless the invitations
 * themselves went out after that moment (then nobody needs reminding of a mail that just came).
 */
export function roundAfter(
  buurtbabbel: BuurtbabbelRecord,
  finished: BuurtbabbelRound,
  now: Date,
): { round: BuurtbabbelRound; dueAt: Date } | undefined {
  if (finished !== 'INVITATIONS') return undefined;
  const remindAt = invitationMoment(new Date(buurtbabbel.startsAt), reminderDaysBefore);
  return remindAt.getTime() > now.getTime() ? { round: 'REMINDERS', dueAt: remindAt } : undefined;
}

export function isOpenForAnswers(buurtbabbel: BuurtbabbelRecord, now: Date): UserErrorEntry | undefined {
  if (buurtbabbel.status === 'CANCELLED') return { code: 'CANCELLED', message: 'Deze buurtbabbel gaat niet door.' };
  if (new Date(buurtbabbel.startsAt).getTime() <= now.getTime())
    return { code: 'ALREADY_STARTED', message: 'Deze buurtbabbel is al begonnen.' };
  return undefined;
}

/** Which email an answer brings: a confirmation with the .ics, or the news of the waiting list. */
export type AnswerEmail = 'accepted' | 'waiting' | 'promoted';

export interface AnswerOutcome {
  status: GuestStatus;
  counts: BuurtbabbelCounts;
  waitingList: string[];
  /** The first on the waiting list, who gets the seat this answer freed. */
  promotedNeighbourId?: string;
  email?: AnswerEmail;
}

const bucket: Record<GuestStatus, keyof BuurtbabbelCounts> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  MAYBE: 'maybe',
  WAITING: 'waiting',
};

/**
 * What an answer changes (pure): the guest's status, the counts, the waiting list, and who hears
 * of it. Undefined when the answer changes nothing (the same answer twice).
 */
export function decideAnswer(
  buurtbabbel: BuurtbabbelRecord,
  previous: GuestStatus | undefined,
  answer: BuurtbabbelAnswer,
  neighbourId: string,
): AnswerOutcome | undefined {
  const counts = { ...buurtbabbel.counts };
  let waitingList = buurtbabbel.waitingList.filter((id) => id !== neighbourId);
  let status: GuestStatus;
  if (answer === 'YES') {
    if (previous === 'ACCEPTED' || previous === 'WAITING') return undefined;
    const full = buurtbabbel.maxGuests !== undefined && counts.accepted >= buurtbabbel.maxGuests;
    status = full ? 'WAITING' : 'ACCEPTED';
  } else {
    status = answer === 'NO' ? 'DECLINED' : 'MAYBE';
    if (previous === status) return undefined;
  }
  if (previous) counts[bucket[previous]] -= 1;
  counts[bucket[status]] += 1;
  if (status === 'WAITING') waitingList = [...waitingList, neighbourId];

  let promotedNeighbourId: string | undefined;
  const seatFreed = previous === 'ACCEPTED';
  if (seatFreed && waitingList.length > 0 && (buurtbabbel.maxGuests === undefined || counts.accepted < buurtbabbel.maxGuests)) {
    [promotedNeighbourId, ...waitingList] = waitingList;
    counts.waiting -= 1;
    counts.accepted += 1;
  }
  const email: AnswerEmail | undefined = status === 'ACCEPTED' ? 'accepted' : status === 'WAITING' ? 'waiting' : undefined;
  return { status, counts, waitingList, ...(promotedNeighbourId ? { promotedNeighbourId } : {}), ...(email ? { email } : {}) };
}

/**
 * A neighbour flipping yes/no (or a replayed link) gets at most this many answer mails per
 * buurtbabbel in 24 hours; the answers themselves are all recorded (docs/security.md, T6).
 */
export const maxAnswerMailsPerDay = 3;
const answerMailWindowMs = 86_400_000;

/** The answer mails of the last 24 hours, or with `now` added when one more is allowed; undefined when the limit is reached. */
export function nextAnswerMails(sent: readonly string[] | undefined, now: Date): string[] | undefined {
  const recent = (sent ?? []).filter((at) => now.getTime() - new Date(at).getTime() < answerMailWindowMs);
  return recent.length < maxAnswerMailsPerDay ? [...recent, now.toISOString()] : undefined;
}
