import { simpleParser, type ParsedMail } from 'mailparser';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { projectMutation, proposeProject } from '../../support/project-fixtures';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

const outcome = `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) {
  meeting { id status minutes guests attendance { id } agenda { id title kind projectId decision }
    projectDecisions { projectId text agendaItemId } }
  userErrors { field code message } } }`;
const addItem = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { meeting { agenda { id title kind projectId } } userErrors { code } } }`;
const agendaOf = `query($id: ID!) { meeting(id: $id) { agenda { id title kind projectId } } }`;
const decisionsOf = `query($id: ID!) { project(id: $id) { decisions { text meeting { id } } } }`;

describe('minutes: recording the outcome closes the meeting, logs project decisions and mails the minutes once', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let coordinator: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    // Another Locon's names: the minutes must not say De Stek.
    t = await createTestApp({
      now: '2026-12-01T09:00:00Z',
      config: { NETWORK_NAME: 'Locon De Brug', COORDINATOR_ORGANISATION: 'Brugwerk vzw', CONTACT_EMAIL: 'hallo@debrug.test' },
    });
    coordinator = await t.token('COORDINATOR');
  });

  const deliver = async (): Promise<ParsedMail[]> => {
    const from = smtp.messages.length;
    await createDeliverer(t.app, createSmtpMailer(smtp.url)).deliverDue();
    return Promise.all(smtp.messages.slice(from).map((message) => simpleParser(message.raw)));
  };

  it('records who came and what was decided, logs each project decision once and mails every invited partner in their language', async () => {
    const bakker = await createPartner(t, {
      name: 'Bakkerij Peeters',
      representatives: [{ name: 'An Peeters', email: 'an@bakkerij.test' }],
    });
    const studio = await createPartner(t, {
      name: 'Studio Noord',
      representatives: [{ name: 'Sam Noord', email: 'sam@studio.test', language: 'EN' }],
    });
    const stranger = await createPartner(t, { name: 'Niet uitgenodigd' });
    await t.graphql(`mutation { setStandingThemes(themes: ["Projecten"]) { themes } }`, {}, coordinator);
    const repair = await proposeProject(t, bakker.id, { name: 'Repair café' });
    const garden = await proposeProject(t, studio.id, { name: 'Buurtmoestuin' });
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [bakker.id, studio.id], themes: ['Buurtfeest'] });
    // Both proposals in intake were placed on the new meeting's agenda by themselves; a second item
    // for one of them is refused.
    const again = await t.graphql(
      addItem,
      { input: { meetingId: meeting.id, title: 'Repair café: intake', projectId: repair.id } },
      coordinator,
    );
    expect(again.data.addAgendaItem.userErrors).toEqual([{ code: 'PROJECT_ALREADY_ON_AGENDA' }]);
    const planned = await t.graphql(agendaOf, { id: meeting.id }, coordinator);
    const agenda = planned.data.meeting.agenda;
    const topic = agenda.find((item: any) => item.kind === 'TOPIC');
    const projectItem = agenda.find((item: any) => item.kind === 'PROJECT' && item.projectId === repair.id);
    expect(
      agenda
        .filter((item: any) => item.kind === 'PROJECT')
        .map((item: any) => item.projectId)
        .sort(),
    ).toEqual([repair.id, garden.id].sort());
    await deliver(); // the invitations

    t.clock.set('2026-12-10T21:00:00Z');
    coordinator = await t.token('COORDINATOR');
    const input = {
      id: meeting.id,
      minutes: 'Goede sfeer.\nVolgende keer meer tijd voor de moestuin.',
      attendedPartnerIds: [bakker.id],
      guests: ['Jan (buurtbewoner)'],
      decisions: [
        { agendaItemId: topic.id, decision: 'Buurtfeest op 21 juni.' },
        { agendaItemId: projectItem.id, decision: 'Intake rond; start in januari.' },
      ],
      projectDecisions: [{ projectId: garden.id, decision: 'Studio Noord zoekt een perceel.' }],
    };

    const refused = await t.graphql(
      outcome,
      {
        input: {
          ...input,
          attendedPartnerIds: [bakker.id, stranger.id],
          decisions: [{ agendaItemId: 'nope', decision: 'x' }],
          projectDecisions: [{ projectId: 'nope', decision: 'x' }],
        },
      },
      coordinator,
    );
    expect(refused.data.recordMeetingOutcome.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['NOT_INVITED', 'input.attendedPartnerIds.1'],
      ['UNKNOWN_AGENDA_ITEM', 'input.decisions.0.agendaItemId'],
      ['UNKNOWN_PROJECT', 'input.projectDecisions.0.projectId'],
    ]);
    expect(refused.data.recordMeetingOutcome.userErrors.every((e: any) => /^[A-Z]/.test(e.message))).toBe(true);
    expect(await deliver()).toHaveLength(0);

    const held = await t.graphql(outcome, { input }, coordinator);
    expect(held.data.recordMeetingOutcome.userErrors).toEqual([]);
    const recorded = held.data.recordMeetingOutcome.meeting;
    expect(recorded).toMatchObject({ status: 'HELD', attendance: [{ id: bakker.id }], guests: ['Jan (buurtbewoner)'] });
    expect(recorded.agenda.find((item: any) => item.id === topic.id).decision).toBe('Buurtfeest op 21 juni.');
    expect(recorded.agenda.find((item: any) => item.kind === 'THEME').decision).toBeNull();
    expect(recorded.projectDecisions).toEqual([
      { projectId: repair.id, text: 'Intake rond; start in januari.', agendaItemId: projectItem.id },
      { projectId: garden.id, text: 'Studio Noord zoekt een perceel.', agendaItemId: null },
    ]);
    // Readable in the API afterwards, as anyone signed in.
    const partnerToken = await t.token('PARTNER', { partnerId: studio.id });
    const read = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { minutes agenda { decision } projectDecisions { text } } }`,
      { id: meeting.id },
      partnerToken,
    );
    expect(read.data.meeting.minutes).toBe(input.minutes);
    expect(read.data.meeting.projectDecisions).toHaveLength(2);

    // The decision logs of both projects, with the meeting.
    for (const [project, text] of [
      [repair, 'Intake rond; start in januari.'],
      [garden, 'Studio Noord zoekt een perceel.'],
    ] as const) {
      const log = await t.graphql(decisionsOf, { id: project.id }, coordinator);
      expect(log.data.project.decisions).toEqual([{ text, meeting: { id: meeting.id } }]);
    }

    // The minutes: one mail per invited partner's person, in their language, with the network's own names.
    const mails = await deliver();
    const byAddress = new Map(mails.map((mail) => [(mail.to as any).value[0].address, mail]));
    expect([...byAddress.keys()].sort()).toEqual(['an@bakkerij.test', 'sam@studio.test']);
    const dutch = byAddress.get('an@bakkerij.test')!;
    expect(dutch.subject).toBe('Verslag: Overleg De Stek van donderdag 10 december 2026');
    expect(dutch.text).toContain('Dag An Peeters,');
    expect(dutch.text).toContain('Aanwezig: Bakkerij Peeters');
    expect(dutch.text).toContain('Afwezig: Studio Noord');
    expect(dutch.text).toContain('Gasten: Jan (buurtbewoner)');
    expect(dutch.text).toContain('1. Projecten (thema)');
    expect(dutch.text).toContain('2. Buurtfeest (open ruimte)');
    expect(dutch.text).toContain('Beslist: Buurtfeest op 21 juni.');
    expect(dutch.text).toContain('Beslist: Intake rond; start in januari.');
    expect(dutch.text).toContain('- Buurtmoestuin: Studio Noord zoekt een perceel.');
    expect(dutch.text).toContain('Volgende keer meer tijd voor de moestuin.');
    expect(dutch.text).toContain('Brugwerk vzw, voor Locon De Brug');
    expect(dutch.text).not.toContain('De Stek,');
    expect(dutch.html).toContain('mailto:hallo@debrug.test');
    const english = byAddress.get('sam@studio.test')!;
    expect(english.subject).toBe('Minutes: Overleg De Stek of Thursday 10 December 2026');
    expect(english.text).toContain('Present: Bakkerij Peeters');
    expect(english.text).toContain('Decided: Buurtfeest op 21 juni.');
    expect(english.text).toContain('The date of the next meeting has not been agreed yet.');
    expect(english.text).toContain('Brugwerk vzw, for Locon De Brug');

    // A correction: the same decisions again plus one more. Only the new one is logged, and no second mail goes out.
    // (A minute later: the log orders by the moment of recording, and two writes in one millisecond by id.)
    t.clock.advance(60_000);
    const corrected = await t.graphql(
      outcome,
      {
        input: {
          ...input,
          attendedPartnerIds: [bakker.id, studio.id],
          projectDecisions: [...input.projectDecisions, { projectId: repair.id, decision: 'Bakkerij Peeters trekt het.' }],
        },
      },
      coordinator,
    );
    expect(corrected.data.recordMeetingOutcome.userErrors).toEqual([]);
    expect(corrected.data.recordMeetingOutcome.meeting.attendance).toHaveLength(2);
    const repairLog = await t.graphql(decisionsOf, { id: repair.id }, coordinator);
    expect(repairLog.data.project.decisions.map((d: any) => d.text)).toEqual([
      'Intake rond; start in januari.',
      'Bakkerij Peeters trekt het.',
    ]);
    const gardenLog = await t.graphql(decisionsOf, { id: garden.id }, coordinator);
    expect(gardenLog.data.project.decisions).toHaveLength(1);
    expect(await deliver()).toHaveLength(0);
  });

  it('recordProjectDecision still logs through the same append, beside a concurrent project change', async () => {
    const partner = await createPartner(t);
    const project = await proposeProject(t, partner.id);
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [partner.id] });
    t.clock.set('2026-12-10T21:00:00Z');
    const [decided] = await Promise.all([
      projectMutation(t, 'decide', { projectId: project.id, meetingId: meeting.id, text: 'Eerst een locatie.' }),
      projectMutation(t, 'update', { projectId: project.id, description: 'Elke eerste zaterdag' }),
    ]);
    expect(decided.userErrors).toEqual([]);
    coordinator = await t.token('COORDINATOR');
    const after = await t.graphql(
      `query($id: ID!) { project(id: $id) { description decisions { text } } }`,
      { id: project.id },
      coordinator,
    );
    expect(after.data.project).toEqual({ description: 'Elke eerste zaterdag', decisions: [{ text: 'Eerst een locatie.' }] });
  });
});

describe('attendance per partner over time (coordinators only)', () => {
  it('counts invited and attended held meetings with rate and last attendance, in a fixed number of DynamoDB requests', async () => {
    const t = await createTestApp({ now: '2026-11-01T09:00:00Z' });
    const [a, b, c] = [await createPartner(t), await createPartner(t), await createPartner(t)];
    const dates = ['2026-11-05', '2026-11-19', '2026-12-03', '2026-12-17'];
    const meetings = [];
    for (const day of dates) {
      meetings.push(
        await scheduleMeeting(t, {
          startsAt: `${day}T19:30:00+01:00`,
          endsAt: `${day}T21:30:00+01:00`,
          inviteePartnerIds: day === '2026-11-05' ? [a.id, b.id] : [a.id, b.id, c.id],
        }),
      );
    }
    t.clock.set('2026-12-04T09:00:00Z');
    const coordinator = await t.token('COORDINATOR');
    const attended = [[a.id, b.id], [a.id], [a.id, c.id]];
    for (const [index, ids] of attended.entries()) {
      const result = await t.graphql(outcome, { input: { id: meetings[index].id, attendedPartnerIds: ids } }, coordinator);
      expect(result.data.recordMeetingOutcome.userErrors).toEqual([]);
    }

    const query = `{ partners { edges { node { id attendance { meetingsInvited meetingsAttended rate lastAttendedAt lastAttendedMeeting { id } } } } } }`;
    t.roundTrips.reset();
    const result = await t.graphql(query, {}, coordinator);
    // One Query for the partners, one for the meetings (whatever the number of partners), one BatchGet for the last attended meetings.
    expect(t.roundTrips.total).toBeLessThanOrEqual(3);
    const byId = new Map(result.data.partners.edges.map((edge: any) => [edge.node.id, edge.node.attendance]));
    expect(byId.get(a.id)).toEqual({
      meetingsInvited: 3,
      meetingsAttended: 3,
      rate: 1,
      lastAttendedAt: '2026-12-03T19:30:00+01:00',
      lastAttendedMeeting: { id: meetings[2].id },
    });
    expect(byId.get(b.id)).toMatchObject({ meetingsInvited: 3, meetingsAttended: 1, lastAttendedMeeting: { id: meetings[0].id } });
    expect((byId.get(b.id) as any).rate).toBeCloseTo(1 / 3);
    // The fourth meeting has not been held: it does not count yet.
    expect(byId.get(c.id)).toMatchObject({ meetingsInvited: 2, meetingsAttended: 1, rate: 0.5 });

    const partnerToken = await t.token('PARTNER', { partnerId: a.id });
    const asPartner = await t.graphql(
      `query($id: ID!) { partner(id: $id) { attendance { meetingsInvited } } }`,
      { id: a.id },
      partnerToken,
    );
    expect(asPartner.errors).toBeUndefined();
    expect(asPartner.data.partner.attendance).toBeNull();
  });
});
