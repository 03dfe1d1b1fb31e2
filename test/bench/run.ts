// First: NODE_ENV=production before graphql and Apollo load (as-deployed.ts says why).
import './as-deployed';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import { projectRoot } from '../../infra/bundling';
import { formatTable, isSmoke, runMain, type Bench, type BenchRow } from './bench-kit';
import { coldStartBench } from './cold-start.bench';
import { fanoutBench } from './fanout.bench';
import { jobsBench } from './jobs.bench';
import { latencyBench } from './latency.bench';
import { roundTripsBench } from './round-trips.bench';

/**
 * `npm run bench`: every benchmark in one run, against one DynamoDB Local, printed as one table and
 * written to .data/bench/latest.json (docs/performance.md shows the latest results and how to read
 * them). BENCH_SMOKE=1 runs everything at tiny sizes; BENCH_ONLY=cold,fanout runs a selection (names: the keys below).
 */
const benches: Record<string, Bench> = {
  cold: coldStartBench,
  fanout: fanoutBench,
  trips: roundTripsBench,
  latency: latencyBench,
  jobs: jobsBench,
};

/** Runs the benches (all, or those named in `only`) against the given DynamoDB Local, or one it starts. */
export async function runBenches(options: { smoke: boolean; only?: string[]; dynamoEndpoint?: string }): Promise<BenchRow[]> {
  const dynamo = options.dynamoEndpoint ? undefined : await startDynamoDbLocal({ startTimeoutMs: 180_000 });
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  const rows: BenchRow[] = [];
  try {
    for (const [name, bench] of Object.entries(benches)) {
      if (options.only && !options.only.includes(name)) continue;
      process.stderr.write(`bench ${name}...\n`);
      rows.push(...(await bench({ smoke: options.smoke, dynamoEndpoint })));
    }
  } finally {
    await dynamo?.stop();
  }
  return rows;
}

export function machine(): Record<string, string | number> {
  return { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, memoryGb: Math.round(totalmem() / 2 ** 30) };
}

async function main(): Promise<void> {
  const smoke = isSmoke();
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  const rows = await runBenches({ smoke, only });
  console.log(formatTable(rows));
  const dir = join(projectRoot, '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, smoke ? 'smoke.json' : 'latest.json');
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), smoke, machine: machine(), rows }, null, 2)}\n`);
  console.log(`\n${JSON.stringify(machine())}\nwritten to ${file}`);
}

runMain(module, main);
