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

import type { TableAccess } from '../shared/dynamodb/table-access';

/** A job's name and timing: what the CDK app schedules and the local stack runs. */
export interface JobDescription {
  /** Also the handler's file: `functions/handlers/<name>.ts`, exporting `handler`. */
  name: string;
  description: string;
  /** EventBridge Scheduler expression, e.g. `rate(1 minute)` or `cron(0 9 * * ? *)`. */
  schedule: string;
  /** How often the local stack runs it, in seconds, where that should differ from `schedule`. */
  localIntervalSeconds?: number;
}

/**
 * What running a job needs: the local scheduler and `npm run job` use only this. The loaders live
 * in functions/local/runnable-jobs.ts, since only the local stack imports entry points.
 */
export interface RunnableJob extends JobDescription {
  /** Loads the handler module lazily, so the configuration is read only when a job first runs. */
  load(): Promise<JobHandler>;
}

/**
 * A job of the system: runnable, plus what the CDK app needs to give it its own Lambda function,
 * schedule, dead-letter queue and least-privilege role. These fields are required on purpose, so a
 * new job cannot be added without saying what it touches.
 */
export interface ScheduledJob extends JobDescription {
  /** Exactly the DynamoDB actions and indexes its code uses. */
  tableAccess: TableAccess;
  /** Sends email: its function may send through SES, and only then bundles the mail packages. */
  sendsMail: boolean;
  /**
   * Signs or verifies email-link tokens: its function may read the link-signing secret. Must match
   * the `linkSigningSecret` option its handler passes to lambdaJob (test/infra/function-environment.test.ts).
   */
  usesLinkSigningSecret: boolean;
  /**
   * Also run within seconds of a new table item with this sort key (the table's stream, filtered
   * on inserts), beside the schedule that catches retries and anything the stream missed.
   */
  runsOnNewItems?: { sortKey: string };
  /** Lambda timeout; 60 seconds when left out. */
  timeoutSeconds?: number;
  /**
   * Lambda memory in MB, from the job's peak RSS in `npm run bench` (about twice it, in 128 MB
   * steps; README "Lambda memory sizes", docs/performance.md). Required: a new job is measured first.
   */
  memoryMb: number;
}
