import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatDateTime } from '../../../functions/graphql/date-time-scalar';
import { toLocalIso } from '../../../functions/shared/local-iso-time';

const viaLuxon = (epochMs: number) => DateTime.fromMillis(epochMs, { zone: 'Europe/Brussels' }).toISO({ suppressMilliseconds: true }) ?? '';

describe('toLocalIso (the DateTime scalar writes instants with it)', () => {
  it('writes what luxon writes, minute by minute across the DST changes of 2026 and 2027', () => {
    const minute = 60_000;
    for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z']) {
      const at = Date.parse(change);
      for (let t = at - 3 * 60 * minute; t <= at + 3 * 60 * minute; t += minute) expect(toLocalIso(t)).toBe(viaLuxon(t));
      // The last millisecond before the change and the change itself.
      expect(toLocalIso(at - 1)).toBe(viaLuxon(at - 1));
      expect(toLocalIso(at)).toBe(viaLuxon(at));
    }
    expect(toLocalIso(Date.parse('2026-03-29T00:59:59Z'))).toBe('2026-03-29T01:59:59+01:00');
    expect(toLocalIso(Date.parse('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
    expect(toLocalIso(Date.parse('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
    expect(toLocalIso(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
  });

  it('writes what luxon writes for any instant from 1900 to 2200, milliseconds included', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') }), (t) => {
        expect(toLocalIso(t)).toBe(viaLuxon(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves far years and invalid dates to luxon', () => {
    const far = Date.parse('+010000-01-01T00:00:00Z');
    expect(toLocalIso(far)).toBe(viaLuxon(far));
    expect(toLocalIso(Number.NaN)).toBe('');
    expect(formatDateTime(new Date(Number.NaN))).toBe('');
  });

  it('reads stored UTC text exactly and other text as luxon does', () => {
    expect(formatDateTime('2026-12-03T18:30:00.250Z')).toBe('2026-12-03T19:30:00.250+01:00');
    // No zone: UTC, whatever the server's zone.
    expect(formatDateTime('2026-07-03T17:30:00')).toBe('2026-07-03T19:30:00+02:00');
    expect(formatDateTime('2026-07-03T19:30:00+02:00')).toBe('2026-07-03T19:30:00+02:00');
  });
});
