import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { toConnection, withUserErrors } from '../../graphql/payload';
import { pageSize } from '../../shared/dynamodb/cursor';

export const buurtbabbelsResolvers: Resolvers = {
  Query: {
    buurtbabbels: async (_parent, args, { viewer, services }) =>
      toConnection(await services.buurtbabbels.list(viewer, args.from ?? undefined, pageSize(args.first), args.after ?? undefined)),
    buurtbabbel: async (_parent, args, { viewer, services }) => (await services.buurtbabbels.get(viewer, args.id)) ?? null,
  },
  Mutation: {
    scheduleBuurtbabbel: (_parent, { input }, { viewer, services }) =>
      withUserErrors('buurtbabbel', () => services.buurtbabbels.schedule(viewer, input)),
    cancelBuurtbabbel: (_parent, { input }, { viewer, services }) =>
      withUserErrors('buurtbabbel', () => services.buurtbabbels.cancel(viewer, input)),
    recordBuurtbabbelAttendance: (_parent, { input }, { viewer, services }) =>
      withUserErrors('buurtbabbel', () => services.buurtbabbels.recordAttendance(viewer, input)),
  },
  Buurtbabbel: {
    host: async (buurtbabbel, _args, { loaders }) =>
      buurtbabbel.hostPartnerId ? ((await loaders.partner.load(buurtbabbel.hostPartnerId)) ?? null) : null,
    maxGuests: (buurtbabbel) => buurtbabbel.maxGuests ?? null,
    invitationsSentAt: (buurtbabbel) => buurtbabbel.invitationsSentAt ?? null,
    remindersSentAt: (buurtbabbel) => buurtbabbel.remindersSentAt ?? null,
    cancelReason: (buurtbabbel) => buurtbabbel.cancelReason ?? null,
    invitedCount: (buurtbabbel) => buurtbabbel.counts.invited,
    acceptedCount: (buurtbabbel) => buurtbabbel.counts.accepted,
    declinedCount: (buurtbabbel) => buurtbabbel.counts.declined,
    maybeCount: (buurtbabbel) => buurtbabbel.counts.maybe,
    waitingCount: (buurtbabbel) => buurtbabbel.counts.waiting,
    attendedCount: (buurtbabbel) => buurtbabbel.counts.attended,
    guests: async (buurtbabbel, _args, { viewer, services, loaders }) => {
      loaders.buurtbabbel.prime(buurtbabbel.id, buurtbabbel);
      return services.buurtbabbels.guests(viewer, buurtbabbel.id);
    },
  },
  BuurtbabbelGuest: {
    buurtbabbel: async (guest, _args, { loaders }) => {
      const buurtbabbel = await loaders.buurtbabbel.load(guest.buurtbabbelId);
      if (!buurtbabbel) throw new Error(`buurtbabbel ${guest.buurtbabbelId} of a guest is missing`);
      return buurtbabbel;
    },
    neighbour: async (guest, _args, { loaders }) => {
      const neighbour = await loaders.neighbour.load(guest.neighbourId);
      if (!neighbour) throw new Error(`neighbour ${guest.neighbourId} of a guest is missing`);
      return neighbour;
    },
    status: (guest) => guest.status ?? null,
    answeredAt: (guest) => guest.answeredAt ?? null,
    waitingListPosition: async (guest, _args, { loaders }) => {
      if (guest.status !== 'WAITING') return null;
      const index = (await loaders.buurtbabbel.load(guest.buurtbabbelId))?.waitingList.indexOf(guest.neighbourId) ?? -1;
      return index >= 0 ? index + 1 : null;
    },
  },
};
