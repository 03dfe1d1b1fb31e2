import type { UserErrorEntry } from '../../shared/errors';
import { checkText, cleanList, compact } from '../../shared/validation';

/** A network meeting (overlegvergadering) as stored. Pure types and rules; no I/O here. */
export type MeetingStatus = 'PLANNED' | 'HELD' | 'CANCELLED';
export type RsvpResponse = 'NEEDS_ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export interface InvitationRecord {
  partnerId: string;
  response: RsvpResponse;
  invitedAt: string;
  respondedAt?: string;
}

export interface AgendaItemRecord {
  id: string;
  title: string;
  projectId?: string;
  /** Set on the item that brings a project's consolidation review to the meeting. */
  reviewNumber?: number;
  /** Set on the item of a matrix session held at this meeting. */
  matrixSessionId?: string;
}

export interface MeetingRecord {
  id: string;
  title: string;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  location: string;
  status: MeetingStatus;
  themes: string[];
  agenda: AgendaItemRecord[];
  /** Keyed by partner id, so one answer updates one map entry without rewriting the others. */
  invitations: Record<string, InvitationRecord>;
  minutes?: string;
  attendance: string[];
  cancelReason?: string;
  previousMeetingId?: string;
  nextMeetingId?: string;
  /** iCalendar SEQUENCE: raised when time, place or status change. */
  sequence: number;
  /**
   * The SEQUENCE at which the meeting got its current time (0 when scheduled). A calendar reply to
   * a version from this one on answered the same time, so it still counts. Absent on meetings
   * stored before it was kept: then only a reply to the current SEQUENCE counts.
   */
  timeChangedAtSequence?: number;
  /** Optimistic-concurrency version: raised by every change made by a coordinator. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const maxMeetingHours = 12;

export function validateTimes(startsAt: Date, endsAt: Date, now: Date): UserErrorEntry[] {
  const errors: UserErrorEntry[] = [];
  if (endsAt.getTime() <= startsAt.getTime()) {
    errors.push({ field: ['input', 'endsAt'], code: 'END_BEFORE_START', message: 'Het einde moet na het begin liggen.' });
  } else if (endsAt.getTime() - startsAt.getTime() > maxMeetingHours * 3600_000) {
    errors.push({ field: ['input', 'endsAt'], code: 'TOO_LONG', message: `Een vergadering duurt hoogstens ${maxMeetingHours} uur.` });
  }
  if (startsAt.getTime() <= now.getTime()) {
    errors.push({ field: ['input', 'startsAt'], code: 'START_IN_PAST', message: 'Het begin moet in de toekomst liggen.' });
  }
  return errors;
}

export interface ScheduleFields {
  title: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  themes?: string[] | null;
}

export function validateSchedule(input: ScheduleFields, now: Date): UserErrorEntry[] {
  const themeErrors = (input.themes ?? []).map((theme, index) => checkText(theme, ['input', 'themes', String(index)], 'Een thema', 200));
  return [
    ...compact([
      checkText(input.title, ['input', 'title'], 'De titel', 200),
      checkText(input.location, ['input', 'location'], 'De plaats', 300),
      ...themeErrors,
    ]),
    ...validateTimes(input.startsAt, input.endsAt, now),
  ];
}

/** Standing themes first, then this meeting's own topics, without duplicates. */
export function composeThemes(standing: readonly string[], own: readonly string[] | null | undefined): string[] {
  return cleanList([...standing, ...(own ?? [])]);
}

export function isOpenForChanges(meeting: MeetingRecord): UserErrorEntry | undefined {
  if (meeting.status === 'CANCELLED')
    return { field: ['input', 'id'], code: 'MEETING_CANCELLED', message: 'Deze vergadering is geannuleerd.' };
  if (meeting.status === 'HELD')
    return { field: ['input', 'id'], code: 'MEETING_HELD', message: 'Deze vergadering heeft al plaatsgevonden.' };
  return undefined;
}

export function newInvitations(partnerIds: readonly string[], at: string): Record<string, InvitationRecord> {
  return Object.fromEntries(partnerIds.map((partnerId) => [partnerId, { partnerId, response: 'NEEDS_ACTION' as const, invitedAt: at }]));
}

/** Invitations in a stable order: as invited, then by partner id. */
export function invitationList(meeting: MeetingRecord): InvitationRecord[] {
  return Object.values(meeting.invitations).sort(
    (a, b) => a.invitedAt.localeCompare(b.invitedAt) || a.partnerId.localeCompare(b.partnerId),
  );
}

const partstatByResponse: Record<RsvpResponse, 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE'> = {
  NEEDS_ACTION: 'NEEDS-ACTION',
  ACCEPTED: 'ACCEPTED',
  DECLINED: 'DECLINED',
  TENTATIVE: 'TENTATIVE',
};

export function toPartstat(response: RsvpResponse) {
  return partstatByResponse[response];
}
