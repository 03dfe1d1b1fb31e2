import { simpleParser } from 'mailparser';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

const agendaFields = `id title kind description durationMinutes proposedBy { id } projectId`;
const payload = `meeting { id version topicsCloseAt agenda { ${agendaFields} } } userErrors { field code message }`;
const propose = `mutation($input: ProposeTopicInput!) { proposeTopic(input: $input) { ${payload} } }`;
const update = `mutation($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { ${payload} } }`;
const remove = `mutation($input: RemoveAgendaItemInput!) { removeAgendaItem(input: $input) { ${payload} } }`;
const reorder = `mutation($input: ReorderAgendaInput!) { reorderAgenda(input: $input) { ${payload} } }`;
const setCutoff = `mutation($input: SetTopicsCloseAtInput!) { setTopicsCloseAt(input: $input) { ${payload} } }`;
const outcome = `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) {
  meeting { status guests attendance { id } nextMeeting { id title location startsAt status previousMeeting { id }
    invitations { partner { id } response } agenda { title kind } } }
  userErrors { field code message } } }`;

describe('the meeting cycle: agenda kinds, open-space topics and the next meeting (DynamoDB Local)', () => {
  let t: TestApp;
  let coordinator: string;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  it('keeps standing themes, own topics and proposed topics apart; partners propose until the cut-off', async () => {
    await t.graphql(`mutation { setStandingThemes(themes: ["Projecten", "Open ruimte"]) { themes } }`, {}, coordinator);
    const invited = await createPartner(t);
    const other = await createPartner(t);
    const meeting = await scheduleMeeting(t, { themes: ['Matrixmethode', 'projecten'], inviteePartnerIds: [invited.id] });
    const partner = await t.token('PARTNER', { partnerId: invited.id });

    const proposed = await t.graphql(
      propose,
      { input: { meetingId: meeting.id, title: ' Zonnepanelen op het dak ', description: 'Een offerte' } },
      partner,
    );
    expect(proposed.data.proposeTopic.userErrors).toEqual([]);
    const agenda = proposed.data.proposeTopic.meeting.agenda;
    expect(agenda.map((item: any) => [item.title, item.kind, item.proposedBy?.id ?? null])).toEqual([
      ['Projecten', 'THEME', null],
      ['Open ruimte', 'THEME', null],
      ['Matrixmethode', 'TOPIC', null],
      ['Zonnepanelen op het dak', 'TOPIC', invited.id],
    ]);
    expect(agenda[3].description).toBe('Een offerte');
    // By default topics close 3 days before the start (10 December 19:30 Brussels).
    expect(proposed.data.proposeTopic.meeting.topicsCloseAt).toBe('2026-12-07T19:30:00+01:00');

    const notInvited = await t.graphql(
      propose,
      { input: { meetingId: meeting.id, title: 'Ook iets' } },
      await t.token('PARTNER', { partnerId: other.id }),
    );
    expect(notInvited.data.proposeTopic.userErrors.map((e: any) => e.code)).toEqual(['NOT_INVITED']);

    const earlier = await t.graphql(
      setCutoff,
      { input: { meetingId: meeting.id, topicsCloseAt: '2026-12-05T12:00:00+01:00' } },
      coordinator,
    );
    expect(earlier.data.setTopicsCloseAt.userErrors).toEqual([]);
    const afterStart = await t.graphql(
      setCutoff,
      { input: { meetingId: meeting.id, topicsCloseAt: '2026-12-11T12:00:00+01:00' } },
      coordinator,
    );
    expect(afterStart.data.setTopicsCloseAt.userErrors.map((e: any) => e.code)).toEqual(['TOPICS_CLOSE_AFTER_START']);

    t.clock.set('2026-12-05T11:00:00Z');
    const late = await t.graphql(
      propose,
      { input: { meetingId: meeting.id, title: 'Te laat' } },
      await t.token('PARTNER', { partnerId: invited.id }),
    );
    expect(late.data.proposeTopic.meeting).toBeNull();
    expect(late.data.proposeTopic.userErrors).toEqual([
      {
        field: ['input', 'meetingId'],
        code: 'TOPICS_CLOSED',
        message: 'Onderwerpen voorstellen kon tot zaterdag 5 december 2026 om 12:00.',
      },
    ]);
  });

  it('lets the coordinator edit, time, reorder and remove items, and only the coordinator', async () => {
    const partner = await createPartner(t);
    const meeting = await scheduleMeeting(t, { themes: ['Eerste', 'Tweede', 'Derde'] });
    const [first, second, third] = meeting.agenda.map((item: any) => item.id);

    const edited = await t.graphql(
      update,
      { input: { meetingId: meeting.id, itemId: second, title: 'Tweede, herwerkt', durationMinutes: 20 } },
      coordinator,
    );
    expect(edited.data.updateAgendaItem.meeting.agenda[1]).toMatchObject({ title: 'Tweede, herwerkt', durationMinutes: 20 });
    const badDuration = await t.graphql(update, { input: { meetingId: meeting.id, itemId: second, durationMinutes: 0 } }, coordinator);
    expect(badDuration.data.updateAgendaItem.userErrors.map((e: any) => e.code)).toEqual(['INVALID_DURATION']);
    const cleared = await t.graphql(update, { input: { meetingId: meeting.id, itemId: second, durationMinutes: null } }, coordinator);
    expect(cleared.data.updateAgendaItem.meeting.agenda[1]).toMatchObject({ title: 'Tweede, herwerkt', durationMinutes: null });

    const notAll = await t.graphql(reorder, { input: { meetingId: meeting.id, itemIds: [third, first] } }, coordinator);
    expect(notAll.data.reorderAgenda.userErrors.map((e: any) => e.code)).toEqual(['NOT_A_REORDERING']);
    const reordered = await t.graphql(reorder, { input: { meetingId: meeting.id, itemIds: [third, first, second] } }, coordinator);
    expect(reordered.data.reorderAgenda.meeting.agenda.map((item: any) => item.title)).toEqual(['Derde', 'Eerste', 'Tweede, herwerkt']);

    const removed = await t.graphql(remove, { input: { meetingId: meeting.id, itemId: first } }, coordinator);
    expect(removed.data.removeAgendaItem.meeting.agenda.map((item: any) => item.id)).toEqual([third, second]);
    const gone = await t.graphql(remove, { input: { meetingId: meeting.id, itemId: first } }, coordinator);
    expect(gone.data.removeAgendaItem.userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_AGENDA_ITEM']);

    const byPartner = await t.graphql(
      remove,
      { input: { meetingId: meeting.id, itemId: third } },
      await t.token('PARTNER', { partnerId: partner.id }),
    );
    expect(byPartner.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  describe('the next meeting agreed with the outcome', () => {
    let smtp: SmtpTestServer;
    beforeAll(async () => {
      smtp = await startSmtpTestServer();
    });
    afterAll(() => smtp.close());
    beforeEach(() => {
      smtp.messages.length = 0;
    });

    it('schedules it for the same partners with its invitations, links both, and refuses a second one', async () => {
      await t.graphql(`mutation { setStandingThemes(themes: ["Projecten"]) { themes } }`, {}, coordinator);
      const a = await createPartner(t);
      const b = await createPartner(t);
      await createPartner(t); // not invited to the first meeting, so not to the next either
      const meeting = await scheduleMeeting(t, { inviteePartnerIds: [a.id, b.id] });
      await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue();
      const invitationsBefore = smtp.messages.length;

      const notYet = await t.graphql(
        outcome,
        {
          input: {
            id: meeting.id,
            attendedPartnerIds: [a.id],
            nextMeeting: { startsAt: '2026-12-24T19:30:00+01:00', endsAt: '2026-12-24T21:30:00+01:00' },
          },
        },
        coordinator,
      );
      expect(notYet.data.recordMeetingOutcome.userErrors.map((e: any) => e.code)).toEqual(['MEETING_NOT_STARTED']);

      t.clock.set('2026-12-10T21:00:00+01:00');
      coordinator = await t.token('COORDINATOR');
      const badTimes = await t.graphql(
        outcome,
        {
          input: {
            id: meeting.id,
            attendedPartnerIds: [a.id],
            nextMeeting: { startsAt: '2026-12-24T19:30:00+01:00', endsAt: '2026-12-24T18:30:00+01:00' },
          },
        },
        coordinator,
      );
      expect(badTimes.data.recordMeetingOutcome.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
        ['END_BEFORE_START', 'input.nextMeeting.endsAt'],
      ]);

      const held = await t.graphql(
        outcome,
        {
          input: {
            id: meeting.id,
            minutes: 'Besproken.',
            attendedPartnerIds: [a.id],
            guests: ['Jan (buurtbewoner)'],
            nextMeeting: { startsAt: '2026-12-24T19:30:00+01:00', endsAt: '2026-12-24T21:30:00+01:00', location: 'Zaal 2' },
          },
        },
        coordinator,
      );
      expect(held.data.recordMeetingOutcome.userErrors).toEqual([]);
      const result = held.data.recordMeetingOutcome.meeting;
      expect(result).toMatchObject({ status: 'HELD', guests: ['Jan (buurtbewoner)'], attendance: [{ id: a.id }] });
      expect(result.nextMeeting).toMatchObject({
        title: meeting.title,
        location: 'Zaal 2',
        startsAt: '2026-12-24T19:30:00+01:00',
        status: 'PLANNED',
        previousMeeting: { id: meeting.id },
        agenda: [{ title: 'Projecten', kind: 'THEME' }],
      });
      expect(result.nextMeeting.invitations.map((i: any) => i.partner.id).sort()).toEqual([a.id, b.id].sort());

      // Its invitations were written in the same transaction and go out through the outbox.
      await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue();
      const mails = await Promise.all(smtp.messages.slice(invitationsBefore).map((m) => simpleParser(m.raw)));
      // Besides the invitations, the first meeting's minutes went out (they name the next date too).
      const minutes = mails.filter((mail) => mail.subject!.startsWith('Verslag'));
      const sent = mails.filter((mail) => !mail.subject!.startsWith('Verslag'));
      expect(minutes).toHaveLength(2);
      expect(sent.map((mail) => (mail.to as any).value[0].address).sort()).toEqual(
        [a, b].map((p) => `rep${p.email.match(/\d+/)![0]}@example.be`).sort(),
      );
      expect(sent.every((mail) => mail.text!.includes('donderdag 24 december 2026'))).toBe(true);

      const twice = await t.graphql(
        outcome,
        {
          input: {
            id: meeting.id,
            attendedPartnerIds: [a.id],
            nextMeeting: { startsAt: '2026-12-31T19:30:00+01:00', endsAt: '2026-12-31T21:30:00+01:00' },
          },
        },
        coordinator,
      );
      expect(twice.data.recordMeetingOutcome.userErrors.map((e: any) => e.code)).toEqual(['NEXT_MEETING_ALREADY_AGREED']);
      const meetings = await t.graphql(`{ meetings { edges { node { id } } } }`, {}, coordinator);
      expect(meetings.data.meetings.edges).toHaveLength(2);
    });
  });
});

describe('partners who leave the network (DynamoDB Local)', () => {
  it('are kept in past meetings but no longer invited by default, nor by name', async () => {
    const t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    const coordinator = await t.token('COORDINATOR');
    const stays = await createPartner(t);
    const leaves = await createPartner(t);
    const past = await scheduleMeeting(t);
    const archive = `mutation($input: ArchivePartnerInput!) { archivePartner(input: $input) { partner { id archivedAt } userErrors { code } } }`;

    const archived = await t.graphql(archive, { input: { id: leaves.id } }, coordinator);
    expect(archived.data.archivePartner.partner).toEqual({ id: leaves.id, archivedAt: '2026-12-01T10:00:00+01:00' });
    const byPartner = await t.graphql(archive, { input: { id: stays.id } }, await t.token('PARTNER', { partnerId: stays.id }));
    expect(byPartner.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const next = await scheduleMeeting(t, { startsAt: '2026-12-17T19:30:00+01:00', endsAt: '2026-12-17T21:30:00+01:00' });
    expect(next.invitations.map((i: any) => i.partner.id)).toEqual([stays.id]);
    const read = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { invitations { partner { id archivedAt } } } }`,
      { id: past.id },
      coordinator,
    );
    expect(read.data.meeting.invitations.map((i: any) => i.partner.id).sort()).toEqual([stays.id, leaves.id].sort());

    const byName = await t.graphql(
      `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } userErrors { field code } } }`,
      {
        input: {
          title: 'X',
          location: 'Y',
          startsAt: '2026-12-18T19:30:00+01:00',
          endsAt: '2026-12-18T21:30:00+01:00',
          inviteePartnerIds: [leaves.id],
        },
      },
      coordinator,
    );
    expect(byName.data.scheduleMeeting.userErrors).toEqual([{ field: ['input', 'inviteePartnerIds', '0'], code: 'PARTNER_ARCHIVED' }]);
  });
});
