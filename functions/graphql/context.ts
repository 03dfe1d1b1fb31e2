import DataLoader from 'dataloader';
import type { AppServices } from '../app/create-app';
import type { MeetingRecord } from '../modules/meetings/meeting';
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
      project: new DataLoader(async (ids) => {
        const found = await services.repositories.projects.getMany(ids);
        return ids.map((id) => found.get(id));
      }),
    },
  };
}
