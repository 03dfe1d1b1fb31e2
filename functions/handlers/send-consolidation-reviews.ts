import { createApp } from '../app/create-app';
import { getConfig } from '../shared/config';
import type { JobHandler } from './scheduled-job';

/**
 * The consolidation-review job: asks promoters for the reviews that fell due, sends the reminders
 * and tells the coordinator of reviews left unanswered. Each email goes into the outbox with the
 * step that decided it; the deliver-outbox job sends it.
 */
let app: ReturnType<typeof createApp> | undefined;

export const handler: JobHandler = async (event) => {
  app ??= createApp(getConfig());
  const asOf = event?.now ? new Date(event.now) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) throw new Error(`invalid "now": ${event.now}`);
  return { ...(await app.projects.sendDueReviews(asOf)) };
};
