import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createApp, type AppServices } from '../../functions/app/create-app';
import { createApiRouter } from '../../functions/http/api-router';
import type { HttpRequest, HttpResponse } from '../../functions/http/http-types';
import { signDevToken } from '../../functions/shared/auth/dev-tokens';
import type { Role } from '../../functions/shared/auth/viewer';
import { FixedClock } from '../../functions/shared/clock';
import { parseConfig, type Config } from '../../functions/shared/config';
import { createDocumentClient } from '../../functions/shared/dynamodb/client';
import { countRoundTrips, type RoundTripCounter } from '../../functions/shared/dynamodb/round-trip-counter';
import { ensureTable } from '../../functions/shared/dynamodb/ensure-table';
import { createLogger } from '../../functions/shared/logger';

/**
 * A connected test app: the real services over a fresh table in the run's DynamoDB Local, a clock
 * the test moves, a round-trip counter, and the HTTP router the Lambda handler uses.
 */
export const devSecret = 'test-dev-jwt-secret-0123456789abcdefghijklmnop';
export const linkSecret = 'test-link-signing-secret-0123456789abcdefghij';

export function dynamoEndpoint(): string {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run the tests through jest (globalSetup starts DynamoDB Local)');
  return endpoint;
}

export async function createTestTable(): Promise<string> {
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    endpoint: dynamoEndpoint(),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, tableName);
  client.destroy();
  return tableName;
}

export function testConfig(tableName: string, overrides: Record<string, string> = {}): Config {
  return parseConfig({
    STAGE: 'local',
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamoEndpoint(),
    LINK_SIGNING_SECRET: linkSecret,
    DEV_JWT_SECRET: devSecret,
    PUBLIC_BASE_URL: 'https://destek.test',
    ORGANIZER_EMAIL: 'overleg@destek.test',
    MAIL_FROM: 'Locon De Stek <overleg@destek.test>',
    LOG_LEVEL: 'silent',
    // No per-caller budget unless a test sets one (it would add an UpdateItem to every round-trip count).
    RATE_LIMIT_PER_MINUTE: '0',
    ...overrides,
  });
}

export interface TestApp {
  app: AppServices;
  clock: FixedClock;
  roundTrips: RoundTripCounter;
  /** The app's DynamoDB client, for tests that put faults in front of it (SDK middleware). */
  db: ReturnType<typeof createDocumentClient>;
  request(request: Partial<HttpRequest> & { path: string }): Promise<HttpResponse>;
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; data?: T; errors?: any[] }>;
  token(role: Role, options?: { partnerId?: string; email?: string }): Promise<string>;
}

export async function createTestApp(options: { now?: string; config?: Record<string, string> } = {}): Promise<TestApp> {
  const tableName = await createTestTable();
  const config = testConfig(tableName, options.config);
  const clock = new FixedClock(options.now ?? '2026-12-01T09:00:00Z');
  const db = createDocumentClient({ region: config.awsRegion, endpoint: config.dynamodbEndpoint });
  const roundTrips = countRoundTrips(db);
  const app = createApp(config, { clock, db, logger: createLogger('silent') });
  const router = createApiRouter(app);
  const request = (partial: Partial<HttpRequest> & { path: string }) =>
    router({ method: 'GET', rawQuery: '', headers: {}, body: '', ...partial });
  return {
    app,
    clock,
    roundTrips,
    db,
    request,
    async graphql(query, variables, token) {
      const response = await request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...JSON.parse(response.body) };
    },
    token: (role, tokenOptions = {}) =>
      signDevToken(
        devSecret,
        { role, email: tokenOptions.email ?? `${role.toLowerCase()}@destek.test`, partnerId: tokenOptions.partnerId },
        clock.now(),
      ),
  };
}

/** An API Gateway v2 event, as the HTTP API sends it, for tests of the Lambda handler itself. */
export function apiEvent(method: string, path: string, body?: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const [rawPath, rawQueryString = ''] = path.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'destek.test',
      domainPrefix: 'destek',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
}
