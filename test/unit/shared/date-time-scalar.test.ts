import { formatDateTime, parseDateTime } from '../../../functions/graphql/date-time-scalar';

describe('DateTime scalar', () => {
  it('reads an offset or Z as an instant', () => {
    expect(parseDateTime('2026-12-03T19:30:00+01:00').toISOString()).toBe('2026-12-03T18:30:00.000Z');
    expect(parseDateTime('2026-07-03T19:30:00+02:00').toISOString()).toBe('2026-07-03T17:30:00.000Z');
    expect(parseDateTime('2026-12-03T18:30:00Z').toISOString()).toBe('2026-12-03T18:30:00.000Z');
  });

  it('refuses a floating time and nonsense', () => {
    for (const value of ['2026-12-03T19:30:00', '2026-13-03T19:30:00+01:00', 'morgen', 42]) {
      expect(() => parseDateTime(value)).toThrow(/Ongeldige datum en tijd/);
    }
  });

  it('writes instants in Brussels time, winter and summer', () => {
    expect(formatDateTime('2026-12-03T18:30:00.000Z')).toBe('2026-12-03T19:30:00+01:00');
    expect(formatDateTime(new Date('2026-07-03T17:30:00Z'))).toBe('2026-07-03T19:30:00+02:00');
  });
});
