import type { Clock } from '../../shared/clock';
import { attemptsFor, retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { UserInputError } from '../../shared/errors';
import type { PartnersRepository } from '../partners/partners.repository';
import type { ProjectRecord } from './project';
import type { ProjectsRepository } from './projects.repository';

/** What a change decides: the project as it becomes, and the other modules' writes that go with it. */
export type ProjectChange = { next: ProjectRecord; extra?: TransactItem[] };

export const projectNotFound = (field: string[], message = 'Dit project bestaat niet.') =>
  UserInputError.single('NOT_FOUND', message, field);

export const reviewNotFoundMessage = 'Deze consolidatiebespreking bestaat niet.';

/**
 * How every change of a project is written, whichever story it belongs to (intake, lifecycle, a
 * consolidation review): on the version read, with a new status copied onto each engaged partner.
 */
export class ProjectChanges {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly partners: PartnersRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies a change with optimistic concurrency: read, decide, write conditional on the version
   * read. A client that passed `expectedVersion` hears of a concurrent change; otherwise the
   * change is decided again on the fresh project, at most a few times.
   */
  async change(
    projectId: string,
    expectedVersion: number | null | undefined,
    field: string[],
    apply: (current: ProjectRecord, now: Date) => Promise<ProjectChange>,
  ): Promise<ProjectRecord> {
    return retryOnConflict(
      async () => {
        const current = await this.projects.get(projectId);
        if (!current) throw projectNotFound(field, field[1] === 'reviewId' ? reviewNotFoundMessage : undefined);
        if (expectedVersion != null && expectedVersion !== current.version)
          throw UserInputError.versionConflict(['input', 'expectedVersion']);
        const { next, extra = [] } = await apply(current, this.clock.now());
        return this.write(current, next, extra);
      },
      { field, attempts: attemptsFor(expectedVersion) },
    );
  }

  /** Writes `next` over `current`; a new status is copied onto every engaged partner in the same transaction. */
  async write(current: ProjectRecord, next: ProjectRecord, extra: TransactItem[]): Promise<ProjectRecord> {
    const saved: ProjectRecord = { ...next, version: current.version + 1, updatedAt: this.clock.now().toISOString() };
    const statusCopies =
      saved.status === current.status
        ? []
        : Object.keys(saved.engagements).map((partnerId) => this.partners.engagementStatusUpdate(partnerId, saved.id, saved.status));
    await this.projects.save(saved, current.version, [...extra, ...statusCopies], current);
    return saved;
  }
}
