import { createDeliverer } from '../app/create-deliverer';
import { lambdaJob } from '../runtime/lambda-job';
import type { RunnableJob } from '../runtime/scheduled-job';

/**
 * `npm run job -- retry-failed`: after a transport outage (SMTP down, SES throttling or paused
 * sending) queues again, due now, the messages that outage failed for good; the next
 * deliver-outbox run sends them. Messages refused for their address, and those set aside to
 * CHECK, stay as they are. On demand only: it has no schedule and no Lambda of its own.
 */
export const retryFailedJob: RunnableJob = {
  name: 'retry-failed',
  description: 'Queues again the emails a transport outage failed for good (on demand, not scheduled).',
  schedule: 'on demand',
  load: async () =>
    lambdaJob('retry-failed', async (app) => ({ ...(await createDeliverer(app).requeueFailed()) }), { linkSigningSecret: false }),
};
