import type { UserErrorEntry } from '../../shared/errors';
import { checkText } from '../../shared/validation';
import {
  optionalText,
  runsReviews,
  startOfDayAfter,
  statusLabel,
  withStatus,
  openReview,
  type ConsolidationOutcome,
  type DecisionRecord,
  type ProjectRecord,
  type ProjectStatus,
  type ReviewAnswer,
  type ReviewRecord,
} from './project';

/**
 * The periodic consolidation review of an active project: the emails the job sends step by step,
 * the promoter's answer, and the meeting that confirms it (and moves the project accordingly).
 * Pure rules; no I/O here.
 */
export type ReviewStep = 'request' | 'reminder1' | 'reminder2' | 'coordinator';
export type ReviewStatus = 'SCHEDULED' | 'REQUESTED' | 'REMINDED' | 'COORDINATOR_TOLD' | 'ANSWERED' | 'CONFIRMED' | 'CANCELLED';

/** Days after the request at which each later step falls due (calendar days, Brussels time). */
export const reviewStepDays: Record<Exclude<ReviewStep, 'request'>, number> = { reminder1: 7, reminder2: 14, coordinator: 21 };

const stepField: Record<ReviewStep, 'requestedAt' | 'reminder1At' | 'reminder2At' | 'coordinatorToldAt'> = {
  request: 'requestedAt',
  reminder1: 'reminder1At',
  reminder2: 'reminder2At',
  coordinator: 'coordinatorToldAt',
};

export const outcomeLabels: Record<ConsolidationOutcome, string> = {
  CONTINUE: 'verder zoals nu',
  TRANSFER_TO_THIRD_PARTY: 'overdragen aan een derde partij',
  SPIN_OFF_ENTITY: 'een nieuwe entiteit die partner wordt van de Locon',
  STOP: 'stoppen',
};

export function reviewStatus(review: ReviewRecord): ReviewStatus {
  if (review.confirmedAt) return 'CONFIRMED';
  if (review.cancelledAt) return 'CANCELLED';
  if (review.answeredAt) return 'ANSWERED';
  if (review.coordinatorToldAt) return 'COORDINATOR_TOLD';
  if (review.reminder1At) return 'REMINDED';
  if (review.requestedAt) return 'REQUESTED';
  return 'SCHEDULED';
}

export function remindersSent(review: ReviewRecord): number {
  return (review.reminder1At ? 1 : 0) + (review.reminder2At ? 1 : 0);
}

/** A new interval moves the due date of a review not yet requested. */
export function withReviewInterval(project: ProjectRecord, months: number): ProjectRecord {
  const open = openReview(project);
  const reviews =
    open && !open.requestedAt && !open.answeredAt
      ? project.reviews.map((review) =>
          review === open ? { ...review, dueAt: startOfDayAfter(review.scheduledFrom, { months }).toISOString() } : review,
        )
      : project.reviews;
  return { ...project, reviewIntervalMonths: months, reviews };
}

/**
 * The next email step of the open review and when it falls due; nothing once it is answered,
 * once the coordinator was told, or when the project is not in a review status.
 */
export function nextReviewStep(project: ProjectRecord): { review: ReviewRecord; step: ReviewStep; at: Date } | undefined {
  if (!runsReviews(project.status)) return undefined;
  const review = openReview(project);
  if (!review || review.answeredAt) return undefined;
  if (!review.requestedAt) return { review, step: 'request', at: new Date(review.dueAt) };
  for (const step of ['reminder1', 'reminder2', 'coordinator'] as const) {
    if (!review[stepField[step]]) return { review, step, at: startOfDayAfter(review.requestedAt, { days: reviewStepDays[step] }) };
  }
  return undefined;
}

export function withReviewChange(project: ProjectRecord, number: number, change: Partial<ReviewRecord>): ProjectRecord {
  return { ...project, reviews: project.reviews.map((review) => (review.number === number ? { ...review, ...change } : review)) };
}

export function withReviewStep(project: ProjectRecord, number: number, step: ReviewStep, now: Date): ProjectRecord {
  return withReviewChange(project, number, { [stepField[step]]: now.toISOString() });
}

/** Review ids are `<project id>:<number>`: opaque to clients, and enough to find the project. */
export function reviewId(projectId: string, number: number): string {
  return `${projectId}:${number}`;
}

export function parseReviewId(id: string): { projectId: string; number: number } | undefined {
  const at = id.lastIndexOf(':');
  const number = Number(id.slice(at + 1));
  if (at <= 0 || !Number.isInteger(number) || number < 1) return undefined;
  return { projectId: id.slice(0, at), number };
}

export interface ReviewAnswerInput {
  outcome: ConsolidationOutcome;
  note?: string | null;
  thirdParty?: string | null;
  spinOffName?: string | null;
}

/** Checks an answer (or a meeting's decision) and returns it cleaned: only the fields its outcome uses. */
export function validateReviewAnswer(input: ReviewAnswerInput): { answer?: ReviewAnswer; errors: UserErrorEntry[] } {
  const errors: UserErrorEntry[] = [];
  const note = optionalText(input.note);
  if (note && note.length > 4000)
    errors.push({ field: ['input', 'note'], code: 'TOO_LONG', message: 'De toelichting mag hoogstens 4000 tekens lang zijn.' });
  const answer: ReviewAnswer = { outcome: input.outcome, ...(note ? { note } : {}) };
  if (input.outcome === 'TRANSFER_TO_THIRD_PARTY') {
    const error = checkText(input.thirdParty ?? '', ['input', 'thirdParty'], 'De derde partij', 200);
    if (error)
      errors.push(
        error.code === 'REQUIRED'
          ? { ...error, code: 'THIRD_PARTY_REQUIRED', message: 'Zeg aan wie het project wordt overgedragen.' }
          : error,
      );
    else answer.thirdParty = input.thirdParty!.trim();
  }
  if (input.outcome === 'SPIN_OFF_ENTITY') {
    const error = checkText(input.spinOffName ?? '', ['input', 'spinOffName'], 'De naam van de nieuwe entiteit', 120);
    if (error)
      errors.push(
        error.code === 'REQUIRED' ? { ...error, code: 'SPIN_OFF_NAME_REQUIRED', message: 'Geef de naam van de nieuwe entiteit.' } : error,
      );
    else answer.spinOffName = input.spinOffName!.trim();
  }
  return errors.length > 0 ? { errors } : { answer, errors };
}

/** A short Dutch line for the decision log. */
export function describeDecision(answer: ReviewAnswer): string {
  const detail =
    answer.outcome === 'TRANSFER_TO_THIRD_PARTY'
      ? ` (${answer.thirdParty})`
      : answer.outcome === 'SPIN_OFF_ENTITY'
        ? ` (${answer.spinOffName})`
        : '';
  const note = answer.note ? ` ${answer.note}` : '';
  return `Consolidatiebespreking bevestigd: ${outcomeLabels[answer.outcome]}${detail}.${note}`;
}

/** The status a confirmed outcome leads to. */
export function statusAfter(outcome: ConsolidationOutcome): ProjectStatus {
  switch (outcome) {
    case 'CONTINUE':
      return 'ACTIVE';
    case 'TRANSFER_TO_THIRD_PARTY':
      return 'TRANSFERRED';
    case 'SPIN_OFF_ENTITY':
      return 'SPUN_OFF';
    case 'STOP':
      return 'STOPPED';
  }
}

/**
 * A meeting confirms a review: the review closes with the decision, the project follows the outcome
 * (CONTINUE schedules the next review), and the decision goes into the log: returned, to be written
 * as an item of its own with the project (which counts it in `decisionCount`).
 */
export function withConfirmedReview(
  project: ProjectRecord,
  input: { number: number; decision: ReviewAnswer; meetingId: string; decisionId: string; spinOffPartnerId?: string },
  now: Date,
): { project: ProjectRecord; decision: DecisionRecord } {
  const at = now.toISOString();
  let next = withReviewChange(project, input.number, { confirmedAt: at, confirmedAtMeetingId: input.meetingId, decision: input.decision });
  next = { ...next, decisionCount: (next.decisionCount ?? 0) + 1 };
  if (input.decision.outcome === 'TRANSFER_TO_THIRD_PARTY') next.transferredTo = input.decision.thirdParty;
  if (input.decision.outcome === 'SPIN_OFF_ENTITY') next.spinOffPartnerId = input.spinOffPartnerId;
  const decision: DecisionRecord = {
    id: input.decisionId,
    meetingId: input.meetingId,
    text: describeDecision(input.decision),
    recordedAt: at,
    reviewNumber: input.number,
  };
  return { project: withStatus(next, statusAfter(input.decision.outcome), now), decision };
}

/** Whether the open review `number` can still be answered or confirmed. */
export function checkReviewOpen(
  project: ProjectRecord,
  number: number,
  field: string[],
): { review?: ReviewRecord; error?: UserErrorEntry } {
  const review = project.reviews.find((candidate) => candidate.number === number);
  // Reviews older than those the project item keeps are closed (only the last one can be open).
  const older = project.reviews.length > 0 && number >= 1 && number < project.reviews[0].number;
  if (!review && older) return { error: { field, code: 'REVIEW_CLOSED', message: 'Deze consolidatiebespreking is afgesloten.' } };
  if (!review) return { error: { field, code: 'NOT_FOUND', message: 'Deze consolidatiebespreking bestaat niet.' } };
  if (review.confirmedAt)
    return { error: { field, code: 'REVIEW_CONFIRMED', message: 'Deze consolidatiebespreking is al op een vergadering bevestigd.' } };
  if (review.cancelledAt || !runsReviews(project.status)) {
    return {
      error: {
        field,
        code: 'REVIEW_CANCELLED',
        message: `Deze consolidatiebespreking loopt niet meer: het project is ${statusLabel(project.status)}.`,
      },
    };
  }
  return { review };
}
