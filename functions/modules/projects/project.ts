import { DateTime } from 'luxon';
import type { UserErrorEntry } from '../../shared/errors';
import { LOCAL_TIME_ZONE } from '../../shared/time-zone';
import { checkNonNegative, checkText, compact } from '../../shared/validation';

/**
 * A project of the network as stored, with its intake, lifecycle and consolidation reviews.
 * Pure types and rules; no I/O here.
 */
export type ProjectStatus = 'IDEA' | 'PROPOSED' | 'ACTIVE' | 'CONSOLIDATING' | 'TRANSFERRED' | 'SPUN_OFF' | 'STOPPED';
export type ConsolidationOutcome = 'CONTINUE' | 'TRANSFER_TO_THIRD_PARTY' | 'SPIN_OFF_ENTITY' | 'STOP';
export type IntakeItem = 'PROMOTER' | 'MOTIVATION' | 'ENGAGEMENT' | 'BUSINESS_MODEL_ASSESSMENT' | 'COMMUNITY_GOALS_ASSESSMENT';

/** What one partner commits to one project. */
export interface EngagementRecord {
  projectId: string;
  partnerId: string;
  hoursPerMonth?: number;
  /** Euros per year, compared with the partner's `capacity.eurosPerYear`. */
  euros?: number;
  energyNote?: string;
  engagedAt: string;
  updatedAt: string;
}

/**
 * The copy of an engagement kept on the partner item (keyed by project id), with the project's
 * status: a partner's committed capacity is then a sum over its own item, and a project's view of
 * its partners' capacity needs no read of other projects.
 */
export interface PartnerEngagementEntry extends EngagementRecord {
  projectStatus: ProjectStatus;
}

/** One intake assessment: the meeting's yes or no, with a note. */
export interface AssessmentRecord {
  value: boolean;
  note?: string;
  assessedAt: string;
}

export interface ReviewAnswer {
  outcome: ConsolidationOutcome;
  note?: string;
  /** TRANSFER_TO_THIRD_PARTY: to whom. */
  thirdParty?: string;
  /** SPIN_OFF_ENTITY: the new entity's name. */
  spinOffName?: string;
}

/** A periodic consolidation review; the steps record when each email was decided. */
export interface ReviewRecord {
  /** 1, 2, 3 … within the project. */
  number: number;
  /** The moment the interval counts from (activation, or the confirmation of the previous review). */
  scheduledFrom: string;
  dueAt: string;
  requestedAt?: string;
  reminder1At?: string;
  reminder2At?: string;
  coordinatorToldAt?: string;
  /** When the coordinator heard that none of the promoter's addresses takes mail (suppressed): once per review. */
  promoterUnreachableNoticeAt?: string;
  answeredAt?: string;
  answer?: ReviewAnswer;
  /** Set once the review is on a meeting's agenda, or kept for the next meeting to be scheduled. */
  agendaItemId?: string;
  confirmedAt?: string;
  confirmedAtMeetingId?: string;
  /** What the meeting decided (the answer, or what the meeting chose instead). */
  decision?: ReviewAnswer;
  /** The project left the active statuses before the review was confirmed. */
  cancelledAt?: string;
}

/** A decision about the project, with the meeting it was taken at. */
export interface DecisionRecord {
  id: string;
  meetingId: string;
  text: string;
  recordedAt: string;
  /** The consolidation review this decision confirmed. */
  reviewNumber?: number;
}

export interface ProjectRecord {
  id: string;
  name: string;
  description?: string;
  status: ProjectStatus;
  promoterPartnerId?: string;
  motivation?: string;
  /** Keyed by partner id: one engagement per partner. */
  engagements: Record<string, EngagementRecord>;
  businessModel?: AssessmentRecord;
  communityGoals?: AssessmentRecord;
  reviewIntervalMonths: number;
  reviews: ReviewRecord[];
  decisions: DecisionRecord[];
  transferredTo?: string;
  spinOffPartnerId?: string;
  /** The matrix idea (and its session) this project was promoted from. */
  matrixIdea?: { sessionId: string; ideaId: string };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const defaultReviewIntervalMonths = 3;
export const maxReviewIntervalMonths = 24;
/** A transaction holds at most 100 items; a project's status change writes each engaged partner. */
export const maxEngagementsPerProject = 80;

const statusLabels: Record<ProjectStatus, string> = {
  IDEA: 'idee',
  PROPOSED: 'voorgesteld',
  ACTIVE: 'actief',
  CONSOLIDATING: 'in consolidatie',
  TRANSFERRED: 'overgedragen',
  SPUN_OFF: 'verzelfstandigd',
  STOPPED: 'gestopt',
};

export const outcomeLabels: Record<ConsolidationOutcome, string> = {
  CONTINUE: 'verder zoals nu',
  TRANSFER_TO_THIRD_PARTY: 'overdragen aan een derde partij',
  SPIN_OFF_ENTITY: 'een nieuwe entiteit die partner wordt van de Locon',
  STOP: 'stoppen',
};

const intakeLabels: Record<IntakeItem, string> = {
  PROMOTER: 'een promotor',
  MOTIVATION: 'een motivatie',
  ENGAGEMENT: 'minstens één engagement',
  BUSINESS_MODEL_ASSESSMENT: 'de inschatting van het verdienmodel',
  COMMUNITY_GOALS_ASSESSMENT: 'de inschatting of het past bij de doelen van gemeenschapsvorming',
};

/** Status changes a coordinator may make directly. TRANSFERRED and SPUN_OFF come only from a confirmed review. */
const allowedTransitions: Record<ProjectStatus, readonly ProjectStatus[]> = {
  IDEA: ['PROPOSED', 'STOPPED'],
  PROPOSED: ['IDEA', 'ACTIVE', 'STOPPED'],
  ACTIVE: ['CONSOLIDATING', 'STOPPED'],
  CONSOLIDATING: ['ACTIVE', 'STOPPED'],
  TRANSFERRED: [],
  SPUN_OFF: [],
  STOPPED: [],
};

/** Statuses whose engagements count against a partner's capacity. */
const capacityStatuses: ReadonlySet<ProjectStatus> = new Set(['PROPOSED', 'ACTIVE']);
/** Statuses in which consolidation reviews run. */
const reviewStatuses: ReadonlySet<ProjectStatus> = new Set(['ACTIVE', 'CONSOLIDATING']);
const closedStatuses: ReadonlySet<ProjectStatus> = new Set(['TRANSFERRED', 'SPUN_OFF', 'STOPPED']);

export const countsAgainstCapacity = (status: ProjectStatus) => capacityStatuses.has(status);
export const isClosed = (status: ProjectStatus) => closedStatuses.has(status);

export function statusLabel(status: ProjectStatus): string {
  return statusLabels[status];
}

/** The intake checklist items still open, in the order a meeting goes through them. */
export function openIntakeItems(project: ProjectRecord): IntakeItem[] {
  const open: IntakeItem[] = [];
  if (!project.promoterPartnerId) open.push('PROMOTER');
  if (!project.motivation) open.push('MOTIVATION');
  if (Object.keys(project.engagements).length === 0) open.push('ENGAGEMENT');
  if (!project.businessModel) open.push('BUSINESS_MODEL_ASSESSMENT');
  if (!project.communityGoals) open.push('COMMUNITY_GOALS_ASSESSMENT');
  return open;
}

export function closedProjectError(project: ProjectRecord, field: string[]): UserErrorEntry | undefined {
  if (!isClosed(project.status)) return undefined;
  return { field, code: 'PROJECT_CLOSED', message: `Dit project is ${statusLabel(project.status)}; het kan niet meer veranderen.` };
}

/**
 * Whether a coordinator may move the project to `to`; the refusal's code names the rule.
 * `viaReview` is set when a meeting confirms a consolidation review (the only way to TRANSFERRED
 * or SPUN_OFF).
 */
export function checkStatusChange(project: ProjectRecord, to: ProjectStatus, viaReview = false): UserErrorEntry | undefined {
  const field = ['input', 'status'];
  const from = project.status;
  if (from === to) return { field, code: 'SAME_STATUS', message: `Het project heeft al de status ‘${statusLabel(to)}’.` };
  const closed = closedProjectError(project, field);
  if (closed) return closed;
  if ((to === 'TRANSFERRED' || to === 'SPUN_OFF') && !viaReview) {
    return {
      field,
      code: 'CONFIRM_REVIEW_AT_MEETING',
      message: 'Een project wordt overgedragen of verzelfstandigd door de consolidatiebespreking op een vergadering te bevestigen.',
    };
  }
  const allowed = viaReview ? reviewStatuses.has(from) : allowedTransitions[from].includes(to);
  if (!allowed) {
    return {
      field,
      code: 'TRANSITION_NOT_ALLOWED',
      message: `Een project met de status ‘${statusLabel(from)}’ kan niet naar ‘${statusLabel(to)}’.`,
    };
  }
  if (to === 'ACTIVE' && from === 'PROPOSED') {
    const open = openIntakeItems(project);
    if (open.length > 0) {
      return {
        field,
        code: 'INTAKE_INCOMPLETE',
        message: `Een project wordt pas actief als de intake rond is. Nog open: ${open.map((item) => intakeLabels[item]).join(', ')}.`,
      };
    }
  }
  return undefined;
}

/**
 * The project in its new status: becoming ACTIVE schedules a review when none is open; leaving the
 * review statuses cancels the open one (a confirmation closes it first).
 */
export function withStatus(project: ProjectRecord, status: ProjectStatus, now: Date): ProjectRecord {
  let next: ProjectRecord = { ...project, status };
  if (reviewStatuses.has(status) && !openReview(next)) next = withNewReview(next, now);
  if (!reviewStatuses.has(status)) {
    next = { ...next, reviews: next.reviews.map((review) => (isOpen(review) ? { ...review, cancelledAt: now.toISOString() } : review)) };
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Field checks

export interface ProjectFieldsInput {
  name?: string | null;
  description?: string | null;
  motivation?: string | null;
  reviewIntervalMonths?: number | null;
}

export function validateProjectFields(input: ProjectFieldsInput, required: boolean): UserErrorEntry[] {
  const errors: (UserErrorEntry | undefined)[] = [];
  if (required || input.name != null) errors.push(checkText(input.name ?? '', ['input', 'name'], 'De naam', 120));
  if (required || input.motivation != null) errors.push(checkText(input.motivation ?? '', ['input', 'motivation'], 'De motivatie', 4000));
  if (input.description != null && input.description.length > 4000) {
    errors.push({ field: ['input', 'description'], code: 'TOO_LONG', message: 'De beschrijving mag hoogstens 4000 tekens lang zijn.' });
  }
  const interval = input.reviewIntervalMonths;
  if (interval != null && (!Number.isInteger(interval) || interval < 1 || interval > maxReviewIntervalMonths)) {
    errors.push({
      field: ['input', 'reviewIntervalMonths'],
      code: 'INVALID_INTERVAL',
      message: `Een consolidatiebespreking komt om de 1 tot ${maxReviewIntervalMonths} maanden.`,
    });
  }
  return compact(errors);
}

export function validateEngagement(input: {
  hoursPerMonth?: number | null;
  euros?: number | null;
  energyNote?: string | null;
}): UserErrorEntry[] {
  const errors = compact([
    checkNonNegative(input.hoursPerMonth, ['input', 'hoursPerMonth'], 'Het aantal uren per maand'),
    checkNonNegative(input.euros, ['input', 'euros'], 'Het bedrag'),
    input.energyNote != null && input.energyNote.length > 1000
      ? { field: ['input', 'energyNote'], code: 'TOO_LONG', message: 'De notitie over energie mag hoogstens 1000 tekens lang zijn.' }
      : undefined,
  ]);
  // An engagement commits something: it is what the intake checklist and the capacity sums count.
  const commitsSomething = (input.hoursPerMonth ?? 0) > 0 || (input.euros ?? 0) > 0 || optionalText(input.energyNote) !== undefined;
  if (errors.length === 0 && !commitsSomething) {
    errors.push({
      field: ['input'],
      code: 'EMPTY_ENGAGEMENT',
      message: 'Een engagement vermeldt uren per maand, een bedrag of een notitie over de energie die de partner kan geven.',
    });
  }
  return errors;
}

/** Trimmed text, or undefined when empty. */
export function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

// ---------------------------------------------------------------------------------------------
// Consolidation reviews

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

/** Start of the (Brussels) day `days` days or `months` months after `from`, so a daily run at 08:00 finds it due that day. */
export function startOfDayAfter(from: string | Date, offset: { days?: number; months?: number }): Date {
  const start =
    typeof from === 'string' ? DateTime.fromISO(from, { zone: LOCAL_TIME_ZONE }) : DateTime.fromJSDate(from, { zone: LOCAL_TIME_ZONE });
  return start.plus(offset).startOf('day').toJSDate();
}

export function isOpen(review: ReviewRecord): boolean {
  return !review.confirmedAt && !review.cancelledAt;
}

/** The review not yet confirmed or cancelled (at most one). */
export function openReview(project: ProjectRecord): ReviewRecord | undefined {
  const last = project.reviews[project.reviews.length - 1];
  return last && isOpen(last) ? last : undefined;
}

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

/** Appends a review due `reviewIntervalMonths` after `from`. */
export function withNewReview(project: ProjectRecord, from: Date): ProjectRecord {
  const review: ReviewRecord = {
    number: project.reviews.length + 1,
    scheduledFrom: from.toISOString(),
    dueAt: startOfDayAfter(from, { months: project.reviewIntervalMonths }).toISOString(),
  };
  return { ...project, reviews: [...project.reviews, review] };
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
  if (!reviewStatuses.has(project.status)) return undefined;
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
  return `Consolidatie bevestigd: ${outcomeLabels[answer.outcome]}${detail}.${note}`;
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
 * A meeting confirms a review: the review closes with the decision, the decision goes into the
 * log, and the project follows the outcome (CONTINUE schedules the next review).
 */
export function withConfirmedReview(
  project: ProjectRecord,
  input: { number: number; decision: ReviewAnswer; meetingId: string; decisionId: string; spinOffPartnerId?: string },
  now: Date,
): ProjectRecord {
  const at = now.toISOString();
  let next = withReviewChange(project, input.number, { confirmedAt: at, confirmedAtMeetingId: input.meetingId, decision: input.decision });
  next = {
    ...next,
    decisions: [
      ...next.decisions,
      {
        id: input.decisionId,
        meetingId: input.meetingId,
        text: describeDecision(input.decision),
        recordedAt: at,
        reviewNumber: input.number,
      },
    ],
  };
  if (input.decision.outcome === 'TRANSFER_TO_THIRD_PARTY') next.transferredTo = input.decision.thirdParty;
  if (input.decision.outcome === 'SPIN_OFF_ENTITY') next.spinOffPartnerId = input.spinOffPartnerId;
  return withStatus(next, statusAfter(input.decision.outcome), now);
}

/** Whether the open review `number` can still be answered or confirmed. */
export function checkReviewOpen(
  project: ProjectRecord,
  number: number,
  field: string[],
): { review?: ReviewRecord; error?: UserErrorEntry } {
  const review = project.reviews.find((candidate) => candidate.number === number);
  if (!review) return { error: { field, code: 'NOT_FOUND', message: 'Deze consolidatiebespreking bestaat niet.' } };
  if (review.confirmedAt)
    return { error: { field, code: 'REVIEW_CONFIRMED', message: 'Deze consolidatiebespreking is al op een vergadering bevestigd.' } };
  if (review.cancelledAt || !reviewStatuses.has(project.status)) {
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
