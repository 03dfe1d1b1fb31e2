import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from '../../shared/time-zone';
import type { MeetingRecord, RsvpResponse } from './meeting';

/**
 * The reminders around a meeting (pure). Each is an item beside the meeting, written by the change
 * that makes it due (scheduled, rescheduled, held) and removed by the change that voids it
 * (rescheduled, cancelled, held, the next date agreed); the send-meeting-reminders job finds the
 * due ones by key and sends each once.
 *
 * - `agenda`: the agenda with the .ics again, to every invited partner, N days before the start;
 * - `day`: on the meeting day, to those who accepted or did not answer;
 * - `minutes-3`, `minutes-7`: to the coordinator, 3 and 7 days after a meeting still not HELD;
 * - `next-date`: to the coordinator, the day after a HELD meeting at which no next one was agreed.
 */
export const meetingReminderKinds = ['agenda', 'day', 'minutes-3', 'minutes-7', 'next-date'] as const;

export type MeetingReminderKind = (typeof meetingReminderKinds)[number];

/** The kinds a planned meeting has: all but `next-date`. */
const plannedKinds: readonly MeetingReminderKind[] = ['agenda', 'day', 'minutes-3', 'minutes-7'];

export interface MeetingReminderSettings {
  /** The agenda goes out this many days before the start (MEETING_AGENDA_REMINDER_DAYS). */
  agendaDaysBefore: number;
  /** Local time (HH:mm, Europe/Brussels) of the day's reminder and of the coordinator's (MEETING_DAY_REMINDER_TIME). */
  dayTime: string;
}

export const defaultMeetingReminderSettings: MeetingReminderSettings = { agendaDaysBefore: 3, dayTime: '08:00' };

/** A reminder as stored beside its meeting. */
export interface MeetingReminderRecord {
  meetingId: string;
  kind: MeetingReminderKind;
  /** UTC ISO instant it is due. */
  dueAt: string;
  /** The meeting's start it was written for: a reminder for another time is void. */
  startsAt: string;
  /** The meeting's version that wrote it; names its dispatch, so a rewritten reminder is a new mail. */
  meetingVersion: number;
  status: 'PENDING' | 'SENT' | 'VOID';
  writtenAt: string;
  sentAt?: string;
}

export interface PlannedReminder {
  kind: MeetingReminderKind;
  dueAt: Date;
}

/** The reminder writes a change of a meeting causes: reminders to (re)write and kinds to void. */
export interface ReminderChanges {
  put: PlannedReminder[];
  void: MeetingReminderKind[];
}

const hourMs = 3600_000;

/** `time` (HH:mm) in Brussels on the local day of `instant` plus `dayOffset` days. */
export function localTimeOnDay(instant: Date, dayOffset: number, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromJSDate(instant, { zone: LOCAL_TIME_ZONE }).startOf('day').plus({ days: dayOffset }).set({ hour, minute }).toJSDate();
}

/**
 * The reminders of a planned meeting. The agenda goes out exactly N days before the start (when
 * topics close by default); the day's reminder at the set time, or an hour before an early start.
 * The partners' reminders whose moment has passed are not written: the invitation or update that
 * just went out says the same.
 */
export function remindersOfPlanned(
  meeting: Pick<MeetingRecord, 'startsAt'>,
  settings: MeetingReminderSettings,
  now: Date,
): PlannedReminder[] {
  const startsAt = new Date(meeting.startsAt);
  const agenda = new Date(startsAt.getTime() - settings.agendaDaysBefore * 24 * hourMs);
  const dayAt = localTimeOnDay(startsAt, 0, settings.dayTime);
  const day = new Date(Math.min(dayAt.getTime(), startsAt.getTime() - hourMs));
  const reminders: PlannedReminder[] = [
    { kind: 'agenda', dueAt: agenda },
    { kind: 'day', dueAt: day },
    { kind: 'minutes-3', dueAt: localTimeOnDay(startsAt, 3, settings.dayTime) },
    { kind: 'minutes-7', dueAt: localTimeOnDay(startsAt, 7, settings.dayTime) },
  ];
  return reminders.filter((reminder) => reminder.kind.startsWith('minutes') || reminder.dueAt.getTime() > now.getTime());
}

/** The coordinator's reminder after a held meeting without a next date: the morning after the meeting (or after its outcome, if later). */
export function nextDateReminder(meeting: Pick<MeetingRecord, 'startsAt'>, settings: MeetingReminderSettings, now: Date): PlannedReminder {
  const later = Math.max(new Date(meeting.startsAt).getTime(), now.getTime());
  return { kind: 'next-date', dueAt: localTimeOnDay(new Date(later), 1, settings.dayTime) };
}

/**
 * What a change of a meeting (`before` undefined: a new meeting) does to its reminders: a new
 * time rewrites them (the old ones are void), a cancellation voids them all, holding the meeting
 * voids the planned ones and, without a next meeting, asks for the next date; agreeing a next
 * meeting voids that.
 */
export function reminderChanges(
  before: MeetingRecord | undefined,
  after: MeetingRecord,
  settings: MeetingReminderSettings,
  now: Date,
): ReminderChanges {
  if (after.status === 'CANCELLED') {
    return before && before.status !== 'CANCELLED' ? { put: [], void: [...meetingReminderKinds] } : { put: [], void: [] };
  }
  if (after.status === 'PLANNED') {
    if (before && before.startsAt === after.startsAt && before.status === 'PLANNED') return { put: [], void: [] };
    const put = remindersOfPlanned(after, settings, now);
    const kept = new Set(put.map((reminder) => reminder.kind));
    return { put, void: before ? plannedKinds.filter((kind) => !kept.has(kind)) : [] };
  }
  // HELD
  if (!before || before.status !== 'HELD') {
    return { put: after.nextMeetingId ? [] : [nextDateReminder(after, settings, now)], void: [...plannedKinds] };
  }
  if (!before.nextMeetingId && after.nextMeetingId) return { put: [], void: ['next-date'] };
  return { put: [], void: [] };
}

/** Whether a due reminder still says something true of the meeting as it now stands. */
export function reminderStillApplies(reminder: MeetingReminderRecord, meeting: MeetingRecord | undefined, now: Date): boolean {
  if (!meeting) return false;
  if (reminder.kind === 'next-date') return meeting.status === 'HELD' && !meeting.nextMeetingId;
  if (meeting.status !== 'PLANNED' || meeting.startsAt !== reminder.startsAt) return false;
  // An agenda or a reminder of the day after the start (the job was down) would only confuse.
  if (reminder.kind === 'agenda' || reminder.kind === 'day') return now.getTime() < new Date(meeting.startsAt).getTime();
  return true;
}

/** The meeting status a reminder is sent for (the job's write is conditional on it). */
export function statusFor(kind: MeetingReminderKind): MeetingRecord['status'] {
  return kind === 'next-date' ? 'HELD' : 'PLANNED';
}

const dayReminderResponses: ReadonlySet<RsvpResponse> = new Set(['ACCEPTED', 'NEEDS_ACTION']);

/** The partners a partner reminder goes to: the agenda to all invited, the day's to who accepted or did not answer. */
export function partnerReminderRecipients(kind: 'agenda' | 'day', meeting: MeetingRecord): string[] {
  const invitations = Object.values(meeting.invitations);
  return (kind === 'agenda' ? invitations : invitations.filter((invitation) => dayReminderResponses.has(invitation.response))).map(
    (invitation) => invitation.partnerId,
  );
}

/** Days between the meeting's local day and the reminder's (3 or 7 for the minutes reminders). */
export function daysAfterMeeting(kind: MeetingReminderKind): number {
  return kind === 'minutes-7' ? 7 : kind === 'minutes-3' ? 3 : 1;
}
