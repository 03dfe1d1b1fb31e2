import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withConfirmedReview } from '../../../functions/modules/projects/consolidation-review';
import type { DecisionRecord, ProjectRecord } from '../../../functions/modules/projects/project';
import { keys } from '../../../functions/shared/dynamodb/keys';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { activeProject, projectMutation, proposeProject } from '../../support/project-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

/**
 * Issue 11, items that grow: a project's consolidation reviews and decisions are items of their own
 * in the project's partition. The project item stays small however long the log grows, project(id)
 * reads the whole log in one request, and items written before (with the lists inline) still read.
 */
describe('a project log that grows (DynamoDB Local)', () => {
  let t: TestApp;
  let coordinator: string;
  const viewer = { id: 'c', email: 'c@destek.test', role: 'COORDINATOR' as const };
  const logQuery = `query($id: ID!) { project(id: $id) { id version reviews { number status } currentReview { number }
    decisions { id text recordedAt review { number status } } } }`;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  const storedItem = async (key: Record<string, string>) =>
    (await t.db.send(new GetCommand({ TableName: t.app.config.tableName, Key: key }))).Item!;

  const partitionItems = async (projectId: string) =>
    (
      await t.db.send(
        new QueryCommand({
          TableName: t.app.config.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.projectPartition(projectId) },
        }),
      )
    ).Items!;
  const partitionKeys = async (projectId: string) => (await partitionItems(projectId)).map((item) => String(item.SK));

  it('records 250 decisions of 2,000 characters, keeps the project item under 10 KB and reads them all in 1 request', async () => {
    const promoter = await createPartner(t);
    const project = await activeProject(t, promoter.id, { name: 'Repair café' });
    const others = [await proposeProject(t, promoter.id, { name: 'Apero' }), await proposeProject(t, promoter.id, { name: 'Buurtkrant' })];
    const meeting = await scheduleMeeting(t);
    t.clock.set('2026-12-10T19:45:00+01:00');
    const texts = Array.from({ length: 250 }, (_, i) => `Beslissing ${String(i).padStart(3, '0')}: ${'x'.repeat(2000)}`.slice(0, 2000));
    // One at a time, a second apart, as a meeting's secretary would; 500 KB in all, beyond the 400 KB a single item can hold.
    for (const text of texts) {
      await t.app.projects.recordDecision(viewer, { projectId: project.id, meetingId: meeting.id, text });
      t.clock.advance(1000);
    }

    coordinator = await t.token('COORDINATOR');
    const item = await storedItem(keys.project(project.id));
    expect(item.decisionCount).toBe(250);
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(10_000);

    t.roundTrips.reset();
    const result = await t.graphql(logQuery, { id: project.id }, coordinator);
    expect(result.errors).toBeUndefined();
    const read = result.data.project;
    expect(t.roundTrips.total).toBe(1);
    expect(read.decisions.map((d: any) => d.text)).toEqual(texts);
    expect(read.reviews).toEqual([{ number: 1, status: 'SCHEDULED' }]);
    // Asked without its log (also through a fragment), the project is one GetItem of its small item.
    t.roundTrips.reset();
    const bare = await t.graphql(
      `query($id: ID!) { project(id: $id) { ...Head } } fragment Head on Project { name currentReview { number } }`,
      {
        id: project.id,
      },
      coordinator,
    );
    expect(bare.data.project).toEqual({ name: 'Repair café', currentReview: { number: 1 } });
    expect(t.roundTrips.byCommand).toEqual({ GetItemCommand: 1 });
    t.roundTrips.reset();
    await t.graphql(`query($id: ID!) { project(id: $id) { ... on Project { decisions { id } } } }`, { id: project.id }, coordinator);
    expect(t.roundTrips.byCommand).toEqual({ QueryCommand: 1 });

    // The project item changes as before (its version moved with each decision), the log stays whole.
    const renamed = await projectMutation(t, 'update', { projectId: project.id, name: 'Repair café Gent', expectedVersion: read.version });
    expect(renamed.userErrors).toEqual([]);
    expect(renamed.project.decisions).toHaveLength(250);

    // The log items are not on the list's index: paging the projects one by one still sees each project once.
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = (
        await t.graphql(
          `query($after: String) { projects(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          coordinator,
        )
      ).data.projects;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(seen.sort()).toEqual([project.id, ...others.map((p) => p.id)].sort());
  });

  it('writes a review as an item of its own and keeps the latest 5 on the project; the list reads more in one Query per project', async () => {
    const promoter = await createPartner(t);
    const project = await activeProject(t, promoter.id);
    const meeting = await scheduleMeeting(t, { startsAt: '2026-12-01T19:00:00+01:00', endsAt: '2026-12-01T21:00:00+01:00' });
    t.clock.set('2026-12-02T09:00:00Z');
    coordinator = await t.token('COORDINATOR');
    for (let number = 1; number <= 6; number += 1) {
      const confirmed = await projectMutation(t, 'confirm', {
        reviewId: `${project.id}:${number}`,
        meetingId: meeting.id,
        outcome: 'CONTINUE',
        note: `Ronde ${number}`,
      });
      expect(confirmed.userErrors).toEqual([]);
      t.clock.advance(60_000);
    }

    const item = await storedItem(keys.project(project.id));
    expect(item.reviews.map((r: any) => r.number)).toEqual([3, 4, 5, 6, 7]);
    expect(item.decisionCount).toBe(6);
    expect((await partitionKeys(project.id)).filter((sk) => sk.startsWith('REVIEW#'))).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `REVIEW#00000${n}`),
    );
    // The log items are on no index (the list and its paging never see them) and name no person's
    // address: erasure, which finds data by the address's hash, has nothing to look for there.
    const logItems = (await partitionItems(project.id)).filter((logItem) => logItem.SK !== 'PROJECT');
    expect(logItems).toHaveLength(13);
    expect(logItems.filter((logItem) => logItem.GSI1PK ?? logItem.GSI2PK)).toEqual([]);
    expect(logItems.filter((logItem) => /@/.test(JSON.stringify(logItem)))).toEqual([]);

    t.roundTrips.reset();
    const read = (await t.graphql(logQuery, { id: project.id }, coordinator)).data.project;
    expect(t.roundTrips.total).toBe(1);
    expect(read.reviews.map((r: any) => [r.number, r.status])).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => [n, 'CONFIRMED']),
      [7, 'SCHEDULED'],
    ]);
    expect(read.currentReview).toEqual({ number: 7 });
    expect(read.decisions.map((d: any) => d.review.number)).toEqual([1, 2, 3, 4, 5, 6]);

    // A review older than the item keeps is closed, with a message that says so.
    const again = await projectMutation(t, 'confirm', { reviewId: `${project.id}:1`, meetingId: meeting.id, outcome: 'STOP' });
    expect(again.userErrors.map((e: any) => e.code)).toEqual(['REVIEW_CLOSED']);
    // The page behind an old review's link still finds it (its own item, by key).
    t.roundTrips.reset();
    const linked = await t.app.consolidationReviews.getForAnswerLink(project.id, 1);
    expect(linked?.review).toMatchObject({ number: 1, decision: { outcome: 'CONTINUE', note: 'Ronde 1' } });
    expect(t.roundTrips.byCommand).toEqual({ GetItemCommand: 2 });
    expect(await t.app.consolidationReviews.getForAnswerLink(project.id, 99)).toBeUndefined();

    // The list: the page, then one Query for the project whose log is asked beyond its item.
    t.roundTrips.reset();
    const listed = (
      await t.graphql(`{ projects(first: 10) { edges { node { id reviews { number } decisions { text } } } } }`, {}, coordinator)
    ).data.projects.edges.map((e: any) => e.node);
    expect(listed[0].reviews.map((r: any) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(listed[0].decisions).toHaveLength(6);
    expect(t.roundTrips.total).toBe(2);
    // Asking only what the item holds stays one request.
    t.roundTrips.reset();
    await t.graphql(`{ projects(first: 10) { edges { node { id currentReview { number status } } } } }`, {}, coordinator);
    expect(t.roundTrips.total).toBe(1);

    // The review job asks for the 7th review when it falls due, and its own item follows.
    t.clock.set(new Date(item.reviews.at(-1).dueAt).toISOString());
    expect(await t.app.consolidationReviews.sendDueReviews()).toMatchObject({ requested: 1, failed: 0 });
    const seventh = await storedItem(keys.projectReview(project.id, 7));
    expect(seventh.requestedAt).toBe(t.clock.now().toISOString());
    expect((await storedItem(keys.project(project.id))).reviews.at(-1)).toEqual(
      Object.fromEntries(Object.entries(seventh).filter(([name]) => name !== 'PK' && name !== 'SK')),
    );
  });

  it('still reads an item written before, with its reviews and decisions inline, and moves the older reviews out at its first write', async () => {
    const promoter = await createPartner(t);
    const project = await activeProject(t, promoter.id);
    const meeting = await scheduleMeeting(t, { startsAt: '2026-12-01T19:00:00+01:00', endsAt: '2026-12-01T21:00:00+01:00' });
    // The item as versions before issue 11 wrote it: every review and decision in lists on the project.
    const stored = await storedItem(keys.project(project.id));
    let legacy = { ...(stored as unknown as ProjectRecord) };
    const decisions: DecisionRecord[] = [];
    for (let number = 1; number <= 6; number += 1) {
      const at = new Date(Date.UTC(2027, number, 1));
      const confirmed = withConfirmedReview(
        legacy,
        { number, decision: { outcome: 'CONTINUE' }, meetingId: meeting.id, decisionId: `old-${number}` },
        at,
      );
      legacy = confirmed.project;
      decisions.push(confirmed.decision);
    }
    const legacyItem: Record<string, unknown> = { ...stored, reviews: legacy.reviews, decisions };
    delete legacyItem.decisionCount;
    await t.db.send(new PutCommand({ TableName: t.app.config.tableName, Item: legacyItem }));

    t.roundTrips.reset();
    const read = (await t.graphql(logQuery, { id: project.id }, coordinator)).data.project;
    expect(t.roundTrips.total).toBe(1);
    expect(read.reviews.map((r: any) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(read.decisions.map((d: any) => [d.id, d.review.number])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [`old-${n}`, n]));

    // Its first write keeps the latest 5 on the item and puts the 2 before as items of their own.
    t.clock.set('2027-08-01T09:00:00Z');
    coordinator = await t.token('COORDINATOR');
    const decided = await projectMutation(t, 'decide', { projectId: project.id, meetingId: meeting.id, text: 'Nieuwe locatie.' });
    expect(decided.userErrors).toEqual([]);
    const updated = await projectMutation(t, 'update', { projectId: project.id, description: 'Elke eerste zaterdag' });
    expect(updated.userErrors).toEqual([]);
    const item = await storedItem(keys.project(project.id));
    expect(item.reviews.map((r: any) => r.number)).toEqual([3, 4, 5, 6, 7]);
    expect(item.decisions).toHaveLength(6);
    expect(item.decisionCount).toBe(1);
    const sortKeys = await partitionKeys(project.id);
    expect(sortKeys.filter((sk) => sk.startsWith('REVIEW#'))).toEqual(['REVIEW#000001', 'REVIEW#000002']);
    expect(sortKeys.filter((sk) => sk.startsWith('DECISION#'))).toHaveLength(1);

    const after = (await t.graphql(logQuery, { id: project.id }, coordinator)).data.project;
    expect(after.reviews.map((r: any) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(after.decisions.map((d: any) => d.text).at(-1)).toBe('Nieuwe locatie.');
    expect(after.decisions).toHaveLength(7);
  });

  it("records a meeting's 30 project decisions on 30 projects with the next meeting in one transaction, and refuses a 31st", async () => {
    const promoter = await createPartner(t);
    const projects: { id: string }[] = [];
    for (let i = 0; i < 31; i += 1) projects.push(await proposeProject(t, promoter.id, { name: `Idee ${i}`, status: 'IDEA' }));
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [promoter.id] });
    t.clock.set('2026-12-10T21:00:00Z');
    const outcome = `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) {
      meeting { status nextMeeting { id } } userErrors { code } } }`;
    const decide = (count: number) =>
      t.graphql(
        outcome,
        {
          input: {
            id: meeting.id,
            attendedPartnerIds: [promoter.id],
            projectDecisions: projects.slice(0, count).map((p, i) => ({ projectId: p.id, decision: `Beslissing ${i}` })),
            nextMeeting: { startsAt: '2026-12-24T19:00:00+01:00', endsAt: '2026-12-24T21:00:00+01:00' },
          },
        },
        coordinator,
      );
    coordinator = await t.token('COORDINATOR');

    const tooMany = (await decide(31)).data.recordMeetingOutcome;
    expect(tooMany.userErrors).toEqual([{ code: 'TOO_MANY_DECISIONS' }]);
    const held = await decide(30);
    expect(held.errors).toBeUndefined();
    expect(held.data.recordMeetingOutcome).toMatchObject({
      userErrors: [],
      meeting: { status: 'HELD', nextMeeting: { id: expect.any(String) } },
    });
    for (const [i, project] of projects.slice(0, 30).entries()) {
      expect((await storedItem(keys.project(project.id))).decisionCount).toBe(1);
      expect((await partitionKeys(project.id)).filter((sk) => sk.startsWith('DECISION#'))).toHaveLength(1);
      if (i === 0) {
        const read = (await t.graphql(logQuery, { id: project.id }, coordinator)).data.project;
        expect(read.decisions.map((d: any) => d.text)).toEqual(['Beslissing 0']);
      }
    }
  });
});
