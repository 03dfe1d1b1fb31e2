import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import type { Mailer } from '../../../functions/mail/mailer';
import { optOutGraceDays } from '../../../functions/modules/neighbours/neighbour';
import { addNeighbour, readBuurtbabbel, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createPartner, mutateOrThrow } from '../../support/fixtures';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, devSecret, dynamoEndpoint, type TestApp } from '../../support/test-app';
import { itemsMentioning } from '../../support/scan-table';

const day = 24 * 3600_000;
const personalData = `query($email: String!) { personalData(email: $email) }`;

/**
 * Retention of opted-out neighbours (issue 10): the details of a contact who opted out stay for
 * `optOutGraceDays` (opting in again still works), then the buurtbabbel job shrinks the contact to
 * the hash on the suppression list that keeps the address unmailed; the buurtbabbels keep their counts.
 */
describe('retention: an opted-out neighbour shrinks to the hash that keeps them unmailed', () => {
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
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { BUURTBABBEL_SEND_RATE_PER_MINUTE: '600' } });
  });

  const asCoordinator = async (query: string, variables: Record<string, unknown>) =>
    t.graphql(query, variables, await t.token('COORDINATOR'));
  const report = async (email: string) => JSON.parse((await asCoordinator(personalData, { email })).data.personalData);
  const deliverAll = async () => {
    await createDeliverer(t.app, mailer).deliverDue();
    t.clock.advance(60_000);
    await createDeliverer(t.app, mailer).deliverDue();
  };
  const neighbourMutation = (name: 'optOutNeighbour' | 'optInNeighbour', id: string) =>
    mutateOrThrow(t, `mutation($id: ID!) { ${name}(id: $id) { neighbour { id optedOutAt } userErrors { code } } }`, { id }, 'neighbour');

  it('keeps the details through the grace period, then removes them all but the hash and the counts', async () => {
    const other = await addNeighbour(t, { email: 'blijft@buurt.be' });
    const person = await addNeighbour(t, {
      businessName: 'Kapsalon Lotte',
      contactName: 'Lotte Claes',
      email: 'lotte@kapsalon.be',
      street: 'Sint-Pietersaalststraat 77',
    });
    const buurtbabbel = await scheduleBuurtbabbel(t, { maxGuests: 1 });
    t.clock.set('2026-12-06T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(2);
    await deliverAll();
    await t.app.buurtbabbels.answer(buurtbabbel.id, other.id, 'YES');
    expect((await t.app.buurtbabbels.answer(buurtbabbel.id, person.id, 'YES')).status).toBe('WAITING');
    await deliverAll();
    expect((await report('lotte@kapsalon.be')).outboxCopies.length).toBeGreaterThan(0);

    // The opt-out link (the page calls the same service method).
    t.clock.set('2026-12-10T10:00:00Z');
    await t.app.neighbours.optOut(person.id);

    // A day before the grace period ends: nothing happens, the contact is whole.
    const lastDay = new Date(Date.parse('2026-12-10T10:00:00Z') + optOutGraceDays * day - 60_000);
    expect(await t.app.personalData.shrinkOptedOutNeighbours(lastDay)).toEqual({ neighboursShrunk: 0, neighboursKept: 0 });
    expect((await report('lotte@kapsalon.be')).neighbour).toMatchObject({ contactName: 'Lotte Claes' });

    // After it: one run removes name, address, email and answers.
    const after = new Date(Date.parse('2026-12-10T10:00:00Z') + optOutGraceDays * day);
    t.roundTrips.reset();
    expect(await t.app.personalData.shrinkOptedOutNeighbours(after)).toEqual({ neighboursShrunk: 1, neighboursKept: 0 });
    expect(t.roundTrips.byCommand.ScanCommand).toBeUndefined();
    for (const text of ['lotte@kapsalon.be', 'Lotte Claes', 'Kapsalon Lotte', 'Sint-Pietersaalststraat 77']) {
      expect(await itemsMentioning(t, text)).toEqual([]);
    }
    const shrunk = await report('lotte@kapsalon.be');
    expect(shrunk).toMatchObject({ neighbour: null, buurtbabbelAnswers: [], outboxCopies: [], pendingDispatches: [] });
    expect(shrunk.suppression).toEqual({ addressKey: person.id, reason: 'ERASED', source: 'OPT_OUT_RETENTION', at: after.toISOString() });
    // History without the person: invitations and the other guest's yes count; the waiting place is given up.
    expect(await readBuurtbabbel(t, buurtbabbel.id)).toMatchObject({ invitedCount: 2, acceptedCount: 1, waitingCount: 0 });
    // The other contact is untouched.
    expect((await report('blijft@buurt.be')).neighbour).toMatchObject({ id: other.id });

    // Nothing is due any more: the next run costs one Query and changes nothing.
    t.roundTrips.reset();
    expect(await t.app.personalData.shrinkOptedOutNeighbours(new Date(after.getTime() + day))).toEqual({
      neighboursShrunk: 0,
      neighboursKept: 0,
    });
    expect(t.roundTrips.byCommand).toEqual({ QueryCommand: 1 });

    // The old list imported again: the address is a contact again, but no job writes to it.
    await addNeighbour(t, { email: 'lotte@kapsalon.be' });
    await scheduleBuurtbabbel(t, { startsAt: '2027-02-20T19:00:00+01:00', endsAt: '2027-02-20T21:00:00+01:00' });
    t.clock.set('2027-02-06T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(1);
    smtp.messages.length = 0;
    await deliverAll();
    expect(smtp.messages.map((message) => message.to)).toEqual([['blijft@buurt.be']]);
  });

  it('opting in again during the grace period keeps the contact whole, and it is invited again', async () => {
    const person = await addNeighbour(t, { email: 'terug@buurt.be', contactName: 'Terug Gekeerd' });
    await neighbourMutation('optOutNeighbour', person.id);
    t.clock.advance(10 * day);
    expect(await neighbourMutation('optInNeighbour', person.id)).toMatchObject({ optedOutAt: null });
    // Opted out again later: the grace period counts from then.
    t.clock.advance(5 * day);
    await neighbourMutation('optOutNeighbour', person.id);
    t.clock.advance(1 * day);
    await neighbourMutation('optInNeighbour', person.id);

    expect(await t.app.personalData.shrinkOptedOutNeighbours(new Date(t.clock.now().getTime() + 2 * optOutGraceDays * day))).toEqual({
      neighboursShrunk: 0,
      neighboursKept: 0,
    });
    expect((await report('terug@buurt.be')).neighbour).toMatchObject({ contactName: 'Terug Gekeerd' });
    await scheduleBuurtbabbel(t, { startsAt: '2027-02-20T19:00:00+01:00', endsAt: '2027-02-20T21:00:00+01:00' });
    expect((await t.app.buurtbabbels.runDueRounds(new Date('2027-02-06T18:00:00Z'))).invitations).toBe(1);
  });

  it('an opt-out clicked twice keeps its first moment and its first due date', async () => {
    const person = await addNeighbour(t, { email: 'twee@buurt.be' });
    await t.app.neighbours.optOut(person.id);
    const firstOptOut = t.clock.now().getTime();
    t.clock.advance(20 * day);
    await t.app.neighbours.optOut(person.id);
    expect(await t.app.personalData.shrinkOptedOutNeighbours(new Date(firstOptOut + optOutGraceDays * day))).toEqual({
      neighboursShrunk: 1,
      neighboursKept: 0,
    });
    expect((await report('twee@buurt.be')).neighbour).toBeNull();
  });

  it("keeps a contact whose address has become a partner's, and takes it off the due index", async () => {
    const person = await addNeighbour(t, { email: 'anna@atelier.be', contactName: 'Anna Maes' });
    await t.app.neighbours.optOut(person.id);
    await createPartner(t, { email: 'info@atelier.be', representatives: [{ name: 'Anna Maes', email: 'anna@atelier.be' }] });
    const later = new Date(t.clock.now().getTime() + optOutGraceDays * day);
    expect(await t.app.personalData.shrinkOptedOutNeighbours(later)).toEqual({ neighboursShrunk: 0, neighboursKept: 1 });
    expect(await t.app.personalData.shrinkOptedOutNeighbours(later)).toEqual({ neighboursShrunk: 0, neighboursKept: 0 });
    const kept = await report('anna@atelier.be');
    expect(kept.neighbour).toMatchObject({ contactName: 'Anna Maes' });
    expect(kept.suppression).toBeNull();
  });

  it('runs as part of the send-buurtbabbel-invitations job (its Lambda handler, configured as in AWS)', async () => {
    const person = await addNeighbour(t, { email: 'job@buurt.be' });
    await t.app.neighbours.optOut(person.id);
    const saved = { ...process.env };
    Object.assign(process.env, {
      STAGE: 'local',
      TABLE_NAME: t.app.config.tableName,
      DYNAMODB_ENDPOINT: dynamoEndpoint(),
      DEV_JWT_SECRET: devSecret,
      LOG_LEVEL: 'silent',
    });
    try {
      const { handler } = await import('../../../functions/handlers/send-buurtbabbel-invitations');
      const now = new Date(t.clock.now().getTime() + optOutGraceDays * day).toISOString();
      expect(await handler({ now })).toMatchObject({ rounds: 0, neighboursShrunk: 1, neighboursKept: 0 });
    } finally {
      process.env = saved;
    }
    expect((await report('job@buurt.be')).neighbour).toBeNull();
  });
});
