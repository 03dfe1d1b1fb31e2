import type { AgendaItemRecord } from '../meetings/meeting';
import { intakeLabel, openIntakeItems, openReview, runsReviews, type ProjectRecord, type ReviewRecord } from './project';

/**
 * Which projects need the next meeting, and the agenda item that brings each there (pure): a
 * PROPOSED project (its intake incomplete, or complete and the start to be decided), and an active
 * project whose consolidation review is answered or overdue. Item ids are fixed per project (and
 * review), so placing the same need twice finds it already there.
 */
export function reviewAgendaItem(project: ProjectRecord, review: ReviewRecord, why: 'answered' | 'unanswered'): AgendaItemRecord {
  return {
    id: `review.${project.id}.${review.number}`,
    title:
      why === 'answered'
        ? `Consolidatiebespreking van ${project.name}: het antwoord van de promotor bevestigen`
        : `Consolidatiebespreking van ${project.name}: geen antwoord van de promotor, samen beslissen`,
    projectId: project.id,
    reviewNumber: review.number,
  };
}

/** The fixed id of a project's automatic intake item (a PROPOSED project's intake or start decision). */
export const intakeItemId = (projectId: string) => `project.${projectId}.intake`;

/** A PROPOSED project's intake item: what is still open, or that the start is to be decided; none in any other status. */
export function intakeAgendaItem(project: ProjectRecord): AgendaItemRecord | undefined {
  if (project.status !== 'PROPOSED') return undefined;
  const open = openIntakeItems(project);
  return {
    id: intakeItemId(project.id),
    kind: 'PROJECT',
    title:
      open.length > 0
        ? `Intake van ${project.name}: nog open: ${open.map(intakeLabel).join(', ')}`
        : `${project.name}: de intake is rond, beslissen over de start`,
    projectId: project.id,
  };
}

export function meetingNeed(project: ProjectRecord, now: Date): AgendaItemRecord | undefined {
  const intake = intakeAgendaItem(project);
  if (intake) return intake;
  const review = runsReviews(project.status) ? openReview(project) : undefined;
  if (!review) return undefined;
  if (review.answeredAt) return reviewAgendaItem(project, review, 'answered');
  if (new Date(review.dueAt).getTime() <= now.getTime()) return reviewAgendaItem(project, review, 'unanswered');
  return undefined;
}
