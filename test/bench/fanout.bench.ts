import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { createDeliverer } from '../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../functions/mail/smtp-mailer';
import type { Mailer, OutgoingEmail } from '../../functions/mail/outgoing-email';
import { toNodemailerMessage } from '../../functions/mail/nodemailer-message';
import { meetingCaps } from '../../functions/modules/meetings/meeting';
import { createPartner, scheduleMeeting } from '../support/fixtures';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { createTestApp, type TestApp } from '../support/test-app';
import { elapsedMs, median, round, rssSampler, spread, type Bench, type BenchRow } from './bench-kit';

/**
 * Email fan-out: a meeting's invitations and a buurtbabbel's invitation round (pacing off) through
 * the outbox (claim, render, send, record; OUTBOX_CONCURRENCY at a time) to an SMTP server on
 * loopback, beside nodemailer handing the same rendered messages straight to the same server over a
 * pooled connection (as many connections as our SMTP mailer opens). Each run is a new meeting (or
 * buurtbabbel) and is followed at once by its raw counterpart, so the ratio of each pair is taken
 * under the same load; the table gives the median and min-max over the runs. With pacing on, the
 * rate the SMTP server sees against the configured rate. Peak RSS of the process during the outbox
 * runs is reported too (the deliver-outbox job's memory).
 */
async function throughOutbox(
  t: TestApp,
  smtpUrl: string,
  asOf?: Date,
): Promise<{ ms: number; sent: number; emails: OutgoingEmail[]; rssMb: number; requests: Record<string, number> }> {
  const emails: OutgoingEmail[] = [];
  const smtp = createSmtpMailer(smtpUrl);
  const recording: Mailer = { send: (email) => (emails.push(email), smtp.send(email)), holdOpen: () => smtp.holdOpen!() };
  const sampler = rssSampler();
  t.roundTrips.reset();
  const started = process.hrtime.bigint();
  let sent = 0;
  // Run after run, as the scheduled job would, until nothing is due.
  const busyMs: Record<string, number> = {};
  const timer = `fanoutTimer${Math.random()}`;
  t.db.middlewareStack.add(
    (next, context) => async (args) => {
      const at = performance.now();
      try {
        return await next(args);
      } finally {
        const name = (context.commandName ?? '?').replace(/Command$/, '');
        busyMs[name] = (busyMs[name] ?? 0) + performance.now() - at;
      }
    },
    { step: 'initialize', name: timer },
  );
  const runs: string[] = [];
  for (;;) {
    const runStarted = process.hrtime.bigint();
    const report = await createDeliverer(t.app, recording).deliverDue(asOf);
    runs.push(`${report.expanded}/${report.sent} in ${Math.round(elapsedMs(runStarted))} ms`);
    sent += report.sent;
    if (report.expanded === 0 && report.sent === 0) break;
  }
  t.db.middlewareStack.remove(timer);
  const busy = Object.entries(busyMs).map(([name, ms]) => `${name} ${Math.round(ms)}`);
  process.stderr.write(`  runs (expanded/sent): ${runs.join('; ')}; DynamoDB ms summed by command: ${busy.join(', ')}\n`);
  const ms = elapsedMs(started);
  return { ms, sent, emails, rssMb: sampler.stop().peakMb, requests: t.roundTrips.byCommand };
}

async function direct(emails: OutgoingEmail[], smtpUrl: string): Promise<number> {
  const transport = nodemailer.createTransport(new SMTPPool({ url: smtpUrl, pool: true, maxConnections: 5 }));
  const started = process.hrtime.bigint();
  await Promise.all(emails.map((email) => transport.sendMail(toNodemailerMessage(email))));
  const ms = elapsedMs(started);
  transport.close();
  return ms;
}

/** `count` calls of `make`, `width` at a time (setting up a thousand partners one by one takes long on a loaded machine). */
async function inParallel(count: number, width: number, make: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await make((next += 1) - 1);
    }),
  );
}

const rounded = (s: { value: number; min: number; max: number }, digits: number) => ({
  value: round(s.value, digits),
  min: round(s.min, digits),
  max: round(s.max, digits),
});

const coordinator = { id: 'bench', email: 'bench@destek.test', role: 'COORDINATOR' as const };

async function importNeighbours(t: TestApp, size: number): Promise<void> {
  const csv = [
    'bedrijfsnaam;contactpersoon;e-mail;adres',
    ...Array.from({ length: size }, (_, i) => `Zaak ${i};Ondernemer ${i};zaak${i}@buurt.example.be;Sint-Pietersaalststraat ${i + 1}`),
  ].join('\n');
  const imported = await t.graphql(
    `mutation($csv: String!) { importNeighbours(csv: $csv) { imported } }`,
    { csv },
    await t.token('COORDINATOR'),
  );
  if (imported.data?.importNeighbours?.imported !== size) throw new Error(`import: ${JSON.stringify(imported)}`);
}

/** A buurtbabbel with its invitation round written to the outbox; returns the moment of the round. */
async function babbelRound(t: TestApp, hostId: string): Promise<Date> {
  await t.app.buurtbabbels.schedule(coordinator, {
    startsAt: new Date('2027-01-15T18:00:00Z'),
    endsAt: new Date('2027-01-15T20:00:00Z'),
    location: 'Sint-Pietersaalststraat 1, Gent',
    hostPartnerId: hostId,
  });
  const roundAt = new Date('2027-01-15T12:00:00Z');
  await t.app.buurtbabbels.runDueRounds(roundAt);
  return roundAt;
}

/**
 * Pacing on: the app's clock follows real time from the round on (also during a run), the job runs
 * every 100 ms, and the rate is read from the moments the sends were accepted: (n - 1) gaps over
 * first to last.
 */
async function pacedRate(t: TestApp, smtpUrl: string, roundAt: Date, expected: number): Promise<number> {
  const smtp = createSmtpMailer(smtpUrl);
  const accepted: number[] = [];
  const timing: Mailer = {
    send: async (email) => {
      const result = await smtp.send(email);
      accepted.push(performance.now());
      return result;
    },
  };
  const deliverer = createDeliverer(t.app, timing);
  const started = performance.now();
  // The app's clock runs with real time from the round on, also while a run expands and sends (as in AWS).
  t.clock.now = () => new Date(roundAt.getTime() + (performance.now() - started));
  while (accepted.length < expected) {
    if (performance.now() - started > 10 * 60_000) throw new Error(`pacing: ${accepted.length} of ${expected} after 10 minutes`);
    await deliverer.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const gaps = accepted.slice(1).map((at, i) => Math.round(at - accepted[i]));
  process.stderr.write(
    `  paced: first accepted ${Math.round(accepted[0] - started)} ms after the round, first gaps ${gaps.slice(0, 30).join(' ')}\n`,
  );
  return ((accepted.length - 1) / (accepted[accepted.length - 1] - accepted[0])) * 60_000;
}

export const fanoutBench: Bench = async ({ smoke, dynamoEndpoint }) => {
  process.env.TEST_DYNAMODB_ENDPOINT = dynamoEndpoint;
  const size = smoke ? 10 : Number(process.env.BENCH_FANOUT_SIZE ?? 1000);
  const runs = smoke ? 1 : Number(process.env.BENCH_FANOUT_RUNS ?? 3);
  const server = await startSmtpTestServer();
  const rows: BenchRow[] = [];
  try {
    const report = async (name: string, prepare: () => Promise<{ t: TestApp; asOf?: Date }>) => {
      const outboxRates: number[] = [];
      const rawRates: number[] = [];
      const ratios: number[] = [];
      const rss: number[] = [];
      const perMail: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const { t, asOf } = await prepare();
        const outbox = await throughOutbox(t, server.url, asOf);
        if (outbox.sent !== size) throw new Error(`${name}: ${outbox.sent} sent, ${size} expected`);
        const rawMs = await direct(outbox.emails, server.url);
        outboxRates.push(round(size / (outbox.ms / 1000), 0));
        rawRates.push(round(size / (rawMs / 1000), 0));
        ratios.push(round(rawMs / outbox.ms, 2));
        rss.push(outbox.rssMb);
        server.messages.length = 0;
        const requests = Object.values(outbox.requests).reduce((sum, n) => sum + n, 0);
        perMail.push(requests / size);
        const byCommand = Object.entries(outbox.requests)
          .map(([command, n]) => `${command.replace(/Command$/, '')} ${round(n / size, 2)}`)
          .join(', ');
        process.stderr.write(
          `  ${name}, run ${run + 1}: ${outboxRates.at(-1)} vs ${rawRates.at(-1)} mails/s (${ratios.at(-1)}x); DynamoDB requests per mail ${round(requests / size, 2)} (${byCommand})\n`,
        );
      }
      const ratio = rounded(spread(ratios), 2);
      rows.push({
        bench: 'fan-out',
        case: `${name} via outbox`,
        metric: 'mails/s',
        ...rounded(spread(outboxRates), 0),
        note: `${ratio.value}x raw (${ratio.min}-${ratio.max}, ${runs} runs)`,
      });
      rows.push({ bench: 'fan-out', case: `${name} nodemailer pooled`, metric: 'mails/s', ...rounded(spread(rawRates), 0) });
      rows.push({ bench: 'fan-out', case: `${name} via outbox`, metric: 'DynamoDB requests/mail', ...rounded(spread(perMail), 2) });
      rows.push({ bench: 'memory', case: `deliver-outbox, ${name}`, metric: 'peak RSS MB (process)', ...rounded(spread(rss), 0) });
    };

    // BENCH_FANOUT_CASES=meeting,babbel,paced runs a selection (default: all three).
    const cases = (process.env.BENCH_FANOUT_CASES ?? 'meeting,babbel,paced').split(',');
    if (cases.includes('meeting')) {
      const meeting = await createTestApp();
      // At most 200 partners may be invited (meetingCaps.invitees): a larger mailing gives each
      // partner several representatives, as many as it takes to reach `size` people.
      const perPartner = Math.ceil(size / meetingCaps.invitees);
      await inParallel(Math.ceil(size / perPartner), 8, (i) =>
        createPartner(meeting, {
          representatives: Array.from({ length: perPartner }, (_, r) => ({
            name: `Vertegenwoordiger ${i}-${r}`,
            email: `rep-${i}-${r}@example.be`,
          })),
        }),
      );
      // Each run a new meeting: one invitation per representative.
      await report(`${size} meeting invitations`, async () => {
        await scheduleMeeting(meeting);
        return { t: meeting };
      });
    }
    if (cases.includes('babbel'))
      await report(`${size} buurtbabbel invitations, pacing off`, async () => {
        const babbel = await createTestApp({ now: '2027-01-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '0' } });
        const host = await createPartner(babbel);
        await importNeighbours(babbel, size);
        return { t: babbel, asOf: await babbelRound(babbel, host.id) };
      });

    if (!cases.includes('paced')) return rows;
    // Pacing on, at the highest rate the setting allows, so a run takes seconds, not minutes.
    const rate = Number(process.env.BENCH_FANOUT_RATE ?? 1000);
    const paced = smoke ? 5 : Number(process.env.BENCH_FANOUT_PACED ?? 150);
    const errors: number[] = [];
    const rates: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const babbel = await createTestApp({ now: '2027-01-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: String(rate) } });
      const host = await createPartner(babbel);
      await importNeighbours(babbel, paced);
      const measured = await pacedRate(babbel, server.url, await babbelRound(babbel, host.id), paced);
      rates.push(round(measured, 0));
      errors.push(round((Math.abs(measured - rate) / rate) * 100, 1));
      server.messages.length = 0;
    }
    rows.push({
      bench: 'fan-out',
      case: `${paced} buurtbabbel invitations, pacing ${rate}/min`,
      metric: 'mails/min held',
      ...rounded(spread(rates), 0),
      note: `error ${round(median(errors), 1)} % (${Math.min(...errors)}-${Math.max(...errors)})`,
    });
  } finally {
    await server.close();
  }
  return rows;
};
