import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Page } from '../../shared/dynamodb/cursor';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { UserInputError, type UserErrorEntry } from '../../shared/errors';
import { checkText, cleanList } from '../../shared/validation';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { PartnerRecord } from '../partners/partner';
import type { PartnersRepository } from '../partners/partners.repository';
import {
  composeThemes,
  isOpenForChanges,
  newInvitations,
  validateSchedule,
  validateTimes,
  type AgendaItemRecord,
  type MeetingRecord,
  type RsvpResponse,
} from './meeting';
import type { AgendaProjects } from './agenda-projects';
import { planMeetingDispatch, type RecipientGroup } from './meeting-dispatch';
import type { MeetingsRepository } from './meetings.repository';
import { attemptsFor, retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';

export interface ScheduleMeetingCommand {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  themes?: string[] | null;
  inviteePartnerIds?: string[] | null;
  previousMeetingId?: string | null;
}

export interface RescheduleMeetingCommand {
  id: string;
  startsAt: Date;
  endsAt: Date;
  location?: string | null;
  expectedVersion?: number | null;
}

export interface MeetingsSettings {
  /** Domain of calendar UIDs and Message-IDs (the organizer's mail domain). */
  uidDomain: string;
}

const notFound = (field: string[] = ['input', 'id']) => UserInputError.single('NOT_FOUND', 'Deze vergadering bestaat niet.', field);

export class MeetingsService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly partners: PartnersRepository,
    private readonly projects: AgendaProjects,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly settings: MeetingsSettings,
  ) {}

  async schedule(viewer: Viewer | undefined, input: ScheduleMeetingCommand): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    // A conflict here is only the kept agenda changing under us: decide again on the fresh one.
    return retryOnConflict(
      async () => {
        const now = this.clock.now();
        const errors = validateSchedule(input, now);
        const [standingThemes, invitees, previous, nextAgenda] = await Promise.all([
          this.meetings.getStandingThemes(),
          this.loadInvitees(input.inviteePartnerIds, errors),
          input.previousMeetingId ? this.meetings.get(input.previousMeetingId) : Promise.resolve(undefined),
          this.meetings.getNextMeetingAgenda(),
        ]);
        if (input.previousMeetingId) {
          if (!previous) {
            errors.push({ field: ['input', 'previousMeetingId'], code: 'NOT_FOUND', message: 'De vorige vergadering bestaat niet.' });
          } else if (new Date(previous.startsAt).getTime() >= input.startsAt.getTime()) {
            errors.push({
              field: ['input', 'previousMeetingId'],
              code: 'PREVIOUS_NOT_EARLIER',
              message: 'De vorige vergadering moet vóór deze vergadering vallen.',
            });
          }
        }
        if (errors.length > 0) throw new UserInputError(errors);

        const at = now.toISOString();
        const meeting: MeetingRecord = {
          id: this.newId(),
          title: input.title.trim(),
          startsAt: input.startsAt.toISOString(),
          endsAt: input.endsAt.toISOString(),
          location: input.location.trim(),
          status: 'PLANNED',
          themes: composeThemes(standingThemes, input.themes),
          // What was decided while no meeting was planned (e.g. a consolidation review) comes first.
          agenda: nextAgenda.items,
          invitations: newInvitations([...invitees.keys()], at),
          attendance: [],
          previousMeetingId: previous?.id,
          sequence: 0,
          timeChangedAtSequence: 0,
          version: 1,
          createdAt: at,
          updatedAt: at,
        };
        const dispatch = this.dispatch(meeting, invitees, [
          { partnerIds: [...invitees.keys()], method: 'REQUEST', emailKind: 'invitation' },
        ]);
        // Emptying the kept agenda, on condition it is unchanged, also tells a concurrent
        // `placeOnNextAgenda` that found no planned meeting to look again.
        await this.meetings.create(meeting, [...dispatch, this.meetings.nextMeetingAgendaPut([], nextAgenda, at)]);
        return meeting;
      },
      { field: ['input'] },
    );
  }

  /**
   * The transaction entries that put an item on the agenda of the next planned meeting, or, when
   * none is planned, keep it for the next meeting to be scheduled. The caller writes them with its
   * own change; a failed condition means the next meeting changed meanwhile: read and plan again.
   */
  async placeOnNextAgenda(
    items: AgendaItemRecord[],
    exceptMeetingId?: string,
  ): Promise<{ meeting?: MeetingRecord; entries: TransactItem[] }> {
    const now = this.clock.now();
    const meeting = await this.meetings.findNextPlanned(now, exceptMeetingId);
    if (meeting) return { meeting, entries: [this.meetings.agendaAppend(meeting.id, items, now.toISOString())] };
    const kept = await this.meetings.getNextMeetingAgenda();
    return { entries: [this.meetings.nextMeetingAgendaPut([...kept.items, ...items], kept, now.toISOString())] };
  }

  async reschedule(viewer: Viewer | undefined, input: RescheduleMeetingCommand): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    const errors = validateTimes(input.startsAt, input.endsAt, this.clock.now());
    if (input.location != null) {
      const locationError = checkText(input.location, ['input', 'location'], 'De plaats', 300);
      if (locationError) errors.push(locationError);
    }
    if (errors.length > 0) throw new UserInputError(errors);
    return this.change(input.id, input.expectedVersion, ['input', 'id'], async (current, now) => {
      const timeChanged = current.startsAt !== input.startsAt.toISOString() || current.endsAt !== input.endsAt.toISOString();
      const next: MeetingRecord = {
        ...current,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
        location: input.location?.trim() ?? current.location,
        // Agreeing to come was agreeing to a time: a new time asks everyone again.
        invitations: timeChanged ? resetResponses(current) : current.invitations,
        sequence: current.sequence + 1,
        timeChangedAtSequence: timeChanged ? current.sequence + 1 : current.timeChangedAtSequence,
        version: current.version + 1,
        updatedAt: now,
      };
      return { next, groups: [{ partnerIds: Object.keys(next.invitations), method: 'REQUEST', emailKind: 'update' }] };
    });
  }

  async cancel(
    viewer: Viewer | undefined,
    input: { id: string; reason?: string | null; expectedVersion?: number | null },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    if (input.reason && input.reason.length > 1000) {
      throw UserInputError.single('TOO_LONG', 'De reden mag hoogstens 1000 tekens lang zijn.', ['input', 'reason']);
    }
    return this.change(input.id, input.expectedVersion, ['input', 'id'], async (current, now) => {
      const next: MeetingRecord = {
        ...current,
        status: 'CANCELLED',
        cancelReason: input.reason?.trim() || undefined,
        sequence: current.sequence + 1,
        version: current.version + 1,
        updatedAt: now,
      };
      // The consolidation reviews this meeting was to confirm go to the next one: nothing else would bring them back.
      const carried = await this.openReviewItems(current.agenda);
      const extra = carried.length > 0 ? (await this.placeOnNextAgenda(carried, current.id)).entries : [];
      return { next, groups: [{ partnerIds: Object.keys(next.invitations), method: 'CANCEL', emailKind: 'cancellation' }], extra };
    });
  }

  async changeInvitees(
    viewer: Viewer | undefined,
    input: { id: string; addPartnerIds?: string[] | null; removePartnerIds?: string[] | null; expectedVersion?: number | null },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    const add = [...new Set(input.addPartnerIds ?? [])];
    const remove = [...new Set(input.removePartnerIds ?? [])];
    if (add.length === 0 && remove.length === 0) {
      throw UserInputError.single('NOTHING_TO_CHANGE', 'Geef partners op om toe te voegen of te verwijderen.', ['input']);
    }
    return this.change(
      input.id,
      input.expectedVersion,
      ['input', 'id'],
      async (current, now, partners) => {
        const errors: UserErrorEntry[] = [];
        add.forEach((id, index) => {
          const field = ['input', 'addPartnerIds', String(index)];
          if (current.invitations[id]) errors.push({ field, code: 'ALREADY_INVITED', message: 'Deze partner is al uitgenodigd.' });
          else if (remove.includes(id))
            errors.push({ field, code: 'ADD_AND_REMOVE', message: 'Een partner kan niet tegelijk toegevoegd en verwijderd worden.' });
          else if (!partners.has(id)) errors.push({ field, code: 'UNKNOWN_PARTNER', message: 'Deze partner bestaat niet.' });
        });
        remove.forEach((id, index) => {
          if (!current.invitations[id])
            errors.push({
              field: ['input', 'removePartnerIds', String(index)],
              code: 'NOT_INVITED',
              message: 'Deze partner is niet uitgenodigd.',
            });
        });
        if (errors.length > 0) throw new UserInputError(errors);
        const invitations = { ...current.invitations, ...newInvitations(add, now) };
        for (const id of remove) delete invitations[id];
        return {
          next: { ...current, invitations, version: current.version + 1, updatedAt: now },
          groups: [
            { partnerIds: add, method: 'REQUEST', emailKind: 'invitation' },
            { partnerIds: remove, method: 'CANCEL', emailKind: 'cancellation', removedFromMeeting: true },
          ],
        };
      },
      { partnersToLoad: (current) => [...invitedPartnerIds(current), ...add] },
    );
  }

  async addAgendaItem(
    viewer: Viewer | undefined,
    input: { meetingId: string; title: string; projectId?: string | null; expectedVersion?: number | null },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    const titleError = checkText(input.title, ['input', 'title'], 'Het agendapunt', 300);
    if (titleError) throw new UserInputError([titleError]);
    if (input.projectId && !(await this.projects.exists(input.projectId))) {
      throw UserInputError.single('UNKNOWN_PROJECT', 'Dit project bestaat niet.', ['input', 'projectId']);
    }
    const itemId = this.newId();
    return this.change(
      input.meetingId,
      input.expectedVersion,
      ['input', 'meetingId'],
      async (current, now) => ({
        next: {
          ...current,
          agenda: [
            ...current.agenda,
            { id: itemId, title: input.title.trim(), ...(input.projectId ? { projectId: input.projectId } : {}) },
          ],
          version: current.version + 1,
          updatedAt: now,
        },
        groups: [],
      }),
      { partnersToLoad: () => [] },
    );
  }

  async recordOutcome(
    viewer: Viewer | undefined,
    input: { id: string; minutes?: string | null; attendedPartnerIds: string[]; expectedVersion?: number | null },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    if (input.minutes && input.minutes.length > 50_000) {
      throw UserInputError.single('TOO_LONG', 'Het verslag mag hoogstens 50 000 tekens lang zijn.', ['input', 'minutes']);
    }
    const attended = [...new Set(input.attendedPartnerIds)];
    return this.change(
      input.id,
      input.expectedVersion,
      ['input', 'id'],
      async (current, now, partners) => {
        const errors: UserErrorEntry[] = [];
        if (new Date(current.startsAt).getTime() > new Date(now).getTime()) {
          errors.push({ field: ['input', 'id'], code: 'MEETING_NOT_STARTED', message: 'Deze vergadering is nog niet begonnen.' });
        }
        attended.forEach((id, index) => {
          if (!partners.has(id))
            errors.push({
              field: ['input', 'attendedPartnerIds', String(index)],
              code: 'UNKNOWN_PARTNER',
              message: 'Deze partner bestaat niet.',
            });
        });
        if (errors.length > 0) throw new UserInputError(errors);
        return {
          next: {
            ...current,
            status: 'HELD',
            minutes: input.minutes?.trim() || current.minutes,
            attendance: attended,
            version: current.version + 1,
            updatedAt: now,
          },
          groups: [],
        };
      },
      { partnersToLoad: () => attended, allowHeld: true },
    );
  }

  /** A partner's answer from the app; answers by email link go to `recordResponse` directly. */
  async respond(viewer: Viewer | undefined, input: { meetingId: string; response: RsvpResponse }): Promise<MeetingRecord> {
    const signedIn = requireViewer(viewer);
    if (!signedIn.partnerId) {
      throw UserInputError.single('NOT_A_PARTNER', 'Alleen wie een partner vertegenwoordigt kan antwoorden.', ['input', 'meetingId']);
    }
    return this.recordResponse(input.meetingId, signedIn.partnerId, input.response);
  }

  /**
   * Records a partner's answer (the app, an answer link, a reply from a calendar app). An answer
   * given at `answeredAt` (a calendar reply's own time) counts only when no later answer is stored:
   * the later of two answers wins, and the same reply twice changes nothing. The meeting is then
   * returned as it stands.
   */
  async recordResponse(
    meetingId: string,
    partnerId: string,
    response: RsvpResponse,
    options: { answeredAt?: Date } = {},
  ): Promise<MeetingRecord> {
    if (response === 'NEEDS_ACTION') {
      throw UserInputError.single('INVALID_RESPONSE', 'Kies “Ik kom”, “Misschien” of “Ik kom niet”.', ['input', 'response']);
    }
    const at = (options.answeredAt ?? this.clock.now()).toISOString();
    const updated = await this.meetings.recordResponse(meetingId, partnerId, response, at, {
      onlyIfLater: options.answeredAt !== undefined,
    });
    if (updated) return updated;
    const meeting = await this.meetings.get(meetingId);
    if (!meeting) throw notFound(['input', 'meetingId']);
    if (!meeting.invitations[partnerId]) {
      throw UserInputError.single('NOT_INVITED', 'De organisatie die je vertegenwoordigt is niet uitgenodigd voor deze vergadering.', [
        'input',
        'meetingId',
      ]);
    }
    if (options.answeredAt && meeting.status === 'PLANNED') return meeting;
    const closed = isOpenForChanges(meeting);
    throw new UserInputError([
      { ...(closed ?? { code: 'NOT_OPEN', message: 'Antwoorden kan niet meer.' }), field: ['input', 'meetingId'] },
    ]);
  }

  /** The meeting an answer link names; the link's token, checked by the page, is the permission. */
  async getForAnswerLink(meetingId: string): Promise<MeetingRecord | undefined> {
    return this.meetings.get(meetingId);
  }

  async get(viewer: Viewer | undefined, id: string): Promise<MeetingRecord | undefined> {
    requireViewer(viewer);
    return this.meetings.get(id);
  }

  async list(viewer: Viewer | undefined, range: { from?: Date; to?: Date }, limit: number, after?: string): Promise<Page<MeetingRecord>> {
    requireViewer(viewer);
    return this.meetings.listByStart(range, limit, after);
  }

  async standingThemes(viewer: Viewer | undefined): Promise<string[]> {
    requireViewer(viewer);
    return this.meetings.getStandingThemes();
  }

  async setStandingThemes(viewer: Viewer | undefined, themes: string[]): Promise<string[]> {
    requireRole(viewer, 'COORDINATOR');
    const errors = themes
      .map((theme, index) => checkText(theme, ['themes', String(index)], 'Een thema', 200))
      .filter((e) => e !== undefined);
    if (errors.length > 0) throw new UserInputError(errors);
    const cleaned = cleanList(themes);
    await this.meetings.setStandingThemes(cleaned, this.clock.now().toISOString());
    return cleaned;
  }

  /**
   * Applies a coordinator's change with optimistic concurrency. A client that passed
   * `expectedVersion` hears of any concurrent change; otherwise the change is re-applied to the
   * fresh meeting (answers that arrived in between are kept), at most a few times.
   */
  private async change(
    id: string,
    expectedVersion: number | null | undefined,
    field: string[],
    apply: (
      current: MeetingRecord,
      now: string,
      partners: ReadonlyMap<string, PartnerRecord>,
    ) => Promise<{ next: MeetingRecord; groups: RecipientGroup[]; extra?: TransactItem[] }>,
    options: ChangeOptions = {},
  ): Promise<MeetingRecord> {
    const partnersToLoad = options.partnersToLoad ?? invitedPartnerIds;
    return retryOnConflict(
      async () => {
        const current = await this.meetings.get(id);
        if (!current) throw notFound(field);
        if (expectedVersion != null && expectedVersion !== current.version) {
          throw UserInputError.versionConflict(['input', 'expectedVersion']);
        }
        const closed = isOpenForChanges(current);
        if (closed && !(options.allowHeld && current.status === 'HELD')) throw new UserInputError([{ ...closed, field }]);
        // Only the partners this change needs: agenda edits read none, the outcome only those who came.
        const partners = await this.partners.getMany(partnersToLoad(current));
        const { next, groups, extra = [] } = await apply(current, this.clock.now().toISOString(), partners);
        await this.meetings.replace(next, current.version, [...this.dispatch(next, partners, groups), ...extra]);
        return next;
      },
      { field: ['input', 'id'], attempts: attemptsFor(expectedVersion) },
    );
  }

  /** The agenda items that bring a consolidation review that is still open (one batched project read). */
  private async openReviewItems(agenda: AgendaItemRecord[]): Promise<AgendaItemRecord[]> {
    const items = agenda.filter((item) => item.projectId && item.reviewNumber !== undefined);
    if (items.length === 0) return [];
    const open = await this.projects.openReviewNumbers(items.map((item) => item.projectId!));
    return items.filter((item) => open.get(item.projectId!)?.has(item.reviewNumber!) ?? false);
  }

  private async loadInvitees(ids: string[] | null | undefined, errors: UserErrorEntry[]): Promise<Map<string, PartnerRecord>> {
    if (ids == null) return new Map((await this.partners.listAll()).map((partner) => [partner.id, partner]));
    const found = await this.partners.getMany(ids);
    ids.forEach((id, index) => {
      if (!found.has(id))
        errors.push({
          field: ['input', 'inviteePartnerIds', String(index)],
          code: 'UNKNOWN_PARTNER',
          message: 'Deze partner bestaat niet.',
        });
    });
    return found;
  }

  private dispatch(meeting: MeetingRecord, partners: ReadonlyMap<string, PartnerRecord>, groups: RecipientGroup[]) {
    const dispatch = planMeetingDispatch({
      meeting,
      partners,
      groups,
      uidDomain: this.settings.uidDomain,
      createdAt: this.clock.now().toISOString(),
    });
    return dispatch ? [this.outbox.dispatchPut(dispatch, this.clock.now())] : [];
  }
}

interface ChangeOptions {
  /** Partners the change reads (to validate, and to address its emails); all invitees by default. */
  partnersToLoad?: (current: MeetingRecord) => string[];
  /** Whether a meeting already HELD may still change (its outcome may be corrected). */
  allowHeld?: boolean;
}

const invitedPartnerIds = (meeting: MeetingRecord) => Object.keys(meeting.invitations);

function resetResponses(meeting: MeetingRecord): MeetingRecord['invitations'] {
  return Object.fromEntries(
    Object.entries(meeting.invitations).map(([id, invitation]) => [
      id,
      { partnerId: id, invitedAt: invitation.invitedAt, response: 'NEEDS_ACTION' as const },
    ]),
  );
}
