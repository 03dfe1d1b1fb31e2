import type { MeetingRecord } from '../../../functions/modules/meetings/meeting';
import {
  defaultMeetingReminderSettings as settings,
  localTimeOnDay,
  reminderChanges,
  reminderStillApplies,
  remindersOfPlanned,
  type MeetingReminderRecord,
} from '../../../functions/modules/meetings/meeting-reminders';

function meeting(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: 'm1',
    title: 'Overleg',
    startsAt: '2026-12-10T18:30:00.000Z',
    endsAt: '2026-12-10T20:30:00.000Z',
    location: 'Buurthuis',
    status: 'PLANNED',
    themes: [],
    agenda: [],
    invitations: {},
    attendance: [],
    sequence: 0,
    version: 1,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

const iso = (reminders: { kind: string; dueAt: Date }[]) => Object.fromEntries(reminders.map((r) => [r.kind, r.dueAt.toISOString()]));
const now = new Date('2026-12-01T09:00:00Z');

describe('meeting reminders: when they fall due', () => {
  it('puts the agenda N days before the start, the day and the coordinator at the local time (winter and summer)', () => {
    expect(iso(remindersOfPlanned(meeting(), settings, now))).toEqual({
      agenda: '2026-12-07T18:30:00.000Z',
      day: '2026-12-10T07:00:00.000Z',
      'minutes-3': '2026-12-13T07:00:00.000Z',
      'minutes-7': '2026-12-17T07:00:00.000Z',
    });
    // Summer time: 08:00 in Brussels is 06:00 UTC; the minutes reminder after the switch to winter time is at 07:00 UTC.
    expect(localTimeOnDay(new Date('2027-10-28T17:30:00Z'), 0, '08:00').toISOString()).toBe('2027-10-28T06:00:00.000Z');
    expect(localTimeOnDay(new Date('2027-10-28T17:30:00Z'), 3, '08:00').toISOString()).toBe('2027-10-31T07:00:00.000Z');
  });

  it('reminds an hour before an early meeting, and writes no partner reminder whose moment has passed', () => {
    const early = meeting({ startsAt: '2026-12-03T07:30:00.000Z', endsAt: '2026-12-03T09:00:00.000Z' });
    expect(iso(remindersOfPlanned(early, { agendaDaysBefore: 3, dayTime: '09:00' }, now))).toEqual({
      day: '2026-12-03T06:30:00.000Z',
      'minutes-3': '2026-12-06T08:00:00.000Z',
      'minutes-7': '2026-12-10T08:00:00.000Z',
    });
  });
});

describe('meeting reminders: what a change does to them', () => {
  it('rewrites them for a new time and voids nothing else; a change without a new time touches none', () => {
    const before = meeting();
    const moved = meeting({ startsAt: '2026-12-14T18:30:00.000Z', endsAt: '2026-12-14T20:30:00.000Z', version: 2 });
    expect(reminderChanges(before, moved, settings, now)).toEqual({
      put: expect.arrayContaining([expect.objectContaining({ kind: 'agenda', dueAt: new Date('2026-12-11T18:30:00.000Z') })]),
      void: [],
    });
    expect(reminderChanges(before, meeting({ location: 'Elders', sequence: 1 }), settings, now)).toEqual({ put: [], void: [] });
  });

  it('voids the agenda when a meeting moves too close for it', () => {
    const moved = meeting({ startsAt: '2026-12-02T18:30:00.000Z', endsAt: '2026-12-02T20:30:00.000Z' });
    expect(reminderChanges(meeting(), moved, settings, now).void).toEqual(['agenda']);
  });

  it('voids all on cancellation; on HELD the planned ones, asking for a next date unless one was agreed', () => {
    expect(reminderChanges(meeting(), meeting({ status: 'CANCELLED' }), settings, now)).toEqual({
      put: [],
      void: ['agenda', 'day', 'minutes-3', 'minutes-7', 'next-date'],
    });
    const heldAt = new Date('2026-12-11T09:00:00Z');
    expect(reminderChanges(meeting(), meeting({ status: 'HELD' }), settings, heldAt)).toEqual({
      put: [{ kind: 'next-date', dueAt: new Date('2026-12-12T07:00:00.000Z') }],
      void: ['agenda', 'day', 'minutes-3', 'minutes-7'],
    });
    expect(reminderChanges(meeting(), meeting({ status: 'HELD', nextMeetingId: 'm2' }), settings, heldAt).put).toEqual([]);
    expect(reminderChanges(meeting({ status: 'HELD' }), meeting({ status: 'HELD', nextMeetingId: 'm2' }), settings, heldAt)).toEqual({
      put: [],
      void: ['next-date'],
    });
  });

  it('finds a reminder void when its meeting moved, was cancelled, held, or started before it was sent', () => {
    const reminder: MeetingReminderRecord = {
      meetingId: 'm1',
      kind: 'agenda',
      dueAt: '2026-12-07T18:30:00.000Z',
      startsAt: '2026-12-10T18:30:00.000Z',
      meetingVersion: 1,
      status: 'PENDING',
      writtenAt: now.toISOString(),
    };
    const due = new Date('2026-12-07T18:30:00Z');
    expect(reminderStillApplies(reminder, meeting(), due)).toBe(true);
    expect(reminderStillApplies(reminder, meeting({ startsAt: '2026-12-14T18:30:00.000Z' }), due)).toBe(false);
    expect(reminderStillApplies(reminder, meeting({ status: 'CANCELLED' }), due)).toBe(false);
    expect(reminderStillApplies(reminder, meeting(), new Date('2026-12-10T19:00:00Z'))).toBe(false);
    expect(reminderStillApplies({ ...reminder, kind: 'minutes-3' }, meeting(), new Date('2026-12-13T07:00:00Z'))).toBe(true);
    expect(reminderStillApplies({ ...reminder, kind: 'minutes-3' }, meeting({ status: 'HELD' }), new Date('2026-12-13T07:00:00Z'))).toBe(
      false,
    );
    expect(reminderStillApplies({ ...reminder, kind: 'next-date' }, meeting({ status: 'HELD', nextMeetingId: 'm2' }), due)).toBe(false);
  });
});
