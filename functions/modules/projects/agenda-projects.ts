import type { AgendaProjects } from '../meetings/agenda-projects';
import { isOpen } from './project';
import { meetingNeed } from './project-agenda';
import type { ProjectsRepository } from './projects.repository';

/** The projects module's answer to what the meetings module asks about projects. */
export function agendaProjects(projects: ProjectsRepository): AgendaProjects {
  return {
    exists: async (projectId) => (await projects.get(projectId)) !== undefined,
    async openReviewNumbers(projectIds) {
      const found = await projects.getMany(projectIds);
      return new Map(
        [...found].map(([id, project]) => [id, new Set(project.reviews.filter((review) => isOpen(review)).map((review) => review.number))]),
      );
    },
    async needingMeeting(now) {
      return (await projects.listAll()).flatMap((project) => meetingNeed(project, now) ?? []);
    },
    async names(projectIds) {
      const found = await projects.getMany([...new Set(projectIds)]);
      return new Map([...found].map(([id, project]) => [id, project.name]));
    },
    decisionLogEntry: (projectId, decisions, at) =>
      projects.decisionAppend(
        projectId,
        decisions.map((decision) => ({ ...decision, recordedAt: at.toISOString() })),
        at.toISOString(),
      ),
  };
}
