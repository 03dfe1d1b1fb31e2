import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { smtpReply, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

const requeue = `mutation($input: RequeueFailedMailInput!) { requeueFailedMail(input: $input) { count userErrors { field code message } } }`;

/**
 * After an outage a coordinator queues the failed mail again through GraphQL (the same service as
 * `npm run job -- retry-failed`). A bounce is never queued again, nor an address suppressed since.
 */
describe('requeueFailedMail: a coordinator queues again the mail an outage failed', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  /** While true the relay refuses every recipient (554, its own problem); bounce@ is refused for good (550) always. */
  let outage = true;

  beforeAll(async () => {
    smtp = await startSmtpTestServer({
      onRcptTo: (address, _session, callback) => {
        if (address.address === 'bounce@example.be') return callback(smtpReply(550, '5.1.1 No such user'));
        callback(outage ? smtpReply(554, '5.7.1 Relay access denied') : undefined);
      },
    });
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    outage = true;
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  async function failDuringOutage(): Promise<void> {
    for (const email of ['an@example.be', 'bart@example.be', 'complains@example.be', 'bounce@example.be']) {
      await createPartner(t, { name: `Partner ${email}`, email, representatives: [] });
    }
    await scheduleMeeting(t);
    // One attempt and no breaker: every message fails for good in this run.
    const report = await createDeliverer(t.app, createSmtpMailer(smtp.url), { maxAttempts: 1, breakerThreshold: 100 }).deliverDue();
    expect(report).toMatchObject({ sent: 0, failed: 4 });
    expect(smtp.messages).toHaveLength(0);
    outage = false;
  }

  it('queues the outage failures again, never the bounce nor an address suppressed since, and the outbox sends them', async () => {
    await failDuringOutage();
    await t.app.repositories.suppressions.suppress('complains@example.be', 'COMPLAINED', 'test', t.clock.now());
    const coordinator = await t.token('COORDINATOR');

    // Another kind, or a moment after the failures: nothing.
    const otherKind = await t.graphql(requeue, { input: { since: '2026-12-01T08:00:00Z', kind: 'buurtbabbel' } }, coordinator);
    expect(otherKind.data.requeueFailedMail).toEqual({ count: 0, userErrors: [] });
    t.clock.advance(3600_000);
    const later = await t.graphql(requeue, { input: { since: '2026-12-01T09:30:00Z' } }, coordinator);
    expect(later.data.requeueFailedMail).toEqual({ count: 0, userErrors: [] });

    const result = await t.graphql(requeue, { input: { since: '2026-12-01T08:00:00Z', kind: 'meeting-invitation' } }, coordinator);
    expect(result.data.requeueFailedMail).toEqual({ count: 2, userErrors: [] });
    // Running it twice queues nothing twice.
    expect((await t.graphql(requeue, { input: { since: '2026-12-01T08:00:00Z' } }, coordinator)).data.requeueFailedMail.count).toBe(0);

    expect(await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue()).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.messages.map((message) => message.to[0]).sort()).toEqual(['an@example.be', 'bart@example.be']);
  });

  it('refuses a moment in the future with a Dutch userError, and a partner member with FORBIDDEN', async () => {
    await failDuringOutage();
    const future = await t.graphql(requeue, { input: { since: '2026-12-02T08:00:00Z' } }, await t.token('COORDINATOR'));
    expect(future.data.requeueFailedMail).toEqual({
      count: 0,
      userErrors: [{ field: ['input', 'since'], code: 'SINCE_IN_FUTURE', message: expect.stringContaining('in het verleden') }],
    });
    const partner = await createPartner(t);
    const refused = await t.graphql(
      requeue,
      { input: { since: '2026-12-01T08:00:00Z' } },
      await t.token('PARTNER', { partnerId: partner.id }),
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue()).toMatchObject({ sent: 0 });
  });
});
