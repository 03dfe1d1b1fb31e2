import type { ProjectRecord, ReviewRecord } from './project';
import type { ProjectsRepository } from './projects.repository';

/**
 * What the page behind a consolidation-review link reads. The link's token, checked by the page,
 * is the permission; answering goes through ProjectsService.answerReviewByLink.
 */
export class ReviewLinksService {
  constructor(private readonly projects: ProjectsRepository) {}

  /** The review a link names, with its project; undefined when either is gone. */
  async getForAnswerLink(projectId: string, reviewNumber: number): Promise<{ project: ProjectRecord; review: ReviewRecord } | undefined> {
    const project = await this.projects.get(projectId);
    const review = project?.reviews.find((candidate) => candidate.number === reviewNumber);
    return project && review ? { project, review } : undefined;
  }
}
