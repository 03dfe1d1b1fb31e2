import ICAL from 'ical.js';

/** One VEVENT as an independent parser (ical.js) reads it. */
export interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  description: string | null;
  location: string;
  status: string;
  url: string | null;
  start: Date;
  end: Date;
  startTzid: string | null;
  endTzid: string | null;
  stampIsUtc: boolean;
  stamp: Date;
  organizer: { value: string; cn: string | null };
  attendees: { value: string; cn: string | null; partstat: string; rsvp: string; role: string }[];
}

export interface ParsedCalendar {
  method: string;
  prodId: string;
  name: string | null;
  timezones: string[];
  events: ParsedEvent[];
}

/**
 * Parses with ical.js. The VTIMEZONEs in the text itself are registered before any time is read,
 * so a TZID time becomes an instant through the zone rules we emit, not through the server's zone.
 */
export function parseIcs(ics: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(ics));
  const timezones = root.getAllSubcomponents('vtimezone');
  for (const vtimezone of timezones) ICAL.TimezoneService.register(vtimezone);
  try {
    return {
      method: String(root.getFirstPropertyValue('method')),
      prodId: String(root.getFirstPropertyValue('prodid')),
      name: nullable(root.getFirstPropertyValue('x-wr-calname')),
      timezones: timezones.map((tz) => String(tz.getFirstPropertyValue('tzid'))),
      events: root.getAllSubcomponents('vevent').map(readEvent),
    };
  } finally {
    for (const vtimezone of timezones) ICAL.TimezoneService.remove(String(vtimezone.getFirstPropertyValue('tzid')));
  }
}

function readEvent(vevent: InstanceType<typeof ICAL.Component>): ParsedEvent {
  const time = (name: string) => {
    const value = vevent.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>;
    const tzid = vevent.getFirstProperty(name)?.getParameter('tzid');
    if (tzid !== undefined && !ICAL.TimezoneService.has(String(tzid))) {
      throw new Error(`${name} has TZID ${String(tzid)} without a VTIMEZONE`);
    }
    // A time with neither TZID nor "Z" is floating: it would move with every reader's zone.
    if (tzid === undefined && value.zone !== ICAL.Timezone.utcTimezone) throw new Error(`${name} is a floating time`);
    return { date: value.toJSDate(), tzid: tzid === undefined ? null : String(tzid), utc: value.zone === ICAL.Timezone.utcTimezone };
  };
  const start = time('dtstart');
  const end = time('dtend');
  const stamp = time('dtstamp');
  const organizer = vevent.getFirstProperty('organizer');
  return {
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    summary: String(vevent.getFirstPropertyValue('summary')),
    description: nullable(vevent.getFirstPropertyValue('description')),
    location: String(vevent.getFirstPropertyValue('location')),
    status: String(vevent.getFirstPropertyValue('status')),
    url: nullable(vevent.getFirstPropertyValue('url')),
    start: start.date,
    end: end.date,
    startTzid: start.tzid,
    endTzid: end.tzid,
    stamp: stamp.date,
    stampIsUtc: stamp.utc,
    organizer: { value: String(organizer?.getFirstValue()), cn: nullable(organizer?.getParameter('cn')) },
    attendees: vevent.getAllProperties('attendee').map((attendee) => ({
      value: String(attendee.getFirstValue()),
      cn: nullable(attendee.getParameter('cn')),
      partstat: String(attendee.getParameter('partstat')),
      rsvp: String(attendee.getParameter('rsvp')),
      role: String(attendee.getParameter('role')),
    })),
  };
}

function nullable(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
