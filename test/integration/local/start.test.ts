import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { freePort, isDynamoDbReachable } from '../../../functions/local/dynamodb-local';
import { startLocalStack } from '../../../functions/local/start';
import { createDocumentClient } from '../../../functions/shared/dynamodb/client';
import { createLogger } from '../../../functions/shared/logger';
import { fakeGraphqlApi } from './fake-graphql-api';
import { send } from './http-helpers';

// The real API handler is tested end to end elsewhere; here a stand-in shows the wiring around it.
describe('startLocalStack', () => {
  let dataDir: string;
  const logger = createLogger('silent');
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the handler through the adapter, the outbox viewer and a redirect, on a given DynamoDB', async () => {
    const api = fakeGraphqlApi();
    const endpoint = process.env.TEST_DYNAMODB_ENDPOINT!;
    const tableName = `local-stack-${Date.now()}`;
    const envBefore = { ...process.env };
    const stack = await startLocalStack({
      port: 0,
      dataDir,
      seed: true,
      jobs: [],
      logger,
      env: { DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName },
      loadHandler: async () => api.handler,
    });
    try {
      expect(stack.url).toBe(`http://localhost:${stack.port}`);
      expect(stack.dynamodbEndpoint).toBe(endpoint);
      expect(stack.seeded).toEqual({
        skipped: false,
        partners: 5,
        meetingId: 'meeting-1',
        projects: 2,
        neighbours: 4,
        buurtbabbelId: 'buurtbabbel-1',
      });
      expect(process.env).toMatchObject({
        STAGE: 'local',
        PUBLIC_BASE_URL: stack.url,
        TABLE_NAME: tableName,
        OUTBOX_DIR: join(dataDir, 'outbox'),
      });

      const client = createDocumentClient({ region: 'eu-west-1', endpoint });
      await expect(client.send(new DescribeTableCommand({ TableName: tableName }))).resolves.toMatchObject({
        Table: { TableName: tableName, TableStatus: 'ACTIVE' },
      });
      client.destroy();

      expect(JSON.parse(readFileSync(join(dataDir, 'local-stack.json'), 'utf8'))).toMatchObject({
        dynamodbEndpoint: endpoint,
        port: stack.port,
        pid: process.pid,
      });

      const root = await send(stack.port, { path: '/' });
      expect(root.status).toBe(302);
      expect(root.headers.location).toBe('/graphql');

      const graphql = await send(stack.port, {
        method: 'POST',
        path: '/graphql?x=1',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ partners(first: 1) { edges { node { id } } } }"}',
      });
      expect(graphql.status).toBe(200);
      expect(api.events.at(-1)).toMatchObject({ rawPath: '/graphql', rawQueryString: 'x=1', requestContext: { http: { method: 'POST' } } });

      const outbox = await send(stack.port, { path: '/outbox' });
      expect(outbox.status).toBe(200);
      expect(outbox.text).toContain('Nog geen mails');
    } finally {
      await stack.stop();
    }
    expect(existsSync(join(dataDir, 'local-stack.json'))).toBe(false);
    expect(process.env).toEqual(envBefore);
  });

  it('starts and stops its own in-memory DynamoDB Local; with SMTP_URL the outbox path goes to the handler', async () => {
    const api = fakeGraphqlApi();
    const stack = await startLocalStack({
      port: 0,
      dataDir,
      inMemory: true,
      jobs: [],
      logger,
      env: { DYNAMODB_LOCAL_PORT: String(await freePort()), SMTP_URL: 'smtp://127.0.0.1:2525' },
      loadHandler: async () => api.handler,
    });
    try {
      expect(stack.dynamodbEndpoint).not.toBe(process.env.TEST_DYNAMODB_ENDPOINT);
      expect(await isDynamoDbReachable(stack.dynamodbEndpoint)).toBe(true);
      expect(stack.outboxDir).toBeUndefined();
      const outbox = await send(stack.port, { path: '/outbox' });
      expect(outbox.status).toBe(404);
      expect(api.events.at(-1)?.rawPath).toBe('/outbox');
    } finally {
      await stack.stop();
    }
    expect(await isDynamoDbReachable(stack.dynamodbEndpoint)).toBe(false);
  });

  it('cleans up what it started when a step fails', async () => {
    await expect(
      startLocalStack({
        port: 0,
        dataDir,
        jobs: [],
        logger,
        env: { DYNAMODB_ENDPOINT: process.env.TEST_DYNAMODB_ENDPOINT!, TABLE_NAME: 'local-stack-fail' },
        loadHandler: async () => {
          throw new Error('handler missing');
        },
      }),
    ).rejects.toThrow('handler missing');
    expect(existsSync(join(dataDir, 'local-stack.json'))).toBe(false);
    expect(process.env.STAGE).toBeUndefined();
  });
});
