import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { addNeighbour, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';

/**
 * `npm run job -- <name> --now <time>` decides as if it were that moment, but the mail it causes
 * leaves now: the outbox job run at the real now (no --now) delivers it.
 */
describe('jobs run with --now: the mail they cause leaves now', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '600' } });
  });

  it('send-buurtbabbel-invitations with a future --now: its invitations are delivered by a run at the real now', async () => {
    for (let i = 0; i < 3; i += 1) await addNeighbour(t);
    await scheduleBuurtbabbel(t);
    // The invitations fall due on 6 December; it is 1 December.
    expect(await t.app.buurtbabbels.runDueRounds(new Date('2026-12-06T18:00:00Z'))).toMatchObject({ invitations: 3 });
    const report = await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue();
    t.clock.advance(60_000);
    const rest = await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue();
    expect(report.sent + rest.sent).toBe(3);
    expect(smtp.messages).toHaveLength(3);
  });
});
