import fc from 'fast-check';
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
import { addNeighbour, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { activeProject } from '../../support/project-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';
import { operationForField } from '../../support/operation-for-field';
import { scanAll } from '../../support/scan-table';

/**
 * Hostile input (issue 10), property-based: every mutation of the schema, through the real router
 * and Apollo over DynamoDB Local, with arguments built from its input types out of hostile values:
 * huge, empty, control characters, emoji, right-to-left text, HTML and script, CR/LF, invalid and
 * extreme dates and numbers, the Europe/Brussels DST days and leap days, and ids of things that
 * exist beside ids that do not. Each call must end in success or userErrors (or a GraphQL
 * validation refusal for a value its type cannot hold): never a 5xx, never INTERNAL_SERVER_ERROR,
 * and a refused call writes nothing (the table is the same before and after).
 *
 * The seed is fixed and printed, so a failure can be replayed: HOSTILE_SEED=<n> npx jest <this file>.
 */
const seed = Number(process.env.HOSTILE_SEED ?? 20261210);
const numRuns = Number(process.env.HOSTILE_RUNS ?? 6);

const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000\u0001\u0007\u001b[31m',
    'a\r\nBcc: evil@example.com\r\nSubject: hijack',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '&amp;&lt;&#x27;',
    'שלום עולם \u202Eevil\u202C',
    'مرحبا بالعالم',
    '👩‍👩‍👧‍👦🏳️‍🌈🎉',
    '\uD800',
    'x'.repeat(20_000),
    'bakkerij@example.be',
    'Soepcafé',
    'naam;met;puntkomma\n"aanhalingsteken"',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const hostileDate = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '2027-03-28T02:30:00+01:00', // the hour that does not exist in Brussels (spring forward)
      '2027-03-28T01:30:00Z',
      '2026-10-25T02:30:00+02:00', // the hour that happens twice (fall back)
      '2026-10-25T02:30:00+01:00',
      '2028-02-29T19:30:00+01:00', // leap day
      '2026-12-31T23:30:00+01:00',
      '2026-12-10T19:30:00+01:00',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '1970-01-01T00:00:00Z',
    ),
  },
  // Refused by the DateTime scalar: the whole request is a GraphQL validation error.
  { weight: 1, arbitrary: fc.constantFrom('2027-02-29T19:30:00+01:00', 'not a date', '', '2027-13-45T25:61:00Z') },
);

const hostileFloat = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 5e-324, 0, -0, -1, 0.1 + 0.2, 1e15, 2 ** 53 + 1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileInt = fc.oneof(fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 1000), fc.integer());

const schema = buildSchemaFromFiles();
const mutations = Object.values(schema.getMutationType()!.getFields());

function arbitraryFor(type: GraphQLInputType, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryFor(type.ofType, ids, depth);
  if (isListType(type)) return fc.array(arbitraryFor(type.ofType, ids, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.value));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, arbitraryFor(field.type, ids, depth + 1)])), {
      requiredKeys: required,
    });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return ids;
      case 'Int':
        return hostileInt;
      case 'Float':
        return hostileFloat;
      case 'Boolean':
        return fc.boolean();
      case 'DateTime':
        return hostileDate;
      default:
        return hostileText;
    }
  }
  throw new Error(`no arbitrary for ${String(type)}`);
}

function operationFor(field: GraphQLField<unknown, unknown>) {
  const payload = getNamedType(field.type);
  const selection =
    isObjectType(payload) && 'userErrors' in payload.getFields() ? ' { __typename userErrors { code field message } }' : ' { __typename }';
  return operationForField('mutation', field, selection);
}

describe('hostile input on every mutation (fast-check)', () => {
  let t: TestApp;
  let coordinator: string;
  let ids: fc.Arbitrary<string>;

  beforeAll(async () => {
    console.log(`hostile-input: seed ${seed}, ${numRuns} runs per mutation (HOSTILE_SEED / HOSTILE_RUNS to change)`);
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    const partner = await createPartner(t, { capacity: { hoursPerMonth: 10, eurosPerYear: 1000 } });
    const other = await createPartner(t);
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [partner.id, other.id] });
    const project = await activeProject(t, partner.id);
    const neighbour = await addNeighbour(t);
    const buurtbabbel = await scheduleBuurtbabbel(t);
    coordinator = await t.token('COORDINATOR');
    const session = await t.graphql(
      `mutation { startMatrixSession(input: { question: "Wat doen we?", rows: ["Buurt"], columns: ["Tijd"], votesPerParticipant: 3 }) { matrixSession { id } } }`,
      {},
      coordinator,
    );
    const real = [
      partner.id,
      other.id,
      meeting.id,
      project.id,
      neighbour.id,
      buurtbabbel.id,
      session.data.startMatrixSession.matrixSession.id,
    ];
    ids = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: hostileText });
  });

  const outcomes: Record<string, Record<string, number>> = {};
  afterAll(() => {
    // How far the calls got: a run where everything is refused by validation would prove little.
    const total = { success: 0, userErrors: 0, refused: 0 };
    for (const counts of Object.values(outcomes))
      for (const [key, value] of Object.entries(counts)) total[key as keyof typeof total] += value;
    console.log(`hostile-input outcomes: ${JSON.stringify(total)}`);
  });

  it('refuses an amount beyond the sane range as a userError (euros: 1e308 broke serialisation)', async () => {
    const partner = await createPartner(t);
    const project = await activeProject(t, partner.id);
    const answer = await t.graphql(
      `mutation($input: EngageInProjectInput!) { engageInProject(input: $input) { project { id } userErrors { code field } } }`,
      { input: { projectId: project.id, partnerId: partner.id, euros: 1e308 } },
      coordinator,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.engageInProject).toEqual({ project: null, userErrors: [{ code: 'TOO_LARGE', field: ['input', 'euros'] }] });
    const capacity = await t.graphql(
      `mutation($input: UpdatePartnerInput!) { updatePartner(input: $input) { userErrors { code field } } }`,
      { input: { id: partner.id, capacity: { eurosPerYear: 1e308, hoursPerMonth: -1 } } },
      coordinator,
    );
    expect(capacity.data.updatePartner.userErrors).toEqual([
      { code: 'NEGATIVE_AMOUNT', field: ['input', 'capacity', 'hoursPerMonth'] },
      { code: 'TOO_LARGE', field: ['input', 'capacity', 'eurosPerYear'] },
    ]);
  });

  it('refuses an id too long to be a key as BAD_USER_INPUT naming the field (DynamoDB would refuse it with a 500)', async () => {
    const id = 'x'.repeat(20_000);
    const answer = await t.graphql(
      `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { userErrors { code } } }`,
      {
        input: {
          title: 'Overleg',
          startsAt: '2027-03-28T19:30:00+02:00',
          endsAt: '2027-03-28T21:30:00+02:00',
          location: 'Gent',
          previousMeetingId: id,
        },
      },
      coordinator,
    );
    expect(answer.status).toBe(200);
    expect(answer.errors?.map((error: any) => [error.extensions.code, error.extensions.userErrors])).toEqual([
      ['BAD_USER_INPUT', [{ field: ['input', 'previousMeetingId'], code: 'NOT_FOUND', message: 'Deze id bestaat niet.' }]],
    ]);
    expect((await t.graphql(`query($id: ID!) { meeting(id: $id) { id } }`, { id }, coordinator)).errors?.[0].extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  const scan = async () => (await scanAll(t.db, t.app.config.tableName)).map((item) => JSON.stringify(item)).sort();

  it.each(mutations.map((field) => [field.name, field] as const))(
    '%s: success or userErrors, never a 500 nor a partial write',
    async (name, field) => {
      const query = operationFor(field);
      const args = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, arbitraryFor(arg.type, ids)])), {
        requiredKeys: field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name),
      });
      await fc.assert(
        fc.asyncProperty(args, async (variables) => {
          const before = await scan();
          // A token made now: the clock does not move here, but each run stands alone.
          const answer = await t.graphql(query, variables as Record<string, unknown>, coordinator);
          const codes = (answer.errors ?? []).map((error: any) => error.extensions?.code);
          expect({ name, status: answer.status < 500, codes: codes.filter((code: string) => code === 'INTERNAL_SERVER_ERROR') }).toEqual({
            name,
            status: true,
            codes: [],
          });
          const result = answer.data?.[name];
          const refused = answer.errors !== undefined || (result?.userErrors?.length ?? 0) > 0;
          const outcome = answer.errors !== undefined ? 'refused' : refused ? 'userErrors' : 'success';
          outcomes[name] = { ...outcomes[name], [outcome]: (outcomes[name]?.[outcome] ?? 0) + 1 };
          if (refused) expect(await scan()).toEqual(before);
          for (const error of result?.userErrors ?? []) expect(error.message).not.toMatch(/\bat .+\.(ts|js):\d+/);
        }),
        { seed, numRuns, endOnFailure: true },
      );
    },
  );
});
