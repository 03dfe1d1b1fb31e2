import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiPaths } from '../../../functions/shared/links/api-paths';
import { signDevToken } from '../../../functions/shared/auth/dev-tokens';
import { apiEvent, createTestTable, devSecret, dynamoEndpoint, linkSecret } from '../../support/test-app';

/** The API Lambda itself, driven by API Gateway v2 events, configured from the environment as in AWS. */
describe('API Lambda handler', () => {
  let handler: (event: ReturnType<typeof apiEvent>) => Promise<APIGatewayProxyStructuredResultV2>;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      STAGE: 'local',
      TABLE_NAME: await createTestTable(),
      DYNAMODB_ENDPOINT: dynamoEndpoint(),
      LINK_SIGNING_SECRET: linkSecret,
      DEV_JWT_SECRET: devSecret,
      LOG_LEVEL: 'silent',
    });
    // Loaded only now: like a cold start, the handler reads its configuration on first use.
    handler = (await import('../../../functions/handlers/api')).handler;
  });

  afterAll(() => {
    process.env = saved;
  });

  it('serves GraphQL: a coordinator creates a partner and reads it back', async () => {
    const token = await signDevToken(devSecret, { email: 'coordinator@schakel.be', role: 'COORDINATOR' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const created = await handler(
      apiEvent(
        'POST',
        '/graphql',
        JSON.stringify({
          query: 'mutation { createPartner(input: { name: "Schakel vzw", kind: NONPROFIT, email: "info@schakel.be" }) { partner { id } } }',
        }),
        headers,
      ),
    );
    expect(created.statusCode).toBe(200);
    const id = JSON.parse(created.body!).data.createPartner.partner.id;
    const read = await handler(apiEvent('POST', '/graphql', JSON.stringify({ query: `{ partner(id: "${id}") { name kind } }` }), headers));
    expect(JSON.parse(read.body!).data.partner).toEqual({ name: 'Schakel vzw', kind: 'NONPROFIT' });
  });

  it('accepts a base64-encoded body, as API Gateway sends some', async () => {
    const body = Buffer.from(JSON.stringify({ query: '{ viewer { id } }' })).toString('base64');
    const response = await handler({
      ...apiEvent('POST', '/graphql', body, { 'content-type': 'application/json' }),
      isBase64Encoded: true,
    });
    expect(JSON.parse(response.body!)).toEqual({ data: { viewer: null } });
  });

  it('answers unknown paths with 404 and malformed JSON with 400', async () => {
    expect((await handler(apiEvent('GET', '/nope'))).statusCode).toBe(404);
    const bad = await handler(apiEvent('POST', '/graphql', '{not json', { 'content-type': 'application/json' }));
    expect(bad.statusCode).toBe(400);
  });

  it.each(Object.entries(apiPaths).filter(([name]) => name !== 'graphql'))(
    'serves the %s page (%s), the path API Gateway routes to it: a link without a token is refused in Dutch',
    async (_name, path) => {
      const response = await handler(apiEvent('GET', path));
      expect(response.statusCode).toBe(400);
      expect(response.headers?.['content-type']).toMatch(/text\/html/);
      expect(response.body).toMatch(/link is ongeldig/);
    },
  );
});
