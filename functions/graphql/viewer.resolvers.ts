import type { Resolvers } from './generated/resolvers-types';

export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_parent, _args, { viewer }) => viewer ?? null,
  },
  Viewer: {
    partner: async (viewer, _args, { loaders }) => (viewer.partnerId ? ((await loaders.partner.load(viewer.partnerId)) ?? null) : null),
  },
};
