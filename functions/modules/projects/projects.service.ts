import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Page } from '../../shared/dynamodb/cursor';
import { retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';
import { ForbiddenError, UserInputError } from '../../shared/errors';
import { checkCount, checkText } from '../../shared/validation';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import type { MeetingsRepository } from '../meetings/meetings.repository';
import type { MeetingsService } from '../meetings/meetings.service';
import { partnerCaps, type PartnerRecord } from '../partners/partner';
import type { PartnersRepository } from '../partners/partners.repository';
import { capacityOf } from './capacity';
import { withReviewInterval } from './consolidation-review';
import {
  checkStatusChange,
  closedProjectError,
  decisionMeetingError,
  defaultReviewIntervalMonths,
  optionalText,
  projectCaps,
  validateEngagement,
  validateProjectFields,
  withStatus,
  type EngagementRecord,
  type ProjectRecord,
  type ProjectStatus,
} from './project';
import { intakeAgendaItem, intakeItemId } from './project-agenda';
import { decisionTotal, type ProjectLog } from './project-log';
import { projectNotFound, type ProjectChanges } from './project-changes';
import type { ProjectsRepository } from './projects.repository';

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

/** A project's intake, engagements, lifecycle and decision log (its consolidation reviews: consolidation-reviews.service.ts). */
export class ProjectsService {
  constructor(
    private readonly changes: ProjectChanges,
    private readonly projects: ProjectsRepository,
    private readonly partners: PartnersRepository,
    private readonly meetingsRepository: MeetingsRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    /** Keeps a PROPOSED project's automatic intake item on the planned meetings in line with the project. */
    private readonly agenda: Pick<MeetingsService, 'syncAutomaticProjectItem'>,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reads

  async get(viewer: Viewer | undefined, id: string): Promise<ProjectRecord | undefined> {
    requireViewer(viewer);
    return this.projects.get(id);
  }

  /** A project with its whole log (reviews and decisions): one Query. */
  async getWithLog(viewer: Viewer | undefined, id: string): Promise<{ project: ProjectRecord; log: ProjectLog } | undefined> {
    requireViewer(viewer);
    return this.projects.getWithLog(id);
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
    // A meeting already planned gets the new proposal on its agenda, in the same transaction.
    await retryOnConflict(async () => this.projects.save(project, undefined, await this.agendaEntries(undefined, project)), {
      field: ['input'],
    });
    return project;
  }

  async update(viewer: Viewer | undefined, input: UpdateProjectCommand): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    const errors = validateProjectFields(input, false);
    if (errors.length > 0) throw new UserInputError(errors);
    return this.changes.change(input.projectId, input.expectedVersion, ['input', 'projectId'], async (current) => {
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
      return { next, extra: await this.agendaEntries(current, next) };
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
    return this.changeEngagement(input.projectId, input.partnerId, (current, now, partner) => {
      const previous = current.engagements[input.partnerId];
      const field = ['input', 'partnerId'];
      const code = 'TOO_MANY_ENGAGEMENTS';
      const tooMany =
        checkCount(
          Object.keys(current.engagements).length + (previous ? 0 : 1),
          projectCaps.engagements,
          field,
          code,
          `Een project kan hoogstens ${projectCaps.engagements} partners hebben.`,
        ) ??
        checkCount(
          Object.keys(partner.engagements ?? {}).length + (partner.engagements?.[current.id] ? 0 : 1),
          partnerCaps.engagements,
          field,
          code,
          `Een partner kan in hoogstens ${partnerCaps.engagements} projecten een engagement hebben.`,
        );
      if (tooMany) throw new UserInputError([tooMany]);
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
    const tooLong = (['businessModelNote', 'communityGoalsNote'] as const).filter(
      (name) => (input[name]?.length ?? 0) > projectCaps.assessmentNote,
    );
    if (tooLong.length > 0) {
      throw new UserInputError(
        tooLong.map((name) => ({
          field: ['input', name],
          code: 'TOO_LONG',
          message: `Een notitie mag hoogstens ${projectCaps.assessmentNote} tekens lang zijn.`,
        })),
      );
    }
    return this.changes.change(input.projectId, input.expectedVersion, ['input', 'projectId'], async (current, now) => {
      const closed = closedProjectError(current, ['input', 'projectId']);
      if (closed) throw new UserInputError([closed]);
      const at = now.toISOString();
      const note = (value: string | null | undefined) => (optionalText(value) ? { note: optionalText(value) } : {});
      const next: ProjectRecord = {
        ...current,
        businessModel: { value: input.hasBusinessModel, ...note(input.businessModelNote), assessedAt: at },
        communityGoals: { value: input.fitsCommunityGoals, ...note(input.communityGoalsNote), assessedAt: at },
      };
      return { next, extra: await this.agendaEntries(current, next) };
    });
  }

  async changeStatus(
    viewer: Viewer | undefined,
    input: { projectId: string; status: ProjectStatus; expectedVersion?: number | null },
  ): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    return this.changes.change(input.projectId, input.expectedVersion, ['input', 'projectId'], async (current, now) => {
      const refusal = checkStatusChange(current, input.status);
      if (refusal) throw new UserInputError([refusal]);
      const next = withStatus(current, input.status, now);
      return { next, extra: await this.agendaEntries(current, next) };
    });
  }

  async recordDecision(viewer: Viewer | undefined, input: { projectId: string; meetingId: string; text: string }): Promise<ProjectRecord> {
    requireRole(viewer, 'COORDINATOR');
    const textError = checkText(input.text, ['input', 'text'], 'De beslissing', 2000);
    if (textError) throw new UserInputError([textError]);
    const [project, meeting] = await Promise.all([this.projects.get(input.projectId), this.meetingsRepository.get(input.meetingId)]);
    if (!project) throw projectNotFound(['input', 'projectId']);
    const now = this.clock.now();
    const meetingError = decisionMeetingError(meeting, now);
    if (meetingError) throw new UserInputError([meetingError]);
    const decision = { id: this.newId(), meetingId: input.meetingId, text: input.text.trim(), recordedAt: now.toISOString() };
    await this.projects.transact(
      project.id,
      this.projects.decisionAppend(project.id, [decision], now.toISOString(), decisionTotal(project)),
    );
    // Read back: the decision lands beside whatever else changed meanwhile.
    return (await this.projects.get(project.id))!;
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The entries that keep the project's automatic intake item on the planned meetings in line with
   * the change from `current` to `next`: placed when it becomes PROPOSED, its text updated as the
   * intake fills in (or is completed), taken off when it leaves PROPOSED (stopped, back to an idea).
   * A project that is not PROPOSED before or after has no such item: nothing is read.
   */
  private async agendaEntries(current: ProjectRecord | undefined, next: ProjectRecord): Promise<TransactItem[]> {
    if (current?.status !== 'PROPOSED' && next.status !== 'PROPOSED') return [];
    return this.agenda.syncAutomaticProjectItem(intakeItemId(next.id), intakeAgendaItem(next));
  }

  /**
   * Sets or removes one partner's engagement on the project and on the partner, in one
   * transaction that touches only that entry of each: concurrent engagements all stay.
   */
  private async changeEngagement(
    projectId: string,
    partnerId: string,
    decide: (current: ProjectRecord, now: string, partner: PartnerRecord) => EngagementRecord | undefined,
  ): Promise<ProjectRecord> {
    const written = await retryOnConflict(
      async () => {
        const [current, partner] = await Promise.all([this.projects.get(projectId), this.partners.get(partnerId)]);
        if (!current) throw projectNotFound(['input', 'projectId']);
        const closed = closedProjectError(current, ['input', 'projectId']);
        if (closed) throw new UserInputError([closed]);
        if (!partner) throw UserInputError.single('UNKNOWN_PARTNER', 'Deze partner bestaat niet.', ['input', 'partnerId']);
        const now = this.clock.now().toISOString();
        const engagement = decide(current, now, partner);
        const engagements = { ...current.engagements };
        if (engagement) engagements[partnerId] = engagement;
        else delete engagements[partnerId];
        await this.projects.transact(current.id, [
          this.projects.engagementUpdate(current.id, partnerId, engagement, current.status, now),
          this.partners.engagementUpdate(partner, current.id, engagement && { ...engagement, projectStatus: current.status }),
          ...(await this.agendaEntries(current, { ...current, engagements })),
        ]);
        return current.id;
      },
      { field: ['input', 'projectId'] },
    );
    // Read back: other partners' engagements may have landed beside this one.
    return (await this.projects.get(written))!;
  }
}

/** Coordinators act for any partner; a partner's member only for its own partner. */
function actForPartner(viewer: Viewer | undefined, partnerId: string, refusal: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.role !== 'COORDINATOR' && signedIn.partnerId !== partnerId) throw new ForbiddenError(refusal);
  return signedIn;
}
