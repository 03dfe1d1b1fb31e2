import type { JobHandler, RunnableJob } from '../runtime/scheduled-job';
import { scheduledJobs } from '../runtime/scheduled-jobs';

/**
 * Each scheduled job's Lambda entry point, loaded lazily (a handler reads its configuration when
 * its module loads). Only the local stack imports entry points; in AWS each job is its own function.
 */
export const jobHandlerLoaders: Readonly<Record<string, () => Promise<JobHandler>>> = {
  'deliver-outbox': async () => (await import('../handlers/deliver-outbox')).handler,
  'send-buurtbabbel-invitations': async () => (await import('../handlers/send-buurtbabbel-invitations')).handler,
  'send-consolidation-reviews': async () => (await import('../handlers/send-consolidation-reviews')).handler,
  'send-meeting-reminders': async () => (await import('../handlers/send-meeting-reminders')).handler,
};

/** The scheduled jobs with their handlers, as `npm start` and `npm run job` run them. */
export const runnableJobs: readonly RunnableJob[] = scheduledJobs.map((job) => {
  const load = jobHandlerLoaders[job.name];
  if (!load) throw new Error(`No handler loader for the scheduled job ${job.name} in functions/local/runnable-jobs.ts`);
  return { ...job, load };
});
