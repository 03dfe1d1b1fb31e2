import { DateTime } from 'luxon';
import type { UserErrorEntry } from '../../shared/errors';
import { LOCAL_TIME_ZONE } from '../../shared/time-zone';
import type { MeetingRecord } from '../meetings/meeting';
import { checkNonNegative, checkText, compact } from '../../shared/validation';
import type { EngagementRecord, PartnerEngagementEntry, ProjectStatus } from '../partners/engagement';

// The engagement shapes live with the partners module (it keeps a copy on each partner item),
// so that module does not import from this one; projects code keeps importing them from here.
export type { EngagementRecord, PartnerEngagementEntry, ProjectStatus };

/**
 * A project of the network as stored (with its consolidation reviews), and the rules of its intake
 * and lifecycle. The review flow's rules are in consolidation-review.ts. Pure; no I/O here.
 */
export type ConsolidationOutcome = 'CONTINUE' | 'TRANSFER_TO_THIRD_PARTY' | 'SPIN_OFF_ENTITY' | 'STOP';
export type IntakeItem = 'PROMOTER' | 'MOTIVATION' | 'ENGAGEMENT' | 'BUSINESS_MODEL_ASSESSMENT' | 'COMMUNITY_GOALS_ASSESSMENT';

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
  /**
   * The latest reviews, oldest first: on the stored item at most `reviewsOnProject` (each review is
   * also an item of its own; project-log.ts reads them all). An item written before that holds all.
   */
  reviews: ReviewRecord[];
  /** Decisions kept on the item by versions before issue 11: still read and merged, never written again. */
  decisions: DecisionRecord[];
  /** How many decisions are items of their own (beside `decisions`); absent on items written before. */
  decisionCount?: number;
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
/**
 * How many of the latest reviews the project item keeps (the open one is always the last): the
 * common reads (the open review, the recent ones in a list) need no other request, and the item
 * stays small however many reviews a project has had.
 */
export const reviewsOnProject = 5;
/**
 * What a project item may hold besides its reviews and decisions (docs/data-model.md, "Item
 * sizes"). `engagements`: a transaction holds at most 100 items and a project's status change
 * writes each engaged partner; with notes of `energyNote` characters the engagements take at most
 * about a third of the 400 KB item limit.
 */
export const projectCaps = {
  engagements: 80,
  energyNote: 500,
  text: 4000,
  assessmentNote: 2000,
} as const;

const statusLabels: Record<ProjectStatus, string> = {
  IDEA: 'idee',
  PROPOSED: 'voorgesteld',
  ACTIVE: 'actief',
  CONSOLIDATING: 'in consolidatie',
  TRANSFERRED: 'overgedragen',
  SPUN_OFF: 'verzelfstandigd',
  STOPPED: 'gestopt',
};

const intakeLabels: Record<IntakeItem, string> = {
  PROMOTER: 'een promotor',
  MOTIVATION: 'een motivatie',
  ENGAGEMENT: 'minstens één engagement',
  BUSINESS_MODEL_ASSESSMENT: 'de inschatting van het businessmodel',
  COMMUNITY_GOALS_ASSESSMENT: 'de inschatting of het past bij de doelen van gemeenschapsvorming via cocreatie',
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
export const runsReviews = (status: ProjectStatus) => reviewStatuses.has(status);

export function statusLabel(status: ProjectStatus): string {
  return statusLabels[status];
}

/** What an intake item asks for, in Dutch ("een promotor"). */
export function intakeLabel(item: IntakeItem): string {
  return intakeLabels[item];
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
  if (required || input.motivation != null)
    errors.push(checkText(input.motivation ?? '', ['input', 'motivation'], 'De motivatie', projectCaps.text));
  if (input.description != null && input.description.length > projectCaps.text) {
    errors.push({
      field: ['input', 'description'],
      code: 'TOO_LONG',
      message: `De beschrijving mag hoogstens ${projectCaps.text} tekens lang zijn.`,
    });
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
    input.energyNote != null && input.energyNote.length > projectCaps.energyNote
      ? {
          field: ['input', 'energyNote'],
          code: 'TOO_LONG',
          message: `De notitie over energie mag hoogstens ${projectCaps.energyNote} tekens lang zijn.`,
        }
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

/** A decision is recorded with a meeting that took place (or is taking place), not a cancelled one. */
export function decisionMeetingError(meeting: MeetingRecord | undefined, now: Date): UserErrorEntry | undefined {
  const field = ['input', 'meetingId'];
  if (!meeting) return { field, code: 'NOT_FOUND', message: 'Deze vergadering bestaat niet.' };
  if (meeting.status === 'CANCELLED') return { field, code: 'MEETING_CANCELLED', message: 'Deze vergadering is geannuleerd.' };
  if (new Date(meeting.startsAt).getTime() > now.getTime()) {
    return {
      field,
      code: 'MEETING_NOT_STARTED',
      message: 'Een beslissing wordt genoteerd op of na de vergadering; deze is nog niet begonnen.',
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The review a status change opens or cancels (the review flow itself: consolidation-review.ts)

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

/** Appends a review due `reviewIntervalMonths` after `from`. */
export function withNewReview(project: ProjectRecord, from: Date): ProjectRecord {
  // The item holds only the latest reviews: the next number follows the last one, not the count.
  const review: ReviewRecord = {
    number: (project.reviews.at(-1)?.number ?? 0) + 1,
    scheduledFrom: from.toISOString(),
    dueAt: startOfDayAfter(from, { months: project.reviewIntervalMonths }).toISOString(),
  };
  return { ...project, reviews: [...project.reviews, review] };
}
