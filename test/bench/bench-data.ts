import { createPartner, mutateOrThrow, scheduleMeeting } from '../support/fixtures';
import { activeProject, engage } from '../support/project-fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The data the round-trip, latency and job benches read, built through the real services (GraphQL
 * mutations and the jobs) in a fresh table per family, at a scale factor `scale` (1, 10, 100):
 *
 * - partners: 10 x scale partners;
 * - meetings: 30 partners, 10 x scale meetings from 2026-12-02 on, each inviting all 30, the first
 *   with three agenda items (one about a project);
 * - projects: 30 partners, 10 x scale ACTIVE projects, each promoted by one and engaged in by two more;
 * - buurtbabbels: 100 x scale neighbours, 3 buurtbabbels hosted by partners, every invitation round sent.
 */
export const coordinator = { id: 'bench', email: 'bench@destek.test', role: 'COORDINATOR' as const };

/** Runs `task(i)` for i in [0, count), `width` at a time (DynamoDB Local answers several at once). */
export async function inParallel(count: number, task: (i: number) => Promise<unknown>, width = 6): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

export interface Seeded {
  t: TestApp;
  token: string;
  /** Ids the reads name. */
  ids: { meeting?: string; project?: string; partner?: string; buurtbabbel?: string };
}

async function partnersOf(t: TestApp, count: number): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(count, async () => ids.push((await createPartner(t)).id));
  return ids;
}

export async function seedPartners(scale: number): Promise<Seeded> {
  const t = await createTestApp();
  const ids = await partnersOf(t, 10 * scale);
  return { t, token: await t.token('COORDINATOR'), ids: { partner: ids[0] } };
}

const day = 24 * 3600 * 1000;

export async function seedMeetings(scale: number): Promise<Seeded> {
  const t = await createTestApp();
  const partners = await partnersOf(t, 30);
  const project = await activeProject(t, partners[0], { name: 'Repair café' });
  const meetings: string[] = [];
  const first = Date.parse('2026-12-02T18:30:00Z');
  // One after the other: each new meeting links the previous one (a conflict when two race).
  for (let i = 0; i < 10 * scale; i += 1) {
    const startsAt = new Date(first + i * day);
    const meeting = await scheduleMeeting(t, {
      title: `Overleg ${i + 1}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000).toISOString(),
    });
    meetings[i] = meeting.id;
  }
  const add = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { meeting { id } userErrors { field message code } } }`;
  for (const input of [
    { title: 'Welkom en voorstelling', durationMinutes: 10 },
    { title: 'Stand van het repair café', projectId: project.id },
    { title: 'Open ruimte', description: 'Wat leeft er in de buurt?' },
  ])
    await mutateOrThrow(t, add, { input: { meetingId: meetings[0], ...input } }, 'meeting');
  return { t, token: await t.token('COORDINATOR'), ids: { meeting: meetings[0], project: project.id } };
}

export async function seedProjects(scale: number): Promise<Seeded> {
  const t = await createTestApp();
  const partners = await partnersOf(t, 30);
  const projects: string[] = [];
  await inParallel(10 * scale, async (i) => {
    const project = await activeProject(t, partners[i % 30], { name: `Project ${i + 1}` });
    for (const k of [1, 2]) await engage(t, project.id, partners[(i + k * 7) % 30], { hoursPerMonth: 2 });
    projects[i] = project.id;
  });
  return { t, token: await t.token('COORDINATOR'), ids: { project: projects[0], partner: partners[0] } };
}

export function neighbourCsv(count: number, offset = 0): string {
  return [
    'bedrijfsnaam;contactpersoon;e-mail;adres',
    ...Array.from({ length: count }, (_, k) => {
      const i = k + offset;
      return `Zaak ${i};Ondernemer ${i};zaak${i}@buurt.example.be;Sint-Pietersaalststraat ${i + 1}`;
    }),
  ].join('\n');
}

/** Imports `count` neighbours in CSV files of at most 2,000 rows. */
export async function importNeighbours(t: TestApp, token: string, count: number): Promise<void> {
  for (let offset = 0; offset < count; offset += 2000) {
    const size = Math.min(2000, count - offset);
    const imported = await t.graphql(
      `mutation($csv: String!) { importNeighbours(csv: $csv) { imported } }`,
      { csv: neighbourCsv(size, offset) },
      token,
    );
    if (imported.data?.importNeighbours?.imported !== size) throw new Error(`import: ${JSON.stringify(imported).slice(0, 500)}`);
  }
}

export async function seedBuurtbabbels(scale: number): Promise<Seeded> {
  const t = await createTestApp();
  const token = await t.token('COORDINATOR');
  const partners = await partnersOf(t, 3);
  await importNeighbours(t, token, 100 * scale);
  let first = '';
  for (const [i, date] of [15, 22, 29].entries()) {
    const buurtbabbel = await t.app.buurtbabbels.schedule(coordinator, {
      startsAt: new Date(`2027-01-${date}T18:00:00Z`),
      endsAt: new Date(`2027-01-${date}T20:00:00Z`),
      location: `Sint-Pietersaalststraat ${i + 1}, Gent`,
      hostPartnerId: partners[i],
    });
    first ||= buurtbabbel.id;
  }
  await t.app.buurtbabbels.runDueRounds(new Date('2027-01-15T12:00:00Z'));
  return { t, token, ids: { buurtbabbel: first, partner: partners[0] } };
}
