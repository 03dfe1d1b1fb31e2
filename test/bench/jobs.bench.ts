import { createDeliverer } from '../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../functions/mail/smtp-mailer';
import { createPartner, scheduleMeeting } from '../support/fixtures';
import { activeProject } from '../support/project-fixtures';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { createTestApp, type TestApp } from '../support/test-app';
import { elapsedMs, round, rssSampler, type Bench, type BenchRow } from './bench-kit';
import { coordinator, importNeighbours } from './bench-data';

/**
 * Jobs that touch only what is due: each scheduled job's DynamoDB requests and time with nothing
 * due and with a few due, as the data that is not due grows (scale 10 and 100, BENCH_JOB_SCALES):
 * per scale unit one meeting to 10 partners (its invitations sent), one ACTIVE project (review due
 * in 3 months), one buurtbabbel months ahead and 10 neighbours. "A few due": 2 projects whose
 * review is due, a new meeting (10 invitations in the outbox), one buurtbabbel whose invitation
 * round is due (that round invites every neighbour, so its work grows with them by design).
 */
export const jobScales = (smoke: boolean): number[] =>
  process.env.BENCH_JOB_SCALES ? process.env.BENCH_JOB_SCALES.split(',').map(Number) : smoke ? [1, 3] : [10, 100];

const now = '2026-12-01T09:00:00Z';

async function deliverAll(t: TestApp, smtpUrl: string, asOf?: Date) {
  const deliverer = createDeliverer(t.app, createSmtpMailer(smtpUrl));
  for (;;) {
    const report = await deliverer.deliverDue(asOf);
    if (report.expanded === 0 && report.sent === 0) return;
  }
}

async function seed(scale: number, smtpUrl: string): Promise<TestApp> {
  const t = await createTestApp({ now, config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '0' } });
  const partners: string[] = [];
  for (let i = 0; i < 10; i += 1) partners.push((await createPartner(t)).id);
  for (let i = 0; i < scale; i += 1) {
    const startsAt = new Date(Date.parse('2026-12-10T18:30:00Z') + i * 7 * 24 * 3600 * 1000);
    await scheduleMeeting(t, {
      title: `Overleg ${i + 1}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000).toISOString(),
    });
    await activeProject(t, partners[i % 10], { name: `Project ${i + 1}`, reviewIntervalMonths: 3 });
    await t.app.buurtbabbels.schedule(coordinator, {
      startsAt: new Date(Date.parse('2027-09-01T16:00:00Z') + i * 24 * 3600 * 1000),
      endsAt: new Date(Date.parse('2027-09-01T18:00:00Z') + i * 24 * 3600 * 1000),
      location: `Sint-Pietersaalststraat ${i + 1}, Gent`,
      hostPartnerId: partners[i % 10],
    });
  }
  await importNeighbours(t, await t.token('COORDINATOR'), 10 * scale);
  await deliverAll(t, smtpUrl);
  return t;
}

export const jobsBench: Bench = async ({ smoke, dynamoEndpoint }) => {
  process.env.TEST_DYNAMODB_ENDPOINT = dynamoEndpoint;
  const server = await startSmtpTestServer();
  const rows: BenchRow[] = [];
  // Peak RSS per job over every run of it (goal 6); BENCH_ONLY=jobs alone so other benches' heaps do not count.
  const peaks: Record<string, number> = {};
  const baseline = rssSampler().stop().startMb;
  try {
    for (const scale of jobScales(smoke)) {
      const started = process.hrtime.bigint();
      const t = await seed(scale, server.url);
      process.stderr.write(`  jobs @ ${scale}: ${round(elapsedMs(started) / 1000)} s to seed\n`);
      const deliverer = createDeliverer(t.app, createSmtpMailer(server.url));
      const jobs: Record<string, (asOf: Date) => Promise<unknown>> = {
        'deliver-outbox': (asOf) => deliverer.deliverDue(asOf),
        'send-consolidation-reviews': (asOf) => t.app.consolidationReviews.sendDueReviews(asOf),
        'send-buurtbabbel-invitations': (asOf) => t.app.buurtbabbels.runDueRounds(asOf),
        'send-meeting-reminders': (asOf) => t.app.meetingReminders.sendDueReminders(asOf),
      };
      const measure = async (job: string, due: string, asOf: Date) => {
        t.roundTrips.reset();
        const sampler = rssSampler();
        const begun = process.hrtime.bigint();
        await jobs[job](asOf);
        const rss = sampler.stop();
        peaks[job] = Math.max(peaks[job] ?? 0, rss.peakMb);
        rows.push({
          bench: 'jobs',
          case: `${job}, ${due} @ ${scale}x`,
          metric: 'DynamoDB requests',
          value: t.roundTrips.total,
          note: `${round(elapsedMs(begun))} ms; ${Object.entries(t.roundTrips.byCommand)
            .map(([command, count]) => `${command.replace(/Command$/, '')} ${count}`)
            .join(', ')}`,
        });
      };
      const asOfNow = new Date(now);
      for (const job of Object.keys(jobs)) await measure(job, 'nothing due', asOfNow);

      // A few due: a new meeting's 10 invitations; 2 projects whose review falls due a month on; one buurtbabbel round.
      const fewDueAt = new Date('2027-01-02T09:00:00Z');
      t.clock.set(fewDueAt);
      await scheduleMeeting(t, { title: 'Extra overleg', startsAt: '2027-01-20T18:30:00Z', endsAt: '2027-01-20T20:30:00Z' });
      await measure('deliver-outbox', 'a new meeting (10 invitations) due', fewDueAt);
      const partner = (await t.app.repositories.partners.listAll())[0].id;
      for (const name of ['Due A', 'Due B']) await activeProject(t, partner, { name, reviewIntervalMonths: 1 });
      await measure('send-consolidation-reviews', '2 reviews due', new Date('2027-02-03T09:00:00Z'));
      await t.app.buurtbabbels.schedule(coordinator, {
        startsAt: new Date('2027-01-12T16:00:00Z'),
        endsAt: new Date('2027-01-12T18:00:00Z'),
        location: 'Sint-Pietersaalststraat 1, Gent',
      });
      await measure('send-buurtbabbel-invitations', `1 round due (${10 * scale} neighbours)`, fewDueAt);
      // The meeting's reminders (agenda days before, reminder on the day) fall due before it starts.
      await measure('send-meeting-reminders', "the extra meeting's reminders due", new Date('2027-01-20T09:00:00Z'));
    }
    for (const [job, peakMb] of Object.entries(peaks))
      rows.push({
        bench: 'memory',
        case: `${job} (jobs bench, scales ${jobScales(smoke).join(', ')})`,
        metric: 'peak RSS MB (process)',
        value: peakMb,
        note: `bench process ${baseline} MB before seeding`,
      });
  } finally {
    await server.close();
  }
  return rows;
};
