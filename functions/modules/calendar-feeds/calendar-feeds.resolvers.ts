import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { withUserErrors } from '../../graphql/payload';

export const calendarFeedsResolvers: Resolvers = {
  Mutation: {
    createCalendarFeed: (_parent, _args, { viewer, services }) => withUserErrors('url', () => services.calendarFeeds.create(viewer)),
    revokeCalendarFeed: async (_parent, _args, { viewer, services }) => {
      const result = await withUserErrors('revoked', () => services.calendarFeeds.revoke(viewer));
      return { revoked: result.revoked ?? false, userErrors: result.userErrors };
    },
    revokeCalendarFeedsOf: async (_parent, { input }, { viewer, services }) => {
      const result = await withUserErrors('revoked', () => services.calendarFeeds.revokeFor(viewer, input.email));
      return { revoked: result.revoked ?? false, userErrors: result.userErrors };
    },
  },
};
