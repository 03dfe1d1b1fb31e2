import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { toConnection, withUserErrors } from '../../graphql/payload';
import { pageSize } from '../../shared/dynamodb/cursor';
import { languageEnum, languageOr } from '../../shared/i18n/language';

export const partnersResolvers: Resolvers = {
  Query: {
    partners: async (_parent, args, { viewer, services, loaders }) => {
      const page = await services.partners.list(viewer, pageSize(args.first), args.after ?? undefined);
      for (const partner of page.items) loaders.partner.prime(partner.id, partner);
      return toConnection(page);
    },
    partner: async (_parent, args, { viewer, services }) => (await services.partners.get(viewer, args.id)) ?? null,
  },
  Mutation: {
    createPartner: (_parent, { input }, { viewer, services }) => withUserErrors('partner', () => services.partners.create(viewer, input)),
    updatePartner: (_parent, { input }, { viewer, services }) => withUserErrors('partner', () => services.partners.update(viewer, input)),
    archivePartner: (_parent, { input }, { viewer, services }) => withUserErrors('partner', () => services.partners.archive(viewer, input)),
  },
  Partner: {
    archivedAt: (partner) => (partner.archivedAt ? new Date(partner.archivedAt) : null),
    capacity: ({ capacity }) =>
      capacity ? { hoursPerMonth: capacity.hoursPerMonth ?? null, eurosPerYear: capacity.eurosPerYear ?? null } : null,
  },
  Representative: {
    // Stored as nl/en, absent on representatives from before languages (Dutch).
    language: (rep) => languageEnum(languageOr(rep.language)),
  },
};
