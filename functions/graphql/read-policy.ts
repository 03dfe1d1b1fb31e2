import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import type { Viewer } from '../shared/auth/viewer';
import type { GraphQLContext } from './context';
import type { Resolvers } from './generated/resolvers-types';

/**
 * Need to know, field by field (docs/security.md, "Read policy"). Queries and mutations authorise
 * the operation; this map guards the fields whose value depends on who asks, on every path they can
 * be reached by (a partner's capacity through `partners`, `partner`, an engagement's partner, a
 * meeting's invitations …). A field refused here answers its `hidden` value: null where the schema
 * allows it, else an empty or neutral value, so one partner's request for the network never fails
 * because of another partner's private figures.
 */
export interface FieldPolicy {
  /** Who may read the field of this parent. */
  allows(viewer: Viewer | undefined, parent: unknown): boolean;
  /** What others get instead. */
  hidden: unknown;
}

const isCoordinator = (viewer: Viewer | undefined) => viewer?.role === 'COORDINATOR';

/** Coordinators, and the members of the partner the value belongs to. */
const coordinatorOrOwnPartner =
  <P>(partnerIdOf: (parent: P) => string | undefined) =>
  (viewer: Viewer | undefined, parent: unknown) =>
    isCoordinator(viewer) || (viewer?.partnerId !== undefined && viewer.partnerId === partnerIdOf(parent as P));

const ownPartner = coordinatorOrOwnPartner((partner: { id: string }) => partner.id);
const engagementOwner = coordinatorOrOwnPartner((view: { engagement: { partnerId: string } }) => view.engagement.partnerId);

export const readPolicy: Record<string, Record<string, FieldPolicy>> = {
  Partner: {
    capacity: { allows: ownPartner, hidden: null },
    committed: { allows: ownPartner, hidden: { hoursPerMonth: null, eurosPerYear: null } },
    remainingCapacity: { allows: ownPartner, hidden: null },
    overCommitted: { allows: ownPartner, hidden: false },
    // Representatives' personal addresses (and who they are) are for their own partner and the coordinators.
    representatives: { allows: ownPartner, hidden: [] },
    // How engaged each partner is, over time: the coordinators' view of the network.
    attendance: { allows: isCoordinator, hidden: null },
  },
  Engagement: {
    hoursPerMonth: { allows: engagementOwner, hidden: null },
    euros: { allows: engagementOwner, hidden: null },
    overCapacity: { allows: engagementOwner, hidden: false },
  },
};

/** The resolver map with every field of `policy` guarded (the field's own resolver, or the default one). */
export function applyReadPolicy(resolvers: Resolvers, policy = readPolicy): Resolvers {
  const guarded: Record<string, Record<string, unknown>> = { ...(resolvers as Record<string, Record<string, unknown>>) };
  for (const [typeName, fields] of Object.entries(policy)) {
    const typeResolvers = { ...(guarded[typeName] ?? {}) };
    for (const [field, rule] of Object.entries(fields)) {
      const resolve = (typeResolvers[field] as GraphQLFieldResolver<unknown, GraphQLContext> | undefined) ?? defaultFieldResolver;
      typeResolvers[field] = (parent: unknown, args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) =>
        rule.allows(context.viewer, parent) ? resolve(parent, args as Record<string, unknown>, context, info) : rule.hidden;
    }
    guarded[typeName] = typeResolvers;
  }
  return guarded as Resolvers;
}
