import { createPartner, partnerFields } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

describe('partners over GraphQL (DynamoDB Local)', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.token('COORDINATOR');
  });

  it('creates a partner with representatives, capacity and competences, normalising emails', async () => {
    const partner: any = await createPartner(t, {
      name: '  Atelier Noord ',
      kind: 'COMPANY',
      email: 'Info@Atelier-Noord.be',
      capacity: { hoursPerMonth: 8, eurosPerYear: 1200 },
      representatives: [{ name: 'An Peeters', email: 'AN@atelier-noord.be' }],
      competences: ['grafisch ontwerp', 'Grafisch ontwerp', ' houtbewerking '],
    });

    expect(partner).toMatchObject({
      name: 'Atelier Noord',
      kind: 'COMPANY',
      email: 'info@atelier-noord.be',
      version: 1,
      capacity: { hoursPerMonth: 8, eurosPerYear: 1200 },
      competences: ['grafisch ontwerp', 'houtbewerking'],
    });
    expect(partner.representatives).toEqual([{ id: expect.any(String), name: 'An Peeters', email: 'an@atelier-noord.be' }]);
    const read = await t.graphql(`query($id: ID!) { partner(id: $id) { ${partnerFields} } }`, { id: partner.id }, coordinator);
    expect(read.data.partner).toEqual(partner);
  });

  it('refuses bad input with userErrors and stores nothing', async () => {
    const before = await t.graphql(`{ partners(first: 100) { edges { node { id } } } }`, {}, coordinator);
    const result = await t.graphql(
      `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } userErrors { field message code } } }`,
      {
        input: {
          name: ' ',
          kind: 'FREELANCER',
          email: 'geen-adres',
          capacity: { hoursPerMonth: -2 },
          representatives: [{ name: 'X', email: 'x@y' }],
        },
      },
      coordinator,
    );
    const payload = result.data.createPartner;
    expect(payload.partner).toBeNull();
    expect(payload.userErrors.map((e: any) => e.code).sort()).toEqual(['INVALID_EMAIL', 'INVALID_EMAIL', 'NEGATIVE_AMOUNT', 'REQUIRED']);
    expect(payload.userErrors.find((e: any) => e.code === 'REQUIRED')).toEqual({
      field: ['input', 'name'],
      code: 'REQUIRED',
      message: 'De naam mag niet leeg zijn.',
    });
    const after = await t.graphql(`{ partners(first: 100) { edges { node { id } } } }`, {}, coordinator);
    expect(after.data.partners.edges).toHaveLength(before.data.partners.edges.length);
  });

  it('pages through partners by name with opaque cursors', async () => {
    const local = await createTestApp();
    const token = await local.token('COORDINATOR');
    for (const name of ['Delta', 'alfa', 'Charlie', 'Bravo', 'Echo']) await createPartner(local, { name });
    const query = `query($after: String) { partners(first: 2, after: $after) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
    const names: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    do {
      const page: any = (await local.graphql(query, { after }, token)).data.partners;
      names.push(...page.edges.map((e: any) => e.node.name));
      pages.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(names).toEqual(['alfa', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    expect(pages).toEqual([true, true, false]);
  });

  it('answers a forged cursor with BAD_USER_INPUT, not an internal error', async () => {
    const result = await t.graphql(`{ partners(first: 2, after: "bm9wZQ") { edges { cursor } } }`, {}, coordinator);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('detects a concurrent edit through expectedVersion and keeps the first change', async () => {
    const partner = await createPartner(t);
    const mutation = `mutation($input: UpdatePartnerInput!) { updatePartner(input: $input) { partner { name version } userErrors { code } } }`;
    const first = await t.graphql(mutation, { input: { id: partner.id, expectedVersion: 1, name: 'Eerste naam' } }, coordinator);
    const second = await t.graphql(mutation, { input: { id: partner.id, expectedVersion: 1, name: 'Tweede naam' } }, coordinator);
    expect(first.data.updatePartner.partner).toEqual({ name: 'Eerste naam', version: 2 });
    expect(second.data.updatePartner).toEqual({ partner: null, userErrors: [{ code: 'VERSION_CONFLICT' }] });
    const read = await t.graphql(`query($id: ID!) { partner(id: $id) { name version } }`, { id: partner.id }, coordinator);
    expect(read.data.partner).toEqual({ name: 'Eerste naam', version: 2 });
  });

  it('lists partners in one DynamoDB round trip', async () => {
    for (let i = 0; i < 12; i += 1) await createPartner(t);
    t.roundTrips.reset();
    const result = await t.graphql(`{ partners(first: 50) { edges { node { ${partnerFields} } } } }`, {}, coordinator);
    expect(result.data.partners.edges.length).toBeGreaterThanOrEqual(12);
    expect(t.roundTrips.total).toBe(1);
  });
});
