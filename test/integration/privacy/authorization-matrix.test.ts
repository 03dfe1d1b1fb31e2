import { SignJWT } from 'jose';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { buildSchemaFromFiles } from '../../../functions/graphql/schema-files';
import { signLinkToken } from '../../../functions/shared/links/signed-links';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { operationForField } from '../../support/operation-for-field';
import { createTestApp, devSecret, linkSecret, type TestApp } from '../../support/test-app';

/**
 * The authorisation matrix: every Query and Mutation field of the schema against every kind of
 * caller. A field added to the schema without a row here fails the first test. Refused cells must
 * answer with the right code and carry no data.
 *
 * COORDINATOR: coordinators only; SIGNED_IN: any valid token (what a partner sees is narrowed per
 * field elsewhere); ANYONE: answers without a token, null for nobody (viewer); GUEST_LINK: a matrix
 * guest acts with the signed token of an invitation link, so without a bearer token the call is
 * refused as a userError. The rows are the policy, written down.
 */
type Access = 'COORDINATOR' | 'SIGNED_IN' | 'ANYONE' | 'GUEST_LINK';

const policy: Record<string, Access> = {
  // Queries
  'Query.viewer': 'ANYONE',
  // Counts and hosts only; guests and neighbours stay coordinator-only (field policy, part A).
  'Query.buurtbabbels': 'SIGNED_IN',
  'Query.buurtbabbel': 'SIGNED_IN',
  'Query.matrixSessions': 'SIGNED_IN',
  'Query.matrixSession': 'SIGNED_IN',
  'Query.matrixSessionChanges': 'SIGNED_IN',
  'Query.meetings': 'SIGNED_IN',
  'Query.meeting': 'SIGNED_IN',
  'Query.standingThemes': 'SIGNED_IN',
  'Query.neighbours': 'COORDINATOR',
  'Query.neighbour': 'COORDINATOR',
  'Query.neighbourByEmail': 'COORDINATOR',
  'Query.partners': 'SIGNED_IN',
  'Query.partner': 'SIGNED_IN',
  'Query.personalData': 'COORDINATOR',
  'Query.projects': 'SIGNED_IN',
  'Query.project': 'SIGNED_IN',
  'Query.overCommittedPartners': 'COORDINATOR',
  // Mutations
  'Mutation.createCalendarFeed': 'SIGNED_IN',
  'Mutation.revokeCalendarFeed': 'SIGNED_IN',
  'Mutation.revokeCalendarFeedsOf': 'COORDINATOR',
  'Mutation.scheduleBuurtbabbel': 'COORDINATOR',
  'Mutation.cancelBuurtbabbel': 'COORDINATOR',
  'Mutation.recordBuurtbabbelAttendance': 'COORDINATOR',
  'Mutation.startMatrixSession': 'COORDINATOR',
  'Mutation.updateMatrixAxes': 'COORDINATOR',
  'Mutation.inviteMatrixGuest': 'COORDINATOR',
  'Mutation.addIdea': 'SIGNED_IN',
  'Mutation.commentOnIdea': 'GUEST_LINK',
  'Mutation.voteForIdea': 'GUEST_LINK',
  'Mutation.withdrawVote': 'GUEST_LINK',
  'Mutation.mergeIdeas': 'COORDINATOR',
  'Mutation.closeMatrixSession': 'COORDINATOR',
  'Mutation.promoteIdea': 'COORDINATOR',
  'Mutation.scheduleMeeting': 'COORDINATOR',
  'Mutation.rescheduleMeeting': 'COORDINATOR',
  'Mutation.cancelMeeting': 'COORDINATOR',
  'Mutation.respondToMeeting': 'SIGNED_IN',
  'Mutation.changeMeetingInvitees': 'COORDINATOR',
  'Mutation.addAgendaItem': 'COORDINATOR',
  'Mutation.proposeTopic': 'SIGNED_IN',
  'Mutation.updateAgendaItem': 'COORDINATOR',
  'Mutation.removeAgendaItem': 'COORDINATOR',
  'Mutation.reorderAgenda': 'COORDINATOR',
  'Mutation.setTopicsCloseAt': 'COORDINATOR',
  'Mutation.recordMeetingOutcome': 'COORDINATOR',
  'Mutation.setStandingThemes': 'COORDINATOR',
  'Mutation.addNeighbour': 'COORDINATOR',
  'Mutation.importNeighbours': 'COORDINATOR',
  'Mutation.optOutNeighbour': 'COORDINATOR',
  'Mutation.optInNeighbour': 'COORDINATOR',
  'Mutation.convertNeighbourToPartner': 'COORDINATOR',
  'Mutation.createPartner': 'COORDINATOR',
  'Mutation.updatePartner': 'COORDINATOR',
  'Mutation.archivePartner': 'COORDINATOR',
  'Mutation.erasePerson': 'COORDINATOR',
  'Mutation.proposeProject': 'SIGNED_IN',
  'Mutation.updateProject': 'SIGNED_IN',
  'Mutation.engageInProject': 'SIGNED_IN',
  'Mutation.withdrawEngagement': 'SIGNED_IN',
  'Mutation.assessProject': 'COORDINATOR',
  'Mutation.changeProjectStatus': 'COORDINATOR',
  'Mutation.answerConsolidationReview': 'SIGNED_IN',
  'Mutation.confirmConsolidationReview': 'COORDINATOR',
  'Mutation.recordProjectDecision': 'COORDINATOR',
  'Mutation.requeueFailedMail': 'COORDINATOR',
};

const schema = buildSchemaFromFiles();
const operations = (['Query', 'Mutation'] as const).flatMap((typeName) => {
  const type = typeName === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(type.getFields()).map((field) => ({ typeName, field, path: `${typeName}.${field.name}` }));
});

/** A value of the input type that passes GraphQL validation (the ids exist nowhere). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sample(field.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTime':
        return '2027-03-01T10:00:00+01:00';
      default:
        return 'iemand@example.be';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** The operation for a field: every argument as a variable, `__typename` (or the scalar) selected. */
function operationFor(typeName: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>) {
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: operationForField(typeName === 'Query' ? 'query' : 'mutation', field, selection),
    variables: Object.fromEntries(field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, sample(arg.type)])),
  };
}

async function signed(
  claims: Record<string, unknown>,
  options: { secret?: string; audience?: string; issuer?: string; expiresIn?: number; now: Date },
) {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(claims.email))
    .setIssuer(options.issuer ?? 'destek-local-dev')
    .setAudience(options.audience ?? 'destek-api')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.expiresIn ?? 3600))
    .sign(new TextEncoder().encode(options.secret ?? devSecret));
}

describe('authorisation matrix: every operation against every caller', () => {
  let t: TestApp;
  let partnerToken: string;
  let invalidTokens: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const partner = await createPartner(t);
    partnerToken = await t.token('PARTNER', { partnerId: partner.id });
    const now = t.clock.now();
    const coordinator = { email: 'c@destek.test', role: 'COORDINATOR' };
    invalidTokens = {
      expired: await signed(coordinator, { now: new Date(now.getTime() - 2 * 3600_000), expiresIn: 3600 }),
      'signed by another key': await signed(coordinator, { now, secret: 'another-secret-0123456789abcdefghijklmnopqrstuvw' }),
      'another audience': await signed(coordinator, { now, audience: 'destek-api-staging' }),
      'another issuer (stage)': await signed(coordinator, { now, issuer: 'destek-staging' }),
    };
  });

  it('has a row for every Query and Mutation field of the schema, and none for a field that is gone', () => {
    expect(operations.map((op) => op.path).filter((path) => !(path in policy))).toEqual([]);
    expect(Object.keys(policy).filter((path) => !operations.some((op) => op.path === path))).toEqual([]);
  });

  it.each(operations.map((op) => [op.path, op] as const))(
    '%s: anonymous and invalid tokens are refused without data',
    async (_path, op) => {
      const { query, variables } = operationFor(op.typeName, op.field);
      const guestLink = policy[op.path] === 'GUEST_LINK';
      const anonymous = await t.graphql(
        guestLink ? query.replace('{ __typename }', '{ __typename userErrors { code } }') : query,
        variables,
      );
      if (policy[op.path] === 'ANYONE') {
        expect(anonymous).toEqual({ status: 200, data: { [op.field.name]: null } });
      } else if (guestLink) {
        expect(anonymous.errors).toBeUndefined();
        expect(anonymous.data[op.field.name]).toEqual({ __typename: expect.any(String), userErrors: [expect.anything()] });
      } else {
        expect(anonymous.data?.[op.field.name] ?? null).toBeNull();
        expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      for (const [, token] of Object.entries(invalidTokens)) {
        const refused = await t.graphql(query, variables, token);
        expect({ status: refused.status, data: refused.data ?? null, code: refused.errors?.[0]?.extensions?.code }).toEqual({
          status: 401,
          data: null,
          code: 'UNAUTHENTICATED',
        });
      }
    },
  );

  it.each(operations.filter((op) => policy[op.path] === 'COORDINATOR').map((op) => [op.path, op] as const))(
    '%s: a partner member is refused with FORBIDDEN and no data; a coordinator is not',
    async (_path, op) => {
      const { query, variables } = operationFor(op.typeName, op.field);
      const member = await t.graphql(query, variables, partnerToken);
      expect(member.data?.[op.field.name] ?? null).toBeNull();
      expect(member.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const coordinator = await t.graphql(query, variables, await t.token('COORDINATOR'));
      expect((coordinator.errors ?? []).map((e: any) => e.extensions?.code)).not.toContain('FORBIDDEN');
    },
  );
});

describe('authorisation matrix: a member of another partner, and email-link tokens used elsewhere', () => {
  let t: TestApp;
  let owner: { id: string };
  let meeting: { id: string; title: string };
  let stranger: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createPartner(t, {
      capacity: { hoursPerMonth: 12, eurosPerYear: 3000 },
      representatives: [{ name: 'Eigen Mens', email: 'eigen@eigenaar.example.be' }],
    });
    const other = await createPartner(t);
    meeting = await scheduleMeeting(t, { title: 'Enkel voor de eigenaar', inviteePartnerIds: [owner.id] });
    stranger = await t.token('PARTNER', { partnerId: other.id });
  });

  it("a member of another partner reads no meeting it is not invited to, nor the partner's private fields", async () => {
    const read = await t.graphql(
      `query($m: ID!, $p: ID!) { meeting(id: $m) { id title } meetings(first: 10) { edges { node { id } } }
         partner(id: $p) { name capacity { hoursPerMonth } overCommitted representatives { email } } }`,
      { m: meeting.id, p: owner.id },
      stranger,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      meeting: null,
      meetings: { edges: [] },
      partner: { name: expect.any(String), capacity: null, overCommitted: false, representatives: [] },
    });
    expect(JSON.stringify(read)).not.toContain('eigen@eigenaar.example.be');
  });

  it('a member of another partner cannot answer for a meeting it is not invited to (userErrors, no data, nothing changed)', async () => {
    const answer = await t.graphql(
      `mutation($id: ID!) { respondToMeeting(input: { meetingId: $id, response: ACCEPTED }) { meeting { title } userErrors { code field } } }`,
      { id: meeting.id },
      stranger,
    );
    expect(answer.data.respondToMeeting).toEqual({ meeting: null, userErrors: [{ code: 'NOT_INVITED', field: ['input', 'meetingId'] }] });
    const stored = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { invitations { response } } }`,
      { id: meeting.id },
      await t.token('COORDINATOR'),
    );
    expect(stored.data.meeting.invitations).toEqual([{ response: 'NEEDS_ACTION' }]);
  });

  it('an email-link token used for another action, another recipient, or as a bearer token is refused without data', async () => {
    const now = t.clock.now();
    const later = new Date(now.getTime() + 7 * 86_400_000);
    const rsvp = await signLinkToken(linkSecret, 'rsvp', { meetingId: meeting.id, partnerId: owner.id }, later, now);
    const form = (token: string, extra: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(token)}&${extra}`,
    });
    // Another action: the meeting's answer link on every other page behind an email link.
    for (const [path, extra] of [
      ['/buurtbabbel/answer', 'answer=YES'],
      ['/unsubscribe', ''],
      ['/review', 'answer=CONTINUE'],
    ]) {
      const refused = await t.request({ path, ...form(rsvp, extra) });
      expect([path, refused.status]).toEqual([path, 400]);
      expect(refused.body).toContain('Deze link is ongeldig.');
      expect(refused.body).not.toContain(meeting.title);
      const shown = await t.request({ path, rawQuery: `token=${encodeURIComponent(rsvp)}` });
      expect([path, shown.status]).toEqual([path, 400]);
    }
    const heatMap = await t.request({ path: '/matrix/heat-map', rawQuery: `token=${encodeURIComponent(rsvp)}` });
    expect(heatMap.status).toBeGreaterThanOrEqual(400);
    expect(heatMap.body).not.toContain(meeting.title);

    // Another recipient: a valid answer link made out to a partner that is not invited answers nothing.
    const notInvited = await signLinkToken(linkSecret, 'rsvp', { meetingId: meeting.id, partnerId: 'another-partner' }, later, now);
    const foreign = await t.request({ path: '/rsvp', ...form(notInvited, 'response=ACCEPTED') });
    expect(foreign.status).toBe(409);
    expect(foreign.body).not.toContain('Bedankt');

    // A link token is no bearer token.
    const asBearer = await t.graphql(`{ meetings(first: 5) { edges { node { title } } } }`, {}, rsvp);
    expect({ status: asBearer.status, data: asBearer.data ?? null, code: asBearer.errors?.[0]?.extensions?.code }).toEqual({
      status: 401,
      data: null,
      code: 'UNAUTHENTICATED',
    });
    const stored = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { invitations { response } } }`,
      { id: meeting.id },
      await t.token('COORDINATOR'),
    );
    expect(stored.data.meeting.invitations).toEqual([{ response: 'NEEDS_ACTION' }]);
  });
});
