import type { JobHandler, JobResult, RunnableJob } from '../runtime/scheduled-job';
import { systemClock, type Clock } from '../shared/clock';
import { createLogger, type Logger } from '../shared/logger';
import { nextRunTime, parseSchedule, type Schedule } from './schedule-expression';
import { LOCAL_TIME_ZONE } from '../shared/time-zone';

/**
 * Runs the scheduled jobs inside the local stack, standing in for EventBridge Scheduler: each job on
 * its `localIntervalSeconds` when it has one (so the outbox empties within seconds), otherwise at
 * the times its `schedule` names. A job's next run is planned only after its current run ends, so
 * runs of one job never overlap; a failing run is logged and the schedule carries on.
 */
export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LocalSchedulerOptions {
  jobs: readonly RunnableJob[];
  clock?: Clock;
  timers?: SchedulerTimers;
  logger?: Logger;
  zone?: string;
}

export interface LocalScheduler {
  /** Cancels pending runs and waits for running ones to finish. */
  stop(): Promise<void>;
  /** Each job's next planned run; `at` is undefined while it runs or when it never runs again. */
  nextRuns(): Array<{ name: string; at?: Date }>;
}

// setTimeout cannot wait longer than this (about 24.8 days); longer waits are made of several.
const maxTimerMs = 2 ** 31 - 1;

const globalTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function localSchedule(job: RunnableJob, zone = LOCAL_TIME_ZONE): Schedule {
  return job.localIntervalSeconds ? { kind: 'rate', everyMs: job.localIntervalSeconds * 1000 } : parseSchedule(job.schedule, zone);
}

interface JobState {
  job: RunnableJob;
  schedule: Schedule;
  next?: Date;
  timer?: unknown;
  running?: Promise<void>;
  handler?: JobHandler;
}

function didSomething(result: JobResult): boolean {
  return Object.values(result).some((value) => typeof value === 'number' && value > 0);
}

export function startScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? globalTimers;
  const logger = options.logger ?? createLogger('info');
  let stopped = false;
  const states: JobState[] = [];

  for (const job of options.jobs) {
    try {
      states.push({ job, schedule: localSchedule(job, options.zone) });
    } catch (error) {
      logger.error('scheduled job not started: bad schedule', { job: job.name, error });
    }
  }

  const wait = (state: JobState) => {
    if (stopped || !state.next) return;
    const remaining = state.next.getTime() - clock.now().getTime();
    // Timers may fire a little early, and long waits come in pieces: check before running.
    if (remaining > 0) {
      state.timer = timers.setTimeout(() => wait(state), Math.min(remaining, maxTimerMs));
      (state.timer as { unref?: () => void } | undefined)?.unref?.();
      return;
    }
    state.timer = undefined;
    state.running = run(state).finally(() => {
      state.running = undefined;
      plan(state);
    });
  };

  const plan = (state: JobState) => {
    if (stopped) return;
    state.next = nextRunTime(state.schedule, clock.now());
    if (!state.next) logger.info('scheduled job has no further runs', { job: state.job.name });
    wait(state);
  };

  const run = async (state: JobState) => {
    const planned = state.next!;
    state.next = undefined;
    const started = Date.now();
    try {
      state.handler ??= await state.job.load();
      // As in AWS, the run acts as of the time it was planned for.
      const result = await state.handler({ now: planned.toISOString() });
      const fields = { job: state.job.name, durationMs: Date.now() - started, result };
      if (didSomething(result)) logger.info('scheduled job ran', fields);
      else logger.debug('scheduled job ran', fields);
    } catch (error) {
      logger.error('scheduled job failed', { job: state.job.name, durationMs: Date.now() - started, error });
    }
  };

  states.forEach(plan);

  return {
    async stop() {
      stopped = true;
      for (const state of states) {
        if (state.timer !== undefined) timers.clearTimeout(state.timer);
        state.timer = undefined;
        state.next = undefined;
      }
      await Promise.all(states.map((state) => state.running));
    },
    nextRuns: () => states.map((state) => ({ name: state.job.name, at: state.next })),
  };
}
