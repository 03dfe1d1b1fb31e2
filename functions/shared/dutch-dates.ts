import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from './time-zone';

const LOCALE = 'nl-BE';

function local(d: Date): DateTime {
  const dt = DateTime.fromJSDate(d, { zone: LOCAL_TIME_ZONE }).setLocale(LOCALE);
  // An invalid date would otherwise print as the word "Invalid DateTime" inside an email.
  if (!dt.isValid) throw new RangeError(`Cannot format an invalid date (${dt.invalidReason ?? 'unknown reason'})`);
  return dt;
}

/** "donderdag 3 december 2026" */
export function formatDutchDate(d: Date): string {
  return local(d).toFormat('cccc d LLLL yyyy');
}

/** "19:30" */
export function formatDutchTime(d: Date): string {
  return local(d).toFormat('HH:mm');
}

/** "donderdag 3 december 2026 om 19:30" */
export function formatDutchDateTime(d: Date): string {
  return `${formatDutchDate(d)} om ${formatDutchTime(d)}`;
}

/**
 * "donderdag 3 december 2026, 19:30–21:30"; a range that ends on another (local) day names both
 * days, so a late meeting never looks as if it ends before it starts.
 */
export function formatDutchDateTimeRange(start: Date, end: Date): string {
  const from = local(start);
  const to = local(end);
  if (from.hasSame(to, 'day')) {
    return `${formatDutchDate(start)}, ${formatDutchTime(start)}–${formatDutchTime(end)}`;
  }
  return `${formatDutchDate(start)}, ${formatDutchTime(start)} – ${formatDutchDate(end)}, ${formatDutchTime(end)}`;
}
