import { formatDutchDate, formatDutchDateTime, formatDutchDateTimeRange, formatDutchTime } from '../../../functions/shared/dutch-dates';
import { SUMMER_END, SUMMER_START, WINTER_END, WINTER_START } from './support/fixtures';

describe('Dutch date formatting', () => {
  it('writes dates in Ghent local time, in winter and in summer', () => {
    expect(formatDutchDate(WINTER_START)).toBe('donderdag 3 december 2026');
    expect(formatDutchTime(WINTER_START)).toBe('19:30');
    expect(formatDutchDateTime(WINTER_START)).toBe('donderdag 3 december 2026 om 19:30');
    expect(formatDutchDateTime(SUMMER_START)).toBe('zaterdag 4 juli 2026 om 10:00');
  });

  it('writes a range on one day with an en dash between the times', () => {
    expect(formatDutchDateTimeRange(WINTER_START, WINTER_END)).toBe('donderdag 3 december 2026, 19:30–21:30');
    expect(formatDutchDateTimeRange(SUMMER_START, SUMMER_END)).toBe('zaterdag 4 juli 2026, 10:00–12:00');
  });

  it('names both days when a range passes local midnight, even if it is one UTC day', () => {
    const start = new Date('2026-12-03T20:00:00Z');
    const end = new Date('2026-12-03T23:30:00Z');
    expect(formatDutchDateTimeRange(start, end)).toBe('donderdag 3 december 2026, 21:00 – vrijdag 4 december 2026, 00:30');
  });

  it('uses the local date, not the UTC one, just after midnight', () => {
    expect(formatDutchDateTime(new Date('2026-02-28T23:15:00Z'))).toBe('zondag 1 maart 2026 om 00:15');
  });

  it('refuses an invalid date instead of printing "Invalid DateTime" in a mail', () => {
    expect(() => formatDutchDateTime(new Date('garbage'))).toThrow(RangeError);
  });
});
