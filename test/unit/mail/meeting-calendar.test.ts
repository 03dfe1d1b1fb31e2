import { buildCalendarFeedIcs, buildMeetingInvitationIcs } from '../../../functions/mail/calendar/meeting-calendar';
import { parseIcs } from '../../support/parse-ics';
import { runUnderTimeZone } from './support/run-under-time-zone';
import { meetingEvent, STAMP, SUMMER_END, SUMMER_START, WINTER_END, WINTER_START } from './support/fixtures';

function invitation(overrides: Parameters<typeof meetingEvent>[0] = {}, method: 'REQUEST' | 'CANCEL' = 'REQUEST'): string {
  return buildMeetingInvitationIcs({ method, stamp: STAMP, event: meetingEvent(overrides) });
}

function lines(ics: string): string[] {
  return ics.split('\r\n');
}

describe('buildMeetingInvitationIcs', () => {
  it('writes one REQUEST event with the given UID, SEQUENCE, organizer and status', () => {
    const parsed = parseIcs(invitation({ sequence: 3 }));

    expect(parsed.method).toBe('REQUEST');
    expect(parsed.prodId).toBe('-//Schakel vzw//Locon De Stek//NL');
    expect(parsed.events).toHaveLength(1);
    const [event] = parsed.events;
    expect(event.uid).toBe('meeting-01HZX8@destek.local');
    expect(event.sequence).toBe(3);
    expect(event.status).toBe('CONFIRMED');
    expect(event.summary).toBe('Overleg De Stek');
    expect(event.location).toBe('Sint-Pietersaalststraat 12, 9000 Gent');
    expect(event.url).toBe('https://destek.local/vergaderingen/01HZX8');
    expect(event.organizer).toEqual({ value: 'mailto:overleg@destek.local', cn: 'Locon De Stek' });
  });

  it('lists every attendee with PARTSTAT, RSVP=TRUE, ROLE=REQ-PARTICIPANT and CN only when named', () => {
    const [event] = parseIcs(invitation()).events;

    expect(event.attendees).toEqual([
      { value: 'MAILTO:jan@example.org', cn: 'Jan Peeters', partstat: 'NEEDS-ACTION', rsvp: 'TRUE', role: 'REQ-PARTICIPANT' },
      { value: 'MAILTO:an@example.org', cn: 'An De Smet', partstat: 'ACCEPTED', rsvp: 'TRUE', role: 'REQ-PARTICIPANT' },
      { value: 'MAILTO:piet@example.org', cn: null, partstat: 'TENTATIVE', rsvp: 'TRUE', role: 'REQ-PARTICIPANT' },
      { value: 'MAILTO:els@example.org', cn: 'Els', partstat: 'DECLINED', rsvp: 'TRUE', role: 'REQ-PARTICIPANT' },
    ]);
  });

  it('writes start and end in Europe/Brussels with a matching VTIMEZONE, for winter and summer time', () => {
    const winter = invitation();
    expect(lines(winter)).toContain('DTSTART;TZID=Europe/Brussels:20261203T193000');
    expect(lines(winter)).toContain('DTEND;TZID=Europe/Brussels:20261203T213000');
    const summer = invitation({ startsAt: SUMMER_START, endsAt: SUMMER_END });
    expect(lines(summer)).toContain('DTSTART;TZID=Europe/Brussels:20260704T100000');

    for (const [ics, start, end] of [
      [winter, WINTER_START, WINTER_END],
      [summer, SUMMER_START, SUMMER_END],
    ] as const) {
      const parsed = parseIcs(ics);
      expect(parsed.timezones).toEqual(['Europe/Brussels']);
      expect(parsed.events[0].startTzid).toBe('Europe/Brussels');
      expect(parsed.events[0].endTzid).toBe('Europe/Brussels');
      expect(parsed.events[0].start.toISOString()).toBe(start.toISOString());
      expect(parsed.events[0].end.toISOString()).toBe(end.toISOString());
    }
  });

  // ical-generator prints a plain Date given with a timezone in the server's own local time;
  // the builder must give the same text on a server in any zone (Lambda runs in UTC).
  it.each([
    ['America/New_York', 300],
    ['Asia/Tokyo', -540],
    ['UTC', 0],
  ])('produces the same text and instants when the server runs in %s', (tz, offsetMinutes) => {
    const reference = invitation();
    const feed = buildCalendarFeedIcs({
      name: 'Feed',
      stamp: STAMP,
      events: [meetingEvent(), meetingEvent({ uid: 'summer@destek.local', startsAt: SUMMER_START, endsAt: SUMMER_END })],
    });
    const child = runUnderTimeZone(tz);

    // Guards the test itself: if TZ did not take effect, the comparison proves nothing.
    expect(child.offsetMinutes).toBe(offsetMinutes);
    expect(child.invitation).toBe(reference);
    expect(child.feed).toBe(feed);
    const [event] = parseIcs(child.invitation).events;
    expect(event.start.toISOString()).toBe(WINTER_START.toISOString());
    expect(event.end.toISOString()).toBe(WINTER_END.toISOString());
    expect(parseIcs(child.feed).events[1].start.toISOString()).toBe(SUMMER_START.toISOString());
  });

  it('writes DTSTAMP in UTC with a Z', () => {
    const ics = invitation();
    expect(lines(ics)).toContain('DTSTAMP:20261120T091542Z');
    const [event] = parseIcs(ics).events;
    expect(event.stampIsUtc).toBe(true);
    expect(event.stamp.toISOString()).toBe(STAMP.toISOString());
  });

  it('uses CRLF for every line and ends with a CRLF', () => {
    const ics = invitation();
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).not.toMatch(/\r(?!\n)/);
  });

  it('folds long lines at 75 octets without breaking multi-byte characters', () => {
    const description = `Agenda: ${'café, crème brûlée en 🎉 feest; '.repeat(12)}einde`;
    const title = `Overleg met een heel lange titel over de toekomst van de buurt rond de Sint-Pietersaalststraat – ${'é'.repeat(40)}`;
    const ics = invitation({
      description,
      title,
      attendees: [
        { email: 'jan@example.org', name: 'Jan Peeters-Van den Broeck de Wittewaal van Sint-Amandsberg', partstat: 'NEEDS-ACTION' },
      ],
    });

    const physical = lines(ics);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const [event] = parseIcs(ics).events;
    expect(event.description).toBe(description);
    expect(event.summary).toBe(title);
    expect(event.attendees[0].cn).toBe('Jan Peeters-Van den Broeck de Wittewaal van Sint-Amandsberg');
  });

  it('escapes text values so commas, semicolons and line breaks survive', () => {
    const ics = invitation({ title: 'Overleg; thema’s, projecten', description: 'Regel 1\nRegel 2, met; tekens\\' });
    const [event] = parseIcs(ics).events;
    expect(event.summary).toBe('Overleg; thema’s, projecten');
    expect(event.description).toBe('Regel 1\nRegel 2, met; tekens\\');
  });

  it('replaces double quotes and line breaks in names, which a quoted CN cannot hold', () => {
    const ics = invitation({
      organizer: { name: 'Schakel "vzw"', email: 'overleg@destek.local' },
      attendees: [{ email: 'jan@example.org', name: 'Jan "JP"\nPeeters', partstat: 'NEEDS-ACTION' }],
    });
    const [event] = parseIcs(ics).events;
    expect(event.organizer.cn).toBe("Schakel 'vzw'");
    expect(event.attendees[0].cn).toBe("Jan 'JP' Peeters");
  });

  it('leaves out DESCRIPTION and URL when not given', () => {
    const ics = invitation({ description: undefined, url: undefined });
    expect(ics).not.toMatch(/^DESCRIPTION/m);
    expect(ics).not.toMatch(/^URL/m);
  });

  it('writes CANCEL with STATUS:CANCELLED and keeps the UID so calendars drop the same meeting', () => {
    const parsed = parseIcs(invitation({ sequence: 2 }, 'CANCEL'));
    expect(parsed.method).toBe('CANCEL');
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0].status).toBe('CANCELLED');
    expect(parsed.events[0].uid).toBe('meeting-01HZX8@destek.local');
    expect(parsed.events[0].sequence).toBe(2);
    expect(parsed.events[0].attendees).toHaveLength(4);
  });

  it('refuses a REQUEST for a cancelled meeting', () => {
    expect(() => invitation({ status: 'CANCELLED' })).toThrow(/CANCEL/);
  });

  it('refuses a meeting that ends before it starts instead of swapping the times', () => {
    expect(() => invitation({ startsAt: WINTER_END, endsAt: WINTER_START })).toThrow(/end after it starts/);
    expect(() => invitation({ endsAt: WINTER_START })).toThrow(/end after it starts/);
  });

  it('refuses invalid dates and a negative or fractional sequence', () => {
    expect(() => invitation({ startsAt: new Date('nope') })).toThrow(/startsAt/);
    expect(() => buildMeetingInvitationIcs({ method: 'REQUEST', stamp: new Date(Number.NaN), event: meetingEvent() })).toThrow(/stamp/);
    expect(() => invitation({ sequence: -1 })).toThrow(/SEQUENCE/);
    expect(() => invitation({ sequence: 1.5 })).toThrow(/SEQUENCE/);
  });

  it('takes a custom PRODID', () => {
    const ics = buildMeetingInvitationIcs({ method: 'REQUEST', stamp: STAMP, event: meetingEvent(), prodId: '//Test//Test//EN' });
    expect(parseIcs(ics).prodId).toBe('-//Test//Test//EN');
  });
});

describe('buildCalendarFeedIcs', () => {
  const events = [
    meetingEvent({ uid: 'summer@destek.local', startsAt: SUMMER_START, endsAt: SUMMER_END }),
    meetingEvent({ uid: 'winter@destek.local', sequence: 4 }),
    meetingEvent({
      uid: 'cancelled@destek.local',
      sequence: 1,
      status: 'CANCELLED',
      startsAt: new Date('2026-10-25T17:00:00Z'),
      endsAt: new Date('2026-10-25T19:00:00Z'),
    }),
  ];

  it('publishes every event, each once, with one VTIMEZONE and the feed name', () => {
    const parsed = parseIcs(buildCalendarFeedIcs({ name: 'De Stek – Jan Peeters', stamp: STAMP, events }));

    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.name).toBe('De Stek – Jan Peeters');
    expect(parsed.timezones).toEqual(['Europe/Brussels']);
    expect(parsed.events.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      ['summer@destek.local', 0, 'CONFIRMED'],
      ['winter@destek.local', 4, 'CONFIRMED'],
      ['cancelled@destek.local', 1, 'CANCELLED'],
    ]);
  });

  it('keeps every instant exact across summer time, winter time and the day the clocks go back', () => {
    const ics = buildCalendarFeedIcs({ name: 'Feed', stamp: STAMP, events });
    const parsed = parseIcs(ics);

    for (const [i, event] of parsed.events.entries()) {
      expect(event.startTzid).toBe('Europe/Brussels');
      expect(event.start.toISOString()).toBe(events[i].startsAt.toISOString());
      expect(event.end.toISOString()).toBe(events[i].endsAt.toISOString());
      expect(event.stampIsUtc).toBe(true);
    }
    // 25 October 2026 is the last Sunday of October: 18:00 is already CET again.
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Brussels:20261025T180000');
  });

  it('asks subscribers to refresh hourly and keeps the CRLF rules', () => {
    const ics = buildCalendarFeedIcs({ name: 'Feed', stamp: STAMP, events });
    expect(lines(ics)).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
  });

  it('writes a valid empty feed', () => {
    const parsed = parseIcs(buildCalendarFeedIcs({ name: 'Leeg', stamp: STAMP, events: [] }));
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.events).toEqual([]);
  });
});
