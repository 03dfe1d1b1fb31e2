import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTime } from 'luxon';
import { toLocalIso } from '../shared/local-iso-time';
import { LOCAL_TIME_ZONE } from '../shared/time-zone';

/**
 * DateTime: ISO 8601 with an explicit offset in, an instant (Date) inside, and out again as
 * Europe/Brussels time with its offset. A value without offset is refused: it would be floating.
 */
const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !withOffset.test(value)) {
    throw new GraphQLError('Ongeldige DateTime: gebruik ISO 8601 met tijdzone, bv. 2026-12-03T19:30:00+01:00.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) {
    throw new GraphQLError(`Ongeldige DateTime: ${parsed.invalidExplanation ?? value}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
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
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime moet een tekst zijn.', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});
