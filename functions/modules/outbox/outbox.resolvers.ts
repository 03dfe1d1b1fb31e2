import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { withUserErrors } from '../../graphql/payload';

export const outboxResolvers: Resolvers = {
  Mutation: {
    requeueFailedMail: async (_parent, { input }, { viewer, services }) => {
      const { report, userErrors } = await withUserErrors('report', () =>
        services.outbox.requeueFailedMail(viewer, { since: input.since, kind: input.kind }),
      );
      return { count: report?.requeued ?? 0, userErrors };
    },
  },
};
