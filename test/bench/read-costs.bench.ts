import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import { createPartner, scheduleMeeting } from '../support/fixtures';
import { activeProject } from '../support/project-fixtures';
import { createTestApp } from '../support/test-app';

/**
 * `npm run bench`: what the hot reads cost as the network grows (N partners and 3N neighbours, who
 * are all invited to three buurtbabbels), in DynamoDB requests (the budget is 2, whatever the sizes) and in milliseconds against DynamoDB Local on this machine
 * (median of 15; compare the ratios between sizes, not the absolute numbers, across machines).
 */
const sizes = [10, 40, 120];
const runs = 15;

interface Ids {
  meeting: string;
  project: string;
  partner: string;
}

const projectRead = `name status promoter { name } engagements { hoursPerMonth overCapacity partner { name capacity { hoursPerMonth } } } reviews { status dueAt outcome }`;

const reads: Record<string, (ids: Ids) => { query: string; variables: Record<string, unknown> }> = {
  'meeting + invitations + partners': ({ meeting: id }) => ({
    query: `query($id: ID!) { meeting(id: $id) { title invitations { response partner { name email capacity { hoursPerMonth } } } } }`,
    variables: { id },
  }),
  'upcoming meetings + invitations + partners': () => ({
    query: `{ meetings(from: "2026-12-01T00:00:00+01:00", first: 20) { edges { node { title invitations { response partner { name } } } } } }`,
    variables: {},
  }),
  'partners list (first 100)': () => ({
    query: `{ partners(first: 100) { edges { node { name email representatives { email } } } } }`,
    variables: {},
  }),
  'project + engagements + partners + reviews': ({ project: id }) => ({
    query: `query($id: ID!) { project(id: $id) { ${projectRead} } }`,
    variables: { id },
  }),
  'projects list + engagements + reviews': () => ({
    query: `{ projects(first: 50) { edges { node { ${projectRead} } } } }`,
    variables: {},
  }),
  'buurtbabbels list + counts + hosts': () => ({
    query: `{ buurtbabbels(first: 20) { edges { node { startsAt location host { name } invitedCount acceptedCount declinedCount maybeCount waitingCount attendedCount } } } }`,
    variables: {},
  }),
  'partner + engagements + projects': ({ partner: id }) => ({
    query: `query($id: ID!) { partner(id: $id) { name remainingCapacity { hoursPerMonth } engagements { hoursPerMonth overCapacity project { name status } } } }`,
    variables: { id },
  }),
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
      // Four projects promoted by the first partner (engaged in each); every partner engaged in one.
      const coordinator = { id: 'bench', email: 'bench@destek.test', role: 'COORDINATOR' as const };
      const partners = (await t.app.repositories.partners.listAll()).map((partner) => partner.id);
      const projects: string[] = [];
      for (let i = 0; i < 4; i += 1) projects.push((await activeProject(t, partners[0], { name: `Project ${i}` })).id);
      for (const [i, partnerId] of partners.slice(1).entries()) {
        await t.app.projects.engage(coordinator, { projectId: projects[i % 4], partnerId, hoursPerMonth: 2 });
      }
      const token = await t.token('COORDINATOR');
      // 3N neighbours (one CSV import), three buurtbabbels hosted by partners, all invitation rounds sent.
      const csv = [
        'bedrijfsnaam;contactpersoon;e-mail;adres',
        ...Array.from(
          { length: size * 3 },
          (_, i) => `Zaak ${i};Ondernemer ${i};zaak${i}@buurt.example.be;Sint-Pietersaalststraat ${i + 1}`,
        ),
      ].join('\n');
      const imported = await t.graphql(`mutation($csv: String!) { importNeighbours(csv: $csv) { imported } }`, { csv }, token);
      if (imported.data?.importNeighbours?.imported !== size * 3) throw new Error(`import: ${JSON.stringify(imported)}`);
      for (const [i, day] of [15, 22, 29].entries()) {
        await t.app.buurtbabbels.schedule(coordinator, {
          startsAt: new Date(`2027-01-${day}T18:00:00Z`),
          endsAt: new Date(`2027-01-${day}T20:00:00Z`),
          location: `Sint-Pietersaalststraat ${i + 1}, Gent`,
          hostPartnerId: partners[i],
        });
      }
      await t.app.buurtbabbels.runDueRounds(new Date('2027-01-15T12:00:00Z'));
      const ids: Ids = { meeting: firstMeeting, project: projects[0], partner: partners[0] };
      for (const [name, build] of Object.entries(reads)) {
        const { query, variables } = build(ids);
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
  const header = ['read', 'partners (neighbours 3x)', 'DynamoDB requests', 'median ms'];
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
