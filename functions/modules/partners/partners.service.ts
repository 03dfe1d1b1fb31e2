import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Page } from '../../shared/dynamodb/cursor';
import { UserInputError } from '../../shared/errors';
import { normaliseEmail } from '../../shared/validation';
import {
  cleanCompetences,
  mergeRepresentatives,
  normaliseCapacity,
  validatePartnerFields,
  type PartnerFieldsInput,
  type PartnerKind,
  type PartnerRecord,
} from './partner';
import type { PartnersRepository } from './partners.repository';
import { attemptsFor, retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';

export interface CreatePartnerCommand extends PartnerFieldsInput {
  name: string;
  kind: PartnerKind;
  email: string;
}

export interface UpdatePartnerCommand extends PartnerFieldsInput {
  id: string;
  expectedVersion?: number | null;
}

export class PartnersService {
  constructor(
    private readonly repository: PartnersRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  async create(viewer: Viewer | undefined, input: CreatePartnerCommand): Promise<PartnerRecord> {
    requireRole(viewer, 'COORDINATOR');
    const errors = validatePartnerFields(input, true);
    if (errors.length > 0) throw new UserInputError(errors);
    const now = this.clock.now().toISOString();
    const partner: PartnerRecord = {
      id: this.newId(),
      name: input.name.trim(),
      kind: input.kind,
      email: normaliseEmail(input.email),
      capacity: normaliseCapacity(input.capacity),
      representatives: mergeRepresentatives([], input.representatives ?? [], this.newId),
      competences: cleanCompetences(input.competences),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.repository.create(partner);
    return partner;
  }

  async update(viewer: Viewer | undefined, input: UpdatePartnerCommand): Promise<PartnerRecord> {
    requireRole(viewer, 'COORDINATOR');
    const errors = validatePartnerFields(input, false);
    if (errors.length > 0) throw new UserInputError(errors);
    return this.change(input, (current) => ({
      ...current,
      name: input.name?.trim() ?? current.name,
      kind: input.kind ?? current.kind,
      email: input.email != null ? normaliseEmail(input.email) : current.email,
      capacity: input.capacity !== undefined ? normaliseCapacity(input.capacity) : current.capacity,
      representatives: input.representatives
        ? mergeRepresentatives(current.representatives, input.representatives, this.newId)
        : current.representatives,
      competences: input.competences ? cleanCompetences(input.competences) : current.competences,
    }));
  }

  /** The partner leaves the network (archived); archiving twice changes nothing. */
  async archive(viewer: Viewer | undefined, input: { id: string; expectedVersion?: number | null }): Promise<PartnerRecord> {
    requireRole(viewer, 'COORDINATOR');
    return this.change(input, (current, now) => (current.archivedAt ? undefined : { ...current, archivedAt: now }));
  }

  /**
   * Read, decide, write conditional on the version read. Without expectedVersion a concurrent
   * change (e.g. an engagement written by the projects module, which raises the version) is not
   * the caller's problem: read again and re-apply. `apply` returns undefined for "nothing to change".
   */
  private change(
    input: { id: string; expectedVersion?: number | null },
    apply: (current: PartnerRecord, now: string) => PartnerRecord | undefined,
  ): Promise<PartnerRecord> {
    return retryOnConflict(
      async () => {
        const current = await this.repository.get(input.id);
        if (!current) throw UserInputError.single('NOT_FOUND', 'Deze partner bestaat niet.', ['input', 'id']);
        if (input.expectedVersion != null && input.expectedVersion !== current.version) {
          throw UserInputError.versionConflict(['input', 'expectedVersion']);
        }
        const now = this.clock.now().toISOString();
        const changed = apply(current, now);
        if (!changed) return current;
        const next: PartnerRecord = { ...changed, version: current.version + 1, updatedAt: now };
        await this.repository.replace(next, current.version);
        return next;
      },
      { field: ['input', 'id'], attempts: attemptsFor(input.expectedVersion) },
    );
  }

  async get(viewer: Viewer | undefined, id: string): Promise<PartnerRecord | undefined> {
    requireViewer(viewer);
    return this.repository.get(id);
  }

  async list(viewer: Viewer | undefined, limit: number, after?: string): Promise<Page<PartnerRecord>> {
    requireViewer(viewer);
    return this.repository.list(limit, after);
  }
}
