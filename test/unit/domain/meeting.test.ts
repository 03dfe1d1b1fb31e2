import { composeThemes, validateSchedule, validateTimes } from '../../../functions/modules/meetings/meeting';

const now = new Date('2026-12-01T09:00:00Z');

describe('meeting rules', () => {
  it('accepts a future meeting of a few hours', () => {
    expect(validateTimes(new Date('2026-12-10T18:30:00Z'), new Date('2026-12-10T20:30:00Z'), now)).toEqual([]);
  });

  it('refuses an end at or before the start, a start in the past and a meeting over 12 hours', () => {
    expect(validateTimes(new Date('2026-12-10T18:30:00Z'), new Date('2026-12-10T18:30:00Z'), now).map((e) => e.code)).toEqual([
      'END_BEFORE_START',
    ]);
    expect(validateTimes(new Date('2026-11-30T18:30:00Z'), new Date('2026-11-30T20:30:00Z'), now).map((e) => e.code)).toEqual([
      'START_IN_PAST',
    ]);
    expect(validateTimes(new Date('2026-12-10T08:00:00Z'), new Date('2026-12-10T20:01:00Z'), now).map((e) => e.code)).toEqual(['TOO_LONG']);
  });

  it('names the field of each problem', () => {
    const errors = validateSchedule(
      {
        title: '',
        location: ' ',
        startsAt: new Date('2026-12-10T18:30:00Z'),
        endsAt: new Date('2026-12-10T20:30:00Z'),
        themes: ['ok', ''],
      },
      now,
    );
    expect(errors.map((e) => e.field?.join('.'))).toEqual(['input.title', 'input.location', 'input.themes.1']);
  });

  it('puts standing themes first and drops duplicates of any case', () => {
    expect(composeThemes(['Projecten', 'Open ruimte'], ['open ruimte', 'Matrix', ' '])).toEqual(['Projecten', 'Open ruimte', 'Matrix']);
  });
});
