import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../../functions/graphql/context';
import { typeDefs } from '../../functions/graphql/generated/type-defs';
import { resolvers } from '../../functions/graphql/resolvers';
import { recipientKey } from '../../functions/shared/recipient-key';
import { coordinator, seedBuurtbabbels, seedMeetings, seedPartners, seedProjects, type Seeded } from './bench-data';

/**
 * The main mobile reads the round-trip and latency benches measure, each with the data family it
 * reads and how that family grows with the scale factor (bench-data.ts).
 */
export interface Operation {
  name: string;
  family: Family;
  query: string;
  variables(ids: Seeded['ids']): Record<string, unknown>;
}

export type Family = 'partners' | 'meetings' | 'projects' | 'buurtbabbels';

export const families: Record<Family, { seed: (scale: number) => Promise<Seeded>; size: (scale: number) => string }> = {
  partners: { seed: seedPartners, size: (scale) => `${10 * scale} partners` },
  meetings: { seed: seedMeetings, size: (scale) => `${10 * scale} meetings x 30 invitations` },
  projects: { seed: seedProjects, size: (scale) => `${10 * scale} projects x 3 engagements` },
  buurtbabbels: { seed: seedBuurtbabbels, size: (scale) => `${100 * scale} neighbours x 3 rounds` },
};

const projectRead = `name status promoter { name } engagements { hoursPerMonth overCapacity partner { name capacity { hoursPerMonth } } } reviews { status dueAt outcome }`;

export const operations: Operation[] = [
  {
    name: 'upcoming meetings + invitations + partners',
    family: 'meetings',
    query: `{ meetings(from: "2026-12-01T00:00:00+01:00", first: 20) { edges { node { id title startsAt location invitations { response partner { id name } } } } } }`,
    variables: () => ({}),
  },
  {
    name: 'meeting + agenda + invitations',
    family: 'meetings',
    query: `query($id: ID!) { meeting(id: $id) { title startsAt themes agenda { title kind durationMinutes projectId proposedBy { name } } invitations { response partner { name email } } } }`,
    variables: (ids) => ({ id: ids.meeting }),
  },
  {
    name: 'partners (first 100)',
    family: 'partners',
    query: `{ partners(first: 100) { edges { node { id name kind email representatives { name email } } } pageInfo { hasNextPage endCursor } } }`,
    variables: () => ({}),
  },
  {
    name: 'projects + engagements + reviews',
    family: 'projects',
    query: `{ projects(first: 50) { edges { node { id ${projectRead} } } } }`,
    variables: () => ({}),
  },
  {
    name: 'buurtbabbels + counts + hosts',
    family: 'buurtbabbels',
    query: `{ buurtbabbels(first: 20) { edges { node { id startsAt location status host { name } invitedCount acceptedCount declinedCount maybeCount waitingCount } } } }`,
    variables: () => ({}),
  },
];

let naiveSchema: GraphQLSchema | undefined;

/**
 * The resolver-per-field baseline (what generated AppSync/Amplify resolvers do): the same schema,
 * resolvers and table, but every reference a field follows is fetched for its own parent, one
 * GetItem per key, without batching or a per-request cache. Only the loaders differ from ours.
 */
export async function executeNaive(seeded: Seeded, query: string, variables: Record<string, unknown>): Promise<unknown> {
  naiveSchema ??= makeExecutableSchema({ typeDefs, resolvers: resolvers as never });
  const { repositories } = seeded.t.app;
  const perKey = <T>(get: (id: string) => Promise<T>) => ({
    load: get,
    loadMany: (keys: readonly string[]) => Promise.all(keys.map(get)),
    prime: () => undefined,
    clear: () => undefined,
    clearAll: () => undefined,
  });
  const context = {
    viewer: coordinator,
    services: seeded.t.app,
    loaders: {
      partner: perKey((id) => repositories.partners.get(id)),
      meeting: perKey((id) => repositories.meetings.get(id)),
      neighbour: perKey((id) => repositories.neighbours.get(id)),
      buurtbabbel: perKey((id) => repositories.buurtbabbels.get(id)),
      project: perKey((id) => repositories.projects.get(id)),
      suppressed: perKey(async (email) => (await repositories.suppressions.findMany([email])).has(recipientKey(email))),
    },
  } as unknown as GraphQLContext;
  const result = await execute({ schema: naiveSchema, document: parse(query), variableValues: variables, contextValue: context });
  if (result.errors?.length) throw new Error(`naive: ${JSON.stringify(result.errors)}`);
  return result.data;
}

const seeds = new Map<string, Promise<Seeded>>();

/** The family's data at a scale, built once per bench run (the round-trip and latency benches share it). */
export function seeded(family: Family, scale: number): Promise<Seeded> {
  const key = `${family}@${scale}`;
  if (!seeds.has(key)) seeds.set(key, families[family].seed(scale));
  return seeds.get(key)!;
}
