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
}
