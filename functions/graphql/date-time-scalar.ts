import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTime } from 'luxon';
import { t } from '../shared/i18n/translate';
import { toLocalIso } from '../shared/local-iso-time';
import { LOCAL_TIME_ZONE } from '../shared/time-zone';

/**
 * DateTime: ISO 8601 with an explicit offset in, an instant (Date) inside, and out again as
 * Europe/Brussels time with its offset. A value without offset is refused: it would be floating.
 */
const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The refusal of a value that is no DateTime. Its `reason` lets the error-language plugin write it in
 * the caller's language (graphql-js puts its own English "Variable … got invalid value" before it).
 */
export const invalidDateTime = () =>
  new GraphQLError(t('nl', 'request.invalidDateTime', { field: 'none' }), {
    extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_DATE_TIME' },
  });

export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !withOffset.test(value)) throw invalidDateTime();
  const parsed = DateTime.fromISO(value, { setZone: true });
  // A date that does not exist (2026-02-30) matches the pattern but does not parse.
  if (!parsed.isValid) throw invalidDateTime();
  return parsed.toJSDate();
}

const utcIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

/**
 * Out as Brussels time (toLocalIso: the hot path, hundreds per page). Records hold instants as
 * `toISOString()` text (UTC, `Z`), which Date.parse reads exactly; any other string (no zone means
 * UTC here, where Date.parse would take the server's zone) goes through luxon.
 */
export function formatDateTime(value: Date | string): string {
  if (typeof value !== 'string') return toLocalIso(value.getTime());
  if (utcIso.test(value)) return toLocalIso(Date.parse(value));
  return DateTime.fromISO(value, { zone: 'utc' }).setZone(LOCAL_TIME_ZONE).toISO({ suppressMilliseconds: true }) ?? '';
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO 8601 date-time with an offset, e.g. 2026-12-03T19:30:00+01:00.',
  serialize: (value) => formatDateTime(value as Date | string),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalidDateTime();
    return parseDateTime(ast.value);
  },
});
