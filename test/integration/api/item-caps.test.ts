import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../functions/shared/dynamodb/keys';
import { transactWrite } from '../../../functions/shared/dynamodb/transaction';
import { meetingCaps, type AgendaItemRecord, type MeetingRecord } from '../../../functions/modules/meetings/meeting';
import { partnerCaps, type PartnerRecord } from '../../../functions/modules/partners/partner';
import { projectCaps, type ProjectRecord } from '../../../functions/modules/projects/project';
import { ideaCaps, type IdeaRecord, type MatrixSessionRecord } from '../../../functions/modules/matrix/matrix';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { itemLimitBytes, measureItemBytes } from '../../support/item-limit';
import { proposeProject } from '../../support/project-fixtures';
import { scanAll } from '../../support/scan-table';
import { createTestApp, type TestApp } from '../../support/test-app';

/**
 * Issue #11, items that grow: what must stay on one DynamoDB item is capped. Each cap is refused
 * one past it (with its code, in Dutch and in English, and nothing written) and taken at it; then
 * the worst item of each kind, every list and text at its cap and every character 3 bytes in UTF-8,
 * is measured by DynamoDB itself below the 400 KB limit.
 */
const wide = (length: number) => '€'.repeat(length);
const meetingPayload = `meeting { id agenda { id } } userErrors { field code message }`;
const mutations = {
  schedule: `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${meetingPayload} } }`,
  invitees: `mutation($input: ChangeMeetingInviteesInput!) { changeMeetingInvitees(input: $input) { ${meetingPayload} } }`,
  addItem: `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { ${meetingPayload} } }`,
  propose: `mutation($input: ProposeTopicInput!) { proposeTopic(input: $input) { ${meetingPayload} } }`,
  outcome: `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { ${meetingPayload} } }`,
  standingThemes: `mutation($themes: [String!]!) { setStandingThemes(themes: $themes) { themes userErrors { field code message } } }`,
  createPartner: `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } userErrors { field code message } } }`,
  engage: `mutation($input: EngageInProjectInput!) { engageInProject(input: $input) { project { id } userErrors { field code message } } }`,
  startSession: `mutation($input: StartMatrixSessionInput!) { startMatrixSession(input: $input) { matrixSession { id } userErrors { field code message } } }`,
  addIdea: `mutation($input: AddIdeaInput!) { addIdea(input: $input) { matrixSession { ideas { id title } } userErrors { code } } }`,
  comment: `mutation($input: CommentOnIdeaInput!) { commentOnIdea(input: $input) { matrixSession { id } userErrors { field code message } } }`,
};

describe('caps on what must stay on one item (DynamoDB Local)', () => {
  let t: TestApp;
  let coordinator: string;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  async function call(query: string, variables: Record<string, unknown>, options: { english?: boolean; token?: string } = {}) {
    const response = await t.request({
      method: 'POST',
      path: '/graphql',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.token ?? coordinator}`,
        ...(options.english ? { 'accept-language': 'en' } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const result = JSON.parse(response.body);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data)[0] as any;
  }

  const table = async () =>
    (await scanAll(t.db, t.app.config.tableName)).map((item) => JSON.stringify(item)).sort((a, b) => a.localeCompare(b));

  /** Refused with `code`, in Dutch and in English, and the table is as it was. */
  async function expectRefused(
    query: string,
    variables: Record<string, unknown>,
    expected: { code: string; dutch: string; english: string; field?: string[] },
    token?: string,
  ) {
    const before = await table();
    const dutch = await call(query, variables, { token });
    const english = await call(query, variables, { token, english: true });
    const find = (payload: any) => payload.userErrors.find((entry: any) => entry.code === expected.code);
    expect(find(dutch)).toEqual({ code: expected.code, message: expected.dutch, field: expected.field ?? expect.any(Array) });
    expect(find(english)).toEqual({ code: expected.code, message: expected.english, field: expected.field ?? expect.any(Array) });
    expect(await table()).toEqual(before);
  }

  async function expectAccepted(query: string, variables: Record<string, unknown>, token?: string) {
    const payload = await call(query, variables, { token });
    expect(payload.userErrors).toEqual([]);
    return payload;
  }

  async function partners(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 25) {
      const batch = Array.from({ length: Math.min(25, count - start) }, () => createPartner(t));
      ids.push(...(await Promise.all(batch)).map((partner) => partner.id));
    }
    return ids;
  }

  it('an agenda holds 30 items (a description 1,000 characters); automatic items then wait for the next meeting', async () => {
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [] });
    await expectRefused(
      mutations.addItem,
      { input: { meetingId: meeting.id, title: 'Toelichting', description: 'x'.repeat(meetingCaps.agendaItemDescription + 1) } },
      { code: 'TOO_LONG', dutch: 'De toelichting mag hoogstens 1000 tekens lang zijn.', english: 'This is too long.' },
    );
    for (let i = 1; i <= meetingCaps.agendaItems; i += 1) {
      const description = i === 1 ? 'x'.repeat(meetingCaps.agendaItemDescription) : undefined;
      const added = await expectAccepted(mutations.addItem, { input: { meetingId: meeting.id, title: `Punt ${i}`, description } });
      expect(added.meeting.agenda).toHaveLength(i);
    }
    const full = {
      code: 'TOO_MANY_AGENDA_ITEMS',
      dutch: 'Een agenda telt hoogstens 30 punten. Verwijder eerst een punt.',
      english: 'This agenda is full. Remove an item first.',
      field: ['input', 'meetingId'],
    };
    await expectRefused(mutations.addItem, { input: { meetingId: meeting.id, title: 'Eén te veel' } }, full);
    await expectRefused(mutations.propose, { input: { meetingId: meeting.id, title: 'Eén te veel' } }, full);
    await expectRefused(
      mutations.startSession,
      { input: { question: 'Wat starten we?', rows: ['Ontmoeting'], columns: ['Koken'], votesPerParticipant: 3, meetingId: meeting.id } },
      full,
    );

    // A project proposed now needs a meeting: the full one takes nothing, the next one scheduled collects it.
    const promoter = await createPartner(t);
    const project = await proposeProject(t, promoter.id, { name: 'Deelfietsen' });
    expect((await t.app.repositories.meetings.get(meeting.id))!.agenda).toHaveLength(meetingCaps.agendaItems);
    const next = await scheduleMeeting(t, { startsAt: '2026-12-20T19:30:00+01:00', endsAt: '2026-12-20T21:30:00+01:00' });
    expect(next.agenda.map((item: any) => item.projectId)).toEqual([project.id]);

    // What must come back (a consolidation review on a cancelled meeting's agenda) is kept when the next is full.
    const review: AgendaItemRecord = { id: 'review-item', title: 'Consolidatie', kind: 'PROJECT', projectId: project.id, reviewNumber: 1 };
    for (let i = next.agenda.length; i < meetingCaps.agendaItems; i += 1) {
      await expectAccepted(mutations.addItem, { input: { meetingId: next.id, title: `Punt ${i}` } });
    }
    const placed = await t.app.meetings.placeOnNextAgenda([review], meeting.id);
    expect(placed.meeting).toBeUndefined();
    await transactWrite(t.db, placed.entries);
    expect((await t.app.repositories.meetings.getNextMeetingAgenda()).items).toEqual([review]);
  });

  it('a meeting has 12 standing themes and 12 of its own, and 200 invited partners', async () => {
    const themes = (count: number) => Array.from({ length: count }, (_, i) => `Thema ${i + 1}`);
    const tooManyThemes = {
      code: 'TOO_MANY_THEMES',
      dutch: "Geef hoogstens 12 thema's op.",
      english: 'Too many themes. Keep the main ones.',
    };
    await expectRefused(mutations.standingThemes, { themes: themes(13) }, { ...tooManyThemes, field: ['themes'] });
    await expectAccepted(mutations.standingThemes, { themes: themes(12) });
    const input = (overrides: Record<string, unknown>) => ({
      title: 'Overleg',
      startsAt: '2026-12-10T19:30:00+01:00',
      endsAt: '2026-12-10T21:30:00+01:00',
      location: 'Buurthuis',
      ...overrides,
    });
    const own = (count: number) => Array.from({ length: count }, (_, i) => `Eigen onderwerp ${i + 1}`);
    await expectRefused(
      mutations.schedule,
      { input: input({ themes: own(13), inviteePartnerIds: [] }) },
      { ...tooManyThemes, field: ['input', 'themes'] },
    );
    const withThemes = await expectAccepted(mutations.schedule, { input: input({ themes: own(12), inviteePartnerIds: [] }) });
    expect(withThemes.meeting.agenda).toHaveLength(24);

    const ids = await partners(meetingCaps.invitees + 1);
    const tooMany = {
      code: 'TOO_MANY_INVITEES',
      dutch: 'Een vergadering heeft hoogstens 200 uitgenodigde partners.',
      english: 'Too many partners are invited to this meeting.',
    };
    await expectRefused(
      mutations.schedule,
      { input: input({ inviteePartnerIds: ids }) },
      { ...tooMany, field: ['input', 'inviteePartnerIds'] },
    );
    // Left out, every active partner is invited: 201 of them are too many too.
    await expectRefused(mutations.schedule, { input: input({}) }, { ...tooMany, field: ['input', 'inviteePartnerIds'] });
    const meeting = await expectAccepted(mutations.schedule, { input: input({ inviteePartnerIds: ids.slice(0, meetingCaps.invitees) }) });
    // Its invitation dispatch: 200 recipients (one representative each), each with its own answer, on one item.
    const dispatchBytes = await measureItemBytes(t, keys.outboxDispatch(`meeting.${meeting.meeting.id}.v1`));
    console.log(`invitation dispatch to 200 partners with one representative each: ${dispatchBytes} bytes`);
    expect(dispatchBytes).toBeLessThan(0.5 * itemLimitBytes);
    await expectRefused(
      mutations.invitees,
      { input: { id: meeting.meeting.id, addPartnerIds: [ids[meetingCaps.invitees]] } },
      { ...tooMany, field: ['input', 'addPartnerIds'] },
    );
    // One out, one in: still 200.
    await expectAccepted(mutations.invitees, { input: { id: meeting.meeting.id, addPartnerIds: [ids[200]], removePartnerIds: [ids[0]] } });
  }, 60_000);

  it('an invitation too large for one dispatch item is refused; one just below it fits', async () => {
    // 20 partners with 20 representatives each, every name 120 three-byte characters: 400 people.
    const ids: string[] = [];
    for (let start = 0; start < 20; start += 10) {
      const batch = Array.from({ length: 10 }, (_, i) =>
        createPartner(t, {
          name: `${start + i} ${wide(110)}`,
          representatives: Array.from({ length: partnerCaps.representatives }, (_, r) => ({
            name: `${r} ${wide(115)}`,
            email: `vertegenwoordiger-${start + i}-${r}@a-rather-long-domain-name.example.be`,
          })),
        }),
      );
      ids.push(...(await Promise.all(batch)).map((partner) => partner.id));
    }
    const input = (inviteePartnerIds: string[]) => ({
      input: {
        title: 'Overleg',
        startsAt: '2026-12-10T19:30:00+01:00',
        endsAt: '2026-12-10T21:30:00+01:00',
        location: 'Buurthuis',
        inviteePartnerIds,
      },
    });
    await expectRefused(mutations.schedule, input(ids), {
      code: 'TOO_MANY_RECIPIENTS',
      dutch: 'Deze vergadering zou naar te veel mensen gemaild worden (400). Nodig minder partners uit.',
      english: 'This mail would go to too many people: invite fewer partners.',
      field: ['input'],
    });
    const meeting = await expectAccepted(mutations.schedule, input(ids.slice(0, 15)));
    const dispatchBytes = await measureItemBytes(t, keys.outboxDispatch(`meeting.${meeting.meeting.id}.v1`));
    console.log(`invitation dispatch to 300 people with the longest names: ${dispatchBytes} bytes`);
    expect(dispatchBytes).toBeLessThan(itemLimitBytes);
  }, 60_000);

  it('an outcome has 50 guests, minutes of 30,000 characters and 30,000 with its decisions', async () => {
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [] });
    const items: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      items.push((await expectAccepted(mutations.addItem, { input: { meetingId: meeting.id, title: `Punt ${i}` } })).meeting.agenda[i].id);
    }
    t.clock.set('2026-12-10T21:00:00Z');
    coordinator = await t.token('COORDINATOR');
    const guests = (count: number) => Array.from({ length: count }, (_, i) => `Gast ${i + 1}`);
    const outcome = (overrides: Record<string, unknown>) => ({ input: { id: meeting.id, attendedPartnerIds: [], ...overrides } });
    await expectRefused(mutations.outcome, outcome({ guests: guests(meetingCaps.guests + 1) }), {
      code: 'TOO_MANY_GUESTS',
      dutch: 'Noteer hoogstens 50 gasten.',
      english: 'Too many guests. List fewer guests.',
      field: ['input', 'guests'],
    });
    await expectRefused(mutations.outcome, outcome({ minutes: 'x'.repeat(meetingCaps.minutes + 1) }), {
      code: 'TOO_LONG',
      dutch: 'Het verslag mag hoogstens 30.000 tekens lang zijn.',
      english: 'This is too long.',
      field: ['input', 'minutes'],
    });
    const decisions = (last: number) =>
      items.map((agendaItemId, i) => ({ agendaItemId, decision: 'x'.repeat(i < 5 ? meetingCaps.decision : last) }));
    const minutes = 'x'.repeat(meetingCaps.outcome - 5 * meetingCaps.decision);
    // 20,000 + 5 × 2,000 is the whole room: one character more is refused.
    await expectRefused(mutations.outcome, outcome({ minutes, decisions: decisions(1) }), {
      code: 'OUTCOME_TOO_LONG',
      dutch: 'Het verslag en de beslissingen samen mogen hoogstens 30.000 tekens lang zijn (nu 30.001).',
      english: 'The minutes and the decisions together are too long. Shorten them.',
      field: ['input'],
    });
    await expectAccepted(mutations.outcome, outcome({ minutes, decisions: decisions(0).slice(0, 5), guests: guests(meetingCaps.guests) }));
    // The minutes alone may fill the room (the decisions recorded before give way: the list replaces them).
    await expectAccepted(mutations.outcome, outcome({ minutes: 'x'.repeat(meetingCaps.minutes), decisions: [] }));
    const stored = (await t.app.repositories.meetings.get(meeting.id))!;
    expect(stored.guests).toHaveLength(50);
    expect(stored.status).toBe('HELD');
  });

  it('a partner has 20 representatives and 30 competences of 100 characters', async () => {
    const representatives = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ name: `Vertegenwoordiger ${i}`, email: `rep${i}@atelier.be` }));
    const competences = (count: number, length = 10) => Array.from({ length: count }, (_, i) => `${i}`.padEnd(length, 'c'));
    const input = (overrides: Record<string, unknown>) => ({
      input: { name: 'Atelier', kind: 'COMPANY', email: 'info@atelier.be', ...overrides },
    });
    await expectRefused(mutations.createPartner, input({ representatives: representatives(partnerCaps.representatives + 1) }), {
      code: 'TOO_MANY_REPRESENTATIVES',
      dutch: 'Een partner heeft hoogstens 20 vertegenwoordigers.',
      english: 'A partner has too many representatives.',
      field: ['input', 'representatives'],
    });
    await expectRefused(mutations.createPartner, input({ competences: competences(partnerCaps.competences + 1) }), {
      code: 'TOO_MANY_COMPETENCES',
      dutch: 'Een partner heeft hoogstens 30 competenties.',
      english: 'A partner has too many competences. Keep the main ones.',
      field: ['input', 'competences'],
    });
    await expectRefused(mutations.createPartner, input({ competences: ['c'.repeat(partnerCaps.competenceLength + 1)] }), {
      code: 'TOO_LONG',
      dutch: 'Een competentie mag hoogstens 100 tekens lang zijn.',
      english: 'This is too long.',
      field: ['input', 'competences', '0'],
    });
    await expectAccepted(
      mutations.createPartner,
      input({ representatives: representatives(partnerCaps.representatives), competences: competences(partnerCaps.competences, 100) }),
    );
  });

  it('a project has 80 engagements with notes of 500 characters, and a partner engagements in 50 projects', async () => {
    const [promoter, ...others] = await partners(projectCaps.engagements + 1);
    const project = await proposeProject(t, promoter);
    await expectRefused(
      mutations.engage,
      { input: { projectId: project.id, partnerId: promoter, energyNote: 'x'.repeat(projectCaps.energyNote + 1) } },
      {
        code: 'TOO_LONG',
        dutch: 'De notitie over energie mag hoogstens 500 tekens lang zijn.',
        english: 'This is too long.',
        field: ['input', 'energyNote'],
      },
    );
    for (const partnerId of [promoter, ...others.slice(0, projectCaps.engagements - 1)]) {
      await expectAccepted(mutations.engage, {
        input: { projectId: project.id, partnerId, energyNote: 'x'.repeat(projectCaps.energyNote) },
      });
    }
    const tooMany = { code: 'TOO_MANY_ENGAGEMENTS', english: 'The most engagements a project or a partner can have has been reached.' };
    await expectRefused(
      mutations.engage,
      { input: { projectId: project.id, partnerId: others[projectCaps.engagements - 1], hoursPerMonth: 1 } },
      { ...tooMany, dutch: 'Een project kan hoogstens 80 partners hebben.', field: ['input', 'partnerId'] },
    );
    // Changing an engagement already there is no new one.
    await expectAccepted(mutations.engage, { input: { projectId: project.id, partnerId: promoter, hoursPerMonth: 2 } });

    // The promoter is engaged in one project; 49 more make 50, the 51st is refused.
    for (let i = 1; i < partnerCaps.engagements; i += 1) {
      const other = await proposeProject(t, promoter, { name: `Project ${i}` });
      await expectAccepted(mutations.engage, { input: { projectId: other.id, partnerId: promoter, hoursPerMonth: 1 } });
    }
    const last = await proposeProject(t, promoter, { name: 'Project 51' });
    await expectRefused(
      mutations.engage,
      { input: { projectId: last.id, partnerId: promoter, hoursPerMonth: 1 } },
      { ...tooMany, dutch: 'Een partner kan in hoogstens 50 projecten een engagement hebben.', field: ['input', 'partnerId'] },
    );
  }, 90_000);

  it('an idea takes 50 comments, also when they come at once (a condition on the write)', async () => {
    const partner = await createPartner(t);
    const member = await t.token('PARTNER', { partnerId: partner.id, email: 'lid@atelier.be' });
    const session = await call(mutations.startSession, {
      input: { question: 'Wat starten we?', rows: ['Ontmoeting'], columns: ['Koken'], votesPerParticipant: 3 },
    });
    const addIdea = async (title: string): Promise<string> => {
      const added = await call(
        mutations.addIdea,
        { input: { sessionId: session.matrixSession.id, title, row: 0, column: 0 } },
        { token: member },
      );
      return added.matrixSession.ideas.find((idea: any) => idea.title === title).id;
    };
    const comment = (ideaId: string, text: string, english = false) =>
      call(mutations.comment, { input: { ideaId, text } }, { token: member, english });
    const full = {
      code: 'TOO_MANY_COMMENTS',
      dutch: 'Een idee krijgt hoogstens 50 reacties. Voeg je reactie samen met een andere of start een nieuw idee.',
      english: 'This idea has as many comments as it can take. Add to an earlier comment or start a new idea.',
      field: ['input', 'ideaId'],
    };

    const soup = await addIdea('Soepcafé');
    for (let i = 1; i <= ideaCaps.comments; i += 1) expect((await comment(soup, `Reactie ${i}`)).userErrors).toEqual([]);
    await expectRefused(mutations.comment, { input: { ideaId: soup, text: 'Eén te veel' } }, full, member);

    const garden = await addIdea('Buurttuin');
    for (let i = 1; i <= ideaCaps.comments - 5; i += 1) await comment(garden, `Reactie ${i}`);
    const atOnce = await Promise.all(Array.from({ length: 10 }, (_, i) => comment(garden, `Tegelijk ${i}`)));
    expect(atOnce.filter((payload) => payload.userErrors.length === 0)).toHaveLength(5);
    expect(atOnce.flatMap((payload) => payload.userErrors.map((entry: any) => entry.code))).toEqual(Array(5).fill('TOO_MANY_COMMENTS'));
    const stored = await t.app.repositories.matrix.loadState(session.matrixSession.id);
    expect(stored!.ideas.find((idea) => idea.id === garden)!.comments).toHaveLength(ideaCaps.comments);
  }, 60_000);

  describe('the worst item of each kind, at the caps, measured by DynamoDB', () => {
    const at = '2026-12-01T09:00:00.000Z';
    const id = (n: number) => `01JF${String(n).padStart(22, '0')}`;
    const sizes: Record<string, number> = {};
    afterAll(() => console.log(`worst-case item sizes (bytes, limit ${itemLimitBytes}): ${JSON.stringify(sizes)}`));

    it('a meeting', async () => {
      const agenda: AgendaItemRecord[] = Array.from({ length: meetingCaps.agendaItems }, (_, i) => ({
        id: id(i),
        title: wide(meetingCaps.agendaItemTitle),
        kind: 'PROJECT',
        description: wide(meetingCaps.agendaItemDescription),
        proposedBy: id(1000 + i),
        durationMinutes: 480,
        projectId: id(2000 + i),
        reviewNumber: 99,
        matrixSessionId: id(3000 + i),
      }));
      // The outcome's room (minutes and decisions together) goes to decisions on PROJECT items: stored twice, with ids.
      const perDecision = Math.floor((meetingCaps.outcome - 10) / 2 / meetingCaps.agendaItems);
      agenda.forEach((item) => (item.decision = wide(perDecision)));
      const invitees = Array.from({ length: meetingCaps.invitees }, (_, i) => id(4000 + i));
      const meeting: MeetingRecord = {
        id: id(1),
        title: wide(200),
        startsAt: at,
        endsAt: at,
        location: wide(300),
        status: 'HELD',
        themes: Array.from({ length: meetingCaps.themes * 2 }, () => wide(meetingCaps.themeLength)),
        agenda,
        invitations: Object.fromEntries(
          invitees.map((partnerId) => [partnerId, { partnerId, response: 'TENTATIVE' as const, invitedAt: at, respondedAt: at }]),
        ),
        minutes: wide(10),
        attendance: invitees,
        cancelReason: wide(1000),
        previousMeetingId: id(5000),
        nextMeetingId: id(5001),
        topicsCloseAt: at,
        guests: Array.from({ length: meetingCaps.guests }, () => wide(meetingCaps.guestName)),
        projectDecisions: agenda.map((item) => ({ projectId: item.projectId!, text: item.decision!, agendaItemId: item.id })),
        sequence: 999,
        timeChangedAtSequence: 999,
        version: 99_999,
        createdAt: at,
        updatedAt: at,
      };
      // Its own entry only: `create` would also link the previous meeting, which this test does not store.
      await transactWrite(t.db, [t.app.repositories.meetings.createEntry(meeting)]);
      sizes.meeting = await measureItemBytes(t, keys.meeting(meeting.id));
      expect(sizes.meeting).toBeLessThan(0.75 * itemLimitBytes);
    });

    it('a partner', async () => {
      const engagements = Array.from({ length: partnerCaps.engagements }, (_, i) => id(100 + i));
      const partner: PartnerRecord = {
        id: id(2),
        name: wide(120),
        kind: 'COMPANY',
        email: `${'e'.repeat(64)}@${'d'.repeat(185)}.be`,
        capacity: { hoursPerMonth: 1_000_000_000, eurosPerYear: 1_000_000_000 },
        representatives: Array.from({ length: partnerCaps.representatives }, (_, i) => ({
          id: id(200 + i),
          name: wide(120),
          email: `${String(i).padEnd(64, 'r')}@${'d'.repeat(185)}.be`,
          language: 'en',
        })),
        competences: Array.from({ length: partnerCaps.competences }, () => wide(partnerCaps.competenceLength)),
        formerNeighbourId: 'f'.repeat(64),
        engagements: Object.fromEntries(
          engagements.map((projectId) => [
            projectId,
            {
              projectId,
              partnerId: id(2),
              hoursPerMonth: 1_000_000_000,
              euros: 1_000_000_000,
              energyNote: wide(projectCaps.energyNote),
              engagedAt: at,
              updatedAt: at,
              projectStatus: 'CONSOLIDATING' as const,
            },
          ]),
        ),
        spunOffFromProjectId: id(3),
        archivedAt: at,
        version: 99_999,
        createdAt: at,
        updatedAt: at,
      };
      await t.app.repositories.partners.create(partner);
      sizes.partner = await measureItemBytes(t, keys.partner(partner.id));
      expect(sizes.partner).toBeLessThan(0.5 * itemLimitBytes);
    });

    it('a project (its reviews and decisions aside)', async () => {
      const assessment = { value: true, note: wide(projectCaps.assessmentNote), assessedAt: at };
      const project: ProjectRecord = {
        id: id(4),
        name: wide(120),
        description: wide(projectCaps.text),
        status: 'CONSOLIDATING',
        promoterPartnerId: id(5),
        motivation: wide(projectCaps.text),
        engagements: Object.fromEntries(
          Array.from({ length: projectCaps.engagements }, (_, i) => [
            id(300 + i),
            {
              projectId: id(4),
              partnerId: id(300 + i),
              hoursPerMonth: 1_000_000_000,
              euros: 1_000_000_000,
              energyNote: wide(projectCaps.energyNote),
              engagedAt: at,
              updatedAt: at,
            },
          ]),
        ),
        businessModel: assessment,
        communityGoals: assessment,
        reviewIntervalMonths: 24,
        reviews: [],
        decisions: [],
        transferredTo: wide(200),
        spinOffPartnerId: id(6),
        matrixIdea: { sessionId: id(7), ideaId: id(8) },
        version: 99_999,
        createdAt: at,
        updatedAt: at,
      };
      await t.app.repositories.projects.save(project, undefined);
      sizes.project = await measureItemBytes(t, keys.project(project.id));
      expect(sizes.project).toBeLessThan(0.5 * itemLimitBytes);
    });

    it('an idea', async () => {
      const session: MatrixSessionRecord = {
        id: id(9),
        question: 'Wat starten we?',
        rows: ['Ontmoeting'],
        columns: ['Koken'],
        status: 'OPEN',
        votesPerParticipant: 3,
        facilitatorId: id(10),
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      const idea: IdeaRecord = {
        id: `${id(9)}.${id(11)}`,
        sessionId: session.id,
        title: wide(ideaCaps.title),
        description: wide(ideaCaps.description),
        row: 0,
        column: 0,
        authorKey: 'k'.repeat(64),
        authorName: wide(120),
        authorPartnerId: id(12),
        votes: 1_000_000,
        comments: Array.from({ length: ideaCaps.comments }, (_, i) => ({
          id: id(400 + i),
          authorName: wide(120),
          authorPartnerId: id(500 + i),
          text: wide(ideaCaps.commentLength),
          createdAt: at,
        })),
        mergedFrom: Array.from({ length: 20 }, (_, i) => id(600 + i)),
        projectId: id(13),
        createdAt: at,
        updatedAt: at,
      };
      await t.app.repositories.matrix.saveSession(session, undefined);
      await t.app.repositories.matrix.addIdea(idea);
      sizes.idea = await measureItemBytes(t, keys.matrixIdea(session.id, idea.id));
      expect(sizes.idea).toBeLessThan(0.5 * itemLimitBytes);
    });

    it('measures as DynamoDB counts: a small item of known size', async () => {
      await t.db.send(new PutCommand({ TableName: t.app.config.tableName, Item: { PK: 'SIZE', SK: 'CHECK', text: '€€' } }));
      // Names and values in UTF-8: PK + SIZE, SK + CHECK, text + 2 × 3 bytes.
      expect(await measureItemBytes(t, { PK: 'SIZE', SK: 'CHECK' })).toBe(2 + 4 + 2 + 5 + 4 + 6);
    });
  });
});
