import { createApp } from '../app/create-app';
import { getConfig } from '../shared/config';
import type { JobHandler } from './scheduled-job';

/**
 * The buurtbabbel job: starts each mailing round whose moment has come (the invitations,
 * invitationDaysBefore days before; the reminders to those who said yes, two days before). A round
 * only writes its emails to the outbox, paced; the deliver-outbox job sends them.
 */
let app: ReturnType<typeof createApp> | undefined;

export const handler: JobHandler = async (event) => {
  app ??= createApp(getConfig());
  const asOf = event?.now ? new Date(event.now) : undefined;
  if (asOf && Number.isNaN(asOf.getTime())) throw new Error(`invalid "now": ${event.now}`);
  return { ...(await app.buurtbabbels.runDueRounds(asOf)) };
};
