import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from '../time-zone';
import { localeOf, type Language } from './language';

/** Dates and times as people read them, per language, always in Europe/Brussels. */

function local(language: Language, d: Date): DateTime {
  const dt = DateTime.fromJSDate(d, { zone: LOCAL_TIME_ZONE }).setLocale(localeOf[language]);
  // An invalid date would otherwise print as the word "Invalid DateTime" inside an email.
  if (!dt.isValid) throw new RangeError(`Cannot format an invalid date (${dt.invalidReason ?? 'unknown reason'})`);
  return dt;
}

/** "donderdag 3 december 2026" / "Thursday 3 December 2026" */
export function formatDate(language: Language, d: Date): string {
  return local(language, d).toFormat('cccc d LLLL yyyy');
}

/** "19:30" (both languages: a 24-hour clock, as in Belgium) */
export function formatTime(language: Language, d: Date): string {
  return local(language, d).toFormat('HH:mm');
}

const at: Record<Language, string> = { nl: 'om', en: 'at' };

/** "donderdag 3 december 2026 om 19:30" / "Thursday 3 December 2026 at 19:30" */
export function formatDateTime(language: Language, d: Date): string {
  return `${formatDate(language, d)} ${at[language]} ${formatTime(language, d)}`;
}

/**
 * "donderdag 3 december 2026, 19:30–21:30"; a range that ends on another (local) day names both
 * days, so a late meeting never looks as if it ends before it starts.
 */
export function formatDateTimeRange(language: Language, start: Date, end: Date): string {
  if (local(language, start).hasSame(local(language, end), 'day')) {
    return `${formatDate(language, start)}, ${formatTime(language, start)}–${formatTime(language, end)}`;
  }
  return `${formatDate(language, start)}, ${formatTime(language, start)} – ${formatDate(language, end)}, ${formatTime(language, end)}`;
}
