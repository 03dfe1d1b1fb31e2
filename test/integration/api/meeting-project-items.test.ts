import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { activeProject, engage, projectMutation, proposeProject } from '../../support/project-fixtures';
import { createTestApp } from '../../support/test-app';

const agendaOf = `query($id: ID!) { meeting(id: $id) { agenda { id title kind projectId } } }`;

describe('projects that need the meeting are placed on its agenda automatically, each once (DynamoDB Local)', () => {
  it('places intakes, start decisions and overdue or answered reviews when a meeting is scheduled, and never twice', async () => {
    const t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    const promoter = await createPartner(t);
    const incomplete = await proposeProject(t, promoter.id, { name: 'Repair café' });
    const complete = await proposeProject(t, promoter.id, { name: 'Buurtmoestuin' });
    await engage(t, complete.id, promoter.id, { hoursPerMonth: 2 });
    await projectMutation(t, 'assess', { projectId: complete.id, hasBusinessModel: true, fitsCommunityGoals: true });
    await proposeProject(t, promoter.id, { name: 'Nog maar een idee', status: 'IDEA' });
    const active = await activeProject(t, promoter.id, { name: 'Deelfietsen' });

    const first = await scheduleMeeting(t, { inviteePartnerIds: [promoter.id], themes: ['Open space'] });
    let coordinator = await t.token('COORDINATOR');
    const agenda = (await t.graphql(agendaOf, { id: first.id }, coordinator)).data.meeting.agenda;
    expect(agenda.map((item: any) => [item.kind, item.title])).toEqual([
      ['TOPIC', 'Open space'],
      ['PROJECT', 'Buurtmoestuin: de intake is rond, beslissen over de start'],
      [
        'PROJECT',
        expect.stringMatching(/^Intake van Repair café: nog open: minstens één engagement, de inschatting van het businessmodel/),
      ],
    ]);
    // A later meeting scheduled meanwhile does not get them as well: they are on the first one.
    const later = await scheduleMeeting(t, { startsAt: '2026-12-17T19:30:00+01:00', endsAt: '2026-12-17T21:30:00+01:00' });
    expect(later.agenda.filter((item: any) => item.projectId)).toEqual([]);
    await t.graphql(
      `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { userErrors { code } } }`,
      { input: { id: later.id } },
      coordinator,
    );
    // The coordinator cannot put an automatically placed project on it a second time.
    const again = await t.graphql(
      `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { userErrors { code } } }`,
      { input: { meetingId: first.id, title: 'Repair café', projectId: incomplete.id } },
      coordinator,
    );
    expect(again.data.addAgendaItem.userErrors).toEqual([{ code: 'PROJECT_ALREADY_ON_AGENDA' }]);

    // Months later the active project's review is overdue: the next meeting, agreed at this one, brings it too.
    t.clock.set('2027-03-02T09:00:00Z');
    coordinator = await t.token('COORDINATOR');
    const held = await t.graphql(
      `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { meeting { nextMeeting { id } } userErrors { code } } }`,
      {
        input: {
          id: first.id,
          attendedPartnerIds: [promoter.id],
          nextMeeting: { startsAt: '2027-03-11T19:30:00+01:00', endsAt: '2027-03-11T21:30:00+01:00' },
        },
      },
      coordinator,
    );
    expect(held.data.recordMeetingOutcome.userErrors).toEqual([]);
    const nextId = held.data.recordMeetingOutcome.meeting.nextMeeting.id;
    const nextAgenda = (await t.graphql(agendaOf, { id: nextId }, coordinator)).data.meeting.agenda;
    const projectIds = nextAgenda.filter((item: any) => item.kind === 'PROJECT').map((item: any) => item.projectId);
    expect(projectIds.sort()).toEqual([incomplete.id, complete.id, active.id].sort());
    expect(nextAgenda.find((item: any) => item.projectId === active.id).title).toBe(
      'Consolidatiebespreking van Deelfietsen: geen antwoord van de promotor, samen beslissen',
    );

    // The promoter answers: the review is already on that agenda, so nothing is added.
    const reviewId = (await t.graphql(`query($id: ID!) { project(id: $id) { currentReview { id } } }`, { id: active.id }, coordinator)).data
      .project.currentReview.id;
    const answered = await projectMutation(t, 'answer', { reviewId, outcome: 'CONTINUE' });
    expect(answered.userErrors).toEqual([]);
    expect(answered.project.reviews.at(-1).onAgenda).toBe(true);
    const afterAnswer = (await t.graphql(agendaOf, { id: nextId }, coordinator)).data.meeting.agenda;
    expect(afterAnswer.filter((item: any) => item.projectId === active.id)).toHaveLength(1);
    expect(afterAnswer).toHaveLength(nextAgenda.length);
  });

  it('places a project that starts needing the meeting on the planned one, keeps its text current and takes it off when the need ends', async () => {
    const t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    const promoter = await createPartner(t);
    const coordinator = await t.token('COORDINATOR');
    const next = await scheduleMeeting(t, { inviteePartnerIds: [promoter.id], themes: ['Open space'] });
    const later = await scheduleMeeting(t, { startsAt: '2026-12-17T19:30:00+01:00', endsAt: '2026-12-17T21:30:00+01:00' });
    const agenda = async (id = next.id) => (await t.graphql(agendaOf, { id }, coordinator)).data.meeting.agenda;
    const projectItems = async (id = next.id) => (await agenda(id)).filter((item: any) => item.kind === 'PROJECT');

    // Proposed while the meeting is planned: it comes on the next planned meeting, not the later one.
    const garden = await proposeProject(t, promoter.id, { name: 'Buurtmoestuin' });
    expect(await projectItems()).toEqual([
      {
        id: `project.${garden.id}.intake`,
        kind: 'PROJECT',
        projectId: garden.id,
        title: expect.stringMatching(/^Intake van Buurtmoestuin: nog open: minstens één engagement/),
      },
    ]);
    expect(await projectItems(later.id)).toEqual([]);
    // An idea needs no meeting.
    const idea = await proposeProject(t, promoter.id, { name: 'Deelfietsen', status: 'IDEA' });
    expect(await projectItems()).toHaveLength(1);

    // The intake fills in and is completed: the same item now asks to decide the start; still once.
    await engage(t, garden.id, promoter.id, { hoursPerMonth: 2 });
    expect((await projectItems())[0].title).not.toMatch(/engagement/);
    const assessed = await projectMutation(t, 'assess', { projectId: garden.id, hasBusinessModel: true, fitsCommunityGoals: true });
    expect(assessed.userErrors).toEqual([]);
    expect(await projectItems()).toEqual([
      {
        id: `project.${garden.id}.intake`,
        kind: 'PROJECT',
        projectId: garden.id,
        title: 'Buurtmoestuin: de intake is rond, beslissen over de start',
      },
    ]);
    expect((await agenda()).map((item: any) => item.title)[0]).toBe('Open space');

    // A project the coordinator put on the agenda by hand is not placed a second time when it is proposed.
    const added = await t.graphql(
      `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { userErrors { code } } }`,
      { input: { meetingId: next.id, title: 'Deelfietsen: eerste verkenning', projectId: idea.id } },
      coordinator,
    );
    expect(added.data.addAgendaItem.userErrors).toEqual([]);
    expect((await projectMutation(t, 'changeStatus', { projectId: idea.id, status: 'PROPOSED' })).userErrors).toEqual([]);
    expect((await projectItems()).filter((item: any) => item.projectId === idea.id).map((item: any) => item.title)).toEqual([
      'Deelfietsen: eerste verkenning',
    ]);

    // Back to an idea before the meeting: its automatic item goes; stopped: the hand-added item stays.
    expect((await projectMutation(t, 'changeStatus', { projectId: garden.id, status: 'IDEA' })).userErrors).toEqual([]);
    expect((await projectItems()).map((item: any) => item.projectId)).toEqual([idea.id]);
    expect((await projectMutation(t, 'changeStatus', { projectId: idea.id, status: 'STOPPED' })).userErrors).toEqual([]);
    expect((await projectItems()).map((item: any) => item.title)).toEqual(['Deelfietsen: eerste verkenning']);

    // Proposed again: back on the agenda, and a stop takes it off again.
    expect((await projectMutation(t, 'changeStatus', { projectId: garden.id, status: 'PROPOSED' })).userErrors).toEqual([]);
    expect((await projectItems()).map((item: any) => item.id)).toContain(`project.${garden.id}.intake`);
    expect((await projectMutation(t, 'changeStatus', { projectId: garden.id, status: 'STOPPED' })).userErrors).toEqual([]);
    expect((await projectItems()).map((item: any) => item.id)).not.toContain(`project.${garden.id}.intake`);
    expect(await projectItems(later.id)).toEqual([]);
  });
});
