import { SMTPServer } from 'smtp-server';
import { createApp } from '../../functions/app/create-app';
import { createDeliverer } from '../../functions/app/create-deliverer';
import type { Mailer, OutgoingEmail, SendResult } from '../../functions/mail/mailer';
import { createSmtpMailer } from '../../functions/mail/smtp-mailer';
import { createDocumentClient } from '../../functions/shared/dynamodb/client';
import { createLogger } from '../../functions/shared/logger';
import { createPartner, scheduleMeeting } from '../support/fixtures';
import { scanAll } from '../support/scan-table';
import { closedPort } from '../support/smtp-test-server';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The fault-injection suite (issue #11): meetings are changed and the outbox is delivered over
 * DynamoDB Local and a real SMTP server on loopback while faults are injected at random (seeded):
 * DynamoDB throttling and 5xx on every kind of request (SDK middleware on each client, before the
 * request or after a write was applied), SMTP down, slow, 4xx and 5xx, a deliverer killed between
 * send and record, two runs at once, concurrent edits of one meeting, a run timed out halfway.
 * Then, faults off, the outbox is drained the way operators would (retry-failed, runs) and what
 * arrived is compared with what the table says should have.
 */

export const faultKinds = [
  'dynamodb-throttle',
  'dynamodb-5xx',
  'dynamodb-5xx-after-write',
  'smtp-down',
  'smtp-slow',
  'smtp-4xx',
  'smtp-5xx',
  'deliverer-killed',
  'concurrent-runs',
  'concurrent-edits',
  'job-timed-out',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultSuiteOptions {
  seed: number;
  partners: number;
  meetings: number;
  /** Ticks (edits, then runs, then the clock moves on) at least; more until `minFaults` were injected. */
  minTicks: number;
  minFaults: number;
  maxTicks: number;
  /** Probability that one DynamoDB request fails (throttle, 5xx before, or 5xx after a write). */
  dynamoFaultRate: number;
  /** Probability that one SMTP transaction is slow, refused with a 4xx or with a relay 5xx. */
  smtpFaultRate: number;
  /** The longest delay of a slow SMTP answer. */
  slowMs: number;
  /**
   * Forces each fault kind not yet injected at its next chance, and runs on (up to `maxTicks`)
   * until every kind was: a short run cannot then leave a kind untried by the luck of its seed.
   */
  forceEveryKind?: boolean;
  progress?: (line: string) => void;
}

export interface FaultSuiteReport {
  seed: number;
  ticks: number;
  faults: Record<FaultKind, number>;
  totalFaults: number;
  /** Faults injected into DynamoDB by request kind (GetItem, Query, TransactWriteItems, ...). */
  dynamoFaultsByRequest: Record<string, number>;
  edits: { acknowledged: number; failed: number };
  /** The newest version of each meeting per recipient, and every other message that must leave. */
  mailsExpected: number;
  mailsDelivered: number;
  /** Distinct messages (one recipient, one version) the SMTP server accepted. */
  mailsAccepted: number;
  /** Arrivals of a message (one recipient, one version) beyond its first. */
  duplicates: number;
  /** Arrivals of a version after a newer version of the same meeting reached the same recipient. */
  outdated: number;
  /** Each outdated arrival: which version arrived after which, and how its copy ended, to find the path. */
  outdatedDetails: string[];
  /** Expected mails that never arrived and are not set aside to check. */
  lost: number;
  /** Acknowledged edits whose outbox dispatch is not in the table. */
  recordsLost: number;
  /** Messages a newer version superseded before they left. */
  superseded: number;
  /** Set aside to check (a claim ran out without a record): those that had left, and those that had not. */
  checkDelivered: number;
  checkUndelivered: number;
  /** The documented instant: accepted by the transport, record lost (CHECK and delivered), per accepted send. */
  instantRate: number;
  durationMs: number;
}

/** mulberry32: a small seeded generator, so a run can be repeated from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const never = <T>() => new Promise<T>(() => undefined);
const writes = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

function dynamoError(kind: 'throttle' | '5xx'): Error {
  return kind === 'throttle'
    ? Object.assign(new Error('The level of configured provisioned throughput for the table was exceeded.'), {
        name: 'ProvisionedThroughputExceededException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      })
    : Object.assign(new Error('We encountered an internal error. Please try again.'), {
        name: 'InternalServerError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
}

interface Arrival {
  dispatchId: string;
  recipientKey: string;
}

export async function runFaultSuite(options: FaultSuiteOptions): Promise<FaultSuiteReport> {
  const started = Date.now();
  const random = seeded(options.seed);
  const chance = (p: number) => random() < p;
  const pick = (n: number) => Math.floor(random() * n);
  const faults = Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  const byRequest: Record<string, number> = {};
  const state = { faultsOn: false };
  const total = () => Object.values(faults).reduce((a, b) => a + b, 0);
  /** Whether `kind` is to be forced now (forceEveryKind, faults on, none of that kind injected yet). */
  const missing = (kind: FaultKind) => Boolean(options.forceEveryKind) && state.faultsOn && faults[kind] === 0;
  const untried = () => (options.forceEveryKind ? faultKinds.filter((kind) => faults[kind] === 0) : []);

  // The SMTP server: real, on loopback; each transaction may be slow or refused while faults are on.
  const arrivals: Arrival[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(_address, _session, callback) {
      if (state.faultsOn && (chance(options.smtpFaultRate / 3) || missing('smtp-5xx'))) {
        faults['smtp-5xx'] += 1;
        const [code, text] = chance(0.5) ? [554, '5.7.1 Relay access denied'] : [530, '5.7.0 Authentication required'];
        return callback(Object.assign(new Error(text), { responseCode: code }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          if (state.faultsOn && (chance(options.smtpFaultRate / 3) || missing('smtp-slow'))) {
            faults['smtp-slow'] += 1;
            await sleep(100 + pick(options.slowMs));
          }
          if (state.faultsOn && (chance(options.smtpFaultRate / 3) || missing('smtp-4xx'))) {
            faults['smtp-4xx'] += 1;
            return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const id = /^Message-ID:\s*<([^>]+)@[^>]+>/im.exec(raw)?.[1] ?? '';
          const dot = id.lastIndexOf('.');
          arrivals.push({ dispatchId: id.slice(0, dot), recipientKey: id.slice(dot + 1) });
          callback();
        })();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const smtpAddress = smtp.server.address();
  if (smtpAddress === null || typeof smtpAddress === 'string') throw new Error('no SMTP port');
  const smtpUrl = `smtp://127.0.0.1:${smtpAddress.port}`;
  const downUrl = `smtp://127.0.0.1:${await closedPort()}`;

  /** Faults on one DynamoDB client; `freeze` makes every later request hang, as a process that died. */
  const injectFaults = (db: TestApp['db'], run?: { frozen: boolean; freezeAtRequest?: number; requests: number }) => {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (run) {
          run.requests += 1;
          if (run.freezeAtRequest !== undefined && run.requests >= run.freezeAtRequest && !run.frozen) {
            run.frozen = true;
            faults['job-timed-out'] += 1;
          }
          if (run.frozen) return never();
        }
        const command = context.commandName ?? 'unknown';
        const request = command.replace(/Command$/, '');
        const forceAfterWrite = writes.has(command) && missing('dynamodb-5xx-after-write');
        const forced = forceAfterWrite || missing('dynamodb-throttle') || missing('dynamodb-5xx');
        if (state.faultsOn && (chance(options.dynamoFaultRate) || forced)) {
          // A forced fault takes a kind not injected yet; otherwise the roll decides.
          const roll = forceAfterWrite ? 0 : missing('dynamodb-throttle') ? 0.5 : missing('dynamodb-5xx') ? 0.9 : random();
          byRequest[request] = (byRequest[request] ?? 0) + 1;
          if (roll < 0.35 && writes.has(command)) {
            faults['dynamodb-5xx-after-write'] += 1;
            await next(args);
            throw dynamoError('5xx');
          }
          const kind = roll < 0.7 ? 'throttle' : '5xx';
          faults[kind === 'throttle' ? 'dynamodb-throttle' : 'dynamodb-5xx'] += 1;
          throw dynamoError(kind);
        }
        return next(args);
      },
      { step: 'initialize', name: `faults-${Math.random()}` },
    );
  };

  // Arrange: partners and meetings, before any fault.
  const t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  const coordinator = await t.token('COORDINATOR');
  for (let i = 0; i < options.partners; i += 1) {
    await createPartner(t, { representatives: [{ name: `Vertegenwoordiger ${i}`, email: `fault-${options.seed}-${i}@example.be` }] });
  }
  const meetingIds: string[] = [];
  for (let i = 0; i < options.meetings; i += 1) meetingIds.push((await scheduleMeeting(t, { title: `Overleg ${i}` })).id);
  const acknowledged: { meetingId: string; version: number }[] = [];
  const edits = { acknowledged: 0, failed: 0 };
  injectFaults(t.db);
  options.progress?.(`arranged in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const reschedule = async (meetingId: string) => {
    const day = 10 + pick(18);
    const hour = 17 + pick(4);
    const result = await t
      .graphql(
        `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { meeting { id version } userErrors { code } } }`,
        { input: { id: meetingId, startsAt: `2026-12-${day}T${hour}:00:00+01:00`, endsAt: `2026-12-${day}T${hour + 2}:00:00+01:00` } },
        coordinator,
      )
      .catch(() => undefined);
    const meeting = result?.data?.rescheduleMeeting?.meeting as { id: string; version: number } | undefined;
    if (meeting) {
      edits.acknowledged += 1;
      acknowledged.push({ meetingId: meeting.id, version: meeting.version });
    } else {
      edits.failed += 1;
    }
  };

  const clients: TestApp['db'][] = [];
  /** One deliver-outbox run with its own DynamoDB client and mailer, as one Lambda invocation. */
  const deliveryRun = async (): Promise<void> => {
    const run = { frozen: false, requests: 0, freezeAtRequest: undefined as number | undefined };
    const db = createDocumentClient({ region: t.app.config.awsRegion, endpoint: t.app.config.dynamodbEndpoint });
    clients.push(db);
    injectFaults(db, run);
    const app = createApp(t.app.config, { clock: t.clock, db, logger: createLogger('silent') });
    const down = state.faultsOn && (chance(0.12) || missing('smtp-down'));
    const transport = createSmtpMailer(down ? downUrl : smtpUrl, { connectionMs: 300 });
    let sends = 0;
    // Forced, the kill comes after the first send: a run that shares the due mail with others may send only one.
    const forceKill = missing('deliverer-killed');
    let killAfter = state.faultsOn && (chance(0.2) || forceKill) ? (forceKill ? 1 : 1 + pick(3)) : undefined;
    let timeoutAfter: number | undefined;
    if (state.faultsOn && (chance(0.15) || missing('job-timed-out'))) {
      if (chance(0.5)) {
        run.freezeAtRequest = 3 + pick(30); // the Lambda's time runs out mid-request (counted when it does)
      } else {
        timeoutAfter = 1 + pick(3); // its remaining time falls below the margin: it stops claiming
        faults['job-timed-out'] += 1;
      }
    }
    const mailer: Mailer = {
      async send(email: OutgoingEmail): Promise<SendResult> {
        if (run.frozen) return never();
        if (killAfter !== undefined && sends + 1 === killAfter && chance(0.25)) {
          // Killed after its claim, before the transport took the mail.
          faults['deliverer-killed'] += 1;
          run.frozen = true;
          killAfter = undefined;
          return never();
        }
        if (down) faults['smtp-down'] += 1;
        const result = await transport.send(email);
        sends += 1;
        if (killAfter !== undefined && sends === killAfter) {
          // Killed between the transport's acceptance and the record.
          faults['deliverer-killed'] += 1;
          run.frozen = true;
          return never();
        }
        return result;
      },
    };
    const deliverer = createDeliverer(app, mailer, { recordRetryDelaysMs: [5, 10, 20, 40] });
    const limits = { remainingMs: () => (timeoutAfter !== undefined && sends >= timeoutAfter ? 30_000 : 600_000) };
    const frozen = (async () => {
      while (!run.frozen) await sleep(25);
    })();
    let finished = false;
    await Promise.race([
      deliverer
        .deliverDue(undefined, limits)
        .catch(() => undefined)
        .finally(() => (finished = true)),
      frozen,
    ]);
    if (finished) run.frozen = true; // ends the watcher
  };

  // Act: ticks of edits and runs under faults.
  state.faultsOn = true;
  let ticks = 0;
  while (ticks < options.maxTicks && (ticks < options.minTicks || total() < options.minFaults || untried().length > 0)) {
    ticks += 1;
    const work: Promise<void>[] = [];
    if (chance(0.6) || missing('concurrent-edits')) {
      const meetingId = meetingIds[pick(meetingIds.length)];
      work.push(reschedule(meetingId));
      if (chance(0.3) || missing('concurrent-edits')) {
        faults['concurrent-edits'] += 1;
        work.push(reschedule(meetingId));
      }
    }
    const runs = chance(0.3) || missing('concurrent-runs') ? 2 + pick(2) : 1;
    faults['concurrent-runs'] += runs - 1;
    for (let i = 0; i < runs; i += 1) work.push(deliveryRun());
    await Promise.all(work);
    t.clock.advance(30_000 + pick(6 * 60_000));
    options.progress?.(`tick ${ticks} at ${((Date.now() - started) / 1000).toFixed(1)} s: ${total()} faults, ${arrivals.length} mails`);
  }

  // Drain, faults off, as operators would: outage failures queued again, runs until nothing is due.
  state.faultsOn = false;
  const cleanDb = createDocumentClient({ region: t.app.config.awsRegion, endpoint: t.app.config.dynamodbEndpoint });
  clients.push(cleanDb);
  const cleanApp = createApp(t.app.config, { clock: t.clock, db: cleanDb, logger: createLogger('silent') });
  const cleanDeliverer = createDeliverer(cleanApp, createSmtpMailer(smtpUrl));
  for (let i = 0; i < 30; i += 1) {
    t.clock.advance(61 * 60_000);
    await cleanDeliverer.requeueFailed();
    await cleanDeliverer.deliverDue();
    if ((await cleanApp.repositories.outbox.findDue(new Date('2100-01-01T00:00:00Z'), 1)).length === 0) break;
  }

  options.progress?.(`drained at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Assert: what the table says against what arrived.
  const items = await scanAll(cleanDb, t.app.config.tableName);
  const dispatches = new Map(
    items
      .filter((item) => item.type === 'dispatch')
      .map((item) => [item.id as string, item.series as { key: string; version: number } | undefined]),
  );
  const messages = items.filter((item) => item.type === 'message') as {
    dispatchId: string;
    recipient: { key: string };
    status: string;
  }[];
  const seriesOf = (dispatchId: string) => dispatches.get(dispatchId) ?? { key: dispatchId, version: 0 };
  const latest = new Map<string, { dispatchId: string; version: number }>();
  for (const message of messages) {
    const series = seriesOf(message.dispatchId);
    const group = `${series.key}|${message.recipient.key}`;
    if ((latest.get(group)?.version ?? -1) < series.version) latest.set(group, { dispatchId: message.dispatchId, version: series.version });
  }
  const arrived = new Map<string, number>();
  const newestSeen = new Map<string, number>();
  let outdated = 0;
  const outdatedDetails: string[] = [];
  for (const arrival of arrivals) {
    const id = `${arrival.dispatchId}|${arrival.recipientKey}`;
    arrived.set(id, (arrived.get(id) ?? 0) + 1);
    const series = seriesOf(arrival.dispatchId);
    const group = `${series.key}|${arrival.recipientKey}`;
    if ((newestSeen.get(group) ?? -1) > series.version) {
      outdated += 1;
      const copy = messages.find((m) => m.dispatchId === arrival.dispatchId && m.recipient.key === arrival.recipientKey) as
        Record<string, unknown> | undefined;
      outdatedDetails.push(
        `version ${series.version} of ${series.key} arrived after version ${newestSeen.get(group)} (copy ${arrival.dispatchId}: ` +
          ['status', 'attempts', 'supersededBy', 'heldUntil', 'claimedBy'].map((field) => `${field} ${String(copy?.[field])}`).join(', ') +
          ')',
      );
    }
    newestSeen.set(group, Math.max(newestSeen.get(group) ?? -1, series.version));
  }
  const statusOf = new Map(messages.map((m) => [`${m.dispatchId}|${m.recipient.key}`, m.status]));
  const expected = [...latest.values()].map((l) => l.dispatchId);
  let lost = 0;
  for (const [group, l] of latest) {
    const id = `${l.dispatchId}|${group.split('|')[1]}`;
    if (!arrived.has(id) && statusOf.get(id) !== 'CHECK') lost += 1;
  }
  const checks = messages.filter((m) => m.status === 'CHECK').map((m) => `${m.dispatchId}|${m.recipient.key}`);
  const checkDelivered = checks.filter((id) => arrived.has(id)).length;
  const recordsLost = acknowledged.filter((a) => !dispatches.has(`meeting.${a.meetingId}.v${a.version}`)).length;
  const superseded = items.filter((item) => item.type === 'message' && String(item.withdrawnBecause ?? '').startsWith('SUPERSEDED')).length;

  for (const db of clients) db.destroy();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  const accepted = [...arrived.keys()].length;
  return {
    seed: options.seed,
    ticks,
    faults,
    totalFaults: total(),
    dynamoFaultsByRequest: byRequest,
    edits,
    mailsExpected: expected.length,
    mailsDelivered: arrivals.length,
    mailsAccepted: accepted,
    duplicates: [...arrived.values()].reduce((sum, n) => sum + n - 1, 0),
    outdated,
    outdatedDetails,
    lost,
    recordsLost,
    superseded,
    checkDelivered,
    checkUndelivered: checks.length - checkDelivered,
    instantRate: accepted === 0 ? 0 : checkDelivered / accepted,
    durationMs: Date.now() - started,
  };
}

/** The report as people read it. */
export function formatFaultReport(report: FaultSuiteReport): string {
  const percent = (x: number) => `${(x * 100).toFixed(2)} %`;
  const lines = [
    `fault-injection run, seed ${report.seed} (repeat with FAULT_SEED=${report.seed}), ${report.ticks} ticks, ${(report.durationMs / 1000).toFixed(1)} s`,
    `faults injected: ${report.totalFaults}`,
    ...faultKinds.map((kind) => `  ${kind.padEnd(26)} ${report.faults[kind]}`),
    `  DynamoDB faults by request: ${Object.entries(report.dynamoFaultsByRequest)
      .sort()
      .map(([request, n]) => `${request} ${n}`)
      .join(', ')}`,
    `edits: ${report.edits.acknowledged} acknowledged, ${report.edits.failed} refused or failed`,
    `mails expected:                 ${report.mailsExpected}`,
    `mails delivered:                ${report.mailsDelivered}`,
    `superseded (withdrawn):         ${report.superseded}`,
    `duplicates (recipient+version): ${report.duplicates}`,
    `outdated arrivals:              ${report.outdated}`,
    ...report.outdatedDetails.map((detail) => `  ${detail}`),
    `lost mails:                     ${report.lost}`,
    `records lost (acknowledged):    ${report.recordsLost}`,
    `set aside to check:             ${report.checkDelivered + report.checkUndelivered} (${report.checkDelivered} had left, ${report.checkUndelivered} had not)`,
    `the documented instant (accepted, record lost): ${report.checkDelivered} of ${report.mailsAccepted} accepted mails, ${percent(report.instantRate)}`,
  ];
  return lines.join('\n');
}

/** What makes a run fail: anything lost, sent twice or outdated. */
export function faultSuiteFailures(report: FaultSuiteReport): string[] {
  const failures: string[] = [];
  if (report.lost > 0) failures.push(`${report.lost} mails lost`);
  if (report.recordsLost > 0) failures.push(`${report.recordsLost} acknowledged edits without their dispatch`);
  if (report.duplicates > 0) failures.push(`${report.duplicates} duplicates`);
  if (report.outdated > 0) failures.push(`${report.outdated} outdated arrivals`);
  return failures;
}
