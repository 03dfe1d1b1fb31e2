import {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalEventData,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from '../../shared/time-zone';
import { generateVtimezone } from './brussels-vtimezone';
import { calendarProdId, deStekNames } from '../../shared/i18n/network-names';

export { calendarProdId };

/** An attendee's answer as iCalendar writes it (PARTSTAT). */
export type Partstat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export interface CalendarAttendee {
  email: string;
  name?: string;
  partstat: Partstat;
}

export interface MeetingCalendarEvent {
  uid: string;
  sequence: number;
  title: string;
  description?: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  status: 'CONFIRMED' | 'CANCELLED';
  organizer: { name: string; email: string };
  attendees: CalendarAttendee[];
  url?: string;
}

const DEFAULT_PROD_ID = calendarProdId(deStekNames);

/** Calendar apps poll a subscription at their own pace; this asks them to look again hourly. */
const FEED_REFRESH_SECONDS = 60 * 60;

const partstats: Record<CalendarAttendee['partstat'], ICalAttendeeStatus> = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  DECLINED: ICalAttendeeStatus.DECLINED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
};

/**
 * The iTIP message (RFC 5546) for one meeting: REQUEST for a new or changed meeting, CANCEL when
 * it no longer takes place. Calendars match it to the copy they hold by UID and keep the one
 * with the highest SEQUENCE, so the caller raises `sequence` with every change it sends.
 */
export function buildMeetingInvitationIcs(input: {
  method: 'REQUEST' | 'CANCEL';
  stamp: Date;
  event: MeetingCalendarEvent;
  prodId?: string;
}): string {
  if (input.method === 'REQUEST' && input.event.status === 'CANCELLED') {
    // A REQUEST would put the meeting back into calendars that already dropped it.
    throw new Error('A cancelled meeting is sent with method CANCEL, not REQUEST');
  }
  const calendar = newCalendar(input.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL, input.prodId);
  const status = input.method === 'CANCEL' ? 'CANCELLED' : input.event.status;
  calendar.createEvent(toEventData({ ...input.event, status }, input.stamp));
  return finish(calendar);
}

/**
 * One event to put in a calendar as it is (METHOD:PUBLISH): clients offer "add to calendar" and
 * send nothing back. For people who answer through our links rather than by iMIP, e.g. buurtbabbel
 * guests; a later PUBLISH with the same UID and a higher SEQUENCE updates it.
 */
export function buildPublishedEventIcs(input: { stamp: Date; event: MeetingCalendarEvent; prodId?: string }): string {
  const calendar = newCalendar(ICalCalendarMethod.PUBLISH, input.prodId);
  calendar.createEvent(toEventData(input.event, input.stamp));
  return finish(calendar);
}

/** A read-only subscription feed (METHOD:PUBLISH), e.g. a partner's personal meeting calendar. */
export function buildCalendarFeedIcs(input: { name: string; stamp: Date; events: MeetingCalendarEvent[]; prodId?: string }): string {
  const calendar = newCalendar(ICalCalendarMethod.PUBLISH, input.prodId);
  calendar.name(input.name);
  calendar.ttl(FEED_REFRESH_SECONDS);
  for (const event of input.events) calendar.createEvent(toEventData(event, input.stamp));
  return finish(calendar);
}

function newCalendar(method: ICalCalendarMethod, prodId: string = DEFAULT_PROD_ID): ICalCalendar {
  return new ICalCalendar({
    method,
    prodId,
    // Only the generator, no name: a calendar-level zone name would make ical-generator write
    // DTSTAMP as local time without its "Z", which RFC 5545 forbids.
    timezone: { name: null, generator: generateVtimezone },
  });
}

function toEventData(event: MeetingCalendarEvent, stamp: Date): ICalEventData {
  assertValidDate(stamp, 'stamp');
  assertValidDate(event.startsAt, 'startsAt');
  assertValidDate(event.endsAt, 'endsAt');
  if (event.endsAt.getTime() <= event.startsAt.getTime()) {
    // ical-generator would silently swap start and end.
    throw new RangeError(`Meeting ${event.uid} must end after it starts`);
  }
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`SEQUENCE of meeting ${event.uid} must be a non-negative integer`);
  }
  return {
    id: event.uid,
    sequence: event.sequence,
    stamp,
    // Zone-aware values: given a plain Date and a timezone, ical-generator prints the server's own
    // local wall-clock time, which is only right on a machine that happens to run in Brussels.
    start: DateTime.fromJSDate(event.startsAt, { zone: LOCAL_TIME_ZONE }),
    end: DateTime.fromJSDate(event.endsAt, { zone: LOCAL_TIME_ZONE }),
    timezone: LOCAL_TIME_ZONE,
    summary: event.title,
    description: event.description ?? null,
    location: event.location,
    status: event.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: parameterSafe(event.organizer.name), email: event.organizer.email },
    attendees: event.attendees.map((attendee) => ({
      email: attendee.email,
      name: attendee.name === undefined ? undefined : parameterSafe(attendee.name),
      role: ICalAttendeeRole.REQ,
      status: partstats[attendee.partstat],
      rsvp: true,
    })),
    url: event.url ?? null,
  };
}

/**
 * CN is a quoted parameter value: RFC 5545 has no escape for a double quote or a line break in
 * it (ical-generator's backslash is not one), so those are replaced rather than escaped.
 */
function parameterSafe(name: string): string {
  return name
    .replace(/"/g, "'")
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
}

function assertValidDate(d: Date, what: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${what} is not a valid date`);
}

/** RFC 5545 ends every content line, the last one too, with CRLF; ical-generator omits the last. */
function finish(calendar: ICalCalendar): string {
  const ics = calendar.toString();
  return ics.endsWith('\r\n') ? ics : `${ics}\r\n`;
}
