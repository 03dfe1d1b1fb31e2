import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from '../shared/time-zone';

/**
 * EventBridge Scheduler expressions, for running the scheduled jobs locally at the times AWS would:
 * `rate(N minute|minutes|hour|hours|day|days)` and `cron(minutes hours day-of-month month
 * day-of-week year)`, the latter in a time zone (Europe/Brussels for every job of ours).
 * The cron subset: numbers, `*`, `?`, lists, ranges, steps and JAN–DEC / SUN–SAT names. AWS counts
 * days of the week from 1 = SUN to 7 = SAT. `L`, `W` and `#` are refused rather than misread.
 */
export type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; cron: CronFields; zone: string };

export interface CronFields {
  minutes: number[];
  hours: number[];
  /** undefined when the field is `?`. */
  daysOfMonth?: number[];
  months: number[];
  /** 1 = Sunday … 7 = Saturday, as AWS counts; undefined when the field is `?`. */
  daysOfWeek?: number[];
  years: number[];
}

export class ScheduleExpressionError extends Error {
  constructor(expression: string, problem: string) {
    super(`Invalid schedule expression "${expression}": ${problem}`);
    this.name = 'ScheduleExpressionError';
  }
}

const rateUnits: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseRate(expression: string): number {
  const match = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/.exec(expression.trim());
  if (!match) throw new ScheduleExpressionError(expression, 'expected rate(<n> minute[s]|hour[s]|day[s])');
  const amount = Number(match[1]);
  if (amount < 1) throw new ScheduleExpressionError(expression, 'the rate must be at least 1');
  return amount * rateUnits[match[2]];
}

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseField(expression: string, text: string, min: number, max: number, names: string[] = []): number[] {
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + 1 : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!(n >= min && n <= max)) throw new ScheduleExpressionError(expression, `"${token}" is not in ${min}–${max}`);
    return n;
  };
  const result = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === '') throw new ScheduleExpressionError(expression, `cannot read "${part}"`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new ScheduleExpressionError(expression, `bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [value(a), value(b)];
      if (from > to) throw new ScheduleExpressionError(expression, `range "${range}" runs backwards`);
    } else {
      from = value(range);
      // `5/15` means "from 5, every 15"; a bare `5` is just 5.
      to = stepText === undefined ? from : max;
    }
    for (let n = from; n <= to; n += step) result.add(n);
  }
  return [...result].sort((a, b) => a - b);
}

export function parseCron(expression: string): CronFields {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match) throw new ScheduleExpressionError(expression, 'expected cron(<6 fields>)');
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleExpressionError(expression, `expected 6 fields, found ${fields.length}`);
  if (fields.some((field) => /#|^L|\dL$|W$/i.test(field))) {
    throw new ScheduleExpressionError(expression, 'L, W and # are not supported locally');
  }
  const [minutes, hours, dom, month, dow, year] = fields;
  if ((dom === '?') === (dow === '?')) {
    throw new ScheduleExpressionError(expression, 'exactly one of day-of-month and day-of-week must be ?');
  }
  const notQuestion = (text: string, name: string) => {
    if (text === '?') throw new ScheduleExpressionError(expression, `? is allowed only for day-of-month or day-of-week, not ${name}`);
    return text;
  };
  return {
    minutes: parseField(expression, notQuestion(minutes, 'minutes'), 0, 59),
    hours: parseField(expression, notQuestion(hours, 'hours'), 0, 23),
    daysOfMonth: dom === '?' ? undefined : parseField(expression, dom, 1, 31),
    months: parseField(expression, notQuestion(month, 'month'), 1, 12, monthNames),
    daysOfWeek: dow === '?' ? undefined : parseField(expression, dow, 1, 7, dayNames),
    years: parseField(expression, notQuestion(year, 'year'), 1970, 2199),
  };
}

export function parseSchedule(expression: string, zone = LOCAL_TIME_ZONE): Schedule {
  if (expression.trim().startsWith('rate(')) return { kind: 'rate', everyMs: parseRate(expression) };
  return { kind: 'cron', cron: parseCron(expression), zone };
}

function dayMatches(cron: CronFields, day: DateTime): boolean {
  if (cron.daysOfMonth) return cron.daysOfMonth.includes(day.day);
  // luxon: 1 = Monday … 7 = Sunday; AWS: 1 = Sunday … 7 = Saturday.
  return cron.daysOfWeek!.includes((day.weekday % 7) + 1);
}

/**
 * The first time strictly after `after` that the cron expression names, in `zone`. Like EventBridge
 * Scheduler across daylight-saving changes: a local time that does not exist (spring) is skipped,
 * and a local time that happens twice (autumn) runs once, at its first occurrence.
 */
export function nextCronTime(cron: CronFields, after: Date, zone = LOCAL_TIME_ZONE): Date | undefined {
  const start = DateTime.fromJSDate(after, { zone }).startOf('day');
  // Ten years is plenty for the expressions we use, and bounds the search for one that never matches (31 FEB).
  const lastYear = Math.min(Math.max(...cron.years), start.year + 10);
  for (let day = start; day.year <= lastYear; day = day.plus({ days: 1 })) {
    if (!cron.years.includes(day.year) || !cron.months.includes(day.month)) {
      // Skip the rest of a month that is not named; the loop adds the first day of the next one.
      day = day.endOf('month').startOf('day');
      continue;
    }
    if (!dayMatches(cron, day)) continue;
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        let at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
        // luxon moves a non-existent local time forward: that time does not happen that day.
        if (at.hour !== hour || at.minute !== minute) continue;
        // luxon picks the later of two identical local times: use the earlier one.
        const anHourEarlier = at.minus({ hours: 1 });
        if (anHourEarlier.hour === hour && anHourEarlier.minute === minute && anHourEarlier.day === day.day) at = anHourEarlier;
        if (at.toMillis() > after.getTime()) return at.toJSDate();
      }
    }
  }
  return undefined;
}

/** When a job on this schedule runs next after `after`; undefined when it never will again. */
export function nextRunTime(schedule: Schedule, after: Date): Date | undefined {
  if (schedule.kind === 'rate') return new Date(after.getTime() + schedule.everyMs);
  return nextCronTime(schedule.cron, after, schedule.zone);
}
