import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { ForbiddenError, UserInputError } from '../../shared/errors';
import { checkEmail, normaliseEmail } from '../../shared/validation';
import type { MeetingRecord } from '../meetings/meeting';
import type { MeetingsRepository } from '../meetings/meetings.repository';
import type { MeetingsService } from '../meetings/meetings.service';
import { recipientKey } from '../../shared/recipient-key';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { invitationRecipients, type PartnerRecord } from '../partners/partner';
import type { PartnersRepository } from '../partners/partners.repository';
import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import {
  checkReviewOpen,
  nextReviewStep,
  parseReviewId,
  statusAfter,
  validateReviewAnswer,
  withConfirmedReview,
  withReviewChange,
  withReviewStep,
  type ReviewAnswerInput,
  type ReviewStep,
} from './consolidation-review';
import { checkStatusChange, decisionMeetingError, type ConsolidationOutcome, type ProjectRecord, type ReviewRecord } from './project';
import { projectNotFound, reviewNotFoundMessage, type ProjectChanges } from './project-changes';
import { decisionTotal } from './project-log';
import type { ProjectsRepository } from './projects.repository';
import { planReviewDispatch } from './review-dispatch';
import { reviewAgendaItem } from './project-agenda';

export interface AnswerReviewCommand extends ReviewAnswerInput {
  reviewId: string;
}

export interface ConfirmReviewCommand {
  reviewId: string;
  meetingId: string;
  outcome?: ConsolidationOutcome | null;
  note?: string | null;
  thirdParty?: string | null;
  spinOffName?: string | null;
  spinOffEmail?: string | null;
}

export interface ConsolidationReviewsSettings {
  /** Who is told when a review stays unanswered (ORGANIZER_EMAIL). */
  coordinator: { email: string; name: string };
}

export interface ReviewJobReport {
  requested: number;
  reminded: number;
  coordinatorTold: number;
  /** Due projects another run handled first (or that changed so nothing is due any more). */
  skipped: number;
  /** Due projects whose step failed (logged by id); they stay due, so the next run tries again. */
  failed: number;
}

const stepCounter: Record<ReviewStep, keyof ReviewJobReport> = {
  request: 'requested',
  reminder1: 'reminded',
  reminder2: 'reminded',
  coordinator: 'coordinatorTold',
};

const maxJobPages = 50;
const jobBatchSize = 25;

/**
 * The periodic consolidation review of active projects: the job that asks promoters and reminds
 * them, the answer (from the app or the emailed form), and the meeting's confirmation.
 */
export class ConsolidationReviewsService {
  constructor(
    private readonly changes: ProjectChanges,
    private readonly projects: ProjectsRepository,
    private readonly partners: PartnersRepository,
    private readonly meetingsRepository: MeetingsRepository,
    private readonly meetings: MeetingsService,
    private readonly outbox: OutboxRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly settings: ConsolidationReviewsSettings,
    private readonly logger: Logger,
  ) {}

  /** An answer from the app: the promoter's members, or a coordinator. */
  async answerReview(viewer: Viewer | undefined, input: AnswerReviewCommand): Promise<ProjectRecord> {
    const signedIn = requireViewer(viewer);
    return this.answer(input, (project) => {
      if (signedIn.role !== 'COORDINATOR' && signedIn.partnerId !== project.promoterPartnerId) {
        throw new ForbiddenError('Alleen de promotor van dit project of een coördinator beantwoordt deze consolidatiebespreking.');
      }
    });
  }

  /** An answer through the form page: the link's token names the promoter partner it was sent to. */
  /** The review a link names, with its project; undefined when either is gone (the page behind the link reads it). */
  async getForAnswerLink(projectId: string, reviewNumber: number): Promise<{ project: ProjectRecord; review: ReviewRecord } | undefined> {
    const project = await this.projects.get(projectId);
    if (!project) return undefined;
    // A review older than those the project item keeps is read from its own item.
    const review =
      project.reviews.find((candidate) => candidate.number === reviewNumber) ?? (await this.projects.getReview(projectId, reviewNumber));
    return review ? { project, review } : undefined;
  }

  async answerReviewByLink(partnerId: string, input: AnswerReviewCommand): Promise<ProjectRecord> {
    return this.answer(input, (project) => {
      if (partnerId !== project.promoterPartnerId) {
        throw UserInputError.single('NOT_PROMOTER', 'De organisatie die je vertegenwoordigt is niet (meer) de promotor van dit project.', [
          'input',
          'reviewId',
        ]);
      }
    });
  }

  /** A meeting confirms a review: the answer, or what the meeting decided instead. */
  async confirmReview(viewer: Viewer | undefined, input: ConfirmReviewCommand): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    const field = ['input', 'reviewId'];
    const id = parseReviewId(input.reviewId);
    if (!id) throw projectNotFound(field, reviewNotFoundMessage);
    return this.changes.change(id.projectId, undefined, field, async (current, now) => {
      const { review, error } = checkReviewOpen(current, id.number, field);
      if (!review) throw new UserInputError([error!]);
      const meetingError = decisionMeetingError(await this.meetingsRepository.get(input.meetingId), now);
      if (!input.outcome && !review.answer) {
        throw UserInputError.single(
          'NOT_ANSWERED',
          'Deze consolidatiebespreking is nog niet beantwoord: geef de beslissing van de vergadering mee.',
          ['input', 'outcome'],
        );
      }
      const { answer: decision, errors } = validateReviewAnswer(
        input.outcome ? { ...input, outcome: input.outcome } : { ...review.answer!, note: input.note ?? review.answer!.note },
      );
      if (meetingError) errors.unshift(meetingError);
      if (decision && statusAfter(decision.outcome) !== current.status) {
        const refusal = checkStatusChange(current, statusAfter(decision.outcome), true);
        if (refusal) errors.push(refusal);
      }
      let spinOff: PartnerRecord | undefined;
      if (decision?.outcome === 'SPIN_OFF_ENTITY') {
        const emailError = checkEmail(input.spinOffEmail ?? '', ['input', 'spinOffEmail']);
        if (emailError) errors.push(emailError);
        else spinOff = this.spinOffPartner(decision.spinOffName!, input.spinOffEmail!, current.id, now);
      }
      if (errors.length > 0 || !decision) throw new UserInputError(errors);
      const confirmed = withConfirmedReview(
        current,
        { number: id.number, decision, meetingId: input.meetingId, decisionId: this.newId(), spinOffPartnerId: spinOff?.id },
        now,
      );
      return {
        next: confirmed.project,
        extra: [
          ...this.projects.decisionPuts(current.id, [confirmed.decision], decisionTotal(current)),
          ...(spinOff ? [this.partners.createPut(spinOff)] : []),
        ],
      };
    });
  }

  /**
   * The review job: takes every review email step that is due at `asOf` (the clock's time when
   * left out). Safe at any time, any number of times, also concurrently: each step is written
   * with its outbox dispatch in one transaction conditional on the project's version, so of two
   * runs one wins and the other finds nothing left to do. One project that fails (too large to
   * write, unreadable) is logged and counted, and the run goes on with the others: it pages on
   * past what it leaves on the due index, and the next run tries that project again.
   */
  async sendDueReviews(asOf?: Date): Promise<ReviewJobReport> {
    const now = asOf ?? this.clock.now();
    const report: ReviewJobReport = { requested: 0, reminded: 0, coordinatorTold: 0, skipped: 0, failed: 0 };
    let after: Record<string, unknown> | undefined;
    for (let page = 0; page < maxJobPages; page += 1) {
      const due = await this.projects.findDueReviews(now, jobBatchSize, after);
      for (const project of due.projects) {
        let step: ReviewStep | undefined;
        try {
          step = await this.takeReviewStep(project, now);
        } catch (error) {
          report.failed += 1;
          this.logger.error('consolidation review step failed; the next run tries this project again', { projectId: project.id, error });
          continue;
        }
        if (step) report[stepCounter[step]] += 1;
        else report.skipped += 1;
      }
      if (!due.next) break;
      after = due.next;
    }
    return report;
  }

  // ---------------------------------------------------------------------------------------------

  private async answer(input: AnswerReviewCommand, authorise: (project: ProjectRecord) => void): Promise<ProjectRecord> {
    const field = ['input', 'reviewId'];
    const id = parseReviewId(input.reviewId);
    if (!id) throw projectNotFound(field, reviewNotFoundMessage);
    const { answer, errors } = validateReviewAnswer(input);
    if (!answer) throw new UserInputError(errors);
    return this.changes.change(id.projectId, undefined, field, async (current, now) => {
      authorise(current);
      const { review, error } = checkReviewOpen(current, id.number, field);
      if (!review) throw new UserInputError([error!]);
      const next = withReviewChange(current, id.number, { answeredAt: now.toISOString(), answer });
      // An answer (or a changed answer) goes to the next meeting once, to be confirmed there.
      if (review.agendaItemId) return { next };
      const placed = await this.placeOnAgenda(next, review, 'answered');
      return { next: placed.project, extra: placed.entries };
    });
  }

  /**
   * Takes the due step of one project's review, with its outbox dispatch in one write. Undefined
   * when nothing is due (any more), or when the project kept changing under the job: another run
   * got there first, and the next run sees what is left.
   */
  private async takeReviewStep(seen: ProjectRecord, now: Date): Promise<ReviewStep | undefined> {
    return retryOnConflict(
      async (attempt) => {
        const current = attempt === 1 ? seen : await this.projects.get(seen.id);
        const due = current && nextReviewStep(current);
        if (!current || !due || due.at.getTime() > now.getTime()) return undefined;
        const partners = await this.partners.getMany(
          [current.promoterPartnerId ?? '', ...Object.keys(current.engagements)].filter(Boolean),
        );
        const promoter = partners.get(current.promoterPartnerId ?? '');
        // An active project always has a promoter; without one there is nobody to ask.
        if (!promoter) return undefined;
        let next = withReviewStep(current, due.review.number, due.step, now);
        // The outbox skips suppressed addresses; a promoter nobody can write to is the coordinator's to reach.
        const unreachable = await this.unreachable(promoter);
        const tellCoordinator = unreachable && due.step !== 'coordinator' && !due.review.promoterUnreachableNoticeAt;
        if (tellCoordinator) next = withReviewChange(next, due.review.number, { promoterUnreachableNoticeAt: now.toISOString() });
        const extra: TransactItem[] = [];
        let agendaMeeting: MeetingRecord | undefined;
        if (due.step === 'coordinator' && !due.review.agendaItemId) {
          const placed = await this.placeOnAgenda(next, due.review, 'unanswered');
          next = placed.project;
          agendaMeeting = placed.meeting;
          extra.push(...placed.entries);
        }
        const review = next.reviews.find((candidate) => candidate.number === due.review.number)!;
        const dispatch = planReviewDispatch({
          project: next,
          review,
          step: due.step,
          promoter,
          engaged: [...partners.values()].filter((partner) => current.engagements[partner.id]),
          coordinator: this.settings.coordinator,
          agendaMeeting: agendaMeeting && { title: agendaMeeting.title, startsAt: agendaMeeting.startsAt },
          ...(unreachable ? { promoterUnreachable: { tellCoordinator } } : {}),
          now,
        });
        await this.changes.write(current, next, [this.outbox.dispatchPut(dispatch, this.clock.now()), ...extra]);
        return due.step;
      },
      { skipWhenExhausted: true },
    );
  }

  /** Whether every address the promoter's emails go to is on the suppression list (one BatchGet). */
  private async unreachable(promoter: PartnerRecord): Promise<boolean> {
    const addresses = invitationRecipients(promoter).map((person) => person.email);
    const suppressed = await this.suppressions.findMany(addresses);
    return addresses.every((email) => suppressed.has(recipientKey(email)));
  }

  /** Puts the review on the agenda of the next meeting (or keeps it for the next one scheduled). */
  private async placeOnAgenda(
    project: ProjectRecord,
    review: ReviewRecord,
    why: 'answered' | 'unanswered',
  ): Promise<{ project: ProjectRecord; meeting?: MeetingRecord; entries: TransactItem[] }> {
    const item = reviewAgendaItem(project, review, why);
    const { meeting, entries } = await this.meetings.placeOnNextAgenda([item]);
    return { project: withReviewChange(project, review.number, { agendaItemId: item.id }), meeting, entries };
  }

  private spinOffPartner(name: string, email: string, projectId: string, now: Date): PartnerRecord {
    const at = now.toISOString();
    return {
      id: this.newId(),
      name,
      kind: 'SPIN_OFF',
      email: normaliseEmail(email),
      representatives: [],
      competences: [],
      spunOffFromProjectId: projectId,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  }
}
