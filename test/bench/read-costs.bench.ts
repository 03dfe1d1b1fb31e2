import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import { createPartner, scheduleMeeting } from '../support/fixtures';
import { createTestApp } from '../support/test-app';

/**
 * `npm run bench`: what the three hot reads cost as the network grows, in DynamoDB requests (the
 * budget is 2, whatever the sizes) and in milliseconds against DynamoDB Local on this machine
 * (median of 15; compare the ratios between sizes, not the absolute numbers, across machines).
 */
const sizes = [10, 40, 120];
const runs = 15;

const reads = {
  'meeting + invitations + partners': (id: string) => ({ query: `query($id: ID!) { meeting(id: $id) { title invitations { response partner { name email capacity { hoursPerMonth } } } } }`, variables: { id } }),
  'upcoming meetings + invitations + partners': () => ({ query: `{ meetings(from: "2026-12-01T00:00:00+01:00", first: 20) { edges { node { title invitations { response partner { name } } } } } }`, variables: {} }),
  'partners list (first 100)': () => ({ query: `{ partners(first: 100) { edges { node { name email representatives { email } } } } }`, variables: {} }),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  const rows: string[][] = [];
  try {
    for (const size of sizes) {
      const t = await createTestApp();
      for (let i = 0; i < size; i += 1) await createPartner(t);
      let firstMeeting = '';
      for (const day of [10, 17, 24, 31]) {
        const meeting = await scheduleMeeting(t, { startsAt: `2026-12-${day}T19:30:00+01:00`, endsAt: `2026-12-${day}T21:30:00+01:00` });
        firstMeeting ||= meeting.id;
      }
      const token = await t.token('COORDINATOR');
      for (const [name, build] of Object.entries(reads)) {
        const { query, variables } = build(firstMeeting);
        const times: number[] = [];
        let requests = 0;
        for (let run = 0; run < runs; run += 1) {
          t.roundTrips.reset();
          const started = process.hrtime.bigint();
          const result = await t.graphql(query, variables, token);
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
          if (result.errors) throw new Error(JSON.stringify(result.errors));
          requests = Math.max(requests, t.roundTrips.total);
        }
        rows.push([name, String(size), String(requests), median(times).toFixed(1)]);
      }
    }
  } finally {
    await dynamo.stop();
  }
  const header = ['read', 'partners', 'DynamoDB requests', 'median ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
