/**
 * What every benchmark of `npm run bench` shares: the figures it reports (one row per measurement,
 * printed in one table by run.ts and written to .data/bench/latest.json), statistics over repeated
 * runs, and the smoke switch (BENCH_SMOKE=1: tiny sizes, for the jest test that keeps the suite working).
 */
export interface BenchRow {
  /** Which benchmark: cold start, round trips, latency, fan-out, jobs, memory. */
  bench: string;
  /** What was measured, e.g. `api bundle` or `upcoming meetings @ 1000`. */
  case: string;
  /** The figure and its unit, e.g. `median ms`, `DynamoDB requests`, `mails/s`. */
  metric: string;
  value: number;
  /** Spread over the runs where it applies. */
  min?: number;
  max?: number;
  /** Side-by-side comparison, as the table prints it: e.g. `1.7x minimal`. */
  note?: string;
}

export interface BenchContext {
  smoke: boolean;
  /** DynamoDB Local's endpoint for the run (started once by run.ts). */
  dynamoEndpoint: string;
}

export type Bench = (context: BenchContext) => Promise<BenchRow[]>;

export const isSmoke = (): boolean => process.env.BENCH_SMOKE === '1';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function spread(values: number[]): { value: number; min: number; max: number } {
  return { value: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['bench', 'case', 'metric', 'value', 'min-max', 'side by side'];
  const cells = rows.map((row) => [
    row.bench,
    row.case,
    row.metric,
    String(row.value),
    row.min !== undefined && row.max !== undefined ? `${row.min}-${row.max}` : '',
    row.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * Peak RSS while something runs (goal 6, the Lambda memory sizes): process.memoryUsage().rss sampled
 * every `everyMs` ms, plus once at the end. `stop()` gives the peak and the RSS when sampling began,
 * in MB. The figure is the whole bench process (harness, test app, SMTP test server included; DynamoDB
 * Local is its own process), so it is an upper bound for the function itself: run one bench per
 * process (BENCH_ONLY=latency, BENCH_ONLY=jobs, ...) so an earlier bench's heap does not count.
 */
export function rssSampler(everyMs = 5): { stop(): { peakMb: number; startMb: number } } {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { peakMb: round(peak / 2 ** 20, 0), startMb: round(start / 2 ** 20, 0) };
    },
  };
}

/**
 * The environment the API Lambda's handler reads, for a bench that runs it locally against
 * DynamoDB Local (development tokens and link secret of the test app; STAGE=local for those).
 */
export function localApiEnv(tableName: string, dynamoEndpoint: string, secrets: { link: string; devJwt: string }): Record<string, string> {
  return {
    STAGE: 'local',
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LINK_SIGNING_SECRET: secrets.link,
    DEV_JWT_SECRET: secrets.devJwt,
    LOG_LEVEL: 'silent',
  };
}

/** Runs a bench script's `main` when the file is started itself, and exits with its outcome. */
export function runMain(module: NodeModule, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
