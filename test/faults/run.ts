import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import { faultSuiteFailures, formatFaultReport, runFaultSuite } from './fault-suite';

/**
 * `npm run test:faults`: the long form of the fault-injection suite (the short form runs inside
 * `npm test`, test/integration/outbox/fault-injection.test.ts). Starts its own DynamoDB Local,
 * prints the report and exits non-zero when a mail was lost, sent twice or arrived outdated.
 * FAULT_SEED repeats a run; FAULT_MIN sets the least number of faults (default 150).
 */
async function main(): Promise<void> {
  const seed = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);
  const minFaults = process.env.FAULT_MIN ? Number(process.env.FAULT_MIN) : 150;
  process.stdout.write(`fault-injection suite, seed ${seed}\n`);
  const dynamo = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  try {
    const report = await runFaultSuite({
      seed,
      partners: 12,
      meetings: 4,
      minTicks: 40,
      minFaults,
      maxTicks: 400,
      dynamoFaultRate: 0.04,
      smtpFaultRate: 0.2,
      slowMs: 1500,
      forceEveryKind: true,
      progress: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${formatFaultReport(report)}\n`);
    const failures = faultSuiteFailures(report);
    if (failures.length > 0) {
      process.stdout.write(`FAILED: ${failures.join('; ')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('passed: nothing lost, nothing sent twice, nothing outdated\n');
    }
  } finally {
    await dynamo.stop();
  }
}

void main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
