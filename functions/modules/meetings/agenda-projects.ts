import type { TransactItem } from '../../shared/dynamodb/transaction';
import type { AgendaItemRecord } from './meeting';

/**
 * What the meetings module asks about projects. The projects module implements it
 * (projects/agenda-projects.ts) and the composition root wires it in, so meetings does not
 * import projects (projects imports meetings, to place reviews on an agenda).
 */
export interface AgendaProjects {
  /** Whether a project with this id exists. */
  exists(projectId: string): Promise<boolean>;
  /** Per project id found, the numbers of its consolidation reviews still open (not confirmed or cancelled). */
  openReviewNumbers(projectIds: string[]): Promise<Map<string, Set<number>>>;
  /**
   * The PROJECT items of the projects that need the next meeting (intake incomplete, a decision
   * pending, a review answered or overdue at `now`); each item's id is fixed per need.
   */
  needingMeeting(now: Date): Promise<AgendaItemRecord[]>;
  /** The names of the projects found among `projectIds` (one batched read). */
  names(projectIds: string[]): Promise<Map<string, string>>;
  /**
   * The transaction entries that add decisions taken at a meeting to one project's decision log (the
   * projects module's one way of logging a decision: one item per decision and the project's count);
   * the caller writes them with its own change.
   */
  decisionLogEntry(projectId: string, decisions: { id: string; meetingId: string; text: string }[], at: Date): TransactItem[];
}
