import { simpleParser } from 'mailparser';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import type { Mailer } from '../../../functions/mail/mailer';
import { addNeighbour, readBuurtbabbel, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';
import { itemsMentioning, scanAll } from '../../support/scan-table';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { recipientKey } from '../../../functions/shared/recipient-key';

const personalData = `query($email: String!) { personalData(email: $email) }`;
const erase = `mutation($email: String!) { erasePerson(input: { email: $email }) { erased userErrors { field code message } } }`;

describe('personal data rights: personalData and erasePerson', () => {
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
  const deliver = () => createDeliverer(t.app, mailer).deliverDue();
  const report = async (email: string) => JSON.parse((await asCoordinator(personalData, { email })).data.personalData);

  it('shows a neighbour everything stored about them, then erases it all but the counts and a hash', async () => {
    const other = await addNeighbour(t, { email: 'eerst@buurt.be' });
    const person = await addNeighbour(t, { businessName: 'Kapsalon Lotte', contactName: 'Lotte Claes', email: 'Lotte@Kapsalon.be' });
    const buurtbabbel = await scheduleBuurtbabbel(t, { maxGuests: 1 });
    t.clock.set('2026-12-06T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(2);
    await deliver();
    t.clock.advance(60_000);
    await deliver();
    await t.app.buurtbabbels.answer(buurtbabbel.id, other.id, 'YES');
    expect((await t.app.buurtbabbels.answer(buurtbabbel.id, person.id, 'YES')).status).toBe('WAITING');
    await deliver();
    expect(smtp.messages.filter((m) => m.to.includes('lotte@kapsalon.be'))).toHaveLength(2);

    const before = await report(' LOTTE@kapsalon.be ');
    expect(before).toMatchObject({
      email: 'lotte@kapsalon.be',
      neighbour: {
        businessName: 'Kapsalon Lotte',
        contactName: 'Lotte Claes',
        email: 'lotte@kapsalon.be',
        consent: { basis: 'LEGITIMATE_INTEREST' },
      },
      buurtbabbelAnswers: [{ buurtbabbelId: buurtbabbel.id, status: 'WAITING' }],
      representativeOf: [],
      suppression: null,
    });
    expect(before.outboxCopies.map((c: any) => c.status)).toEqual(['SENT', 'SENT']);

    const first = await asCoordinator(erase, { email: 'lotte@kapsalon.be' });
    expect(first.data.erasePerson).toEqual({ erased: true, userErrors: [] });
    expect(await itemsMentioning(t, 'lotte@kapsalon.be')).toEqual([]);
    expect(await itemsMentioning(t, 'Lotte Claes')).toEqual([]);
    const after = await report('lotte@kapsalon.be');
    expect(after).toMatchObject({ neighbour: null, buurtbabbelAnswers: [], outboxCopies: [], pendingDispatches: [] });
    expect(after.suppression).toMatchObject({ addressKey: person.id, reason: 'ERASED' });
    expect(after.suppression.email).toBeUndefined();
    // History stays without the person: the invitation and the other guest's yes count; the waiting place is gone.
    expect(await readBuurtbabbel(t, buurtbabbel.id)).toMatchObject({ invitedCount: 2, acceptedCount: 1, waitingCount: 0 });

    // Twice is harmless, and nothing more is erased.
    expect((await asCoordinator(erase, { email: 'lotte@kapsalon.be' })).data.erasePerson).toEqual({ erased: false, userErrors: [] });

    // Added again by mistake: no job writes to the address any more.
    await addNeighbour(t, { email: 'lotte@kapsalon.be' });
    const next = await scheduleBuurtbabbel(t, { startsAt: '2027-01-20T19:00:00+01:00', endsAt: '2027-01-20T21:00:00+01:00' });
    t.clock.set('2027-01-06T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(1);
    smtp.messages.length = 0;
    await deliver();
    t.clock.advance(60_000);
    await deliver();
    expect(smtp.messages.map((m) => m.to)).toEqual([['eerst@buurt.be']]);
    expect(next.id).toBeDefined();
  });

  it('takes an erased address out of a mailing written but not yet expanded, and the deliverer sends it nothing', async () => {
    await addNeighbour(t, { email: 'blijft@buurt.be' });
    await addNeighbour(t, { email: 'weg@buurt.be' });
    await scheduleBuurtbabbel(t);
    t.clock.set('2026-12-06T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(2);
    expect((await report('weg@buurt.be')).pendingDispatches).toHaveLength(1);
    expect((await asCoordinator(erase, { email: 'weg@buurt.be' })).data.erasePerson.erased).toBe(true);
    await deliver();
    t.clock.advance(60_000);
    await deliver();
    expect(smtp.messages.map((m) => m.to)).toEqual([['blijft@buurt.be']]);
    expect(await itemsMentioning(t, 'weg@buurt.be')).toEqual([]);
  });

  it('takes an erased representative out of the attendee lists of meeting invitations, sent or not yet expanded, also where not a recipient', async () => {
    const atelier = await createPartner(t, {
      representatives: [
        { name: 'Jan Peeters', email: 'jan@atelier.be' },
        { name: 'Els Maes', email: 'els@atelier.be' },
      ],
    });
    const other = await createPartner(t, { representatives: [{ name: 'Bart Smet', email: 'bart@koffie.be' }] });
    // Version 1 invites the atelier (Jan a recipient); version 2 invites the other partner: Jan is no recipient.
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [atelier.id] });
    await deliver();
    expect(smtp.messages.map((m) => m.to).sort()).toEqual([['els@atelier.be'], ['jan@atelier.be']]);
    smtp.messages.length = 0;
    const added = await asCoordinator(
      `mutation($input: ChangeMeetingInviteesInput!) { changeMeetingInvitees(input: $input) { userErrors { code } } }`,
      { input: { id: meeting.id, addPartnerIds: [other.id] } },
    );
    expect(added.data.changeMeetingInvitees.userErrors).toEqual([]);
    const v1 = `OUTBOX#meeting.${meeting.id}.v1`;
    const v2 = `OUTBOX#meeting.${meeting.id}.v2`;
    const mentioning = async () => (await itemsMentioning(t, 'jan@atelier.be')).map((item) => `${item.PK} ${item.SK}`).sort();
    // A dispatch names its recipients only: Jan is on version 1 (and their own copy), not on version 2 nor on Els's copy.
    const jansCopy = (await mentioning()).find(
      (key) => key.startsWith(`${v1} MESSAGE#`) && key !== `${v1} MESSAGE#${recipientKey('els@atelier.be')}`,
    );
    expect((await mentioning()).filter((key) => key.startsWith('OUTBOX#'))).toEqual([`${v1} DISPATCH`, jansCopy]);
    // Dispatches written before recipients carried their own answer list every invitee in their payload, copies included.
    const attendees = [
      { email: 'jan@atelier.be', name: 'Jan Peeters', partstat: 'NEEDS-ACTION' },
      { email: 'els@atelier.be', name: 'Els Maes', partstat: 'NEEDS-ACTION' },
      { email: 'bart@koffie.be', name: 'Bart Smet', partstat: 'NEEDS-ACTION' },
    ];
    for (const item of await scanAll(t.db, t.app.config.tableName)) {
      if (item.PK !== v1 && item.PK !== v2) continue;
      await t.db.send(
        new UpdateCommand({
          TableName: t.app.config.tableName,
          Key: { PK: item.PK, SK: item.SK },
          UpdateExpression: 'SET payload.attendees = :attendees',
          ExpressionAttributeValues: { ':attendees': attendees },
        }),
      );
    }
    expect((await mentioning()).filter((key) => key.startsWith(v2))).toEqual([`${v2} DISPATCH`]);

    expect((await asCoordinator(erase, { email: 'jan@atelier.be' })).data.erasePerson.erased).toBe(true);
    expect(await itemsMentioning(t, 'jan@atelier.be')).toEqual([]);
    expect(await itemsMentioning(t, 'Jan Peeters')).toEqual([]);
    expect(await itemsMentioning(t, 'els@atelier.be')).not.toEqual([]);

    await deliver();
    expect(smtp.messages.map((m) => m.to)).toEqual([['bart@koffie.be']]);
    for (const message of smtp.messages) {
      const mail = await simpleParser(message.raw);
      const calendar = mail.attachments.map((attachment) => attachment.content.toString('utf8')).join('\n');
      expect(calendar).toContain('BEGIN:VCALENDAR');
      expect(`${mail.text}\n${calendar}`).not.toMatch(/jan@atelier\.be|Jan Peeters/i);
    }
    expect(await itemsMentioning(t, 'jan@atelier.be')).toEqual([]);
  });

  it("removes a representative and their calendar feed; the partner and the organisation's address stay", async () => {
    const partner = await createPartner(t, {
      email: 'info@atelier.be',
      representatives: [
        { name: 'Jan Peeters', email: 'jan@atelier.be' },
        { name: 'Els Maes', email: 'els@atelier.be' },
      ],
    });
    const member = await t.token('PARTNER', { partnerId: partner.id, email: 'jan@atelier.be' });
    const feed = await t.graphql(`mutation { createCalendarFeed { url } }`, {}, member);
    const url = new URL(feed.data.createCalendarFeed.url);
    expect((await t.request({ path: url.pathname })).status).toBe(200);

    const before = await report('jan@atelier.be');
    expect(before.representativeOf).toEqual([
      { partnerId: partner.id, partnerName: partner.name, representative: expect.objectContaining({ name: 'Jan Peeters' }) },
    ]);
    expect(before.calendarFeeds).toEqual([expect.objectContaining({ role: 'PARTNER', partnerId: partner.id })]);
    expect((await report('info@atelier.be')).partnerContactOf).toEqual([{ partnerId: partner.id, partnerName: partner.name }]);

    expect((await asCoordinator(erase, { email: 'jan@atelier.be' })).data.erasePerson.erased).toBe(true);
    expect((await t.request({ path: url.pathname })).status).toBe(404);
    expect(await itemsMentioning(t, 'jan@atelier.be')).toEqual([]);
    expect(await itemsMentioning(t, 'Jan Peeters')).toEqual([]);
    const read = await asCoordinator(`query($id: ID!) { partner(id: $id) { email representatives { name } } }`, { id: partner.id });
    expect(read.data.partner).toEqual({ email: 'info@atelier.be', representatives: [{ name: 'Els Maes' }] });
    expect((await report('jan@atelier.be')).calendarFeeds).toEqual([]);
  });

  it('answers coordinators only, refuses a malformed address as a userError, and leaks nothing to others', async () => {
    await addNeighbour(t, { email: 'geheim@buurt.be' });
    const partner = await createPartner(t);
    const member = await t.token('PARTNER', { partnerId: partner.id });
    for (const token of [member, undefined]) {
      const read = await t.graphql(personalData, { email: 'geheim@buurt.be' }, token);
      expect(read.data?.personalData ?? null).toBeNull();
      expect(read.errors![0].extensions.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      const erased = await t.graphql(erase, { email: 'geheim@buurt.be' }, token);
      expect(erased.data?.erasePerson ?? null).toBeNull();
      expect(JSON.stringify(erased)).not.toContain('geheim');
    }
    expect((await report('geheim@buurt.be')).neighbour).not.toBeNull();
    const refused = await asCoordinator(erase, { email: 'geen adres' });
    expect(refused.data.erasePerson).toMatchObject({ erased: false, userErrors: [{ field: ['input', 'email'] }] });
  });
});
