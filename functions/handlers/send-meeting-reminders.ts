import { lambdaJob } from '../runtime/lambda-job';

/**
 * The meeting-reminder job: the agenda before each meeting, the reminder on the day, and the
 * coordinator's reminders after it (minutes missing, no next date). Each reminder goes into the
 * outbox with its claim; the deliver-outbox job sends it.
 */
export const handler = lambdaJob(
  'send-meeting-reminders',
  async (app, asOf) => ({ ...(await app.meetingReminders.sendDueReminders(asOf)) }),
  {
    // The answer links in its mails are signed by deliver-outbox when each mail is sent.
    linkSigningSecret: false,
  },
);
