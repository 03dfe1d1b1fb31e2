import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { createDeliverer } from '../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../functions/mail/smtp-mailer';
import type { Mailer, OutgoingEmail } from '../../functions/mail/outgoing-email';
import { toNodemailerMessage } from '../../functions/mail/nodemailer-message';
import { createPartner, scheduleMeeting } from '../support/fixtures';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { createTestApp, type TestApp } from '../support/test-app';
import { elapsedMs, round, type Bench, type BenchRow } from './bench-kit';

/**
 * Email fan-out: a meeting's invitations and a buurtbabbel's invitation round (pacing off) through
 * the outbox (claim, render, send, record) to an SMTP server on loopback, beside nodemailer handing
 * the same rendered messages straight to the same server over a pooled connection. Peak RSS of the
 * process during the outbox run is reported too (the deliver-outbox job's memory).
 */
async function throughOutbox(
  t: TestApp,
  smtpUrl: string,
  asOf?: Date,
): Promise<{ ms: number; sent: number; emails: OutgoingEmail[]; rssMb: number }> {
  const emails: OutgoingEmail[] = [];
  const smtp = createSmtpMailer(smtpUrl);
  const recording: Mailer = { send: (email) => (emails.push(email), smtp.send(email)) };
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  let sent = 0;
  // Run after run, as the scheduled job would, until nothing is due.
  for (;;) {
    const report = await createDeliverer(t.app, recording).deliverDue(asOf);
    sent += report.sent;
    if (report.expanded === 0 && report.sent === 0) break;
  }
  const ms = elapsedMs(started);
  clearInterval(sampler);
  return { ms, sent, emails, rssMb: round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) };
}

async function direct(emails: OutgoingEmail[], smtpUrl: string): Promise<number> {
  const transport = nodemailer.createTransport(new SMTPPool({ url: smtpUrl, pool: true, maxConnections: 5 }));
  const started = process.hrtime.bigint();
  await Promise.all(emails.map((email) => transport.sendMail(toNodemailerMessage(email))));
  const ms = elapsedMs(started);
  transport.close();
  return ms;
}

export const fanoutBench: Bench = async ({ smoke, dynamoEndpoint }) => {
  process.env.TEST_DYNAMODB_ENDPOINT = dynamoEndpoint;
  const size = smoke ? 10 : 1000;
  const server = await startSmtpTestServer();
  const rows: BenchRow[] = [];
  try {
    const report = async (name: string, t: TestApp, asOf?: Date) => {
      const outbox = await throughOutbox(t, server.url, asOf);
      if (outbox.sent !== size) throw new Error(`${name}: ${outbox.sent} sent, ${size} expected`);
      const rawMs = await direct(outbox.emails, server.url);
      const rate = (count: number, ms: number) => round(count / (ms / 1000), 0);
      const outboxRate = rate(size, outbox.ms);
      const rawRate = rate(size, rawMs);
      rows.push({
        bench: 'fan-out',
        case: `${name} via outbox`,
        metric: 'mails/s',
        value: outboxRate,
        note: `${round(outboxRate / rawRate, 2)}x raw`,
      });
      rows.push({ bench: 'fan-out', case: `${name} nodemailer pooled`, metric: 'mails/s', value: rawRate });
      rows.push({ bench: 'memory', case: `deliver-outbox, ${name}`, metric: 'peak RSS MB (process)', value: outbox.rssMb });
    };

    const meeting = await createTestApp();
    for (let i = 0; i < size; i += 1) await createPartner(meeting);
    await scheduleMeeting(meeting);
    await report(`${size} meeting invitations`, meeting);

    const babbel = await createTestApp({ now: '2027-01-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '0' } });
    const host = await createPartner(babbel);
    const coordinator = { id: 'bench', email: 'bench@destek.test', role: 'COORDINATOR' as const };
    const csv = [
      'bedrijfsnaam;contactpersoon;e-mail;adres',
      ...Array.from({ length: size }, (_, i) => `Zaak ${i};Ondernemer ${i};zaak${i}@buurt.example.be;Sint-Pietersaalststraat ${i + 1}`),
    ].join('\n');
    const imported = await babbel.graphql(
      `mutation($csv: String!) { importNeighbours(csv: $csv) { imported } }`,
      { csv },
      await babbel.token('COORDINATOR'),
    );
    if (imported.data?.importNeighbours?.imported !== size) throw new Error(`import: ${JSON.stringify(imported)}`);
    await babbel.app.buurtbabbels.schedule(coordinator, {
      startsAt: new Date('2027-01-15T18:00:00Z'),
      endsAt: new Date('2027-01-15T20:00:00Z'),
      location: 'Sint-Pietersaalststraat 1, Gent',
      hostPartnerId: host.id,
    });
    const roundAt = new Date('2027-01-15T12:00:00Z');
    await babbel.app.buurtbabbels.runDueRounds(roundAt);
    await report(`${size} buurtbabbel invitations, pacing off`, babbel, roundAt);
  } finally {
    await server.close();
  }
  return rows;
};
