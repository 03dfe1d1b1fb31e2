import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import type { Mailer, OutgoingEmail, SendResult } from '../../../functions/mail/mailer';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';
import { recipientKey } from '../../../functions/shared/recipient-key';
import { smtpReply, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';

/** What DynamoDB's 5xx looks like to the SDK's caller. */
const dynamoServerError = () =>
  Object.assign(new Error('We encountered an internal error. Please try again.'), {
    name: 'InternalServerError',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });

/** Fails the next `times` UpdateItem requests whose update expression mentions `marker`, as DynamoDB's 5xx would. */
function failUpdates(t: TestApp, marker: string, times: number): { failures: () => number } {
  let failures = 0;
  t.db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { UpdateExpression?: string; ExpressionAttributeValues?: Record<string, unknown> };
      const mentions = JSON.stringify(input.ExpressionAttributeValues ?? {}).includes(marker);
      if (['UpdateCommand', 'UpdateItemCommand'].includes(context.commandName ?? '') && mentions && failures < times) {
        failures += 1;
        throw dynamoServerError();
      }
      return next(args);
    },
    { step: 'initialize', name: `fail-${marker}-${Math.random()}` },
  );
  return { failures: () => failures };
}

/**
 * Fails, once each, the requests that match `matches` (a command name and its input), as DynamoDB's
 * 5xx would; before the SDK's own retries, so each fault reaches our code.
 */
function failOnce(t: TestApp, matches: (command: string, input: string) => boolean): { failures: () => number } {
  let failures = 0;
  let failed = false;
  t.db.middlewareStack.add(
    (next, context) => async (args) => {
      if (!failed && matches(context.commandName ?? '', JSON.stringify(args.input))) {
        failed = true;
        failures += 1;
        throw dynamoServerError();
      }
      return next(args);
    },
    { step: 'initialize', name: `fail-once-${Math.random()}` },
  );
  return { failures: () => failures };
}

const quickRecord = { recordRetryDelaysMs: [1, 1, 1] };

describe('the outbox under faults', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    mailer = createSmtpMailer(smtp.url);
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  const recipients = () => smtp.messages.map((m) => m.to[0]);

  it('records an accepted send with retries of its own, and never sends it again', async () => {
    await createPartner(t);
    await scheduleMeeting(t);
    const faults = failUpdates(t, 'SENT', 3);
    const report = await createDeliverer(t.app, mailer, quickRecord).deliverDue();
    expect(faults.failures()).toBe(3);
    expect(report).toMatchObject({ sent: 1, retried: 0, failed: 0, unrecorded: 0 });
    t.clock.advance(24 * 3600_000);
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 0, checked: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  it('leaves an accepted send it cannot record to run out into CHECK, not a resend', async () => {
    await createPartner(t);
    await scheduleMeeting(t);
    failUpdates(t, 'SENT', 100);
    expect(await createDeliverer(t.app, mailer, quickRecord).deliverDue()).toMatchObject({ sent: 0, retried: 0, failed: 0, unrecorded: 1 });
    t.clock.advance(5 * 60_000 + 1000);
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 0, checked: 1 });
    t.clock.advance(24 * 3600_000);
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 0, checked: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  it('fences results on the claim: a run whose lease ran out cannot overwrite the result of the run after it', async () => {
    await createPartner(t);
    await scheduleMeeting(t);
    let release: (result: SendResult) => void = () => undefined;
    let held: OutgoingEmail | undefined;
    const slow: Mailer = {
      send: (email) => {
        held = email;
        return new Promise((resolve) => (release = resolve));
      },
    };
    const first = createDeliverer(t.app, slow).deliverDue();
    // Until its send is under way (a fixed second was too short on a loaded machine).
    while (!held) await new Promise((resolve) => setTimeout(resolve, 20));
    t.clock.advance(5 * 60_000 + 1000);
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ checked: 1 });
    // A person finds it did not arrive and queues it again; the next run sends and records it.
    await createDeliverer(t.app, mailer).requeueFailed({ includeCheck: true });
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 1 });
    // The first run's send finally returns: its claim is no longer the message's, so it records nothing.
    release({ messageId: '<late@test>', accepted: [], rejected: [], response: '250' });
    expect(await first).toMatchObject({ sent: 0, fenced: 1 });
    const [message] = await t.app.repositories.outbox.findDue(new Date('2030-01-01T00:00:00Z'), 10);
    expect(message).toBeUndefined();
  });

  it('goes on with the other messages when DynamoDB fails a request for one of them, and sends it in the next run', async () => {
    for (const name of ['an', 'bert', 'cis']) await createPartner(t, { representatives: [{ name, email: `${name}@example.be` }] });
    await scheduleMeeting(t);
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ expanded: 3, sent: 3 });
    await scheduleMeeting(t);
    // The claim of Bert's copy of the second meeting fails.
    const bert = `MESSAGE#${recipientKey('bert@example.be')}`;
    const fault = failOnce(t, (command, input) => command.startsWith('Update') && input.includes(bert) && input.includes(':token'));
    smtp.messages.length = 0;

    const report = await createDeliverer(t.app, mailer).deliverDue();

    expect(fault.failures()).toBe(1);
    expect(report).toMatchObject({ expanded: 3, sent: 2, errors: 1, failed: 0 });
    expect(recipients().sort()).toEqual(['an@example.be', 'cis@example.be']);
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 1, errors: 0, checked: 0 });
    expect(recipients().sort()).toEqual(['an@example.be', 'bert@example.be', 'cis@example.be']);
  });

  it('goes on with the other dispatches when DynamoDB fails the expansion of one, and expands it in the next run', async () => {
    await createPartner(t, { representatives: [{ name: 'An', email: 'an@example.be' }] });
    await scheduleMeeting(t, { startsAt: '2027-01-14T19:30:00+01:00', endsAt: '2027-01-14T21:30:00+01:00' });
    await scheduleMeeting(t, { startsAt: '2027-01-28T19:30:00+01:00', endsAt: '2027-01-28T21:30:00+01:00' });
    const [first, second] = (await t.app.repositories.outbox.findDue(t.clock.now(), 10)).flatMap((item) =>
      item.type === 'dispatch' ? [item.dispatch.id] : [],
    );
    const fault = failOnce(t, (command, input) => /^(Put|BatchWrite)/.test(command) && input.includes(second));

    const report = await createDeliverer(t.app, mailer).deliverDue();

    expect(fault.failures()).toBe(1);
    expect(report).toMatchObject({ expanded: 1, sent: 1, errors: 1 });
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ expanded: 1, sent: 1, errors: 0 });
    const carrying = (dispatchId: string) => smtp.messages.filter((m) => m.raw.toString('utf8').includes(`<${dispatchId}.`)).length;
    expect([carrying(first), carrying(second), smtp.messages.length]).toEqual([1, 1, 2]);
  });

  it('stops claiming when less than the margin of its time is left', async () => {
    await createPartner(t);
    await createPartner(t);
    await scheduleMeeting(t);
    let left = 120_000;
    const report = await createDeliverer(t.app, {
      send: async (email) => {
        left = 30_000;
        return mailer.send(email);
      },
    }).deliverDue(undefined, { remainingMs: () => left });
    expect(report).toMatchObject({ expanded: 2, sent: 1, stoppedForTime: 1 });
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 1 });
    expect(new Set(recipients()).size).toBe(2);
  });

  it('pauses on a transport outage instead of failing every message, and queues outage failures again', async () => {
    for (let i = 0; i < 6; i += 1) await createPartner(t, { representatives: [{ name: `Rep ${i}`, email: `outage-${i}@example.be` }] });
    await scheduleMeeting(t);
    const down = createSmtpMailer('smtp://127.0.0.1:1', { connectionMs: 500 });
    // One attempt allowed: without the breaker every message would fail for good in this run.
    const report = await createDeliverer(t.app, down, { maxAttempts: 1 }).deliverDue();
    expect(report).toMatchObject({ expanded: 6, failed: 3, sent: 0, paused: 1 });
    const addresses = Array.from({ length: 6 }, (_, i) => `outage-${i}@example.be`);
    expect((await t.app.repositories.suppressions.findMany(addresses)).size).toBe(0);

    // The relay is back: the untouched three go out, the outage's three are queued again and go too.
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 3, paused: 0 });
    expect(await createDeliverer(t.app, mailer).requeueFailed()).toEqual({ requeued: 3, left: 0 });
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 3 });
    expect(new Set(recipients()).size).toBe(6);
    expect(smtp.messages).toHaveLength(6);
  });

  it.each([
    [530, '5.7.0 Authentication required'],
    [554, '5.7.1 Relay access denied'],
  ])('treats an SMTP %i (%s) as the relay failing, not a bounce: no suppression, retried', async (code, text) => {
    await createPartner(t, { representatives: [{ name: 'Lien', email: 'lien@example.be' }] });
    await scheduleMeeting(t);
    const relay = await startSmtpTestServer({ onRcptTo: (_address, _session, callback) => callback(smtpReply(code, text)) });
    try {
      expect(await createDeliverer(t.app, createSmtpMailer(relay.url)).deliverDue()).toMatchObject({ retried: 1, failed: 0 });
    } finally {
      await relay.close();
    }
    expect(await t.app.repositories.suppressions.find('lien@example.be')).toBeUndefined();
    t.clock.advance(61_000);
    expect(await createDeliverer(t.app, mailer).deliverDue()).toMatchObject({ sent: 1 });
  });
});
