import { createPartner, meetingFields, meetingInput, scheduleMeeting } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

const schedule = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { ${meetingFields} } userErrors { field message code } } }`;
const reschedule = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { meeting { ${meetingFields} } userErrors { field message code } } }`;
const respond = `mutation($input: RespondToMeetingInput!) { respondToMeeting(input: $input) { meeting { invitations { response partner { id } } } userErrors { code } } }`;

describe('network meetings over GraphQL (DynamoDB Local)', () => {
  let t: TestApp;
  let coordinator: string;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  it('schedules a meeting for all partners, with standing themes first, shown in Brussels time', async () => {
    await t.graphql(`mutation { setStandingThemes(themes: ["Projecten", "Open ruimte"]) { themes } }`, {}, coordinator);
    const a = await createPartner(t);
    const b = await createPartner(t);

    const meeting = await scheduleMeeting(t, { themes: ['Matrixmethode', 'projecten'] });

    expect(meeting).toMatchObject({
      startsAt: '2026-12-10T19:30:00+01:00',
      endsAt: '2026-12-10T21:30:00+01:00',
      status: 'PLANNED',
      themes: ['Projecten', 'Open ruimte', 'Matrixmethode'],
      sequence: 0,
      version: 1,
    });
    expect(meeting.invitations.map((i: any) => i.partner.id).sort()).toEqual([a.id, b.id].sort());
    expect(meeting.invitations.map((i: any) => i.response)).toEqual(['NEEDS_ACTION', 'NEEDS_ACTION']);
  });

  it('refuses an end before the start, a start in the past and unknown partners, storing nothing', async () => {
    const result = await t.graphql(
      schedule,
      { input: meetingInput({ startsAt: '2026-11-30T19:30:00+01:00', endsAt: '2026-11-30T18:00:00+01:00', inviteePartnerIds: ['nope'] }) },
      coordinator,
    );
    expect(result.data.scheduleMeeting.meeting).toBeNull();
    expect(result.data.scheduleMeeting.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual(
      expect.arrayContaining([
        ['END_BEFORE_START', 'input.endsAt'],
        ['START_IN_PAST', 'input.startsAt'],
        ['UNKNOWN_PARTNER', 'input.inviteePartnerIds.0'],
      ]),
    );
    const list = await t.graphql(`{ meetings { edges { node { id } } } }`, {}, coordinator);
    expect(list.data.meetings.edges).toEqual([]);
  });

  it('refuses a date-time without offset as BAD_USER_INPUT', async () => {
    const result = await t.graphql(schedule, { input: meetingInput({ startsAt: '2026-12-10T19:30:00' }) }, coordinator);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('links the next meeting to the one where its date was agreed, once, and only after it started', async () => {
    await createPartner(t);
    const first = await scheduleMeeting(t);
    const tooEarly = await t.graphql(
      schedule,
      { input: meetingInput({ startsAt: '2026-12-24T19:30:00+01:00', endsAt: '2026-12-24T21:00:00+01:00', previousMeetingId: first.id }) },
      coordinator,
    );
    expect(tooEarly.data.scheduleMeeting.userErrors).toEqual([
      {
        field: ['input', 'previousMeetingId'],
        code: 'PREVIOUS_NOT_STARTED',
        message: 'De vorige vergadering heeft nog niet plaatsgevonden.',
      },
    ]);

    t.clock.set('2026-12-10T20:00:00+01:00');
    coordinator = await t.token('COORDINATOR');
    const second = await scheduleMeeting(t, {
      startsAt: '2026-12-24T19:30:00+01:00',
      endsAt: '2026-12-24T21:00:00+01:00',
      previousMeetingId: first.id,
    });
    const read = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { nextMeeting { id previousMeeting { id } } } }`,
      { id: first.id },
      coordinator,
    );
    expect(read.data.meeting.nextMeeting).toEqual({ id: second.id, previousMeeting: { id: first.id } });

    // A second "next" meeting for the same one is refused, not silently relinked.
    const again = await t.graphql(
      schedule,
      { input: meetingInput({ startsAt: '2026-12-31T19:30:00+01:00', endsAt: '2026-12-31T21:00:00+01:00', previousMeetingId: first.id }) },
      coordinator,
    );
    expect(again.data.scheduleMeeting.userErrors.map((e: any) => e.code)).toEqual(['NEXT_MEETING_ALREADY_AGREED']);
    const still = await t.graphql(`query($id: ID!) { meeting(id: $id) { nextMeeting { id } } }`, { id: first.id }, coordinator);
    expect(still.data.meeting.nextMeeting).toEqual({ id: second.id });

    const wrongOrder = await t.graphql(
      schedule,
      { input: meetingInput({ previousMeetingId: second.id, startsAt: '2026-12-11T19:30:00+01:00', endsAt: '2026-12-11T21:30:00+01:00' }) },
      coordinator,
    );
    expect(wrongOrder.data.scheduleMeeting.userErrors[0].code).toBe('PREVIOUS_NOT_EARLIER');
  });

  it('reschedules with a higher sequence and asks everyone again; a stale expectedVersion is refused', async () => {
    const partner = await createPartner(t);
    const meeting = await scheduleMeeting(t);
    await t.graphql(
      respond,
      { input: { meetingId: meeting.id, response: 'ACCEPTED' } },
      await t.token('PARTNER', { partnerId: partner.id }),
    );

    const moved = await t.graphql(
      reschedule,
      { input: { id: meeting.id, startsAt: '2026-12-11T19:30:00+01:00', endsAt: '2026-12-11T21:30:00+01:00', expectedVersion: 2 } },
      coordinator,
    );
    expect(moved.data.rescheduleMeeting.meeting).toMatchObject({ startsAt: '2026-12-11T19:30:00+01:00', sequence: 1, version: 3 });
    expect(moved.data.rescheduleMeeting.meeting.invitations[0].response).toBe('NEEDS_ACTION');

    const stale = await t.graphql(
      reschedule,
      { input: { id: meeting.id, startsAt: '2026-12-12T19:30:00+01:00', endsAt: '2026-12-12T21:30:00+01:00', expectedVersion: 2 } },
      coordinator,
    );
    expect(stale.data.rescheduleMeeting.userErrors).toEqual([
      {
        field: ['input', 'expectedVersion'],
        code: 'VERSION_CONFLICT',
        message: 'Iemand anders heeft dit intussen gewijzigd. Laad het opnieuw en probeer nog eens.',
      },
    ]);
  });

  it('keeps an answer that arrives between a coordinator read and write', async () => {
    const partner = await createPartner(t);
    const meeting = await scheduleMeeting(t);
    const partnerToken = await t.token('PARTNER', { partnerId: partner.id });
    // The agenda edit reads version 1; the answer then moves it to 2; the edit is re-applied, not lost.
    const original = t.app.repositories.meetings.get.bind(t.app.repositories.meetings);
    let answered = false;
    jest.spyOn(t.app.repositories.meetings, 'get').mockImplementation(async (id) => {
      const read = await original(id);
      if (!answered) {
        answered = true;
        await t.graphql(respond, { input: { meetingId: meeting.id, response: 'TENTATIVE' } }, partnerToken);
      }
      return read;
    });
    const result = await t.graphql(
      `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { meeting { agenda { title } invitations { response } version } userErrors { code } } }`,
      { input: { meetingId: meeting.id, title: 'Stand van de buurtbabbel' } },
      coordinator,
    );
    expect(result.data.addAgendaItem.meeting).toEqual({
      agenda: [{ title: 'Stand van de buurtbabbel' }],
      invitations: [{ response: 'TENTATIVE' }],
      version: 3,
    });
  });

  it('lets a partner answer only its own invitation, and not for a cancelled meeting', async () => {
    const invited = await createPartner(t);
    const other = await createPartner(t);
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [invited.id] });

    const ok = await t.graphql(
      respond,
      { input: { meetingId: meeting.id, response: 'DECLINED' } },
      await t.token('PARTNER', { partnerId: invited.id }),
    );
    expect(ok.data.respondToMeeting.meeting.invitations).toEqual([{ response: 'DECLINED', partner: { id: invited.id } }]);

    const notInvited = await t.graphql(
      respond,
      { input: { meetingId: meeting.id, response: 'ACCEPTED' } },
      await t.token('PARTNER', { partnerId: other.id }),
    );
    expect(notInvited.data.respondToMeeting.userErrors).toEqual([{ code: 'NOT_INVITED' }]);

    await t.graphql(
      `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { meeting { status } } }`,
      { input: { id: meeting.id, reason: 'Ziekte' } },
      coordinator,
    );
    const late = await t.graphql(
      respond,
      { input: { meetingId: meeting.id, response: 'ACCEPTED' } },
      await t.token('PARTNER', { partnerId: invited.id }),
    );
    expect(late.data.respondToMeeting.userErrors).toEqual([{ code: 'MEETING_CANCELLED' }]);
  });

  it('records minutes and attendance once the meeting has started', async () => {
    const partner = await createPartner(t);
    const meeting = await scheduleMeeting(t);
    const record = `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { meeting { status minutes attendance { id } } userErrors { code } } }`;
    const early = await t.graphql(record, { input: { id: meeting.id, minutes: 'Verslag', attendedPartnerIds: [partner.id] } }, coordinator);
    expect(early.data.recordMeetingOutcome.userErrors).toEqual([{ code: 'MEETING_NOT_STARTED' }]);
    t.clock.set('2026-12-10T21:00:00Z');
    const held = await t.graphql(
      record,
      { input: { id: meeting.id, minutes: 'Verslag', attendedPartnerIds: [partner.id] } },
      await t.token('COORDINATOR'),
    );
    expect(held.data.recordMeetingOutcome.meeting).toEqual({ status: 'HELD', minutes: 'Verslag', attendance: [{ id: partner.id }] });
  });

  it('lists meetings in [from, to), oldest first', async () => {
    await createPartner(t);
    const dates = ['2026-12-24T19:30:00+01:00', '2026-12-10T19:30:00+01:00', '2027-01-07T19:30:00+01:00'];
    for (const startsAt of dates) await scheduleMeeting(t, { startsAt, endsAt: startsAt.replace('19:30', '21:30') });
    const result = await t.graphql(
      `query($from: DateTime, $to: DateTime) { meetings(from: $from, to: $to) { edges { node { startsAt } } } }`,
      { from: '2026-12-10T19:30:00+01:00', to: '2027-01-07T19:30:00+01:00' },
      coordinator,
    );
    expect(result.data.meetings.edges.map((e: any) => e.node.startsAt)).toEqual(['2026-12-10T19:30:00+01:00', '2026-12-24T19:30:00+01:00']);
  });

  it('adds an agenda item with one read and one write, reading no partners', async () => {
    for (let i = 0; i < 5; i += 1) await createPartner(t);
    const meeting = await scheduleMeeting(t);
    t.roundTrips.reset();
    const result = await t.graphql(
      `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { meeting { id } userErrors { code } } }`,
      { input: { meetingId: meeting.id, title: 'Matrixmethode' } },
      coordinator,
    );
    expect(result.data.addAgendaItem.userErrors).toEqual([]);
    // Nothing beside the meeting is written, so the versioned replace is a plain conditional Put.
    expect(t.roundTrips.byCommand).toEqual({ GetItemCommand: 1, PutItemCommand: 1 });
  });

  describe('DynamoDB round trips', () => {
    const deepMeeting = `id title invitations { response partner { id name email kind capacity { hoursPerMonth } representatives { email } } }`;

    it('reads a meeting with its invitations and their partners in 2 round trips', async () => {
      for (let i = 0; i < 30; i += 1) await createPartner(t);
      const meeting = await scheduleMeeting(t);
      t.roundTrips.reset();
      const result = await t.graphql(`query($id: ID!) { meeting(id: $id) { ${deepMeeting} } }`, { id: meeting.id }, coordinator);
      expect(result.data.meeting.invitations).toHaveLength(30);
      expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    });

    it('reads the upcoming meetings with invitations and partners in 2 round trips', async () => {
      for (let i = 0; i < 25; i += 1) await createPartner(t);
      for (const day of [10, 17, 24, 31])
        await scheduleMeeting(t, { startsAt: `2026-12-${day}T19:30:00+01:00`, endsAt: `2026-12-${day}T21:30:00+01:00` });
      t.roundTrips.reset();
      const result = await t.graphql(
        `{ meetings(from: "2026-12-01T00:00:00+01:00") { edges { node { ${deepMeeting} } } } }`,
        {},
        coordinator,
      );
      expect(result.data.meetings.edges).toHaveLength(4);
      expect(result.data.meetings.edges.flatMap((e: any) => e.node.invitations)).toHaveLength(100);
      expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    });

    it('reads invitations without partners in 1 round trip, and with them through a fragment in 2', async () => {
      const partners = [];
      for (let i = 0; i < 6; i += 1) partners.push(await createPartner(t));
      for (const day of [10, 17])
        await scheduleMeeting(t, { startsAt: `2026-12-${day}T19:30:00+01:00`, endsAt: `2026-12-${day}T21:30:00+01:00` });
      t.roundTrips.reset();
      const plain = await t.graphql(`{ meetings { edges { node { invitations { response } } } } }`, {}, coordinator);
      expect(plain.data.meetings.edges.flatMap((e: any) => e.node.invitations)).toHaveLength(12);
      expect(t.roundTrips.total).toBe(1);
      t.roundTrips.reset();
      const withPartners = await t.graphql(
        `{ meetings { edges { node { invitations { ...who } } } } } fragment who on Invitation { partner { id name } }`,
        {},
        coordinator,
      );
      const names = withPartners.data.meetings.edges.flatMap((e: any) => e.node.invitations.map((i: any) => i.partner.name));
      expect(names.sort()).toEqual([...partners, ...partners].map((p) => p.name).sort());
      expect(t.roundTrips.total).toBe(2);
    });

    it('reads a meeting with its agenda (proposers too), invitations and partners in 2 round trips', async () => {
      const partners = [];
      for (let i = 0; i < 12; i += 1) partners.push(await createPartner(t));
      const meeting = await scheduleMeeting(t, { themes: ['Eigen onderwerp'] });
      for (const partner of partners.slice(0, 5)) {
        const proposed = await t.graphql(
          `mutation($input: ProposeTopicInput!) { proposeTopic(input: $input) { userErrors { code } } }`,
          { input: { meetingId: meeting.id, title: `Onderwerp van ${partner.name}` } },
          await t.token('PARTNER', { partnerId: partner.id }),
        );
        expect(proposed.data.proposeTopic.userErrors).toEqual([]);
      }
      t.roundTrips.reset();
      const result = await t.graphql(
        `query($id: ID!) { meeting(id: $id) { agenda { title kind proposedBy { id name } } ${deepMeeting} } }`,
        { id: meeting.id },
        coordinator,
      );
      expect(result.data.meeting.agenda.map((item: any) => item.proposedBy?.id ?? null)).toEqual([
        null,
        ...partners.slice(0, 5).map((p) => p.id),
      ]);
      expect(result.data.meeting.invitations).toHaveLength(12);
      expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    });

    it('stays at 2 round trips with more than 100 invited partners', async () => {
      for (let i = 0; i < 105; i += 1) await createPartner(t, { representatives: [] });
      const meeting = await scheduleMeeting(t);
      t.roundTrips.reset();
      const result = await t.graphql(`query($id: ID!) { meeting(id: $id) { ${deepMeeting} } }`, { id: meeting.id }, coordinator);
      expect(result.data.meeting.invitations).toHaveLength(105);
      expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    });
  });
});
