import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { generateVtimezone } from '../../../functions/mail/calendar/brussels-vtimezone';

const HOUR = 3_600_000;

function brusselsZone(): InstanceType<typeof ICAL.Timezone> {
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//test//EN',
    generateVtimezone('Europe/Brussels'),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const vtimezone = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone');
  if (!vtimezone) throw new Error('no VTIMEZONE');
  return new ICAL.Timezone(vtimezone);
}

describe('generateVtimezone', () => {
  // Checked in the direction calendar apps use it: a DTSTART;TZID wall-clock time to an instant.
  // (ical.js's own instant-to-wall-clock conversion is off in the hour after each change, so it
  // cannot serve as the reference that way round.)
  it('maps every Brussels wall-clock hour from 2026 to 2029 to the instant the IANA zone (Luxon) gives', () => {
    const zone = brusselsZone();
    const offsetAt = (t: number) => DateTime.fromMillis(t, { zone: 'Europe/Brussels' }).offset;
    const mismatches: string[] = [];
    let checked = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2030, 0, 1); t += HOUR) {
      const d = DateTime.fromMillis(t, { zone: 'Europe/Brussels' });
      // When the clocks go back an hour of wall-clock time happens twice and names no single instant.
      const repeated = offsetAt(t - HOUR) > d.offset || d.offset > offsetAt(t + HOUR);
      if (repeated) continue;
      const time = ICAL.Time.fromData(
        { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute, second: 0, isDate: false },
        zone,
      );
      checked += 1;
      if (time.toJSDate().getTime() !== t) mismatches.push(`${d.toISO()} -> ${time.toJSDate().toISOString()}`);
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(35_000);
  });

  it('turns a Brussels wall-clock time into the right instant on both sides of each change', () => {
    const zone = brusselsZone();
    const toInstant = (wallClock: string) => {
      // Read as UTC only to split it into fields; no zone of the machine gets involved.
      const d = DateTime.fromISO(wallClock, { zone: 'UTC' });
      const time = ICAL.Time.fromData(
        { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute, second: 0, isDate: false },
        zone,
      );
      return time.toJSDate().toISOString();
    };

    expect(toInstant('2027-03-28T01:30:00')).toBe('2027-03-28T00:30:00.000Z');
    expect(toInstant('2027-03-28T03:30:00')).toBe('2027-03-28T01:30:00.000Z');
    expect(toInstant('2027-10-31T01:30:00')).toBe('2027-10-30T23:30:00.000Z');
    expect(toInstant('2027-10-31T03:30:00')).toBe('2027-10-31T02:30:00.000Z');
  });

  it('refuses other zones rather than emit a TZID without its definition', () => {
    expect(() => generateVtimezone('Europe/Amsterdam')).toThrow(/Europe\/Amsterdam/);
  });
});
