import { formatTable } from '../../bench/bench-kit';
import { runBenches } from '../../bench/run';
import { dynamoEndpoint } from '../../support/test-app';

/**
 * `npm run bench` at smoke sizes (BENCH_SMOKE): the suite still runs end to end and reports what
 * it promises. Its figures are not judged here; docs/performance.md holds the full run's.
 */
it('runs the cold-start and fan-out benches at tiny sizes and reports every figure', async () => {
  const rows = await runBenches({ smoke: true, only: ['cold', 'fanout'], dynamoEndpoint: dynamoEndpoint() });
  const figure = (bench: string, match: string, metric: string) =>
    rows.find((row) => row.bench === bench && row.case.includes(match) && row.metric === metric)?.value;
  expect(figure('cold start', 'api', 'start to first answer, ms')).toBeGreaterThan(0);
  expect(figure('cold start', 'minimal', 'start to first answer, ms')).toBeGreaterThan(0);
  expect(figure('cold start', 'api', 'CPU to first answer, ms')).toBeGreaterThan(0);
  expect(figure('cold start', 'minimal', 'CPU to first answer, ms')).toBeGreaterThan(0);
  expect(figure('cold start', 'api', 'bundle KB')).toBeLessThan(1200);
  expect(figure('fan-out', 'meeting invitations via outbox', 'mails/s')).toBeGreaterThan(0);
  expect(figure('fan-out', 'buurtbabbel invitations, pacing off via outbox', 'mails/s')).toBeGreaterThan(0);
  expect(figure('fan-out', 'buurtbabbel invitations, pacing', 'mails/min held')).toBeGreaterThan(0);
  expect(formatTable(rows).split('\n')).toHaveLength(rows.length + 2);
}, 60_000);
