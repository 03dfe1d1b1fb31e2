import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { withUserErrors } from '../../graphql/payload';

export const personalDataResolvers: Resolvers = {
  Query: {
    personalData: async (_parent, args, { viewer, services }) => JSON.stringify(await services.personalData.report(viewer, args.email)),
  },
  Mutation: {
    erasePerson: async (_parent, { input }, { viewer, services }) => {
      const { report, userErrors } = await withUserErrors('report', () => services.personalData.erase(viewer, input.email));
      return { erased: report?.erased ?? false, userErrors };
    },
  },
};
