import { DateTime } from 'luxon';
import type { JobResult, RunnableJob } from '../runtime/scheduled-job';
import { retryFailedJob } from './retry-failed-job';
import { runnableJobs as scheduledRunnableJobs } from './runnable-jobs';

/** The scheduled jobs, and those run on demand only. */
const runnableJobs = [...scheduledRunnableJobs, retryFailedJob];
import { runCli, splitEqualsFlags, UsageError } from './cli';
import { withLocalDatabase, type LocalDatabaseOptions } from './local-database';
import { LOCAL_TIME_ZONE } from '../shared/time-zone';

/**
 * `npm run job -- <name> [--now <ISO date-time>]`: runs one scheduled job once, through the same
 * handler its Lambda uses, and prints what it did. `--now` replays a run as of another moment
 * (as EventBridge passes the planned time). Beside a running `npm start` it uses that stack's
 * database; on its own it starts DynamoDB Local on `.data/dynamodb` for the run.
 */
export type JobCommand = { kind: 'help' } | { kind: 'list' } | { kind: 'run'; name: string; now?: string };

export function jobUsage(jobNames: readonly string[]): string {
  return `Usage: npm run job -- <name> [--now <ISO 8601 date-time>]
       npm run job -- --list
Jobs: ${jobNames.join(', ') || '(none)'}
Example: npm run job -- ${jobNames[0] ?? '<name>'} --now 2026-03-02T09:00:00+01:00`;
}

/**
 * The moment `--now` names, as an ISO instant with its offset. A value without an offset is read
 * as Brussels time, the zone of every schedule.
 */
export function parseNow(value: string): string {
  const parsed = DateTime.fromISO(value, { zone: LOCAL_TIME_ZONE });
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new UsageError(`--now "${value}" is not an ISO 8601 date-time; use e.g. 2026-03-02T09:00:00+01:00`);
  }
  return parsed.toISO()!;
}

export function parseJobArgs(argv: readonly string[], jobNames: readonly string[]): JobCommand {
  const args = splitEqualsFlags(argv);
  let name: string | undefined;
  let now: string | undefined;
  let list = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--list') list = true;
    else if (arg === '--now') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError('--now needs a date-time');
      now = parseNow(value);
    } else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else if (name !== undefined) throw new UsageError(`One job at a time (got "${name}" and "${arg}")`);
    else name = arg;
  }
  if (list) {
    if (name !== undefined || now !== undefined) throw new UsageError('--list takes no job name or --now');
    return { kind: 'list' };
  }
  if (name === undefined) throw new UsageError('Which job? Give its name.');
  if (!jobNames.includes(name)) throw new UsageError(`Unknown job "${name}". Known jobs: ${jobNames.join(', ') || '(none)'}`);
  return { kind: 'run', name, ...(now ? { now } : {}) };
}

export interface RunJobOptions extends LocalDatabaseOptions {
  now?: string;
}

/** Runs a job once against the running stack's database, or a DynamoDB Local started for this run. */
export async function runJobOnce(job: RunnableJob, options: RunJobOptions = {}): Promise<JobResult> {
  return withLocalDatabase(options, async () => {
    const handler = await job.load();
    return handler(options.now ? { now: options.now } : {});
  });
}

async function main(): Promise<void> {
  const names = runnableJobs.map((job) => job.name);
  const command = parseJobArgs(process.argv.slice(2), names);
  if (command.kind === 'help') return console.log(jobUsage(names));
  if (command.kind === 'list') {
    for (const job of runnableJobs) console.log(`${job.name}  [${job.schedule}, Europe/Brussels]\n    ${job.description}`);
    return;
  }
  const job = runnableJobs.find((candidate) => candidate.name === command.name)!;
  const result = await runJobOnce(job, { now: command.now });
  console.log(JSON.stringify(result, null, 2));
}

if (require.main === module) runCli(main, jobUsage(runnableJobs.map((job) => job.name)), { exitWhenDone: true });
