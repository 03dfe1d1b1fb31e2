import type { ScheduledJob } from './scheduled-job';

/** Every scheduled job of the system. The local stack, `npm run job` and the CDK app read this list. */
export const scheduledJobs: readonly ScheduledJob[] = [
  {
    name: 'deliver-outbox',
    description: 'Sends the emails waiting in the outbox (meeting invitations, updates, cancellations), retrying refused ones with back-off.',
    schedule: 'rate(1 minute)',
    localIntervalSeconds: 2,
    load: async () => (await import('./deliver-outbox')).handler,
  },
  {
    name: 'send-buurtbabbel-invitations',
    description:
      'Starts the buurtbabbel mailing rounds that are due: the invitations (invitationDaysBefore days before) and the reminders to those who said yes (two days before), paced, through the outbox.',
    schedule: 'rate(15 minutes)',
    localIntervalSeconds: 10,
    load: async () => (await import('./send-buurtbabbel-invitations')).handler,
  },
];
