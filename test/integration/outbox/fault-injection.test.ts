import { faultKinds, faultSuiteFailures, formatFaultReport, runFaultSuite } from '../../faults/fault-suite';

/**
 * The short form of the fault-injection suite (`npm run test:faults` runs the long form): a few
 * dozen faults over DynamoDB Local and a real SMTP server, each kind at least once (forced when
 * the seed's luck would leave one out), a new seed each run, printed so a failure can be repeated
 * with FAULT_SEED.
 */
describe('the outbox under injected faults (short form)', () => {
  it('loses nothing, sends nothing twice and nothing outdated', async () => {
    const seed = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);

    const report = await runFaultSuite({
      seed,
      partners: 4,
      meetings: 2,
      minTicks: 10,
      minFaults: 30,
      maxTicks: 40,
      dynamoFaultRate: 0.05,
      smtpFaultRate: 0.25,
      slowMs: 300,
      forceEveryKind: true,
      progress: process.env.FAULT_PROGRESS ? (line) => console.error(line) : undefined,
    });

    console.log(formatFaultReport(report));
    expect(report.totalFaults).toBeGreaterThanOrEqual(30);
    expect(faultKinds.filter((kind) => report.faults[kind] === 0)).toEqual([]);
    expect(report.mailsExpected).toBeGreaterThan(0);
    expect(faultSuiteFailures(report)).toEqual([]);
  }, 120_000);
});
