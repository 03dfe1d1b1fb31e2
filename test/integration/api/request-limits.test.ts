import { requestLimits } from '../../../functions/graphql/limits/request-limits';
import { createTestApp, type TestApp } from '../../support/test-app';

const partnersPage = 'partners(first: 100) { edges { node { id name } } }';

describe('request limits: refused before any DynamoDB request, with a clear code', () => {
  let t: TestApp;
  let coordinator: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.token('COORDINATOR');
  });

  async function refused(query: string) {
    t.roundTrips.reset();
    const result = await t.graphql(query, {}, coordinator);
    expect(t.roundTrips.total).toBe(0);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e: any) => e.extensions.code)).toContain('REQUEST_LIMIT_EXCEEDED');
    return result.errors!.find((e: any) => e.extensions.code === 'REQUEST_LIMIT_EXCEEDED');
  }

  it('refuses 500 aliases of partners(first: 100) (the issue’s attack) without touching the table', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: ${partnersPage}`).join('\n');
    const error = await refused(`{ ${aliases} }`);
    expect(error.message).toMatch(/te groot/);
  });

  it('refuses more aliases than the limit, but not the limit itself', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `v${i}: viewer { role }`).join(' ')} }`;
    expect((await refused(aliased(requestLimits.aliases + 1))).extensions.measure).toBe('aliases');
    const within = await t.graphql(aliased(requestLimits.aliases), {}, coordinator);
    expect(within.errors).toBeUndefined();
  });

  it('refuses a query nested deeper than the limit', async () => {
    const deep = `{ meetings { edges { node { agenda { project { promoter { engagements { project { promoter { engagements { project { id } } } } } } } } } } } }`;
    expect((await refused(deep)).extensions.measure).toBe('depth');
  });

  it('refuses too many directives', async () => {
    const directives = Array.from({ length: requestLimits.directives + 1 }, () => '@include(if: true)').join(' ');
    expect((await refused(`{ viewer ${directives} { role } }`)).extensions.measure).toBe('directives');
  });

  it('refuses a document with too many tokens (before parsing it whole)', async () => {
    const fields = Array.from({ length: requestLimits.tokens }, () => 'role').join(' ');
    const error = await refused(`{ viewer { ${fields} } }`);
    expect(error.extensions.measure).toBe('tokens');
  });

  it('counts list sizes in the cost: nested lists of 100 multiply', async () => {
    const costly = `{ partners(first: 100) { edges { node { engagements { project { engagements { partner { id } } } } } } } }`;
    const error = await refused(costly);
    expect(error.extensions).toMatchObject({ measure: 'cost', limit: requestLimits.cost.maxCost });
    // The same shape for a page of 5 is an ordinary query.
    const cheap = await t.graphql(costly.replace('first: 100', 'first: 5'), {}, coordinator);
    expect(cheap.errors).toBeUndefined();
  });

  it('answers 413 to a body over the cap, before reading the token', async () => {
    t.roundTrips.reset();
    const response = await t.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
      body: JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(requestLimits.bodyBytes) } }),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(t.roundTrips.total).toBe(0);
  });

  it('keeps HTTP batching off', async () => {
    const response = await t.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${coordinator}` },
      body: JSON.stringify([{ query: '{ viewer { role } }' }, { query: '{ viewer { role } }' }]),
    });
    expect(response.status).toBe(400);
  });
});

describe('per-caller rate limit', () => {
  it('answers 429 with Retry-After to a caller over its budget, leaves others alone, and resets the next minute', async () => {
    const t = await createTestApp({ now: '2026-12-01T09:00:15Z', config: { RATE_LIMIT_PER_MINUTE: '3' } });
    const greedy = await t.token('PARTNER', { partnerId: 'p-1', email: 'greedy@destek.test' });
    const other = await t.token('PARTNER', { partnerId: 'p-2', email: 'other@destek.test' });
    t.roundTrips.reset();
    for (let i = 0; i < 3; i++) expect((await t.graphql('{ viewer { role } }', {}, greedy)).status).toBe(200);
    // `viewer` reads nothing: the only request is the budget's one conditional update.
    expect(t.roundTrips.byCommand).toEqual({ UpdateItemCommand: 3 });

    const response = await t.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${greedy}` },
      body: JSON.stringify({ query: '{ partners { edges { node { id } } } }' }),
    });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('45');
    const body = JSON.parse(response.body);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED' });

    const others = await t.graphql('{ viewer { role } }', {}, other);
    expect(others).toMatchObject({ status: 200, data: { viewer: { role: 'PARTNER' } } });

    t.clock.set('2026-12-01T09:01:00Z');
    expect((await t.graphql('{ viewer { role } }', {}, greedy)).status).toBe(200);
  });

  it('spends no budget on a request refused for its size', async () => {
    const t = await createTestApp({ config: { RATE_LIMIT_PER_MINUTE: '1' } });
    const token = await t.token('COORDINATOR');
    const tooMany = `{ ${Array.from({ length: 50 }, (_, i) => `v${i}: viewer { role }`).join(' ')} }`;
    expect((await t.graphql(tooMany, {}, token)).status).toBe(400);
    expect((await t.graphql('{ viewer { role } }', {}, token)).status).toBe(200);
  });
});

describe('production settings come from STAGE', () => {
  it('outside local: no introspection, no field suggestions, no sandbox, no internal messages', async () => {
    const t = await createTestApp({ config: { STAGE: 'prod', DEV_JWT_SECRET: '' } });
    const introspection = await t.graphql('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(JSON.stringify(introspection.errors)).toMatch(/introspection/i);

    const typo = await t.graphql('{ partnrs { edges { node { id } } } }');
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean|partners/);

    const page = await t.request({ method: 'GET', path: '/graphql', headers: { accept: 'text/html' } });
    expect(page.body).not.toMatch(/sandbox|embeddable/i);
  });

  it('locally the same mistakes are explained', async () => {
    const t = await createTestApp();
    const typo = await t.graphql('{ partnrs { edges { node { id } } } }');
    expect(JSON.stringify(typo.errors)).toMatch(/Did you mean/);
  });
});
