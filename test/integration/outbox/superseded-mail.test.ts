import { simpleParser } from 'mailparser';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import type { Mailer, OutgoingEmail, SendResult } from '../../../functions/mail/mailer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { parseIcs } from '../../support/parse-ics';
import { smtpReply, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

const reschedule = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { userErrors { code } } }`;

/** The SEQUENCE of each received invitation, in the order they arrived. */
async function sequences(smtp: SmtpTestServer): Promise<number[]> {
  return Promise.all(
    smtp.messages.map(async (message) => {
      const mail = await simpleParser(message.raw);
      const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
      return parseIcs(part!.content.toString('utf8')).events[0].sequence;
    }),
  );
}

describe('a message a newer version superseded is withdrawn, never sent', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let refuseNext = 0;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startSmtpTestServer({ rejectData: () => (refuseNext-- > 0 ? smtpReply(451, 'Try again later') : null) });
    mailer = createSmtpMailer(smtp.url);
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    refuseNext = 0;
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    await createPartner(t, { representatives: [{ name: 'An', email: 'an@example.be' }] });
  });

  const moveMeeting = async (id: string, day: number) => {
    const result = await t.graphql(
      reschedule,
      { input: { id, startsAt: `2026-12-${day}T19:30:00+01:00`, endsAt: `2026-12-${day}T21:30:00+01:00` } },
      await t.token('COORDINATOR'),
    );
    expect(result.data.rescheduleMeeting.userErrors).toEqual([]);
  };
  const deliver = (m: Mailer = mailer) => createDeliverer(t.app, m, { recordRetryDelaysMs: [1] }).deliverDue();
  /**
   * A run whose transport holds the first invitation in flight: `first` ends when `passOn` has
   * handed that message to the real SMTP server and given its answer back.
   */
  const firstInvitationInFlight = async () => {
    let release: (result: SendResult) => void = () => undefined;
    let held: OutgoingEmail | undefined;
    const slow: Mailer = {
      send: (email) => {
        held = email;
        return new Promise((resolve) => (release = resolve));
      },
    };
    const first = deliver(slow);
    while (!held) await new Promise((resolve) => setTimeout(resolve, 20));
    const message = held;
    return { first, passOn: async () => release(await mailer.send(message)) };
  };

  it('sends only the newest version when two are waiting', async () => {
    const meeting = await scheduleMeeting(t);
    await moveMeeting(meeting.id, 11);
    await moveMeeting(meeting.id, 12);

    const report = await deliver();

    expect(report).toMatchObject({ expanded: 3, sent: 1, withdrawn: 2, superseded: 2 });
    expect(await sequences(smtp)).toEqual([2]);
    expect(await deliver()).toMatchObject({ sent: 0, withdrawn: 0 });
  });

  it('withdraws an older version waiting for its retry once a newer one exists', async () => {
    const meeting = await scheduleMeeting(t);
    refuseNext = 1;
    expect(await deliver()).toMatchObject({ retried: 1 });
    await moveMeeting(meeting.id, 11);
    expect(await deliver()).toMatchObject({ sent: 1 });
    t.clock.advance(2 * 3600_000);

    expect(await deliver()).toMatchObject({ sent: 0, superseded: 1 });
    expect(await sequences(smtp)).toEqual([1]);
  });

  it('holds the newer version back while the older one is being sent, so it cannot overtake it', async () => {
    const meeting = await scheduleMeeting(t);
    const { first, passOn } = await firstInvitationInFlight();
    await moveMeeting(meeting.id, 11);

    // The update is expanded, but waits for the invitation's lease: nothing leaves meanwhile.
    expect(await deliver()).toMatchObject({ expanded: 1, sent: 0 });
    await passOn();
    expect(await first).toMatchObject({ sent: 1 });
    t.clock.advance(5 * 60_000 + 1000);
    expect(await deliver()).toMatchObject({ sent: 1, checked: 0 });
    expect(await sequences(smtp)).toEqual([0, 1]);
  });

  it("holds the newer version back when it is expanded later in the older one's lease", async () => {
    const meeting = await scheduleMeeting(t);
    const { first, passOn } = await firstInvitationInFlight();
    // Four minutes into the invitation's five-minute lease: the update's provisional time (the end
    // of its expansion's two-minute lease) lies beyond the invitation's lease, and the update must
    // still not be moved before that lease ends.
    t.clock.advance(4 * 60_000);
    await moveMeeting(meeting.id, 11);

    expect(await deliver()).toMatchObject({ expanded: 1, sent: 0 });
    expect(await deliver()).toMatchObject({ sent: 0 });
    await passOn();
    expect(await first).toMatchObject({ sent: 1 });
    t.clock.advance(10 * 60_000);
    expect(await deliver()).toMatchObject({ sent: 1, checked: 0 });
    expect(await sequences(smtp)).toEqual([0, 1]);
  });

  it('holds a third version back behind the first one in flight, not only the second', async () => {
    const meeting = await scheduleMeeting(t);
    const { first, passOn } = await firstInvitationInFlight();
    await moveMeeting(meeting.id, 11);
    await moveMeeting(meeting.id, 12);

    // Version 1 is expanded first and waits behind version 0's lease; version 2 then supersedes
    // version 1 (not in flight) and must still wait behind version 0.
    const outbox = t.app.repositories.outbox;
    const due = await outbox.findDue(t.clock.now(), 10);
    const [second, third] = due.flatMap((item) => (item.type === 'dispatch' ? [item.dispatch] : []));
    expect(second.series!.version).toBeLessThan(third.series!.version);
    const leaseUntil = new Date(t.clock.now().getTime() + 2 * 60_000);
    const heldCopies = [
      ...(await outbox.expand(second, t.clock.now(), leaseUntil)).held,
      ...(await outbox.expand(third, t.clock.now(), leaseUntil)).held,
    ];
    await outbox.scheduleHeld(heldCopies, t.clock.now());
    expect(await deliver()).toMatchObject({ sent: 0 });
    await passOn();
    expect(await first).toMatchObject({ sent: 1 });
    t.clock.advance(5 * 60_000 + 1000);
    expect(await deliver()).toMatchObject({ sent: 1, checked: 0 });
    expect(await sequences(smtp)).toEqual([0, 2]);
  });

  it('keeps a versioned copy from leaving before its marker is taken, even past its expansion lease', async () => {
    const meeting = await scheduleMeeting(t);
    expect(await deliver()).toMatchObject({ sent: 1 });
    await moveMeeting(meeting.id, 11);
    let failMarker = true;
    t.db.middlewareStack.add(
      (next) => async (args) => {
        // The newest-version marker's update fails once: the expansion is cut short after its copy is written.
        if (failMarker && JSON.stringify(args.input).includes('#version < :version')) {
          failMarker = false;
          throw Object.assign(new Error('injected'), { name: 'InternalServerError', $fault: 'server' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'fail-marker' },
    );

    expect(await deliver()).toMatchObject({ sent: 0, errors: 1 });
    expect(failMarker).toBe(false);
    t.clock.advance(3 * 60_000);
    const due = await t.app.repositories.outbox.findDue(t.clock.now(), 10);
    expect(due.map((item) => item.type)).toEqual(['dispatch']);

    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(await sequences(smtp)).toEqual([0, 1]);
  });

  it('withdraws an older version expanded after a newer one', async () => {
    const meeting = await scheduleMeeting(t);
    await moveMeeting(meeting.id, 11);
    const due = await t.app.repositories.outbox.findDue(t.clock.now(), 10);
    const dispatches = due.flatMap((item) => (item.type === 'dispatch' ? [item.dispatch] : []));
    expect(dispatches.map((d) => d.series?.version)).toEqual([1, 2]);
    await t.app.repositories.outbox.expand(dispatches[1], t.clock.now());
    await t.app.repositories.outbox.expand(dispatches[0], t.clock.now());

    expect(await deliver()).toMatchObject({ sent: 1, superseded: 1 });
    expect(await sequences(smtp)).toEqual([1]);
  });

  it('withdraws the older version when two versions are expanded at the same instant', async () => {
    const meeting = await scheduleMeeting(t);
    await moveMeeting(meeting.id, 11);
    const due = await t.app.repositories.outbox.findDue(t.clock.now(), 10);
    const [older, newer] = due.flatMap((item) => (item.type === 'dispatch' ? [item.dispatch] : []));
    // The older version's copy is held on its way to the table until the newer version is expanded
    // completely: the interleaving in which a mark taken before the copy exists finds nothing.
    let olderWriting: () => void = () => undefined;
    const olderHeld = new Promise<void>((resolve) => (olderWriting = resolve));
    let releaseOlder: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (releaseOlder = resolve));
    let held = false;
    t.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = JSON.stringify(args.input);
        // Marshalled or not, a copy's item holds its type, `message`, and its dispatch id.
        const writesCopy = /^(Put|BatchWrite)/.test(context.commandName ?? '') && input.includes('"message"');
        if (!held && writesCopy && input.includes(older.id)) {
          held = true;
          olderWriting();
          await gate;
        }
        return next(args);
      },
      { step: 'initialize', name: 'hold-older-copy' },
    );

    const expandingOlder = t.app.repositories.outbox.expand(older, t.clock.now());
    await olderHeld;
    await t.app.repositories.outbox.expand(newer, t.clock.now());
    releaseOlder();
    await expandingOlder;

    expect(await deliver()).toMatchObject({ sent: 1, superseded: 1 });
    expect(await sequences(smtp)).toEqual([1]);
  });

  it('does not queue again an outage failure a newer version superseded', async () => {
    const meeting = await scheduleMeeting(t);
    const down = createSmtpMailer('smtp://127.0.0.1:1', { connectionMs: 300 });
    expect(await createDeliverer(t.app, down, { maxAttempts: 1 }).deliverDue()).toMatchObject({ failed: 1 });
    await moveMeeting(meeting.id, 11);
    expect(await deliver()).toMatchObject({ sent: 1 });

    expect(await createDeliverer(t.app, mailer).requeueFailed()).toEqual({ requeued: 0, left: 1 });
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(await sequences(smtp)).toEqual([1]);
  });
});
