import * as lowLevel from '@aws-sdk/client-dynamodb';
import { buildSchema, graphql, parse } from 'graphql';
import { signDevToken } from '../../functions/shared/auth/dev-tokens';
import { typeDefs } from '../../functions/graphql/generated/type-defs';
import { graphqlRoutes } from '../../functions/http/graphql-routes';
import { httpLambda } from '../../functions/runtime/http-lambda';
import { apiEvent, devSecret, linkSecret } from '../support/test-app';
import { elapsedMs, localApiEnv, median, percentile, round, rssSampler, type Bench, type BenchRow } from './bench-kit';
import type { Seeded } from './bench-data';
import { operations, seeded, type Operation } from './bench-operations';

/**
 * Handler overhead: each main read, warm, three ways side by side in one loop (one of each per
 * iteration, so the machine's noise hits all three alike):
 *
 * - through the API Lambda's handler (httpLambda + graphqlRoutes, exactly what functions/handlers/api.ts
 *   exports, built per data family since each family has its own table) with an API Gateway v2 event;
 * - graphql's parse + validate + execute on the same schema, every field answered from memory (the
 *   handler's answer as root value, default resolvers);
 * - the bare DynamoDB requests the operation makes (recorded from the app's client, replayed with a
 *   plain DynamoDBClient, requests that overlapped sent concurrently again).
 *
 * The goal: handler time at most 1.3x the bare DynamoDB time. The per-caller request budget is off
 * (RATE_LIMIT_PER_MINUTE=0; deployed it adds one UpdateItem per request, DynamoDB time, not layers).
 */
interface Recorded {
  command: string;
  input: unknown;
  start: number;
  end: number;
}

const docToLow: Record<string, string> = {
  GetCommand: 'GetItemCommand',
  BatchGetCommand: 'BatchGetItemCommand',
  PutCommand: 'PutItemCommand',
  UpdateCommand: 'UpdateItemCommand',
  DeleteCommand: 'DeleteItemCommand',
  TransactWriteCommand: 'TransactWriteItemsCommand',
  TransactGetCommand: 'TransactGetItemsCommand',
};

/** Records every request the app's client sends (marshalled input, as DynamoDB receives it). */
function recorder(data: Seeded): { take(): Recorded[] } {
  let recorded: Recorded[] = [];
  data.t.db.middlewareStack.add(
    (next, context) => async (args) => {
      const entry: Recorded = { command: context.commandName ?? '?', input: structuredClone(args.input), start: performance.now(), end: 0 };
      recorded.push(entry);
      try {
        return await next(args);
      } finally {
        entry.end = performance.now();
      }
    },
    { step: 'build', name: 'benchRecorder', override: true },
  );
  return {
    take() {
      const taken = recorded;
      recorded = [];
      return taken;
    },
  };
}

/** Groups requests into waves: those that overlapped in time are replayed together. */
function waves(recorded: Recorded[]): Recorded[][] {
  const result: Recorded[][] = [];
  let waveEnd = -Infinity;
  for (const entry of [...recorded].sort((a, b) => a.start - b.start)) {
    if (entry.start >= waveEnd) {
      result.push([entry]);
      waveEnd = entry.end;
    } else {
      result[result.length - 1].push(entry);
      waveEnd = Math.max(waveEnd, entry.end);
    }
  }
  return result;
}

function replayer(client: lowLevel.DynamoDBClient, recorded: Recorded[]): () => Promise<void> {
  const commands = lowLevel as unknown as Record<string, new (input: unknown) => lowLevel.GetItemCommand>;
  const plan = waves(recorded).map((wave) =>
    wave.map((entry) => {
      const name = docToLow[entry.command] ?? entry.command;
      if (!commands[name]) throw new Error(`cannot replay ${entry.command}`);
      return { Command: commands[name], input: entry.input };
    }),
  );
  return async () => {
    for (const wave of plan) await Promise.all(wave.map(({ Command, input }) => client.send(new Command(structuredClone(input)))));
  };
}

const handlers = new Map<string, ReturnType<typeof httpLambda>>();

/**
 * The operation as one call through the API Lambda's handler (httpLambda + graphqlRoutes, what
 * functions/handlers/api.ts exports) with an API Gateway v2 event and a bearer token, answering the
 * response body; one handler per table (each data family has its own), built and warmed on first use.
 */
export async function handlerCall(operation: Operation, data: Seeded, dynamoEndpoint: string): Promise<() => Promise<string>> {
  const tableName = data.t.app.config.tableName;
  if (!handlers.has(tableName)) {
    // No per-caller budget: deployed it adds one UpdateItem per request (DynamoDB time, not layers).
    Object.assign(process.env, localApiEnv(tableName, dynamoEndpoint, { link: linkSecret, devJwt: devSecret }), {
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const handler = httpLambda('api', (app) => graphqlRoutes(app));
    await handler(apiEvent('POST', '/graphql', JSON.stringify({ query: '{ viewer { role } }' }), { 'content-type': 'application/json' }));
    handlers.set(tableName, handler);
  }
  const handler = handlers.get(tableName)!;
  const body = JSON.stringify({ query: operation.query, variables: operation.variables(data.ids) });
  // The handler runs on the real clock: a token of now (the test app's clock stands in 2026).
  const token = await signDevToken(devSecret, { role: 'COORDINATOR', email: 'bench@destek.test' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  return async () => {
    const response = await handler(apiEvent('POST', '/graphql', body, headers));
    if (response.statusCode !== 200) throw new Error(`${operation.name}: ${response.statusCode} ${response.body}`);
    // The body as Lambda hands it on: reading the JSON is the client's work, not the handler's.
    return String(response.body);
  };
}

export const latencyScale = (smoke: boolean): number => Number(process.env.BENCH_LATENCY_SCALE ?? (smoke ? 1 : 10));

export const latencyBench: Bench = async ({ smoke, dynamoEndpoint }) => {
  process.env.TEST_DYNAMODB_ENDPOINT = dynamoEndpoint;
  const scale = latencyScale(smoke);
  const runs = smoke ? 10 : Number(process.env.BENCH_LATENCY_RUNS ?? 200);
  const warmUp = smoke ? 2 : 20;
  const rows: BenchRow[] = [];
  const memorySchema = buildSchema(typeDefs);
  const client = new lowLevel.DynamoDBClient({
    region: 'eu-west-1',
    endpoint: dynamoEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // Peak RSS over the handler loops (goal 6: the API's memory size); BENCH_ONLY=latency alone.
  const baselineMb = rssSampler().stop().startMb;
  let peakMb = 0;
  try {
    for (const operation of operations) {
      const data = await seeded(operation.family, scale);
      const viaHandler = await handlerCall(operation, data, dynamoEndpoint);
      const first = JSON.parse(await viaHandler()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (first.errors) throw new Error(`${operation.name}: ${JSON.stringify(first.errors)}`);

      // The requests the same operation makes, recorded through the app's own client (same table, same code).
      const record = recorder(data);
      record.take();
      await data.t.graphql(operation.query, operation.variables(data.ids), data.token);
      const recorded = record.take();
      const bare = replayer(client, recorded);
      const source = operation.query;
      const variableValues = operation.variables(data.ids);
      parse(source);
      const inMemory = async () => {
        const result = await graphql({ schema: memorySchema, source, rootValue: first.data, variableValues });
        if (result.errors) throw new Error(`${operation.name} in memory: ${JSON.stringify(result.errors)}`);
      };

      const times = { handler: [] as number[], memory: [] as number[], bare: [] as number[] };
      const sampler = rssSampler();
      for (let run = -warmUp; run < runs; run += 1) {
        const steps: [keyof typeof times, () => Promise<unknown>][] = [
          ['handler', viaHandler],
          ['memory', inMemory],
          ['bare', bare],
        ];
        for (const [name, step] of steps) {
          const started = process.hrtime.bigint();
          await step();
          if (run >= 0) times[name].push(elapsedMs(started));
        }
      }
      peakMb = Math.max(peakMb, sampler.stop().peakMb);
      const label = `${operation.name} @ scale ${scale}`;
      const bareMedian = median(times.bare);
      for (const [name, label2] of [
        ['handler', 'through the Lambda handler'],
        ['memory', 'graphql() from memory'],
        ['bare', `bare DynamoDB (${recorded.length} requests, ${waves(recorded).length} waves)`],
      ] as const) {
        const values = times[name];
        const total = values.reduce((sum, value) => sum + value, 0);
        rows.push({
          bench: 'latency',
          case: `${label}: ${label2}`,
          metric: 'median ms (p99)',
          value: round(median(values), 2),
          min: round(Math.min(...values), 2),
          max: round(Math.max(...values), 2),
          note: `p99 ${round(percentile(values, 99), 2)} ms; ${round(values.length / (total / 1000), 0)}/s one at a time${
            name === 'bare' ? '' : `; ${round(median(values) / bareMedian, 2)}x bare DynamoDB`
          }`,
        });
      }
      rows.push({
        bench: 'latency',
        case: label,
        metric: 'layers over DynamoDB, % (goal <= 30)',
        value: round(((median(times.handler) - bareMedian) / bareMedian) * 100, 0),
        note: `handler ${round(median(times.handler), 2)} ms = DynamoDB ${round(bareMedian, 2)} + ours ${round(median(times.handler) - bareMedian, 2)} (graphql() alone ${round(median(times.memory), 2)})`,
      });
    }
    rows.push({
      bench: 'memory',
      case: `api (GraphQL handler), latency load @ scale ${scale}`,
      metric: 'peak RSS MB (process)',
      value: peakMb,
      note: `bench process ${baselineMb} MB before seeding; ${runs + warmUp} requests per read`,
    });
  } finally {
    client.destroy();
  }
  return rows;
};
