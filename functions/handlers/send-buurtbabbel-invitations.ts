import { lambdaJob } from '../runtime/lambda-job';
import { metricNames } from '../shared/metric-names';

/**
 * The buurtbabbel job: starts each mailing round whose moment has come (the invitations,
 * invitationDaysBefore days before; the reminders to those who said yes, two days before). A round
 * only writes its emails to the outbox, paced; the deliver-outbox job sends them. Then retention:
 * opted-out contacts past their grace period shrink to the hash that keeps them unmailed.
 */
export const handler = lambdaJob(
  'send-buurtbabbel-invitations',
  async (app, asOf) => ({ ...(await app.buurtbabbels.runDueRounds(asOf)), ...(await app.personalData.shrinkOptedOutNeighbours(asOf)) }),
  {
    countsOf: (report) => ({ [metricNames.jobRecordsFailed]: report.failed }),
    // The links in its mails are signed by deliver-outbox when each mail is sent.
    linkSigningSecret: false,
  },
);
