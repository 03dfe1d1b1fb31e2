import type { APIGatewayProxyEventV2, SNSEvent } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lambdaEntries, type LambdaEntry } from '../../infra/bundling';
import { createTestTable, dynamoEndpoint, linkSecret } from '../support/test-app';

/**
 * Each Lambda handler started as AWS starts it: a fresh module registry (a cold start) and only the
 * environment the CDK app gives its function. A function declared to run without the link-signing
 * secret (usesLinkSigningSecret: false, so its role cannot read it) must start and run without it;
 * one declared to use it must refuse to start without it, so the declaration is exact both ways.
 */
type Handler = (event: unknown) => Promise<any>;

function httpEvent(method: string, path: string, body = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

/** One ordinary invocation per function, and what a working answer looks like. */
const invocations: Record<string, { event: unknown; check(result: any): void }> = {
  api: {
    event: httpEvent('POST', '/graphql', JSON.stringify({ query: '{ viewer { role } }' })),
    check: (result) => expect(result).toMatchObject({ statusCode: 200, body: '{"data":{"viewer":null}}\n' }),
  },
  'calendar-feed': {
    event: httpEvent('GET', '/calendar/abcdefghijklmnopqrstuvwx.ics'),
    check: (result) => expect(result.statusCode).toBe(404),
  },
  'ses-events': {
    event: { Records: [] } satisfies SNSEvent,
    check: (result) => expect(result).toEqual({ suppressed: 0, ignored: 0, unreadable: 0 }),
  },
};
const jobRun = { event: { now: '2026-12-01T08:00:00Z' }, check: (result: unknown) => expect(typeof result).toBe('object') };

async function coldStart(entry: LambdaEntry, env: Record<string, string>): Promise<unknown> {
  const saved = process.env;
  process.env = env;
  try {
    let result: Promise<unknown> | undefined;
    // Modules the handler loads lazily, on its first invocation, must come from the same fresh registry.
    await jest.isolateModulesAsync(async () => {
      const handler: Handler = (await import(`../../functions/handlers/${entry.name}`)).handler;
      result = handler((invocations[entry.name] ?? jobRun).event);
      await result.catch(() => undefined);
    });
    return await result!;
  } finally {
    process.env = saved;
  }
}

describe('each function starts with the environment the CDK app gives it', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    env = {
      STAGE: 'local',
      LOG_LEVEL: 'silent',
      TABLE_NAME: await createTestTable(),
      DYNAMODB_ENDPOINT: dynamoEndpoint(),
      OUTBOX_DIR: mkdtempSync(join(tmpdir(), 'destek-outbox-')),
    };
  });

  it.each(lambdaEntries().map((entry) => [entry.name, entry] as const))('%s', async (_, entry) => {
    const withoutSecret = coldStart(entry, env);
    if (entry.usesLinkSigningSecret) {
      await expect(withoutSecret).rejects.toThrow(/LINK_SIGNING_SECRET/);
      (invocations[entry.name] ?? jobRun).check(await coldStart(entry, { ...env, LINK_SIGNING_SECRET: linkSecret }));
    } else {
      (invocations[entry.name] ?? jobRun).check(await withoutSecret);
    }
  });
});
