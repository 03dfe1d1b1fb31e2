import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Page } from '../../shared/dynamodb/cursor';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { ForbiddenError, UserInputError, VersionConflictError, type UserErrorEntry } from '../../shared/errors';
import { checkEmail, checkText, normaliseEmail } from '../../shared/validation';
import type { MeetingRecord } from '../meetings/meeting';
import type { MeetingsRepository } from '../meetings/meetings.repository';
import type { MeetingsService } from '../meetings/meetings.service';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { invitationRecipients, type PartnerRecord } from '../partners/partner';
import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import type { PartnersRepository } from '../partners/partners.repository';
import { capacityOf } from './capacity';
import {
  checkReviewOpen,
  checkStatusChange,
  closedProjectError,
  defaultReviewIntervalMonths,
  maxEngagementsPerProject,
  nextReviewStep,
  optionalText,
  parseReviewId,
  statusAfter,
  validateEngagement,
  validateProjectFields,
  validateReviewAnswer,
  withConfirmedReview,
  withReviewChange,
  withReviewInterval,
  withReviewStep,
  withStatus,
  type ConsolidationOutcome,
  type EngagementRecord,
  type ProjectRecord,
  type ProjectStatus,
  type ReviewAnswerInput,
  type ReviewRecord,
  type ReviewStep,
} from './project';
import type { ProjectsRepository } from './projects.repository';
import { planReviewDispatch } from './review-dispatch';
import { attemptsFor, retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';
import { recipientKey } from '../../shared/recipient-key';

export interface ProposeProjectCommand {
  name: string;
  promoterPartnerId: string;
  motivation: string;
  description?: string | null;
  status?: ProjectStatus | null;
  reviewIntervalMonths?: number | null;
}

export interface UpdateProjectCommand {
  projectId: string;
  expectedVersion?: number | null;
  name?: string | null;
  description?: string | null;
  motivation?: string | null;
  promoterPartnerId?: string | null;
  reviewIntervalMonths?: number | null;
}

export interface EngageCommand {
  projectId: string;
  partnerId: string;
  hoursPerMonth?: number | null;
  euros?: number | null;
  energyNote?: string | null;
}

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

export interface ProjectsSettings {
  /** Who is told when a review stays unanswered (ORGANIZER_EMAIL). */
  coordinator: { email: string; name: string };
}

export interface ReviewJobReport {
  requested: number;
  reminded: number;
  coordinatorTold: number;
  /** Due projects another run handled first (or that changed so nothing is due any more). */
  skipped: number;
}

const stepCounter: Record<ReviewStep, keyof ReviewJobReport> = {
  request: 'requested',
  reminder1: 'reminded',
  reminder2: 'reminded',
  coordinator: 'coordinatorTold',
};

const maxJobRounds = 50;
const jobBatchSize = 25;

const notFound = (field: string[], message = 'Dit project bestaat niet.') => UserInputError.single('NOT_FOUND', message, field);

type Change = { next: ProjectRecord; extra?: TransactItem[] };

export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly partners: PartnersRepository,
    private readonly meetingsRepository: MeetingsRepository,
    private readonly meetings: MeetingsService,
    private readonly outbox: OutboxRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly settings: ProjectsSettings,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reads

  async get(viewer: Viewer | undefined, id: string): Promise<ProjectRecord | undefined> {
    requireViewer(viewer);
    return this.projects.get(id);
  }

  async list(viewer: Viewer | undefined, status: ProjectStatus | undefined, limit: number, after?: string): Promise<Page<ProjectRecord>> {
    requireViewer(viewer);
    return this.projects.list(status, limit, after);
  }

  /** Partners whose engagements in PROPOSED and ACTIVE projects exceed what they said they can give: one Query. */
  async overCommittedPartners(viewer: Viewer | undefined): Promise<PartnerRecord[]> {
    requireRole(viewer, 'COORDINATOR');
    return (await this.partners.listAll()).filter((partner) => capacityOf(partner).overCommitted);
  }

  // ---------------------------------------------------------------------------------------------
  // Intake

  async propose(viewer: Viewer | undefined, input: ProposeProjectCommand): Promise<ProjectRecord> {
    actForPartner(
      viewer,
      input.promoterPartnerId,
      'Een partner stelt een project voor met zichzelf als promotor; een coördinator kan elke partner als promotor kiezen.',
    );
    const errors = validateProjectFields(input, true);
    const status = input.status ?? 'PROPOSED';
    if (status !== 'IDEA' && status !== 'PROPOSED') {
      errors.push({
        field: ['input', 'status'],
        code: 'INVALID_INITIAL_STATUS',
        message: 'Een nieuw project is een idee of een voorstel.',
      });
    }
    if (!(await this.partners.get(input.promoterPartnerId))) {
      errors.push({ field: ['input', 'promoterPartnerId'], code: 'UNKNOWN_PARTNER', message: 'Deze partner bestaat niet.' });
    }
    if (errors.length > 0) throw new UserInputError(errors);
    const now = this.clock.now().toISOString();
    const project: ProjectRecord = {
      id: this.newId(),
      name: input.name.trim(),
      description: optionalText(input.description),
      status,
      promoterPartnerId: input.promoterPartnerId,
      motivation: input.motivation.trim(),
      engagements: {},
      reviewIntervalMonths: input.reviewIntervalMonths ?? defaultReviewIntervalMonths,
      reviews: [],
      decisions: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.projects.save(project, undefined);
    return project;
  }

  async update(viewer: Viewer | undefined, input: UpdateProjectCommand): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    const errors = validateProjectFields(input, false);
    if (errors.length > 0) throw new UserInputError(errors);
    return this.change(input.projectId, input.expectedVersion, ['input', 'projectId'], async (current) => {
      const closed = closedProjectError(current, ['input', 'projectId']);
      if (closed) throw new UserInputError([closed]);
      if (input.promoterPartnerId && !(await this.partners.get(input.promoterPartnerId))) {
        throw UserInputError.single('UNKNOWN_PARTNER', 'Deze partner bestaat niet.', ['input', 'promoterPartnerId']);
      }
      let next: ProjectRecord = {
        ...current,
        name: input.name?.trim() ?? current.name,
        description: input.description !== undefined ? optionalText(input.description) : current.description,
        motivation: input.motivation?.trim() ?? current.motivation,
        promoterPartnerId: input.promoterPartnerId ?? current.promoterPartnerId,
      };
      if (input.reviewIntervalMonths != null) next = withReviewInterval(next, input.reviewIntervalMonths);
      return { next };
    });
  }

  /** Records what a partner commits (replacing its earlier engagement in this project). */
  async engage(viewer: Viewer | undefined, input: EngageCommand): Promise<ProjectRecord> {
    actForPartner(
      viewer,
      input.partnerId,
      'Een partner legt alleen zijn eigen engagement vast; een coördinator kan dat voor elke partner.',
    );
    const errors = validateEngagement(input);
    if (errors.length > 0) throw new UserInputError(errors);
    return this.changeEngagement(input.projectId, input.partnerId, (current, now) => {
      const previous = current.engagements[input.partnerId];
      if (!previous && Object.keys(current.engagements).length >= maxEngagementsPerProject) {
        throw UserInputError.single('TOO_MANY_ENGAGEMENTS', `Een project kan hoogstens ${maxEngagementsPerProject} partners hebben.`, [
          'input',
          'partnerId',
        ]);
      }
      const energyNote = optionalText(input.energyNote);
      return {
        projectId: current.id,
        partnerId: input.partnerId,
        ...(input.hoursPerMonth != null ? { hoursPerMonth: input.hoursPerMonth } : {}),
        ...(input.euros != null ? { euros: input.euros } : {}),
        ...(energyNote ? { energyNote } : {}),
        engagedAt: previous?.engagedAt ?? now,
        updatedAt: now,
      };
    });
  }

  async withdraw(viewer: Viewer | undefined, input: { projectId: string; partnerId: string }): Promise<ProjectRecord> {
    actForPartner(viewer, input.partnerId, 'Een partner trekt alleen zijn eigen engagement in; een coördinator kan dat voor elke partner.');
    return this.changeEngagement(input.projectId, input.partnerId, (current) => {
      if (!current.engagements[input.partnerId]) {
        throw UserInputError.single('NOT_ENGAGED', 'Deze partner heeft geen engagement in dit project.', ['input', 'partnerId']);
      }
      return undefined;
    });
  }

  async assess(
    viewer: Viewer | undefined,
    input: {
      projectId: string;
      hasBusinessModel: boolean;
      fitsCommunityGoals: boolean;
      businessModelNote?: string | null;
      communityGoalsNote?: string | null;
      expectedVersion?: number | null;
    },
  ): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    const tooLong = (['businessModelNote', 'communityGoalsNote'] as const).filter((name) => (input[name]?.length ?? 0) > 2000);
    if (tooLong.length > 0) {
      throw new UserInputError(
        tooLong.map((name) => ({ field: ['input', name], code: 'TOO_LONG', message: 'Een notitie mag hoogstens 2000 tekens lang zijn.' })),
      );
    }
    return this.change(input.projectId, input.expectedVersion, ['input', 'projectId'], async (current, now) => {
      const closed = closedProjectError(current, ['input', 'projectId']);
      if (closed) throw new UserInputError([closed]);
      const at = now.toISOString();
      const note = (value: string | null | undefined) => (optionalText(value) ? { note: optionalText(value) } : {});
      return {
        next: {
          ...current,
          businessModel: { value: input.hasBusinessModel, ...note(input.businessModelNote), assessedAt: at },
          communityGoals: { value: input.fitsCommunityGoals, ...note(input.communityGoalsNote), assessedAt: at },
        },
      };
    });
  }

  async changeStatus(
    viewer: Viewer | undefined,
    input: { projectId: string; status: ProjectStatus; expectedVersion?: number | null },
  ): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    return this.change(input.projectId, input.expectedVersion, ['input', 'projectId'], async (current, now) => {
      const refusal = checkStatusChange(current, input.status);
      if (refusal) throw new UserInputError([refusal]);
      return { next: withStatus(current, input.status, now) };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Consolidation reviews

  /** An answer from the app: the promoter's members, or a coordinator. */
  async answerReview(viewer: Viewer | undefined, input: AnswerReviewCommand): Promise<ProjectRecord> {
    const signedIn = requireViewer(viewer);
    return this.answer(input, (project) => {
      if (signedIn.role !== 'COORDINATOR' && signedIn.partnerId !== project.promoterPartnerId) {
        throw new ForbiddenError('Alleen de promotor van dit project of een coördinator beantwoordt deze consolidatievraag.');
      }
    });
  }

  /** An answer through the form page: the link's token names the promoter partner it was sent to. */
  async answerReviewByLink(partnerId: string, input: AnswerReviewCommand): Promise<ProjectRecord> {
    return this.answer(input, (project) => {
      if (partnerId !== project.promoterPartnerId) {
        throw UserInputError.single('NOT_PROMOTER', 'Je partner is niet (meer) de promotor van dit project.', ['input', 'reviewId']);
      }
    });
  }

  /** A meeting confirms a review: the answer, or what the meeting decided instead. */
  async confirmReview(viewer: Viewer | undefined, input: ConfirmReviewCommand): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    const field = ['input', 'reviewId'];
    const id = parseReviewId(input.reviewId);
    if (!id) throw notFound(field, 'Deze consolidatiebespreking bestaat niet.');
    return this.change(id.projectId, undefined, field, async (current, now) => {
      const { review, error } = checkReviewOpen(current, id.number, field);
      if (!review) throw new UserInputError([error!]);
      const meetingError = await this.checkDecisionMeeting(input.meetingId, now);
      if (!input.outcome && !review.answer) {
        throw UserInputError.single(
          'NOT_ANSWERED',
          'Deze consolidatievraag is nog niet beantwoord: geef de beslissing van de vergadering mee.',
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
      return {
        next: withConfirmedReview(
          current,
          { number: id.number, decision, meetingId: input.meetingId, decisionId: this.newId(), spinOffPartnerId: spinOff?.id },
          now,
        ),
        extra: spinOff ? [this.partners.createPut(spinOff)] : [],
      };
    });
  }

  async recordDecision(viewer: Viewer | undefined, input: { projectId: string; meetingId: string; text: string }): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    const textError = checkText(input.text, ['input', 'text'], 'De beslissing', 2000);
    if (textError) throw new UserInputError([textError]);
    return this.change(input.projectId, undefined, ['input', 'projectId'], async (current, now) => {
      const meetingError = await this.checkDecisionMeeting(input.meetingId, now);
      if (meetingError) throw new UserInputError([meetingError]);
      const decision = { id: this.newId(), meetingId: input.meetingId, text: input.text.trim(), recordedAt: now.toISOString() };
      return { next: { ...current, decisions: [...current.decisions, decision] } };
    });
  }

  /**
   * The review job: takes every review email step that is due at `asOf` (the clock's time when
   * left out). Safe at any time, any number of times, also concurrently: each step is written
   * with its outbox dispatch in one transaction conditional on the project's version, so of two
   * runs one wins and the other finds nothing left to do.
   */
  async sendDueReviews(asOf?: Date): Promise<ReviewJobReport> {
    const now = asOf ?? this.clock.now();
    const report: ReviewJobReport = { requested: 0, reminded: 0, coordinatorTold: 0, skipped: 0 };
    for (let round = 0; round < maxJobRounds; round += 1) {
      const due = await this.projects.findDueReviews(now, jobBatchSize);
      let progressed = false;
      for (const project of due) {
        const step = await this.takeReviewStep(project, now);
        if (step) report[stepCounter[step]] += 1;
        else report.skipped += 1;
        progressed ||= step !== undefined;
      }
      // The index may still show what another run just moved on; it will not hold new work.
      if (!progressed) break;
    }
    return report;
  }

  // ---------------------------------------------------------------------------------------------

  private async answer(input: AnswerReviewCommand, authorise: (project: ProjectRecord) => void): Promise<ProjectRecord> {
    const field = ['input', 'reviewId'];
    const id = parseReviewId(input.reviewId);
    if (!id) throw notFound(field, 'Deze consolidatiebespreking bestaat niet.');
    const { answer, errors } = validateReviewAnswer(input);
    if (!answer) throw new UserInputError(errors);
    return this.change(id.projectId, undefined, field, async (current, now) => {
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

  private async takeReviewStep(seen: ProjectRecord, now: Date): Promise<ReviewStep | undefined> {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const current = attempt === 1 ? seen : await this.projects.get(seen.id);
      const due = current && nextReviewStep(current);
      if (!current || !due || due.at.getTime() > now.getTime()) return undefined;
      const partners = await this.partners.getMany([current.promoterPartnerId ?? '', ...Object.keys(current.engagements)].filter(Boolean));
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
      try {
        await this.write(current, next, [this.outbox.dispatchPut(dispatch, this.clock.now()), ...extra]);
        return due.step;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    return undefined;
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
    const item = {
      id: `review.${project.id}.${review.number}`,
      title:
        why === 'answered'
          ? `Consolidatie van ${project.name}: het antwoord van de promotor bevestigen`
          : `Consolidatie van ${project.name}: geen antwoord van de promotor, samen beslissen`,
      projectId: project.id,
      reviewNumber: review.number,
    };
    const { meeting, entries } = await this.meetings.placeOnNextAgenda([item]);
    return { project: withReviewChange(project, review.number, { agendaItemId: item.id }), meeting, entries };
  }

  /** A decision is recorded with a meeting that took place (or is taking place), not a cancelled one. */
  private async checkDecisionMeeting(meetingId: string, now: Date): Promise<UserErrorEntry | undefined> {
    const field = ['input', 'meetingId'];
    const meeting = await this.meetingsRepository.get(meetingId);
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

  /**
   * Applies a change with optimistic concurrency: read, decide, write conditional on the version
   * read. A client that passed `expectedVersion` hears of a concurrent change; otherwise the
   * change is decided again on the fresh project, at most a few times.
   */
  private async change(
    projectId: string,
    expectedVersion: number | null | undefined,
    field: string[],
    apply: (current: ProjectRecord, now: Date) => Promise<Change>,
  ): Promise<ProjectRecord> {
    return retryOnConflict(
      async () => {
        const current = await this.projects.get(projectId);
        if (!current) throw notFound(field, field[1] === 'reviewId' ? 'Deze consolidatiebespreking bestaat niet.' : undefined);
        if (expectedVersion != null && expectedVersion !== current.version)
          throw UserInputError.versionConflict(['input', 'expectedVersion']);
        const { next, extra = [] } = await apply(current, this.clock.now());
        return this.write(current, next, extra);
      },
      { field, attempts: attemptsFor(expectedVersion) },
    );
  }

  /**
   * Sets or removes one partner's engagement on the project and on the partner, in one
   * transaction that touches only that entry of each: concurrent engagements all stay.
   */
  private async changeEngagement(
    projectId: string,
    partnerId: string,
    decide: (current: ProjectRecord, now: string) => EngagementRecord | undefined,
  ): Promise<ProjectRecord> {
    const written = await retryOnConflict(
      async () => {
        const [current, partner] = await Promise.all([this.projects.get(projectId), this.partners.get(partnerId)]);
        if (!current) throw notFound(['input', 'projectId']);
        const closed = closedProjectError(current, ['input', 'projectId']);
        if (closed) throw new UserInputError([closed]);
        if (!partner) throw UserInputError.single('UNKNOWN_PARTNER', 'Deze partner bestaat niet.', ['input', 'partnerId']);
        const now = this.clock.now().toISOString();
        const engagement = decide(current, now);
        await this.projects.transact(current.id, [
          this.projects.engagementUpdate(current.id, partnerId, engagement, current.status, now),
          this.partners.engagementUpdate(partner, current.id, engagement && { ...engagement, projectStatus: current.status }),
        ]);
        return current.id;
      },
      { field: ['input', 'projectId'] },
    );
    // Read back: other partners' engagements may have landed beside this one.
    return (await this.projects.get(written))!;
  }

  /** Writes `next` over `current`; a new status is copied onto every engaged partner in the same transaction. */
  private async write(current: ProjectRecord, next: ProjectRecord, extra: TransactItem[]): Promise<ProjectRecord> {
    const saved: ProjectRecord = { ...next, version: current.version + 1, updatedAt: this.clock.now().toISOString() };
    const statusCopies =
      saved.status === current.status
        ? []
        : Object.keys(saved.engagements).map((partnerId) => this.partners.engagementStatusUpdate(partnerId, saved.id, saved.status));
    await this.projects.save(saved, current.version, [...extra, ...statusCopies]);
    return saved;
  }
}

/** Coordinators act for any partner; a partner's member only for its own partner. */
function actForPartner(viewer: Viewer | undefined, partnerId: string, refusal: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.role !== 'COORDINATOR' && signedIn.partnerId !== partnerId) throw new ForbiddenError(refusal);
  return signedIn;
}
