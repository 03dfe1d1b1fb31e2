import { elapsedMs, median, round, type Bench, type BenchRow } from './bench-kit';
import { executeNaive, families, operations, seeded } from './bench-operations';

/**
 * Round trips: DynamoDB requests per main mobile read as the data grows 10x and 100x (budget: 2,
 * whatever the size), beside the resolver-per-field baseline on the same data (executeNaive: the
 * same resolvers with one GetItem per reference), both counted by the same SDK middleware.
 */
export const roundTripScales = (smoke: boolean): number[] =>
  process.env.BENCH_SCALES ? process.env.BENCH_SCALES.split(',').map(Number) : smoke ? [1, 3] : [1, 10, 100];

export const roundTripsBench: Bench = async ({ smoke, dynamoEndpoint }) => {
  process.env.TEST_DYNAMODB_ENDPOINT = dynamoEndpoint;
  const runs = smoke ? 2 : 7;
  const rows: BenchRow[] = [];
  for (const operation of operations) {
    const ours: number[] = [];
    for (const scale of roundTripScales(smoke)) {
      const started = process.hrtime.bigint();
      const data = await seeded(operation.family, scale);
      process.stderr.write(`  ${operation.family} @ ${scale}: ${round(elapsedMs(started) / 1000)} s to seed\n`);
      const variables = operation.variables(data.ids);
      let requests = 0;
      const times: number[] = [];
      let answer: unknown;
      for (let run = 0; run < runs; run += 1) {
        data.t.roundTrips.reset();
        const begun = process.hrtime.bigint();
        const result = await data.t.graphql(operation.query, variables, data.token);
        times.push(elapsedMs(begun));
        if (result.errors) throw new Error(`${operation.name}: ${JSON.stringify(result.errors)}`);
        requests = Math.max(requests, data.t.roundTrips.total);
        answer = result.data;
      }
      data.t.roundTrips.reset();
      const naiveAnswer = await executeNaive(data, operation.query, variables);
      const naive = data.t.roundTrips.total;
      // The baseline must answer the same, or its count says nothing.
      if (JSON.stringify(naiveAnswer) !== JSON.stringify(answer))
        throw new Error(`${operation.name}: the naive resolvers answered differently`);
      ours.push(requests);
      rows.push({
        bench: 'round trips',
        case: `${operation.name} @ ${families[operation.family].size(scale)}`,
        metric: 'DynamoDB requests',
        value: requests,
        note: `naive per-field: ${naive} (${round(naive / requests, 0)}x); ours ${round(median(times))} ms`,
      });
    }
    rows.push({
      bench: 'round trips',
      case: `${operation.name}, all sizes`,
      metric: 'max requests (budget 2)',
      value: Math.max(...ours),
      note: Math.max(...ours) === Math.min(...ours) ? 'constant' : `NOT constant: ${ours.join(' -> ')}`,
    });
  }
  return rows;
};
