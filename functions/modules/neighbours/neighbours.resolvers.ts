import { callerLanguage } from '../../graphql/error-language';
import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { toConnection, withUserErrors } from '../../graphql/payload';
import { pageSize } from '../../shared/dynamodb/cursor';
import { languageEnum } from '../../shared/i18n/language';
import { neighbourLanguage } from './neighbour';
import { refusalIn } from './neighbour-csv';

export const neighboursResolvers: Resolvers = {
  Query: {
    neighbours: async (_parent, args, { viewer, services, loaders }) => {
      const page = await services.neighbours.list(viewer, pageSize(args.first), args.after ?? undefined);
      for (const neighbour of page.items) loaders.neighbour.prime(neighbour.id, neighbour);
      return toConnection(page);
    },
    neighbour: async (_parent, args, { viewer, services }) => (await services.neighbours.get(viewer, args.id)) ?? null,
    neighbourByEmail: async (_parent, args, { viewer, services }) => (await services.neighbours.getByEmail(viewer, args.email)) ?? null,
  },
  Mutation: {
    addNeighbour: async (_parent, { input }, { viewer, services }) => {
      const result = await withUserErrors('neighbour', () => services.neighbours.add(viewer, input));
      return { ...result, neighbourId: result.neighbour?.id ?? null };
    },
    importNeighbours: async (_parent, { csv }, context) => {
      const { report, userErrors } = await withUserErrors('report', () => context.services.neighbours.importCsv(context.viewer, csv));
      // Each line's reason in the caller's language (its values, e.g. the cell, are only here).
      const language = report && report.refused.length > 0 ? await callerLanguage(context) : 'nl';
      return {
        imported: report?.imported ?? 0,
        consentDefaulted: report?.consentDefaulted ?? 0,
        refused:
          report?.refused.map((r) => ({ line: r.line, email: r.email ?? null, code: r.code, message: refusalIn(language, r) })) ?? [],
        userErrors,
      };
    },
    optOutNeighbour: async (_parent, { id }, { viewer, services }) => {
      const result = await withUserErrors('neighbour', () => services.neighbours.optOutByCoordinator(viewer, id));
      return { ...result, neighbourId: result.neighbour?.id ?? null };
    },
    optInNeighbour: async (_parent, { id }, { viewer, services }) => {
      const result = await withUserErrors('neighbour', () => services.neighbours.optIn(viewer, id));
      return { ...result, neighbourId: result.neighbour?.id ?? null };
    },
    convertNeighbourToPartner: async (_parent, { input }, { viewer, services }) => {
      const result = await withUserErrors('converted', () => services.neighbours.convertToPartner(viewer, input));
      return { partner: result.converted?.partner ?? null, neighbour: result.converted?.neighbour ?? null, userErrors: result.userErrors };
    },
  },
  Neighbour: {
    contactName: (neighbour) => neighbour.contactName ?? null,
    source: (neighbour) => neighbour.source ?? null,
    consentBasis: (neighbour) => neighbour.consent.basis,
    consentGivenAt: (neighbour) => neighbour.consent.at,
    language: (neighbour) => languageEnum(neighbourLanguage(neighbour)),
    optedOutAt: (neighbour) => neighbour.optedOutAt ?? null,
    bouncing: (neighbour, _args, { loaders }) => loaders.suppressed.load(neighbour.email),
    partner: async (neighbour, _args, { loaders }) =>
      neighbour.partnerId ? ((await loaders.partner.load(neighbour.partnerId)) ?? null) : null,
    buurtbabbels: (neighbour, _args, { viewer, services }) => services.buurtbabbels.history(viewer, neighbour.id),
  },
  Partner: {
    // Personal data of a former contact: shown to coordinators only, null for everyone else.
    formerNeighbour: async (partner, _args, { viewer, loaders }) =>
      partner.formerNeighbourId && viewer?.role === 'COORDINATOR'
        ? ((await loaders.neighbour.load(partner.formerNeighbourId)) ?? null)
        : null,
  },
};
