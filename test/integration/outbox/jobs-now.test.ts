import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { addNeighbour, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { activeProject } from '../../support/project-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';
import { smtpReply, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';

/**
 * `npm run job -- <name> --now <time>` decides as if it were that moment, but the mail it causes
 * leaves now: the outbox job run at the real now (no --now) delivers it.
 */
describe('jobs run with --now: the mail they cause leaves now', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;

  /** How many more RCPT TOs the server refuses for a while (451), as a relay that is busy. */
  let busy = 0;

  beforeAll(async () => {
    smtp = await startSmtpTestServer({
      onRcptTo: (_address, _session, callback) => callback(busy-- > 0 ? smtpReply(451, '4.3.2 Try again later') : undefined),
    });
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    busy = 0;
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

  it('send-consolidation-reviews with a future --now: its request is delivered by a run at the real now', async () => {
    const promoter = await createPartner(t, { name: 'Bakkerij Peeters', email: 'hallo@bakkerij.be', representatives: [] });
    await activeProject(t, promoter.id);
    await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue();
    smtp.messages.length = 0;
    // The first review falls due on 1 March 2027; it is 1 December 2026.
    expect(await t.app.consolidationReviews.sendDueReviews(new Date('2027-03-01T07:00:00Z'))).toMatchObject({ requested: 1 });
    expect(await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue()).toMatchObject({ sent: 1 });
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['hallo@bakkerij.be']);
  });

  it('deliver-outbox with a future --now: a refused send is retried at the real now plus its back-off, not after that future', async () => {
    await createPartner(t, { name: 'Bakkerij Peeters', email: 'hallo@bakkerij.be', representatives: [] });
    await scheduleMeeting(t);
    busy = 2;
    const replay = await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue(new Date('2026-12-05T09:00:00Z'));
    // Refused once; the replay does not try again at once (the back-off counts in real time).
    expect(replay).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    expect(await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue()).toMatchObject({ sent: 0, retried: 0 });
    // One minute later in real time the retry is due (refused once more), two minutes after that it leaves.
    t.clock.advance(60_000);
    expect(await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue()).toMatchObject({ sent: 0, retried: 1 });
    t.clock.advance(120_000);
    expect(await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue()).toMatchObject({ sent: 1, retried: 0 });
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['hallo@bakkerij.be']);
  });
});
