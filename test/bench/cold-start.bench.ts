import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions, handlerEntry, projectRoot } from '../../infra/bundling';
import { signDevToken } from '../../functions/shared/auth/dev-tokens';
import { ensureTable } from '../../functions/shared/dynamodb/ensure-table';
import { localApiEnv, round, spread, type Bench, type BenchRow } from './bench-kit';

/**
 * Cold start: fresh node processes, each loading a bundle built with the CDK app's esbuild options
 * (infra/bundling.ts) and answering one request through its handler, the GraphQL function beside a
 * minimal handler that reads DynamoDB with the same SDK. Runs alternate between the bundles, so
 * noise on the shared machine hits both alike. Times from the process's start (node's own boot
 * included) to the answered request, as wall time and as the process's CPU time.
 */
const devSecret = 'bench-dev-jwt-secret-0123456789abcdefghijklmnop';
const linkSecret = 'bench-link-signing-secret-0123456789abcdefghij';
const outDir = join(projectRoot, '.data', 'bench', 'bundles');

interface ChildResult {
  loadMs: number;
  firstRequestMs: number;
  totalMs: number;
  status: number;
  body: string;
  rssBytes: number;
  cpuMs: number;
}

function runChild(bundle: string, event: unknown, env: Record<string, string>, nodeOptions = ''): ChildResult {
  const child = spawnSync(process.execPath, [join(__dirname, 'cold-start-child.cjs'), bundle, JSON.stringify(event)], {
    env: { PATH: process.env.PATH, NODE_OPTIONS: nodeOptions, ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`cold start of ${bundle} failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout) as ChildResult;
  if (result.status !== 200 || result.body.includes('"errors"'))
    throw new Error(`cold start of ${bundle} answered ${result.status}: ${result.body}`);
  return result;
}

export async function bundle(name: string, entry: string): Promise<{ file: string; bytes: number }> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, name, 'index.js');
  await build(esbuildOptions(entry, file));
  return { file, bytes: statSync(file).size };
}

export const coldStartBench: Bench = async ({ smoke, dynamoEndpoint }) => {
  const runs = smoke ? 1 : 11;
  const tableName = `bench-cold-${Date.now()}`;
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    endpoint: dynamoEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, tableName);
  client.destroy();
  const env = localApiEnv(tableName, dynamoEndpoint, { link: linkSecret, devJwt: devSecret });

  const token = await signDevToken(devSecret, { email: 'bench@destek.test', role: 'COORDINATOR' });
  const apiEvent = {
    version: '2.0',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requestContext: { http: { method: 'POST', path: '/graphql' } },
    body: JSON.stringify({ query: '{ partners(first: 5) { edges { node { name } } } }' }),
    isBase64Encoded: false,
  };
  const api = await bundle('api', handlerEntry('api'));
  const minimal = await bundle('minimal', join(__dirname, 'minimal-handler.ts'));
  const cases = [
    { name: 'api', file: api.file, event: apiEvent, nodeOptions: '' },
    { name: 'api, --enable-source-maps', file: api.file, event: apiEvent, nodeOptions: '--enable-source-maps' },
    { name: 'minimal', file: minimal.file, event: {}, nodeOptions: '' },
  ];
  const times = new Map(
    cases.map((c) => [c.name, { total: [] as number[], load: [] as number[], rss: [] as number[], cpu: [] as number[] }]),
  );
  // One warm-up of each (disk cache), then alternating runs. The smoke run skips both the warm-up and the source-map case.
  if (smoke) cases.splice(1, 1);
  else for (const c of cases) runChild(c.file, c.event, env, c.nodeOptions);
  for (let run = 0; run < runs; run += 1) {
    for (const c of cases) {
      const result = runChild(c.file, c.event, env, c.nodeOptions);
      const t = times.get(c.name)!;
      t.total.push(round(result.totalMs));
      t.load.push(round(result.loadMs));
      t.rss.push(round(result.rssBytes / 2 ** 20));
      t.cpu.push(round(result.cpuMs));
    }
  }
  const minimalTotal = spread(times.get('minimal')!.total).value;
  const minimalCpu = spread(times.get('minimal')!.cpu).value;
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const t = times.get(c.name)!;
    const total = spread(t.total);
    rows.push({
      bench: 'cold start',
      case: c.name,
      metric: 'start to first answer, ms',
      ...total,
      note: `${round(total.value / minimalTotal, 2)}x minimal`,
    });
    // CPU time (user + system) steadier than wall time where other work competes for the cores.
    const cpu = spread(t.cpu);
    rows.push({
      bench: 'cold start',
      case: c.name,
      metric: 'CPU to first answer, ms',
      ...cpu,
      note: `${round(cpu.value / minimalCpu, 2)}x minimal`,
    });
    rows.push({ bench: 'cold start', case: c.name, metric: 'loading the bundle, ms', ...spread(t.load) });
    rows.push({ bench: 'cold start', case: c.name, metric: 'RSS after first answer, MB', ...spread(t.rss) });
  }
  rows.push({
    bench: 'cold start',
    case: 'api',
    metric: 'bundle KB',
    value: round(api.bytes / 1024, 0),
    note: `${round(api.bytes / minimal.bytes, 1)}x minimal`,
  });
  rows.push({ bench: 'cold start', case: 'minimal', metric: 'bundle KB', value: round(minimal.bytes / 1024, 0) });
  return rows;
};
