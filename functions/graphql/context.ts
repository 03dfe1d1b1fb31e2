import DataLoader from 'dataloader';
import type { AppServices } from '../app/create-app';
import type { BuurtbabbelRecord } from '../modules/buurtbabbels/buurtbabbel';
import type { MeetingRecord } from '../modules/meetings/meeting';
import type { AttendanceSummary } from '../modules/meetings/meeting-minutes';
import type { NeighbourRecord } from '../modules/neighbours/neighbour';
import { recipientKey } from '../shared/recipient-key';
import type { PartnerRecord } from '../modules/partners/partner';
import type { ProjectRecord } from '../modules/projects/project';
import type { ProjectLog } from '../modules/projects/project-log';
import type { Viewer } from '../shared/auth/viewer';

/**
 * Per-request context. The loaders batch every partner (meeting, project) lookup of one request into a
 * single DynamoDB request and cache it for the rest of that request.
 */
export interface GraphQLContext {
  viewer?: Viewer;
  services: AppServices;
  /** The request's Accept-Language header: with the viewer's representative language, the language of the texts it gets (error-language.ts). */
  acceptLanguage?: string;
  loaders: {
    partner: DataLoader<string, PartnerRecord | undefined>;
    meeting: DataLoader<string, MeetingRecord | undefined>;
    neighbour: DataLoader<string, NeighbourRecord | undefined>;
    buurtbabbel: DataLoader<string, BuurtbabbelRecord | undefined>;
    /** Whether an address is on the suppression list (bounced for good), by address. */
    suppressed: DataLoader<string, boolean>;
    project: DataLoader<string, ProjectRecord | undefined>;
    /**
     * A project's whole log (every review and decision): one Query of its partition, made only when
     * a field asks for more than the project item holds (more than its latest reviews, decisions).
     */
    projectLog: DataLoader<string, ProjectLog | undefined>;
    /** A partner's attendance over the held meetings: one read of the meetings for every partner asked. */
    attendance: DataLoader<string, AttendanceSummary>;
  };
}

/** A loader over a repository's getMany: one batch read for the ids asked in the same tick. */
function byId<T>(getMany: (ids: readonly string[]) => Promise<Map<string, T>>): DataLoader<string, T | undefined> {
  return new DataLoader(async (ids) => {
    const found = await getMany(ids);
    return ids.map((id) => found.get(id));
  });
}

export function createContext(services: AppServices, viewer: Viewer | undefined, acceptLanguage?: string): GraphQLContext {
  const { repositories } = services;
  return {
    viewer,
    services,
    acceptLanguage,
    loaders: {
      partner: byId((ids) => repositories.partners.getMany(ids)),
      meeting: byId((ids) => repositories.meetings.getMany(ids)),
      neighbour: byId((ids) => repositories.neighbours.getMany(ids)),
      buurtbabbel: byId((ids) => repositories.buurtbabbels.getMany(ids)),
      suppressed: new DataLoader(async (emails) => {
        const found = await repositories.suppressions.findMany(emails);
        return emails.map((email) => found.has(recipientKey(email)));
      }),
      project: byId((ids) => repositories.projects.getMany(ids)),
      projectLog: new DataLoader(async (ids) => Promise.all(ids.map(async (id) => (await repositories.projects.getWithLog(id))?.log))),
      attendance: new DataLoader(async (partnerIds) => {
        const found = await services.meetings.attendance(viewer, partnerIds);
        return partnerIds.map((id) => found.get(id)!);
      }),
    },
  };
}
