import type { ScheduledJob } from './scheduled-job';

/** Every scheduled job of the system. The local stack, `npm run job` and the CDK app read this list. */
export const scheduledJobs: readonly ScheduledJob[] = [
  {
    name: 'deliver-outbox',
    description: 'Sends the emails waiting in the outbox (meeting invitations, updates and cancellations, consolidation reviews), retrying refused ones with back-off.',
    schedule: 'rate(1 minute)',
    localIntervalSeconds: 2,
    load: async () => (await import('./deliver-outbox')).handler,
  },
  {
    name: 'send-consolidation-reviews',
    description: 'Asks promoters for the consolidation reviews that fell due, reminds them after 7 and 14 days, and after 21 tells the coordinator and puts the review on the next meeting agenda.',
    schedule: 'cron(0 8 * * ? *)',
    localIntervalSeconds: 60,
    load: async () => (await import('./send-consolidation-reviews')).handler,
  },
];
