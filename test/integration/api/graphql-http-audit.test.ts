import { serverAudits, type AuditResult } from 'graphql-http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLambdaHttpListener } from '../../../functions/local/http-adapter';
import { createTestTable, devSecret, dynamoEndpoint, linkSecret } from '../../support/test-app';
import { listen } from '../local/http-helpers';

/**
 * The GraphQL over HTTP spec audit of graphql-http (the reference implementation's own checks),
 * run against the API Lambda handler behind the local stack's HTTP adapter: the same event
 * translation that `npm start` uses and API Gateway performs. Every MUST has to pass; SHOULD and MAY
 * findings are printed, so a change in them shows in the test output.
 */
describe('graphql-http server audit', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  let results: AuditResult[];
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
    const { handler } = (await import('../../../functions/handlers/api')) as {
      handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
    };
    server = await listen(createLambdaHttpListener(handler));
    const url = `http://127.0.0.1:${server.port}/graphql`;
    // One audit after the other: each is a request or two, and the per-caller budget counts them all.
    results = [];
    for (const audit of serverAudits({ url, fetchFn: fetch })) results.push(await audit.fn());
  });

  afterAll(async () => {
    await server?.close();
    process.env = saved;
  });

  it('passes every MUST audit of the GraphQL over HTTP spec, and prints the SHOULD and MAY findings', () => {
    const mustAudits = results.filter((result) => result.name.startsWith('MUST'));
    const findings = results.filter((result) => result.status !== 'ok' && !result.name.startsWith('MUST'));
    console.log(
      [
        `graphql-http audit: ${results.length} audits (${mustAudits.length} MUST), ` +
          `${results.filter((result) => result.status === 'ok').length} ok, ${findings.length} SHOULD/MAY warnings`,
        ...findings.map((result) => `  ${result.name}: ${describeFailure(result)}`),
      ].join('\n'),
    );
    expect(mustAudits.length).toBeGreaterThan(10);
    const failed = mustAudits.filter((result) => result.status !== 'ok').map((result) => `${result.name}: ${describeFailure(result)}`);
    expect(failed).toEqual([]);
  });
});

function describeFailure(result: AuditResult): string {
  return result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`;
}
