import type { JobEvent, JobResult, RunnableJob } from '../../../functions/runtime/scheduled-job';
import { nextCronTime, parseCron, parseRate, parseSchedule } from '../../../functions/local/schedule-expression';
import { startScheduler } from '../../../functions/local/scheduler';
import { createLogger } from '../../../functions/shared/logger';

const next = (expression: string, after: string) => nextCronTime(parseCron(expression), new Date(after))?.toISOString();

describe('rate expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
    [' rate( 7 days ) ', 604_800_000],
  ])('%s', (expression, ms) => expect(parseRate(expression)).toBe(ms));

  it.each(['rate(0 minutes)', 'rate(5 weeks)', 'rate(minute)', 'rate(1.5 hours)', 'every 5 minutes'])('refuses %s', (expression) => {
    expect(() => parseRate(expression)).toThrow(/Invalid schedule expression/);
  });
});

describe('cron expressions', () => {
  it('reads numbers, lists, ranges, steps and names', () => {
    expect(parseCron('cron(0/15 8-10,14 ? JAN-MAR,DEC MON-FRI *)')).toMatchObject({
      minutes: [0, 15, 30, 45],
      hours: [8, 9, 10, 14],
      daysOfMonth: undefined,
      months: [1, 2, 3, 12],
      daysOfWeek: [2, 3, 4, 5, 6],
    });
    expect(parseCron('cron(30 9 1,15 * ? 2026-2027)')).toMatchObject({
      minutes: [30],
      hours: [9],
      daysOfMonth: [1, 15],
      daysOfWeek: undefined,
      years: [2026, 2027],
    });
    expect(parseSchedule('cron(0 9 * * ? *)')).toMatchObject({ kind: 'cron', zone: 'Europe/Brussels' });
  });

  it.each([
    ['cron(0 9 * * * *)', /exactly one of/],
    ['cron(0 9 ? * ? *)', /exactly one of/],
    ['cron(0 9 * *)', /6 fields/],
    ['cron(0 9 L * ? *)', /not supported/],
    ['cron(0 9 ? * 6#3 *)', /not supported/],
    ['cron(0 9 15W * ? *)', /not supported/],
    ['cron(60 9 * * ? *)', /not in 0–59/],
    ['cron(0 9 ? * FUN *)', /not in 1–7/],
    ['cron(0 10-8 * * ? *)', /backwards/],
    ['cron(? 9 * * ? *)', /\?/],
  ])('refuses %s', (expression, message) => expect(() => parseCron(expression)).toThrow(message));

  it('finds the next time in Brussels time, winter and summer', () => {
    // Every day at 09:00: 08:00Z in winter (+01:00), 07:00Z in summer (+02:00).
    expect(next('cron(0 9 * * ? *)', '2026-01-10T12:00:00Z')).toBe('2026-01-11T08:00:00.000Z');
    expect(next('cron(0 9 * * ? *)', '2026-07-10T06:00:00Z')).toBe('2026-07-10T07:00:00.000Z');
    // Weekdays (AWS counts 1 = SUN): Friday 9 January 2026 at 09:00 → Monday 12 January.
    expect(next('cron(0 9 ? * 2-6 *)', '2026-01-09T08:00:00Z')).toBe('2026-01-12T08:00:00.000Z');
    expect(next('cron(0/15 8-9 1,15 * ? *)', '2026-01-01T08:50:00Z')).toBe('2026-01-15T07:00:00.000Z');
    // Strictly after: a run at exactly the planned time plans the following one.
    expect(next('cron(0 9 * * ? *)', '2026-01-11T08:00:00Z')).toBe('2026-01-12T08:00:00.000Z');
  });

  it('follows the change to summer time (29 March 2026) and skips a time that does not exist', () => {
    // Monday 09:00: the week before in winter time, the Monday after the change in summer time.
    expect(next('cron(0 9 ? * MON *)', '2026-03-23T09:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
    // 02:30 does not exist on 29 March (02:00 → 03:00), so the next run is on 30 March.
    expect(next('cron(30 2 * * ? *)', '2026-03-28T02:00:00Z')).toBe('2026-03-30T00:30:00.000Z');
  });

  it('runs a doubled local time once, at its first occurrence (25 October 2026)', () => {
    const first = next('cron(30 2 * * ? *)', '2026-10-24T12:00:00Z');
    expect(first).toBe('2026-10-25T00:30:00.000Z'); // 02:30+02:00
    expect(next('cron(30 2 * * ? *)', first!)).toBe('2026-10-26T01:30:00.000Z'); // not 02:30+01:00 on the 25th
  });

  it('returns undefined when the expression names no further time', () => {
    expect(next('cron(0 19 ? * SUN 2026)', '2026-12-27T18:00:00Z')).toBeUndefined();
    expect(next('cron(0 0 31 FEB ? *)', '2026-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('local scheduler', () => {
  const logLines: string[] = [];
  const logger = createLogger('debug', {}, (line) => logLines.push(line));

  function job(
    name: string,
    schedule: string,
    handler: (event: JobEvent) => Promise<JobResult>,
    localIntervalSeconds?: number,
  ): RunnableJob {
    return { name, description: name, schedule, ...(localIntervalSeconds ? { localIntervalSeconds } : {}), load: async () => handler };
  }

  beforeEach(() => {
    logLines.length = 0;
    jest.useFakeTimers({ now: new Date('2026-03-28T12:00:00Z') });
  });
  afterEach(() => jest.useRealTimers());

  it('runs a job every localIntervalSeconds, passing the planned time as now', async () => {
    const calls: JobEvent[] = [];
    const scheduler = startScheduler({
      jobs: [job('tick', 'rate(1 minute)', async (event) => (calls.push(event), { sent: 0 }), 2)],
      logger,
    });
    await jest.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ now: '2026-03-28T12:00:02.000Z' }]);
    await jest.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(2);
    await scheduler.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);
  });

  it('never overlaps runs of one job', async () => {
    let release: () => void = () => undefined;
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const slow = job(
      'slow',
      'rate(1 minute)',
      async () => {
        calls++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => (release = resolve));
        running--;
        return { done: 1 };
      },
      1,
    );
    const scheduler = startScheduler({ jobs: [slow], logger });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
    expect(scheduler.nextRuns()).toEqual([{ name: 'slow', at: undefined }]);
    release();
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(maxRunning).toBe(1);
    const stopped = scheduler.stop();
    release();
    await stopped;
  });

  it('logs a failing run and keeps the schedule', async () => {
    let calls = 0;
    const flaky = job('flaky', 'rate(1 minute)', async () => {
      if (++calls === 1) throw new Error('database away');
      return { sent: 3 };
    });
    const scheduler = startScheduler({ jobs: [flaky], logger });
    await jest.advanceTimersByTimeAsync(60_000);
    await jest.advanceTimersByTimeAsync(60_000);
    await scheduler.stop();
    expect(calls).toBe(2);
    const entries = logLines.map((line) => JSON.parse(line));
    expect(entries[0]).toMatchObject({
      level: 'error',
      message: 'scheduled job failed',
      job: 'flaky',
      error: { message: 'database away' },
    });
    expect(entries[1]).toMatchObject({ level: 'info', message: 'scheduled job ran', job: 'flaky', result: { sent: 3 } });
  });

  it('plans cron jobs in Brussels time, skipping the hour lost to summer time', async () => {
    const calls: JobEvent[] = [];
    const nightly = job('nightly', 'cron(30 2 * * ? *)', async (event) => (calls.push(event), {}));
    const scheduler = startScheduler({ jobs: [nightly, job('broken', 'cron(nonsense)', async () => ({}))], logger });
    expect(scheduler.nextRuns()).toEqual([{ name: 'nightly', at: new Date('2026-03-30T00:30:00Z') }]);
    expect(JSON.parse(logLines[0])).toMatchObject({ level: 'error', job: 'broken' });
    await jest.advanceTimersByTimeAsync(36.5 * 3600_000);
    expect(calls).toEqual([{ now: '2026-03-30T00:30:00.000Z' }]);
    expect(scheduler.nextRuns()[0].at).toEqual(new Date('2026-03-31T00:30:00Z'));
    await scheduler.stop();
  });

  it('tries loading a handler again after a failed load', async () => {
    let loads = 0;
    const lazy: RunnableJob = {
      name: 'lazy',
      description: 'lazy',
      schedule: 'rate(1 minute)',
      load: async () => {
        if (++loads === 1) throw new Error('module missing');
        return async () => ({ ok: 1 });
      },
    };
    const scheduler = startScheduler({ jobs: [lazy], logger });
    await jest.advanceTimersByTimeAsync(120_000);
    await scheduler.stop();
    expect(loads).toBe(2);
  });
});
