import { addNeighbour } from '../../support/buurtbabbel-fixtures';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { activeProject, engage, projectMutation, proposeProject } from '../../support/project-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

const partnerCapacity = `query($id: ID!) { partner(id: $id) { id version committed { hoursPerMonth eurosPerYear } remainingCapacity { hoursPerMonth eurosPerYear } overCommitted
  engagements { hoursPerMonth euros overCapacity project { id name status } } } }`;

describe('projects over GraphQL (DynamoDB Local)', () => {
  let t: TestApp;
  let coordinator: string;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  describe('intake', () => {
    it('lets a partner propose a project it promotes, and refuses naming another partner as promoter', async () => {
      const own = await createPartner(t);
      const other = await createPartner(t);
      const token = await t.token('PARTNER', { partnerId: own.id });

      const proposed = await projectMutation(
        t,
        'propose',
        { name: ' Deelfietsen ', promoterPartnerId: own.id, motivation: 'Minder auto’s in de buurt' },
        token,
      );
      expect(proposed.userErrors).toEqual([]);
      expect(proposed.project).toMatchObject({
        name: 'Deelfietsen',
        status: 'PROPOSED',
        promoter: { id: own.id },
        reviewIntervalMonths: 3,
        engagements: [],
        reviews: [],
      });
      expect(proposed.project.openIntakeItems).toEqual(['ENGAGEMENT', 'BUSINESS_MODEL_ASSESSMENT', 'COMMUNITY_GOALS_ASSESSMENT']);

      const result = await t.graphql(
        `mutation($input: ProposeProjectInput!) { proposeProject(input: $input) { userErrors { code } } }`,
        { input: { name: 'X', promoterPartnerId: other.id, motivation: 'Y' } },
        token,
      );
      expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('refuses empty fields, an unknown promoter, a closed initial status and a bad interval, storing nothing', async () => {
      const payload = await projectMutation(t, 'propose', {
        name: ' ',
        promoterPartnerId: 'nobody',
        motivation: '',
        status: 'ACTIVE',
        reviewIntervalMonths: 0,
      });
      expect(payload.project).toBeNull();
      expect(payload.userErrors.map((e: any) => `${e.field.join('.')}:${e.code}`)).toEqual([
        'input.name:REQUIRED',
        'input.motivation:REQUIRED',
        'input.reviewIntervalMonths:INVALID_INTERVAL',
        'input.status:INVALID_INITIAL_STATUS',
        'input.promoterPartnerId:UNKNOWN_PARTNER',
      ]);
      const list = await t.graphql(`{ projects { edges { node { id } } } }`, {}, coordinator);
      expect(list.data.projects.edges).toEqual([]);
    });

    it('goes through the intake checklist before the project becomes ACTIVE, and schedules its first review', async () => {
      const promoter = await createPartner(t);
      const project = await proposeProject(t, promoter.id);

      const early = await projectMutation(t, 'changeStatus', { projectId: project.id, status: 'ACTIVE' });
      expect(early.userErrors).toEqual([expect.objectContaining({ code: 'INTAKE_INCOMPLETE', field: ['input', 'status'] })]);
      expect(early.userErrors[0].message).toMatch(/minstens één engagement.*businessmodel.*gemeenschapsvorming via cocreatie/);

      await engage(t, project.id, promoter.id, { hoursPerMonth: 2, energyNote: 'Zaterdagen' });
      const assessed = await projectMutation(t, 'assess', {
        projectId: project.id,
        hasBusinessModel: false,
        businessModelNote: 'Nog te bekijken',
        fitsCommunityGoals: true,
        communityGoalsNote: 'Brengt buren samen',
      });
      expect(assessed.project).toMatchObject({
        hasBusinessModel: false,
        businessModelNote: 'Nog te bekijken',
        fitsCommunityGoals: true,
        openIntakeItems: [],
      });

      const activated = await projectMutation(t, 'changeStatus', { projectId: project.id, status: 'ACTIVE' });
      expect(activated.userErrors).toEqual([]);
      expect(activated.project.status).toBe('ACTIVE');
      expect(activated.project.reviews).toEqual([
        expect.objectContaining({
          id: `${project.id}:1`,
          number: 1,
          status: 'SCHEDULED',
          dueAt: '2027-03-01T00:00:00+01:00',
          requestedAt: null,
          remindersSent: 0,
        }),
      ]);
    });

    it('enforces the transitions in the domain, naming the rule', async () => {
      const promoter = await createPartner(t);
      const idea = await proposeProject(t, promoter.id, { status: 'IDEA' });
      const cases: [string, string][] = [
        ['ACTIVE', 'TRANSITION_NOT_ALLOWED'],
        ['TRANSFERRED', 'CONFIRM_REVIEW_AT_MEETING'],
        ['IDEA', 'SAME_STATUS'],
      ];
      for (const [status, code] of cases) {
        const payload = await projectMutation(t, 'changeStatus', { projectId: idea.id, status });
        expect(payload.userErrors.map((e: any) => e.code)).toEqual([code]);
      }
      expect((await projectMutation(t, 'changeStatus', { projectId: idea.id, status: 'STOPPED' })).project.status).toBe('STOPPED');
      const closed = await projectMutation(t, 'engage', { projectId: idea.id, partnerId: promoter.id, hoursPerMonth: 1 });
      expect(closed.userErrors.map((e: any) => e.code)).toEqual(['PROJECT_CLOSED']);
    });

    it('refuses a stale expectedVersion and an unknown project', async () => {
      const promoter = await createPartner(t);
      const project = await proposeProject(t, promoter.id);
      await engage(t, project.id, promoter.id, { hoursPerMonth: 1 });
      const stale = await projectMutation(t, 'assess', {
        projectId: project.id,
        hasBusinessModel: true,
        fitsCommunityGoals: true,
        expectedVersion: project.version,
      });
      expect(stale.userErrors.map((e: any) => e.code)).toEqual(['VERSION_CONFLICT']);
      const unknown = await projectMutation(t, 'changeStatus', { projectId: 'nope', status: 'STOPPED' });
      expect(unknown.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    });
  });

  describe('engagements and capacity', () => {
    it('lets a partner engage its own partner only, and the coordinator record any engagement', async () => {
      const a = await createPartner(t);
      const b = await createPartner(t);
      const project = await proposeProject(t, a.id);
      const tokenA = await t.token('PARTNER', { partnerId: a.id });

      const own = await projectMutation(
        t,
        'engage',
        { projectId: project.id, partnerId: a.id, hoursPerMonth: 3, energyNote: 'Veel zin in' },
        tokenA,
      );
      expect(own.project.engagements).toEqual([
        {
          partner: { id: a.id },
          project: { id: project.id },
          hoursPerMonth: 3,
          euros: null,
          energyNote: 'Veel zin in',
          overCapacity: false,
        },
      ]);

      const forOther = await t.graphql(
        `mutation($input: EngageInProjectInput!) { engageInProject(input: $input) { userErrors { code } } }`,
        { input: { projectId: project.id, partnerId: b.id } },
        tokenA,
      );
      expect(forOther.errors?.[0].extensions.code).toBe('FORBIDDEN');

      t.clock.advance(60_000);
      const byCoordinator = await projectMutation(t, 'engage', { projectId: project.id, partnerId: b.id, euros: 250 });
      expect(byCoordinator.project.engagements.map((e: any) => [e.partner.id, e.euros])).toEqual([
        [a.id, null],
        [b.id, 250],
      ]);

      const negative = await projectMutation(t, 'engage', { projectId: project.id, partnerId: b.id, hoursPerMonth: -1 });
      expect(negative.userErrors.map((e: any) => e.code)).toEqual(['NEGATIVE_AMOUNT']);
      const empty = await projectMutation(t, 'engage', { projectId: project.id, partnerId: b.id, hoursPerMonth: 0, energyNote: '  ' });
      expect(empty.userErrors).toEqual([
        { field: ['input'], code: 'EMPTY_ENGAGEMENT', message: expect.stringMatching(/^Een engagement vermeldt uren per maand/) },
      ]);
      expect(empty.project).toBeNull();
    });

    it('adds up engagements in PROPOSED and ACTIVE projects against the stated capacity, over several projects and partners', async () => {
      const busy = await createPartner(t, { capacity: { hoursPerMonth: 10, eurosPerYear: 1000 } });
      const calm = await createPartner(t, { capacity: { hoursPerMonth: 20 } });
      const unstated = await createPartner(t);
      const p1 = await activeProject(t, busy.id); // busy: 4 hours in an ACTIVE project
      const p2 = await proposeProject(t, calm.id, { name: 'Buurtmoestuin' });
      const p3 = await proposeProject(t, calm.id, { name: 'Matrixavond', status: 'IDEA' });
      t.clock.advance(60_000);
      await engage(t, p2.id, busy.id, { hoursPerMonth: 5, euros: 400 });
      t.clock.advance(60_000);
      await engage(t, p3.id, busy.id, { hoursPerMonth: 50 }); // an idea does not count
      await engage(t, p2.id, calm.id, { hoursPerMonth: 6 });
      await engage(t, p1.id, unstated.id, { hoursPerMonth: 80, euros: 5000 });

      const read = async (id: string) => (await t.graphql(partnerCapacity, { id }, coordinator)).data.partner;
      expect(await read(busy.id)).toMatchObject({
        committed: { hoursPerMonth: 9, eurosPerYear: 400 },
        remainingCapacity: { hoursPerMonth: 1, eurosPerYear: 600 },
        overCommitted: false,
      });
      expect(await read(unstated.id)).toMatchObject({
        committed: { hoursPerMonth: 80, eurosPerYear: 5000 },
        remainingCapacity: null,
        overCommitted: false,
      });

      // Going over is allowed, but flagged on the partner, on its counted engagements and in the coordinator's list.
      const over = await projectMutation(t, 'engage', { projectId: p2.id, partnerId: busy.id, hoursPerMonth: 7, euros: 400 });
      expect(over.userErrors).toEqual([]);
      expect(over.project.engagements.find((e: any) => e.partner.id === busy.id).overCapacity).toBe(true);
      expect(over.project.engagements.find((e: any) => e.partner.id === calm.id).overCapacity).toBe(false);
      const busyNow = await read(busy.id);
      expect(busyNow).toMatchObject({
        committed: { hoursPerMonth: 11 },
        remainingCapacity: { hoursPerMonth: -1, eurosPerYear: 600 },
        overCommitted: true,
      });
      expect(busyNow.engagements.map((e: any) => [e.project.name, e.project.status, e.overCapacity])).toEqual([
        ['Repair café', 'ACTIVE', true],
        ['Buurtmoestuin', 'PROPOSED', true],
        ['Matrixavond', 'IDEA', false],
      ]);
      const list = await t.graphql(`{ overCommittedPartners { id } }`, {}, coordinator);
      expect(list.data.overCommittedPartners).toEqual([{ id: busy.id }]);
      const asPartner = await t.graphql(`{ overCommittedPartners { id } }`, {}, await t.token('PARTNER', { partnerId: busy.id }));
      expect(asPartner.errors?.[0].extensions.code).toBe('FORBIDDEN');

      // Stopping a project takes its engagements off every engaged partner's sums.
      await projectMutation(t, 'changeStatus', { projectId: p2.id, status: 'STOPPED' });
      expect(await read(busy.id)).toMatchObject({ committed: { hoursPerMonth: 4, eurosPerYear: 0 }, overCommitted: false });
      expect(await read(calm.id)).toMatchObject({
        committed: { hoursPerMonth: 0 },
        remainingCapacity: { hoursPerMonth: 20, eurosPerYear: null },
      });
    });

    it('counts the engagements of a partner that was a neighbour, and of a spin-off partner, and keeps them through later partner edits', async () => {
      const neighbour = await addNeighbour(t, { businessName: 'Koffiebar Noor', contactName: 'Noor', email: 'noor@koffie.be' });
      const converted = await t.graphql(
        `mutation($input: ConvertNeighbourToPartnerInput!) { convertNeighbourToPartner(input: $input) { partner { id } userErrors { code } } }`,
        { input: { neighbourId: neighbour.id, kind: 'COMPANY' } },
        coordinator,
      );
      const former = converted.data.convertNeighbourToPartner.partner;
      const promoter = await createPartner(t);
      const project = await activeProject(t, promoter.id);
      // The converted partner states no capacity yet: its engagement is counted, never over.
      await engage(t, project.id, former.id, { hoursPerMonth: 6 }, await t.token('PARTNER', { partnerId: former.id }));
      expect((await t.graphql(partnerCapacity, { id: former.id }, coordinator)).data.partner).toMatchObject({
        committed: { hoursPerMonth: 6 },
        remainingCapacity: null,
        overCommitted: false,
      });
      // Stating a capacity later keeps the engagement and flags what is over.
      const updated = await t.graphql(
        `mutation($input: UpdatePartnerInput!) { updatePartner(input: $input) { userErrors { code } } }`,
        { input: { id: former.id, capacity: { hoursPerMonth: 4 } } },
        coordinator,
      );
      expect(updated.data.updatePartner.userErrors).toEqual([]);
      expect((await t.graphql(partnerCapacity, { id: former.id }, coordinator)).data.partner).toMatchObject({
        committed: { hoursPerMonth: 6 },
        remainingCapacity: { hoursPerMonth: -2 },
        overCommitted: true,
        engagements: [{ hoursPerMonth: 6, overCapacity: true, project: { id: project.id, name: 'Repair café', status: 'ACTIVE' } }],
      });

      // A spin-off partner, created when a meeting confirms a review, engages in other projects like any partner.
      const meeting = await scheduleMeeting(t, { startsAt: '2027-03-11T19:30:00+01:00', endsAt: '2027-03-11T21:30:00+01:00' });
      t.clock.set('2027-03-11T20:00:00+01:00');
      const spunOff = await projectMutation(t, 'confirm', {
        reviewId: `${project.id}:1`,
        meetingId: meeting.id,
        outcome: 'SPIN_OFF_ENTITY',
        spinOffName: 'Repair Gent cv',
        spinOffEmail: 'info@repairgent.be',
      });
      const spinOff = spunOff.project.spinOffPartner;
      const next = await proposeProject(t, spinOff.id, { name: 'Herstelatelier' }, await t.token('PARTNER', { partnerId: spinOff.id }));
      await engage(t, next.id, spinOff.id, { hoursPerMonth: 10, euros: 500 });
      expect((await t.graphql(partnerCapacity, { id: spinOff.id }, await t.token('COORDINATOR'))).data.partner).toMatchObject({
        committed: { hoursPerMonth: 10, eurosPerYear: 500 },
        overCommitted: false,
        engagements: [{ project: { name: 'Herstelatelier', status: 'PROPOSED' } }],
      });
      // The converted partner's engagement no longer counts now that its project is spun off.
      expect((await t.graphql(partnerCapacity, { id: former.id }, await t.token('COORDINATOR'))).data.partner).toMatchObject({
        committed: { hoursPerMonth: 0 },
        overCommitted: false,
        engagements: [{ overCapacity: false, project: { status: 'SPUN_OFF' } }],
      });
    });

    it('withdraws an engagement from the project and from the partner', async () => {
      const a = await createPartner(t, { capacity: { hoursPerMonth: 2 } });
      const project = await proposeProject(t, a.id);
      await engage(t, project.id, a.id, { hoursPerMonth: 5 });
      const withdrawn = await projectMutation(
        t,
        'withdraw',
        { projectId: project.id, partnerId: a.id },
        await t.token('PARTNER', { partnerId: a.id }),
      );
      expect(withdrawn.project.engagements).toEqual([]);
      expect((await t.graphql(partnerCapacity, { id: a.id }, coordinator)).data.partner).toMatchObject({
        engagements: [],
        overCommitted: false,
      });
      const again = await projectMutation(t, 'withdraw', { projectId: project.id, partnerId: a.id });
      expect(again.userErrors.map((e: any) => e.code)).toEqual(['NOT_ENGAGED']);
    });

    it('keeps engagements that land while a coordinator edits the partner: the edit is refused, not the engagement lost', async () => {
      const a = await createPartner(t);
      const project = await proposeProject(t, a.id);
      await engage(t, project.id, a.id, { hoursPerMonth: 1 });
      const before = (await t.graphql(partnerCapacity, { id: a.id }, coordinator)).data.partner;
      await engage(t, project.id, a.id, { hoursPerMonth: 2 });

      const stale = await t.graphql(
        `mutation($input: UpdatePartnerInput!) { updatePartner(input: $input) { userErrors { code } } }`,
        { input: { id: a.id, expectedVersion: before.version, name: 'Nieuwe naam' } },
        coordinator,
      );
      expect(stale.data.updatePartner.userErrors).toEqual([{ code: 'VERSION_CONFLICT' }]);
      // Without expectedVersion, an engagement landing between the edit's read and write makes
      // the edit read again and re-apply: both stay.
      const repository = t.app.repositories.partners;
      const read = repository.get.bind(repository);
      let interfered = false;
      repository.get = async (id) => {
        const found = await read(id);
        if (!interfered) {
          interfered = true;
          await t.app.projects.engage(
            { id: 'c', email: 'c@destek.test', role: 'COORDINATOR' },
            { projectId: project.id, partnerId: a.id, hoursPerMonth: 3 },
          );
        }
        return found;
      };
      const renamed = await t.graphql(
        `mutation($input: UpdatePartnerInput!) { updatePartner(input: $input) { partner { name engagements { hoursPerMonth } } } }`,
        { input: { id: a.id, name: 'Nieuwe naam' } },
        coordinator,
      );
      expect(interfered).toBe(true);
      expect(renamed.data.updatePartner.partner).toEqual({ name: 'Nieuwe naam', engagements: [{ hoursPerMonth: 3 }] });
    });

    it('keeps every engagement when partners engage at the same moment, in one project and across projects', async () => {
      const partners = await Promise.all([1, 2, 3, 4].map(() => createPartner(t)));
      const [p1, p2] = await Promise.all([proposeProject(t, partners[0].id), proposeProject(t, partners[1].id, { name: 'Tweede' })]);
      await Promise.all([
        ...partners.map((p) => engage(t, p1.id, p.id, { hoursPerMonth: 1 })),
        // The first engagements of these partners in p2 race their first ones in p1 on the partner item.
        ...partners.slice(0, 2).map((p) => engage(t, p2.id, p.id, { hoursPerMonth: 2 })),
      ]);
      const project = (
        await t.graphql(`query($id: ID!) { project(id: $id) { engagements { partner { id } } } }`, { id: p1.id }, coordinator)
      ).data.project;
      expect(project.engagements).toHaveLength(4);
      const first = (await t.graphql(partnerCapacity, { id: partners[0].id }, coordinator)).data.partner;
      expect(first.committed.hoursPerMonth).toBe(3);
    });
  });

  describe('decision log and meetings', () => {
    it('records decisions with the meeting they were taken at, once the meeting has started', async () => {
      const a = await createPartner(t);
      const project = await proposeProject(t, a.id);
      const meeting = await scheduleMeeting(t);

      const early = await projectMutation(t, 'decide', { projectId: project.id, meetingId: meeting.id, text: 'We zoeken een locatie.' });
      expect(early.userErrors.map((e: any) => e.code)).toEqual(['MEETING_NOT_STARTED']);
      const unknown = await projectMutation(t, 'decide', { projectId: project.id, meetingId: 'nope', text: 'x' });
      expect(unknown.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);

      t.clock.set('2026-12-10T19:45:00+01:00');
      await projectMutation(t, 'decide', { projectId: project.id, meetingId: meeting.id, text: 'We zoeken een locatie.' });
      const decided = await projectMutation(t, 'decide', {
        projectId: project.id,
        meetingId: meeting.id,
        text: ' Jan vraagt de buurtwerker. ',
      });
      expect(decided.project.decisions).toEqual([
        expect.objectContaining({
          text: 'We zoeken een locatie.',
          meeting: { id: meeting.id },
          recordedAt: '2026-12-10T19:45:00+01:00',
          review: null,
        }),
        expect.objectContaining({ text: 'Jan vraagt de buurtwerker.', meeting: { id: meeting.id } }),
      ]);
    });

    it('brings an answered review to the next meeting even when that meeting is scheduled at the same moment', async () => {
      const promoter = await createPartner(t);
      const project = await activeProject(t, promoter.id);
      t.clock.set('2027-03-01T07:00:00Z');
      await t.app.consolidationReviews.sendDueReviews();
      // Both read the agenda kept for the next meeting before either writes.
      const repository = t.app.repositories.meetings;
      const read = repository.getNextMeetingAgenda.bind(repository);
      let waiting: (() => void) | undefined;
      let calls = 0;
      repository.getNextMeetingAgenda = async () => {
        const kept = await read();
        calls += 1;
        if (calls === 1) await new Promise<void>((resolve) => (waiting = resolve));
        if (calls === 2) waiting!();
        return kept;
      };

      const [answered, meeting] = await Promise.all([
        projectMutation(t, 'answer', { reviewId: `${project.id}:1`, outcome: 'STOP' }),
        scheduleMeeting(t, { startsAt: '2027-03-11T19:30:00+01:00', endsAt: '2027-03-11T21:30:00+01:00' }),
      ]);
      expect(answered.userErrors).toEqual([]);
      expect(calls).toBeGreaterThanOrEqual(2);
      const agenda = await t.graphql(
        `query($id: ID!) { meeting(id: $id) { agenda { consolidationReview { id status } } } }`,
        { id: meeting.id },
        await t.token('COORDINATOR'),
      );
      expect(agenda.data.meeting.agenda).toEqual([{ consolidationReview: { id: `${project.id}:1`, status: 'ANSWERED' } }]);
      expect((await scheduleMeeting(t, { startsAt: '2027-03-25T19:30:00+01:00', endsAt: '2027-03-25T21:30:00+01:00' })).agenda).toEqual([]);
    });

    it('moves the open reviews of a cancelled meeting to the next meeting, or keeps them for the next one scheduled', async () => {
      const promoter = await createPartner(t);
      const open = await activeProject(t, promoter.id, { name: 'Repair café' });
      const settled = await activeProject(t, promoter.id, { name: 'Buurtmoestuin' });
      const started = await scheduleMeeting(t, {
        title: 'Overleg 2 maart',
        startsAt: '2027-03-02T19:30:00+01:00',
        endsAt: '2027-03-02T21:30:00+01:00',
      });
      const first = await scheduleMeeting(t, {
        title: 'Overleg 11 maart',
        startsAt: '2027-03-11T19:30:00+01:00',
        endsAt: '2027-03-11T21:30:00+01:00',
      });
      const second = await scheduleMeeting(t, {
        title: 'Overleg 25 maart',
        startsAt: '2027-03-25T19:30:00+01:00',
        endsAt: '2027-03-25T21:30:00+01:00',
      });
      t.clock.set('2027-03-02T20:00:00+01:00');
      await t.app.consolidationReviews.sendDueReviews();
      // Both answers land on the 11 March agenda; the meeting under way confirms one of them already.
      await projectMutation(t, 'answer', { reviewId: `${open.id}:1`, outcome: 'CONTINUE' });
      await projectMutation(t, 'answer', { reviewId: `${settled.id}:1`, outcome: 'CONTINUE' });
      expect((await projectMutation(t, 'confirm', { reviewId: `${settled.id}:1`, meetingId: started.id })).userErrors).toEqual([]);
      const agendaOf = async (id: string) =>
        (
          await t.graphql(
            `query($id: ID!) { meeting(id: $id) { agenda { title consolidationReview { id status } } } }`,
            { id },
            await t.token('COORDINATOR'),
          )
        ).data.meeting.agenda;
      expect((await agendaOf(first.id)).map((item: any) => item.consolidationReview.id)).toEqual([`${open.id}:1`, `${settled.id}:1`]);

      const cancel = async (id: string) =>
        t.graphql(`mutation($id: ID!) { cancelMeeting(input: { id: $id }) { userErrors { code } } }`, { id }, await t.token('COORDINATOR'));
      expect((await cancel(first.id)).data.cancelMeeting.userErrors).toEqual([]);
      expect(await agendaOf(second.id)).toEqual([
        {
          title: 'Consolidatiebespreking van Repair café: het antwoord van de promotor bevestigen',
          consolidationReview: { id: `${open.id}:1`, status: 'ANSWERED' },
        },
      ]);

      // No meeting planned any more: the next one scheduled takes the review over.
      await cancel(second.id);
      const third = await scheduleMeeting(t, { startsAt: '2027-04-08T19:30:00+02:00', endsAt: '2027-04-08T21:30:00+02:00' });
      expect(third.agenda.map((item: any) => item.id)).toEqual([`review.${open.id}.1`]);
    });

    it('refuses an agenda item about a project that does not exist', async () => {
      const meeting = await scheduleMeeting(t);
      const added = await t.graphql(
        `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { meeting { id } userErrors { field code message } } }`,
        { input: { meetingId: meeting.id, title: 'Stand van zaken', projectId: 'nope' } },
        coordinator,
      );
      expect(added.data.addAgendaItem).toEqual({
        meeting: null,
        userErrors: [{ field: ['input', 'projectId'], code: 'UNKNOWN_PROJECT', message: 'Dit project bestaat niet.' }],
      });
      const read = await t.graphql(`query($id: ID!) { meeting(id: $id) { agenda { id } } }`, { id: meeting.id }, coordinator);
      expect(read.data.meeting.agenda).toEqual([]);
    });

    it('shows the project of an agenda item', async () => {
      const a = await createPartner(t);
      const project = await proposeProject(t, a.id);
      const meeting = await scheduleMeeting(t);
      // The proposal in intake went on the new meeting's agenda by itself, with its project.
      const read = await t.graphql(
        `query($id: ID!) { meeting(id: $id) { agenda { kind projectId project { name } consolidationReview { id } } } }`,
        { id: meeting.id },
        coordinator,
      );
      expect(read.data.meeting.agenda.filter((item: any) => item.kind === 'PROJECT')).toEqual([
        { kind: 'PROJECT', projectId: project.id, project: { name: 'Repair café' }, consolidationReview: null },
      ]);
    });
  });

  describe('lists', () => {
    it('lists projects by status then name, filters by status and pages', async () => {
      const a = await createPartner(t);
      await activeProject(t, a.id, { name: 'Zonnepanelen' });
      await proposeProject(t, a.id, { name: 'buurtkrant' });
      await proposeProject(t, a.id, { name: 'Apero' });
      await proposeProject(t, a.id, { name: 'Matrix', status: 'IDEA' });
      const names = async (query: string) => (await t.graphql(query, {}, coordinator)).data.projects;

      const all = await names(`{ projects { edges { node { name status } } } }`);
      expect(all.edges.map((e: any) => e.node.name)).toEqual(['Zonnepanelen', 'Matrix', 'Apero', 'buurtkrant']);
      const proposed = await names(
        `{ projects(status: PROPOSED, first: 1) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
      );
      expect(proposed.edges.map((e: any) => e.node.name)).toEqual(['Apero']);
      const next = await names(
        `{ projects(status: PROPOSED, first: 1, after: "${proposed.pageInfo.endCursor}") { edges { node { name } } pageInfo { hasNextPage } } }`,
      );
      expect(next).toEqual({ edges: [{ node: { name: 'buurtkrant' } }], pageInfo: { hasNextPage: false } });
    });
  });

  describe('DynamoDB round trips', () => {
    const viewer = { id: 'c', email: 'c@destek.test', role: 'COORDINATOR' as const };
    const engagementFields = `hoursPerMonth euros energyNote overCapacity partner { id name capacity { hoursPerMonth } overCommitted } project { id name status hasBusinessModel }`;
    const projectFields = `id name status motivation openIntakeItems promoter { name email } engagements { ${engagementFields} } reviews { id number status dueAt outcome note } decisions { text }`;

    /** Runs the calls a few at a time (the data is set up fast; the reads are under test). */
    async function inBatches<T>(count: number, call: (i: number) => Promise<T>): Promise<T[]> {
      const results: T[] = [];
      for (let start = 0; start < count; start += 15) {
        results.push(...(await Promise.all(Array.from({ length: Math.min(15, count - start) }, (_, k) => call(start + k)))));
      }
      return results;
    }

    /** Partners, each engaged in one of the given projects. */
    async function engaged(count: number, projectIds: string[], capacity?: Record<string, number>) {
      const partners = await inBatches(count, () => createPartner(t, { representatives: [], ...(capacity ? { capacity } : {}) }));
      await inBatches(count, (i) =>
        t.app.projects.engage(viewer, {
          projectId: projectIds[i % projectIds.length],
          partnerId: partners[i].id,
          hoursPerMonth: 3,
          energyNote: 'Maandag',
        }),
      );
      return partners;
    }

    it('reads a partner with its engagements (and their projects and capacity) in 2 round trips', async () => {
      const partner = await createPartner(t, { capacity: { hoursPerMonth: 20 } });
      const projects = await inBatches(12, (i) => proposeProject(t, partner.id, { name: `Project ${i}` }));
      // The first engagement creates the partner's map; the others then go in parallel.
      await t.app.projects.engage(viewer, { projectId: projects[0].id, partnerId: partner.id, hoursPerMonth: 2 });
      await inBatches(11, (i) => t.app.projects.engage(viewer, { projectId: projects[i + 1].id, partnerId: partner.id, hoursPerMonth: 2 }));
      t.roundTrips.reset();
      const result = await t.graphql(
        `query($id: ID!) { partner(id: $id) { name committed { hoursPerMonth } remainingCapacity { hoursPerMonth } overCommitted engagements { ${engagementFields} } } }`,
        { id: partner.id },
        coordinator,
      );
      expect(result.data.partner.engagements).toHaveLength(12);
      expect(result.data.partner).toMatchObject({ committed: { hoursPerMonth: 24 }, overCommitted: true });
      expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    });

    it('reads a project with its engagements, their partners and its reviews in 2 round trips', async () => {
      const promoter = await createPartner(t);
      const project = await activeProject(t, promoter.id);
      await engaged(30, [project.id], { hoursPerMonth: 2 });
      t.roundTrips.reset();
      const result = await t.graphql(`query($id: ID!) { project(id: $id) { ${projectFields} } }`, { id: project.id }, coordinator);
      expect(result.data.project.engagements).toHaveLength(31);
      expect(result.data.project.engagements.filter((e: any) => e.overCapacity)).toHaveLength(30);
      expect(result.data.project.reviews).toHaveLength(1);
      expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    });

    it('reads engagements without their partners in 1 round trip: the partners are loaded only when asked for', async () => {
      const promoter = await createPartner(t);
      const project = await activeProject(t, promoter.id);
      await engaged(3, [project.id], { hoursPerMonth: 2 });
      t.roundTrips.reset();
      const plain = await t.graphql(
        `query($id: ID!) { project(id: $id) { engagements { hoursPerMonth } } }`,
        { id: project.id },
        coordinator,
      );
      expect(plain.data.project.engagements).toHaveLength(4);
      expect(t.roundTrips.total).toBe(1);
      t.roundTrips.reset();
      const flagged = await t.graphql(
        `query($id: ID!) { project(id: $id) { engagements { overCapacity } } }`,
        { id: project.id },
        coordinator,
      );
      expect(flagged.data.project.engagements.filter((e: any) => e.overCapacity)).toHaveLength(3);
      expect(t.roundTrips.total).toBe(2);
    });

    it('reads the projects list with engagements and reviews in 2 round trips, also with more than 100 engaged partners', async () => {
      const promoter = await createPartner(t);
      const projects = [
        await activeProject(t, promoter.id, { name: 'A' }),
        await activeProject(t, promoter.id, { name: 'B' }),
        await proposeProject(t, promoter.id, { name: 'C' }),
      ];
      await engaged(
        105,
        projects.map((p) => p.id),
      );
      t.roundTrips.reset();
      const result = await t.graphql(`{ projects(first: 50) { edges { node { ${projectFields} } } } }`, {}, coordinator);
      const nodes = result.data.projects.edges.map((e: any) => e.node);
      expect(nodes.flatMap((n: any) => n.engagements)).toHaveLength(107);
      expect(new Set(nodes.flatMap((n: any) => n.engagements.map((e: any) => e.partner.id))).size).toBe(106);
      expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    });
  });
});
