// First: NODE_ENV=production before graphql and Apollo load (as-deployed.ts says why).
import './as-deployed';
import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import { projectRoot } from '../../infra/bundling';
import { runMain } from './bench-kit';
import { handlerCall } from './latency.bench';
import { operations, seeded } from './bench-operations';

/**
 * A CPU profile of one read's warm loop through the API handler (what `node --cpu-prof` gives, but
 * of the loop alone: seeding and warm-up stay out). Writes .data/bench/<read>.cpuprofile (open it in
 * Chrome DevTools) and prints self time by function and by package.
 *
 *   npx tsx test/bench/profile-handler.ts upcoming   # BENCH_PROFILE_SCALE=10 BENCH_PROFILE_RUNS=300
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function and per package, in ms, largest first. */
export function selfTimes(profile: Profile): { byFunction: [string, number][]; byPackage: [string, number][] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const file = url.startsWith('file://') ? relative(projectRoot, new URL(url).pathname) : url;
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('functions/') ? 'our code' : file || functionName);
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { byFunction: sorted(byFunction), byPackage: sorted(byPackage) };
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'upcoming';
  const operation = operations.find((o) => o.name.startsWith(which));
  if (!operation) throw new Error(`no read starts with "${which}": ${operations.map((o) => o.name).join(', ')}`);
  const scale = Number(process.env.BENCH_PROFILE_SCALE ?? 10);
  const runs = Number(process.env.BENCH_PROFILE_RUNS ?? 300);
  const dynamo = await startDynamoDbLocal({ startTimeoutMs: 180_000 });
  try {
    process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
    const data = await seeded(operation.family, scale);
    const call = await handlerCall(operation, data, dynamo.endpoint);
    for (let i = 0; i < 30; i += 1) await call();
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) await call();
    const wallMs = performance.now() - started;
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    session.disconnect();
    const dir = join(projectRoot, '.data', 'bench');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${which}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const { byFunction, byPackage } = selfTimes(profile);
    const perRun = (ms: number) => (ms / runs).toFixed(3);
    console.log(`${operation.name} @ scale ${scale}: ${runs} requests, ${(wallMs / runs).toFixed(2)} ms each (wall)`);
    console.log('\nself time per request, by package (ms):');
    for (const [name, ms] of byPackage.slice(0, 15)) console.log(`  ${perRun(ms).padStart(7)}  ${name}`);
    console.log('\nself time per request, by function (ms):');
    for (const [name, ms] of byFunction.slice(0, 40)) console.log(`  ${perRun(ms).padStart(7)}  ${name}`);
    console.log(`\nwritten to ${file}`);
  } finally {
    await dynamo.stop();
  }
}

runMain(module, main);
