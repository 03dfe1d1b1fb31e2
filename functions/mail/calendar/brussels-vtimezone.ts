import { LOCAL_TIME_ZONE } from '../../shared/time-zone';

/**
 * VTIMEZONE for Europe/Brussels under the EU summer-time rule in force since 1996 (CEST from the
 * last Sunday of March 02:00, CET from the last Sunday of October 03:00). Written out by hand
 * because the zone is fixed and ical-generator ships no generator of its own; the unit tests compare
 * it with the IANA data Luxon uses, hour by hour across several years.
 */
const BRUSSELS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${LOCAL_TIME_ZONE}`,
  `X-LIC-LOCATION:${LOCAL_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * ical-generator's timezone generator. It throws for any other zone: a TZID without its VTIMEZONE
 * is exactly what makes Outlook shift meetings by an hour.
 */
export function generateVtimezone(tzid: string): string {
  if (tzid !== LOCAL_TIME_ZONE) throw new Error(`No VTIMEZONE known for ${tzid}`);
  return BRUSSELS_VTIMEZONE;
}
