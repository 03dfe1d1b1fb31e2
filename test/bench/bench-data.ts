import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { meetingItem } from '../../functions/modules/meetings/meetings.repository';
import { partnerItem } from '../../functions/modules/partners/partners.repository';
import { projectItem } from '../../functions/modules/projects/projects.repository';
import { newId } from '../../functions/shared/ids';
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

/**
 * Beyond the first `throughServices` records of a family, the benches write copies of the last
 * real one straight to the table, 25 per BatchWrite and a few BatchWrites at once: the 100x data in
 * seconds instead of the mutations' many minutes. The copies are the stored items the repositories
 * write (their item builders), with a new id and what orders them (name, start time) changed; the
 * reads measured see them as any other. What the copies do not do: update other records (a cloned
 * project's engagements are not added to its partners' own lists).
 */
const throughServices = 10;

async function writeCopies(t: TestApp, count: number, item: (i: number) => Record<string, unknown>): Promise<void> {
  const batches = Math.ceil(count / 25);
  await inParallel(batches, async (b) => {
    let requests: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> = {
      [t.app.config.tableName]: Array.from({ length: Math.min(25, count - b * 25) }, (_, k) => ({
        PutRequest: { Item: item(b * 25 + k) },
      })),
    };
    while (Object.keys(requests).length > 0) {
      const result = await t.db.send(new BatchWriteCommand({ RequestItems: requests }));
      requests = (result.UnprocessedItems ?? {}) as typeof requests;
    }
  });
}

export interface Seeded {
  t: TestApp;
  token: string;
  /** Ids the reads name. */
  ids: { meeting?: string; project?: string; partner?: string; buurtbabbel?: string };
}

async function partnersOf(t: TestApp, count: number): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(Math.min(count, throughServices), async () => ids.push((await createPartner(t)).id));
  if (count <= throughServices) return ids;
  const template = (await t.app.repositories.partners.get(ids[ids.length - 1]))!;
  const copies = Array.from({ length: count - ids.length }, () => newId());
  await writeCopies(t, copies.length, (i) =>
    partnerItem({ ...template, id: copies[i], name: `Kopie ${i + 1}`, email: `kopie${i + 1}@example.be` }),
  );
  return [...ids, ...copies];
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
  for (let i = 0; i < Math.min(10 * scale, throughServices); i += 1) {
    const startsAt = new Date(first + i * day);
    const meeting = await scheduleMeeting(t, {
      title: `Overleg ${i + 1}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000).toISOString(),
    });
    meetings[i] = meeting.id;
  }
  const template = (await t.app.repositories.meetings.get(meetings[meetings.length - 1]))!;
  await writeCopies(t, 10 * scale - meetings.length, (k) => {
    const i = meetings.length + k;
    const startsAt = new Date(first + i * day);
    const { previousMeetingId, nextMeetingId, ...rest } = template;
    void [previousMeetingId, nextMeetingId];
    return meetingItem({
      ...rest,
      id: newId(),
      title: `Overleg ${i + 1}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000).toISOString(),
    });
  });
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
  await inParallel(Math.min(10 * scale, throughServices), async (i) => {
    const project = await activeProject(t, partners[i % 30], { name: `Project ${i + 1}` });
    for (const k of [1, 2]) await engage(t, project.id, partners[(i + k * 7) % 30], { hoursPerMonth: 2 });
    projects[i] = project.id;
  });
  const template = (await t.app.repositories.projects.get(projects[projects.length - 1]))!;
  await writeCopies(t, 10 * scale - projects.length, (k) =>
    projectItem({ ...template, id: newId(), name: `Project ${projects.length + k + 1}` }),
  );
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
