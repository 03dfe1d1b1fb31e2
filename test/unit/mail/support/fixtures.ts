import type { MeetingCalendarEvent } from '../../../../functions/mail/calendar/meeting-calendar';

/** Thursday 3 December 2026, 19:30–21:30 in Ghent (CET, UTC+1). */
export const WINTER_START = new Date('2026-12-03T18:30:00Z');
export const WINTER_END = new Date('2026-12-03T20:30:00Z');
/** Saturday 4 July 2026, 10:00–12:00 in Ghent (CEST, UTC+2). */
export const SUMMER_START = new Date('2026-07-04T08:00:00Z');
export const SUMMER_END = new Date('2026-07-04T10:00:00Z');
export const STAMP = new Date('2026-11-20T09:15:42Z');

export function meetingEvent(overrides: Partial<MeetingCalendarEvent> = {}): MeetingCalendarEvent {
  return {
    uid: 'meeting-01HZX8@destek.local',
    sequence: 0,
    title: 'Overleg De Stek',
    description: 'Thema’s: buurtbabbel, nieuwe projecten.\nEr is ook ruimte voor open space.',
    location: 'Sint-Pietersaalststraat 12, 9000 Gent',
    startsAt: WINTER_START,
    endsAt: WINTER_END,
    status: 'CONFIRMED',
    organizer: { name: 'Locon De Stek', email: 'overleg@destek.local' },
    attendees: [
      { email: 'jan@example.org', name: 'Jan Peeters', partstat: 'NEEDS-ACTION' },
      { email: 'an@example.org', name: 'An De Smet', partstat: 'ACCEPTED' },
      { email: 'piet@example.org', partstat: 'TENTATIVE' },
      { email: 'els@example.org', name: 'Els', partstat: 'DECLINED' },
    ],
    url: 'https://destek.local/vergaderingen/01HZX8',
    ...overrides,
  };
}

/** A plain invitation mail, the same wherever it is rendered. */
export const winterInvitationEmail = {
  kind: 'invitation' as const,
  partnerName: 'Schakel vzw',
  title: 'Overleg De Stek',
  startsAt: WINTER_START,
  endsAt: WINTER_END,
  location: 'Gent',
  themes: [],
};
