import type { DecisionRecord, ProjectRecord, ReviewRecord } from './project';

/**
 * A project's whole log: every consolidation review and every decision, oldest first. Since issue 11
 * each is an item of its own in the project's partition; the project item keeps the latest reviews
 * and a count of the decisions, and items written before keep their lists inline. Pure; the
 * repository reads the partition, this merges it.
 */
export interface ProjectLog {
  reviews: ReviewRecord[];
  decisions: DecisionRecord[];
}

/** Whether the project record holds every review (its first is number 1), so the log need not be read. */
export function holdsEveryReview(project: ProjectRecord): boolean {
  return project.reviews.length === 0 || project.reviews[0].number === 1;
}

/** How many decisions the project's log holds (inline on an older item, and items of their own). */
export function decisionTotal(project: ProjectRecord): number {
  return project.decisions.length + (project.decisionCount ?? 0);
}

/** Whether the project record holds every decision (none is an item of its own yet). */
export function holdsEveryDecision(project: ProjectRecord): boolean {
  return (project.decisionCount ?? 0) === 0;
}

/**
 * Merges the review and decision items of a partition with what the project item holds inline. A
 * review on the project item is written in the same transaction as its own item, so where both
 * exist they agree; an inline review without an item (written before issue 11) counts as it is.
 */
export function mergeProjectLog(project: ProjectRecord, reviewItems: ReviewRecord[], decisionItems: DecisionRecord[]): ProjectLog {
  const reviews = new Map<number, ReviewRecord>();
  for (const review of [...reviewItems, ...project.reviews]) reviews.set(review.number, review);
  const decisions = new Map<string, DecisionRecord>();
  for (const decision of [...project.decisions, ...decisionItems]) decisions.set(decision.id, decision);
  return {
    reviews: [...reviews.values()].sort((a, b) => a.number - b.number),
    // A stable sort: decisions recorded at one moment keep the order they were recorded in.
    decisions: [...decisions.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
  };
}
