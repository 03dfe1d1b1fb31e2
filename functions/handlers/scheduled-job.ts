/**
 * A scheduled job: one Lambda each in AWS (EventBridge Scheduler, Europe/Brussels time), run
 * in-process by the local stack, and once on demand by `npm run job -- <name> [--now <ISO>]`.
 * The scheduler passes `{ "now": "<aws.scheduler.scheduled-time>" }`, so a replayed or late run
 * acts as of the moment it was meant for.
 */
export interface JobEvent {
  /** ISO 8601 instant the run acts as of; the clock's time when left out. */
  now?: string;
}

/** What a run did, in counts (no personal data): printed by the CLI, logged in AWS. */
export type JobResult = Record<string, number | string>;

export type JobHandler = (event: JobEvent) => Promise<JobResult>;

export interface ScheduledJob {
  name: string;
  description: string;
  /** EventBridge Scheduler expression, e.g. `rate(1 minute)` or `cron(0 9 * * ? *)`. */
  schedule: string;
  /** How often the local stack runs it, in seconds, where that should differ from `schedule`. */
  localIntervalSeconds?: number;
  /** Loads the handler module lazily, so the configuration is read only when a job first runs. */
  load(): Promise<JobHandler>;
}
