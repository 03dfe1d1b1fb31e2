import { createApp } from '../../../functions/app/create-app';
import { createApiRouter } from '../../../functions/http/api-router';
import { signDevToken } from '../../../functions/shared/auth/dev-tokens';
import { parseConfig } from '../../../functions/shared/config';
import { createLogger } from '../../../functions/shared/logger';
import { addNeighbour, buurtbabbelInput, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createPartner, meetingInput, scheduleMeeting } from '../../support/fixtures';
import { createTestApp, devSecret, dynamoEndpoint, linkSecret, type TestApp } from '../../support/test-app';

type Caller = 'anonymous' | 'PARTNER' | 'COORDINATOR';

interface Ids {
  partnerId: string;
  meetingId: string;
  /** An ACTIVE project promoted by the partner, with its first review open. */
  projectId: string;
  /** A project made for the case alone, which it may change for good (`freshProject`). */
  freshProjectId?: string;
  neighbourId: string;
  buurtbabbelId: string;
}

const coordinatorViewer = { id: 'c', email: 'c@destek.test', role: 'COORDINATOR' as const };

/** Every mutation with valid-looking input, and who may run it. */
function mutations(ids: Ids) {
  const { partnerId, meetingId, projectId, neighbourId, buurtbabbelId } = ids;
  const list: {
    name: string;
    allowed: Caller[];
    query: string;
    variables?: Record<string, unknown>;
    domainRefusal?: Partial<Record<Caller, string>>;
    freshProject?: true;
    setup?: (t: TestApp) => Promise<unknown>;
  }[] = [
    {
      name: 'createPartner',
      allowed: ['COORDINATOR'],
      query: `mutation { createPartner(input: { name: "Nieuw", kind: COMPANY, email: "nieuw@example.be" }) { userErrors { code } } }`,
    },
    {
      name: 'updatePartner',
      allowed: ['COORDINATOR'],
      query: `mutation { updatePartner(input: { id: "${partnerId}", name: "Andere naam" }) { userErrors { code } } }`,
    },
    {
      name: 'scheduleMeeting',
      allowed: ['COORDINATOR'],
      query: `mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { userErrors { code } } }`,
      variables: { i: meetingInput({ startsAt: '2027-01-14T19:30:00+01:00', endsAt: '2027-01-14T21:30:00+01:00' }) },
    },
    {
      name: 'rescheduleMeeting',
      allowed: ['COORDINATOR'],
      query: `mutation { rescheduleMeeting(input: { id: "${meetingId}", startsAt: "2026-12-17T19:30:00+01:00", endsAt: "2026-12-17T21:30:00+01:00" }) { userErrors { code } } }`,
    },
    {
      name: 'changeMeetingInvitees',
      allowed: ['COORDINATOR'],
      query: `mutation { changeMeetingInvitees(input: { id: "${meetingId}", removePartnerIds: ["${partnerId}"] }) { userErrors { code } } }`,
    },
    {
      name: 'addAgendaItem',
      allowed: ['COORDINATOR'],
      query: `mutation { addAgendaItem(input: { meetingId: "${meetingId}", title: "Punt" }) { userErrors { code } } }`,
    },
    // Allowed, but the meeting has not started yet: the domain answers, not the authorisation.
    {
      name: 'recordMeetingOutcome',
      allowed: ['COORDINATOR'],
      domainRefusal: { COORDINATOR: 'MEETING_NOT_STARTED' },
      query: `mutation { recordMeetingOutcome(input: { id: "${meetingId}", attendedPartnerIds: [] }) { userErrors { code } } }`,
    },
    {
      name: 'setStandingThemes',
      allowed: ['COORDINATOR'],
      query: `mutation { setStandingThemes(themes: ["Projecten"]) { userErrors { code } } }`,
    },
    {
      name: 'cancelMeeting',
      allowed: ['COORDINATOR'],
      query: `mutation { cancelMeeting(input: { id: "${meetingId}" }) { userErrors { code } } }`,
    },
    // A coordinator may answer only when the token says which partner it represents.
    {
      name: 'respondToMeeting',
      allowed: ['PARTNER', 'COORDINATOR'],
      domainRefusal: { COORDINATOR: 'NOT_A_PARTNER' },
      query: `mutation { respondToMeeting(input: { meetingId: "${meetingId}", response: ACCEPTED }) { userErrors { code } } }`,
    },
    {
      name: 'createCalendarFeed',
      allowed: ['PARTNER', 'COORDINATOR'],
      query: `mutation { createCalendarFeed { url userErrors { code } } }`,
    },
    {
      name: 'revokeCalendarFeed',
      allowed: ['PARTNER', 'COORDINATOR'],
      query: `mutation { revokeCalendarFeed { revoked userErrors { code } } }`,
    },
    // A partner proposes, engages and withdraws for its own partner, and answers for a project it promotes.
    {
      name: 'proposeProject',
      allowed: ['PARTNER', 'COORDINATOR'],
      query: `mutation { proposeProject(input: { name: "Deelfietsen", promoterPartnerId: "${partnerId}", motivation: "Minder auto's" }) { userErrors { code } } }`,
    },
    {
      name: 'engageInProject',
      allowed: ['PARTNER', 'COORDINATOR'],
      query: `mutation { engageInProject(input: { projectId: "${projectId}", partnerId: "${partnerId}", hoursPerMonth: 2 }) { userErrors { code } } }`,
    },
    {
      name: 'withdrawEngagement',
      allowed: ['PARTNER', 'COORDINATOR'],
      freshProject: true,
      setup: (t) => t.app.projects.engage(coordinatorViewer, { projectId: ids.freshProjectId!, partnerId, hoursPerMonth: 1 }),
      query: `mutation { withdrawEngagement(input: { projectId: "${ids.freshProjectId}", partnerId: "${partnerId}" }) { userErrors { code } } }`,
    },
    {
      name: 'answerConsolidationReview',
      allowed: ['PARTNER', 'COORDINATOR'],
      query: `mutation { answerConsolidationReview(input: { reviewId: "${projectId}:1", outcome: CONTINUE }) { userErrors { code } } }`,
    },
    {
      name: 'updateProject',
      allowed: ['COORDINATOR'],
      query: `mutation { updateProject(input: { projectId: "${projectId}", description: "Elke maand" }) { userErrors { code } } }`,
    },
    {
      name: 'assessProject',
      allowed: ['COORDINATOR'],
      query: `mutation { assessProject(input: { projectId: "${projectId}", hasBusinessModel: true, fitsCommunityGoals: true }) { userErrors { code } } }`,
    },
    {
      name: 'changeProjectStatus',
      allowed: ['COORDINATOR'],
      freshProject: true,
      query: `mutation { changeProjectStatus(input: { projectId: "${ids.freshProjectId}", status: IDEA }) { userErrors { code } } }`,
    },
    // Allowed, but the meeting has not started yet: the domain answers, not the authorisation.
    {
      name: 'confirmConsolidationReview',
      allowed: ['COORDINATOR'],
      domainRefusal: { COORDINATOR: 'MEETING_NOT_STARTED' },
      query: `mutation { confirmConsolidationReview(input: { reviewId: "${projectId}:1", meetingId: "${meetingId}", outcome: CONTINUE }) { userErrors { code } } }`,
    },
    {
      name: 'recordProjectDecision',
      allowed: ['COORDINATOR'],
      domainRefusal: { COORDINATOR: 'MEETING_NOT_STARTED' },
      query: `mutation { recordProjectDecision(input: { projectId: "${projectId}", meetingId: "${meetingId}", text: "Besluit" }) { userErrors { code } } }`,
    },
    {
      name: 'addNeighbour',
      allowed: ['COORDINATOR'],
      query: `mutation { addNeighbour(input: { businessName: "Frituur", email: "frituur@buurt.be", street: "Sint-Pietersaalststraat 1" }) { userErrors { code } } }`,
    },
    {
      name: 'importNeighbours',
      allowed: ['COORDINATOR'],
      query: `mutation { importNeighbours(csv: "zaak;e-mail;adres\\nSlager;slager@buurt.be;Straat 2\\n") { imported userErrors { code } } }`,
    },
    {
      name: 'optOutNeighbour',
      allowed: ['COORDINATOR'],
      query: `mutation { optOutNeighbour(id: "${neighbourId}") { userErrors { code } } }`,
    },
    {
      name: 'optInNeighbour',
      allowed: ['COORDINATOR'],
      query: `mutation { optInNeighbour(id: "${neighbourId}") { userErrors { code } } }`,
    },
    {
      name: 'convertNeighbourToPartner',
      allowed: ['COORDINATOR'],
      query: `mutation { convertNeighbourToPartner(input: { neighbourId: "${neighbourId}", kind: COMPANY }) { userErrors { code } } }`,
    },
    {
      name: 'scheduleBuurtbabbel',
      allowed: ['COORDINATOR'],
      query: `mutation($i: ScheduleBuurtbabbelInput!) { scheduleBuurtbabbel(input: $i) { userErrors { code } } }`,
      variables: { i: buurtbabbelInput() },
    },
    {
      name: 'cancelBuurtbabbel',
      allowed: ['COORDINATOR'],
      query: `mutation { cancelBuurtbabbel(input: { id: "${buurtbabbelId}" }) { userErrors { code } } }`,
    },
    // Allowed, but the buurtbabbel has not started yet.
    {
      name: 'recordBuurtbabbelAttendance',
      allowed: ['COORDINATOR'],
      domainRefusal: { COORDINATOR: 'NOT_STARTED' },
      query: `mutation { recordBuurtbabbelAttendance(input: { id: "${buurtbabbelId}", neighbourIds: [] }) { userErrors { code } } }`,
    },
  ];
  return list;
}

const queries = [
  { name: 'partners', query: `{ partners { edges { node { id } } } }` },
  { name: 'partner', query: `{ partner(id: "x") { id } }` },
  { name: 'meetings', query: `{ meetings { edges { node { id } } } }` },
  { name: 'meeting', query: `{ meeting(id: "x") { id } }` },
  { name: 'standingThemes', query: `{ standingThemes }` },
  { name: 'projects', query: `{ projects { edges { node { id } } } }` },
  { name: 'project', query: `{ project(id: "x") { id } }` },
  { name: 'buurtbabbels', query: `{ buurtbabbels { edges { node { id invitedCount acceptedCount } } } }` },
  { name: 'buurtbabbel', query: `{ buurtbabbel(id: "x") { id } }` },
];

/** Neighbours are personal data of people without an account, and capacity overviews are the coordinator's: coordinators only. */
const coordinatorQueries = [
  { name: 'overCommittedPartners', query: `{ overCommittedPartners { id } }` },
  { name: 'neighbours', query: `{ neighbours { edges { node { id email } } } }` },
  { name: 'neighbour', query: `{ neighbour(id: "x") { id } }` },
  { name: 'neighbourByEmail', query: `{ neighbourByEmail(email: "x@buurt.be") { id } }` },
];

describe('authorisation of every operation, per role', () => {
  let t: TestApp;
  let ids: Ids;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const partner = await createPartner(t);
    const project = await t.app.projects.propose(coordinatorViewer, {
      name: 'Repair café',
      promoterPartnerId: partner.id,
      motivation: 'Herstellen',
    });
    await t.app.projects.engage(coordinatorViewer, { projectId: project.id, partnerId: partner.id, hoursPerMonth: 2 });
    await t.app.projects.assess(coordinatorViewer, { projectId: project.id, hasBusinessModel: true, fitsCommunityGoals: true });
    await t.app.projects.changeStatus(coordinatorViewer, { projectId: project.id, status: 'ACTIVE' });
    ids = { partnerId: partner.id, meetingId: '', projectId: project.id, neighbourId: '', buurtbabbelId: '' };
    tokens.PARTNER = await t.token('PARTNER', { partnerId: partner.id });
    tokens.COORDINATOR = await t.token('COORDINATOR');
  });

  beforeEach(async () => {
    // A fresh meeting for each case, so that one mutation (a cancellation) cannot affect the next.
    ids.meetingId = (await scheduleMeeting(t)).id;
    ids.neighbourId = (await addNeighbour(t)).id;
    ids.buurtbabbelId = (await scheduleBuurtbabbel(t)).id;
  });

  const callers: Caller[] = ['anonymous', 'PARTNER', 'COORDINATOR'];
  const cases = mutations({ partnerId: 'P', meetingId: 'M', projectId: 'X', neighbourId: 'N', buurtbabbelId: 'B' }).flatMap((m) =>
    callers.map((caller) => [m.name, caller] as const),
  );

  it.each(cases)('%s as %s', async (name, caller) => {
    if (mutations(ids).find((m) => m.name === name)!.freshProject) {
      ids.freshProjectId = (
        await t.app.projects.propose(coordinatorViewer, { name: 'Vers', promoterPartnerId: ids.partnerId, motivation: 'Test' })
      ).id;
      await mutations(ids)
        .find((m) => m.name === name)!
        .setup?.(t);
    }
    const mutation = mutations(ids).find((m) => m.name === name)!;
    const result = await t.graphql(mutation.query, mutation.variables, tokens[caller]);
    const code = result.errors?.[0]?.extensions?.code;
    if (caller === 'anonymous') {
      expect(code).toBe('UNAUTHENTICATED');
    } else if (!mutation.allowed.includes(caller)) {
      expect(code).toBe('FORBIDDEN');
      expect(result.errors![0].message).toMatch(/coördinator/);
    } else {
      expect(result.errors).toBeUndefined();
      const refusal = mutation.domainRefusal?.[caller];
      expect(result.data[name].userErrors).toEqual(refusal ? [{ code: refusal }] : []);
    }
  });

  it.each(queries)('query $name needs a signed-in viewer', async ({ query }) => {
    const anonymous = await t.graphql(query);
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const partner = await t.graphql(query, {}, tokens.PARTNER);
    expect(partner.errors).toBeUndefined();
  });

  it.each(coordinatorQueries)('query $name is for coordinators only', async ({ name, query }) => {
    expect((await t.graphql(query)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.graphql(query, {}, tokens.PARTNER)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const coordinator = await t.graphql(query, {}, tokens.COORDINATOR);
    expect(coordinator.errors).toBeUndefined();
    expect(coordinator.data).toHaveProperty(name);
  });

  it('tells who the viewer is, and nobody without a token', async () => {
    const anonymous = await t.graphql(`{ viewer { id } }`);
    expect(anonymous.data.viewer).toBeNull();
    const partner = await t.graphql(`{ viewer { email role partner { id } } }`, {}, tokens.PARTNER);
    expect(partner.data.viewer).toEqual({ email: 'partner@destek.test', role: 'PARTNER', partner: { id: ids.partnerId } });
  });

  it('refuses a forged, expired or malformed token with 401 UNAUTHENTICATED', async () => {
    const forged = await signDevToken('another-secret-that-is-long-enough-000000', { email: 'x@y.be', role: 'COORDINATOR' });
    const expired = await signDevToken(
      devSecret,
      { email: 'x@y.be', role: 'COORDINATOR', ttlSeconds: 60 },
      new Date('2026-11-01T00:00:00Z'),
    );
    for (const header of [`Bearer ${forged}`, `Bearer ${expired}`, 'Basic abc']) {
      const response = await t.request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: header },
        body: '{"query":"{ viewer { id } }"}',
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts no development token outside the local stage', async () => {
    expect(() => parseConfig({ STAGE: 'prod', LINK_SIGNING_SECRET: linkSecret, DEV_JWT_SECRET: devSecret })).toThrow(/DEV_JWT_SECRET/);
    const prodConfig = parseConfig({
      STAGE: 'prod',
      LINK_SIGNING_SECRET: linkSecret,
      DYNAMODB_ENDPOINT: dynamoEndpoint(),
      TABLE_NAME: 'unused',
      LOG_LEVEL: 'silent',
    });
    const router = createApiRouter(createApp(prodConfig, { logger: createLogger('silent') }));
    const response = await router({
      method: 'POST',
      path: '/graphql',
      rawQuery: '',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.COORDINATOR}` },
      body: '{"query":"{ viewer { id } }"}',
    });
    expect(response.status).toBe(401);
  });

  it('masks unexpected errors outside local development and never sends a stack trace', async () => {
    const prodConfig = parseConfig({
      STAGE: 'prod',
      LINK_SIGNING_SECRET: linkSecret,
      DYNAMODB_ENDPOINT: dynamoEndpoint(),
      TABLE_NAME: 'no-such-table',
      LOG_LEVEL: 'silent',
    });
    const app = createApp(prodConfig, { logger: createLogger('silent') });
    const router = createApiRouter(app, async () => ({ id: 'c', email: 'c@destek.test', role: 'COORDINATOR' }));
    const response = await router({
      method: 'POST',
      path: '/graphql',
      rawQuery: '',
      headers: { 'content-type': 'application/json', authorization: 'Bearer any' },
      body: '{"query":"{ partners { edges { node { id } } } }"}',
    });
    const body = JSON.parse(response.body);
    expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(body.errors[0].message).not.toMatch(/table|resource|dynamo/i);
    expect(response.body).not.toMatch(/stacktrace|at .*\.ts/);
  });
});
