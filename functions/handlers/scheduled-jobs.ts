import type { ScheduledJob } from './scheduled-job';

/** Every scheduled job of the system. The local stack, `npm run job` and the CDK app read this list. */
export const scheduledJobs: readonly ScheduledJob[] = [
  {
    name: 'deliver-outbox',
    description: 'Sends the emails waiting in the outbox (meeting invitations, updates, cancellations), retrying refused ones with back-off.',
    schedule: 'rate(1 minute)',
    localIntervalSeconds: 2,
    tableAccess: { table: ['GetItem', 'PutItem', 'UpdateItem'], queriedIndexes: ['byDueTime'] },
    sendsMail: true,
    usesLinkSigningSecret: true,
    runsOnNewItems: { sortKey: 'DISPATCH' },
    timeoutSeconds: 300,
    load: async () => (await import('./deliver-outbox')).handler,
  },
];
