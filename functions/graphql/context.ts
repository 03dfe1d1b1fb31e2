import DataLoader from 'dataloader';
import type { AppServices } from '../app/create-app';
import type { BuurtbabbelRecord } from '../modules/buurtbabbels/buurtbabbel';
import type { MeetingRecord } from '../modules/meetings/meeting';
import type { NeighbourRecord } from '../modules/neighbours/neighbour';
import { recipientKey } from '../modules/outbox/outbox';
import type { PartnerRecord } from '../modules/partners/partner';
import type { ProjectRecord } from '../modules/projects/project';
import type { Viewer } from '../shared/auth/viewer';

/**
 * Per-request context. The loaders batch every partner (meeting, project) lookup of one request into a
 * single DynamoDB request and cache it for the rest of that request.
 */
export interface GraphQLContext {
  viewer?: Viewer;
  services: AppServices;
  loaders: {
    partner: DataLoader<string, PartnerRecord | undefined>;
    meeting: DataLoader<string, MeetingRecord | undefined>;
    neighbour: DataLoader<string, NeighbourRecord | undefined>;
    buurtbabbel: DataLoader<string, BuurtbabbelRecord | undefined>;
    /** Whether an address is on the suppression list (bounced for good), by address. */
    suppressed: DataLoader<string, boolean>;
    project: DataLoader<string, ProjectRecord | undefined>;
  };
}

export function createContext(services: AppServices, viewer: Viewer | undefined): GraphQLContext {
  return {
    viewer,
    services,
    loaders: {
      partner: new DataLoader(async (ids) => {
        const found = await services.repositories.partners.getMany(ids);
        return ids.map((id) => found.get(id));
      }),
      meeting: new DataLoader(async (ids) => {
        const found = await services.repositories.meetings.getMany(ids);
        return ids.map((id) => found.get(id));
      }),
      neighbour: new DataLoader(async (ids) => {
        const found = await services.repositories.neighbours.getMany(ids);
        return ids.map((id) => found.get(id));
      }),
      buurtbabbel: new DataLoader(async (ids) => {
        const found = await services.repositories.buurtbabbels.getMany(ids);
        return ids.map((id) => found.get(id));
      }),
      suppressed: new DataLoader(async (emails) => {
        const found = await services.repositories.suppressions.findMany(emails);
        return emails.map((email) => found.has(recipientKey(email)));
      }),
      project: new DataLoader(async (ids) => {
        const found = await services.repositories.projects.getMany(ids);
        return ids.map((id) => found.get(id));
      }),
    },
  };
}
