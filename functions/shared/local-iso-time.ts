import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from './time-zone';

/**
 * An instant as ISO 8601 in Brussels time with its offset (`2026-12-03T19:30:00+01:00`, milliseconds
 * only when there are any), as luxon's `setZone(LOCAL_TIME_ZONE).toISO({ suppressMilliseconds: true })`
 * writes it, at a fraction of the cost: the API writes every DateTime of a response this way (a page
 * of meetings holds hundreds), and luxon builds a zoned DateTime through Intl for each one.
 *
 * Brussels changes its offset only on whole UTC hours (01:00 UTC), so the offset is looked up once
 * per UTC hour (through luxon) and cached; the fields are then plain UTC arithmetic. Years outside
 * 0000-9999 (which ISO writes with a sign) and invalid dates go to luxon itself.
 */
const hourMs = 3_600_000;
const offsetByHour = new Map<number, number>();
const maxCachedHours = 50_000;

function offsetMinutes(epochMs: number): number {
  const hour = Math.floor(epochMs / hourMs);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size >= maxCachedHours) offsetByHour.clear();
    offset = DateTime.fromMillis(hour * hourMs, { zone: LOCAL_TIME_ZONE }).offset;
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

export function toLocalIso(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '';
  const offset = offsetMinutes(epochMs);
  const local = new Date(epochMs + offset * 60_000);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) return DateTime.fromMillis(epochMs, { zone: LOCAL_TIME_ZONE }).toISO({ suppressMilliseconds: true }) ?? '';
  const ms = local.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${String(year).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}` +
    `T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}` +
    (ms ? `.${String(ms).padStart(3, '0')}` : '') +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}
