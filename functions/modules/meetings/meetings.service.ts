import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Page } from '../../shared/dynamodb/cursor';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { UserInputError, type UserErrorEntry } from '../../shared/errors';
import { checkCount, checkText, cleanList, compact } from '../../shared/validation';
import { formatDutchDateTime } from '../../shared/dutch-dates';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { isActivePartner, type PartnerRecord } from '../partners/partner';
import type { PartnersRepository } from '../partners/partners.repository';
import {
  checkAgendaRoom,
  checkCanPrecede,
  checkDuration,
  checkInviteeCount,
  checkThemeCount,
  meetingCaps,
  composeThemes,
  initialAgenda,
  checkTopicsCloseAt,
  hasProjectItem,
  notYetOnAgenda,
  reorderAgenda,
  topicsCloseAt,
  type AgendaItemKind,
  isOpenForChanges,
  meetingVisibleTo,
  newInvitations,
  validateSchedule,
  validateTimes,
  type AgendaItemRecord,
  type MeetingRecord,
  type RsvpResponse,
} from './meeting';
import type { AgendaProjects } from './agenda-projects';
import { planMeetingDispatch, type RecipientGroup } from './meeting-dispatch';
import {
  attendanceSummaries,
  checkDecisionTexts,
  checkOutcomeLength,
  newProjectDecisions,
  withOutcomeDecisions,
  type AttendanceSummary,
  type OutcomeDecisionsInput,
} from './meeting-minutes';
import { planMinutesDispatch } from './minutes-dispatch';
import type { MeetingsRepository } from './meetings.repository';
import { reminderChanges, type MeetingReminderSettings } from './meeting-reminders';
import type { MeetingRemindersRepository } from './meeting-reminders.repository';
import { attemptsFor, retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';

export interface ScheduleMeetingCommand {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  themes?: string[] | null;
  inviteePartnerIds?: string[] | null;
  previousMeetingId?: string | null;
  /** Until when invited partners may propose topics; `defaultTopicCutoffMs` before the start when left out. */
  topicsCloseAt?: Date | null;
}

export interface NextMeetingCommand {
  startsAt: Date;
  endsAt: Date;
  location?: string | null;
  title?: string | null;
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
  /** When the reminders around a meeting fall due (the send-meeting-reminders job sends them). */
  reminders: MeetingReminderSettings;
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
    private readonly reminders: MeetingRemindersRepository,
  ) {}

  async schedule(viewer: Viewer | undefined, input: ScheduleMeetingCommand): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    // A conflict here is only the kept agenda changing under us: decide again on the fresh one.
    return retryOnConflict(
      async () => {
        const now = this.clock.now();
        const errors = validateSchedule(input, now);
        const cutoffError = checkTopicsCloseAt(input.topicsCloseAt, input.startsAt, ['input', 'topicsCloseAt']);
        if (cutoffError) errors.push(cutoffError);
        const [invitees, previous] = await Promise.all([
          this.loadInvitees(input.inviteePartnerIds, errors),
          input.previousMeetingId ? this.meetings.get(input.previousMeetingId) : Promise.resolve(undefined),
        ]);
        const tooMany = checkInviteeCount(invitees.size, ['input', 'inviteePartnerIds']);
        if (tooMany) errors.push(tooMany);
        if (input.previousMeetingId) {
          const field = ['input', 'previousMeetingId'];
          if (!previous) {
            errors.push({ field, code: 'NOT_FOUND', message: 'De vorige vergadering bestaat niet.' });
          } else if (new Date(previous.startsAt).getTime() >= input.startsAt.getTime()) {
            errors.push({ field, code: 'PREVIOUS_NOT_EARLIER', message: 'De vorige vergadering moet vóór deze vergadering vallen.' });
          } else {
            const refused = checkCanPrecede(previous, now, field);
            if (refused) errors.push(refused);
          }
        }
        if (errors.length > 0) throw new UserInputError(errors);
        const { meeting, entries } = await this.newMeeting(input, invitees, previous?.id);
        // The next date is agreed now: the previous meeting's reminder to agree one is void.
        const linked = previous ? [this.reminders.voidEntry(previous.id, 'next-date')] : [];
        await this.meetings.create(meeting, [...entries, ...linked]);
        return meeting;
      },
      { field: ['input'] },
    );
  }

  /**
   * A new planned meeting with its agenda (standing themes, its own topics, what was kept for the
   * next meeting) and the transaction entries that go with it: its invitations' dispatch and the
   * emptied kept agenda. Emptying that, on condition it is unchanged, also tells a concurrent
   * `placeOnNextAgenda` that found no planned meeting to look again.
   */
  private async newMeeting(
    input: ScheduleMeetingCommand,
    invitees: ReadonlyMap<string, PartnerRecord>,
    previousMeetingId: string | undefined,
  ): Promise<{ meeting: MeetingRecord; entries: TransactItem[] }> {
    const [standingThemes, nextAgenda, needs, upcoming] = await Promise.all([
      this.meetings.getStandingThemes(),
      this.meetings.getNextMeetingAgenda(),
      this.projects.needingMeeting(this.clock.now()),
      this.meetings.listByStart({ from: this.clock.now() }, 25),
    ]);
    // A project already on a planned meeting's agenda goes there, not on this one as well.
    const placedElsewhere = upcoming.items.filter((other) => other.status === 'PLANNED').flatMap((other) => other.agenda);
    const at = this.clock.now().toISOString();
    const withKept = initialAgenda(standingThemes, input.themes, nextAgenda.items, this.newId);
    // Themes and topics first, then what was kept, then the projects: as many as the agenda holds.
    // Kept items beyond the cap stay kept for the meeting after; a project left off is collected again then.
    const agenda = [...withKept, ...notYetOnAgenda([...placedElsewhere, ...withKept], needs)].slice(
      0,
      Math.max(meetingCaps.agendaItems, withKept.length - nextAgenda.items.length),
    );
    const keptBack = nextAgenda.items.filter((item) => !agenda.some((placed) => placed.id === item.id));
    const meeting: MeetingRecord = {
      id: this.newId(),
      title: input.title.trim(),
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt.toISOString(),
      location: input.location.trim(),
      status: 'PLANNED',
      themes: composeThemes(standingThemes, input.themes),
      // What was decided while no meeting was planned (e.g. a consolidation review) comes after the themes and
      // topics, then the projects that need the meeting and are not on it yet: each project once.
      agenda,
      invitations: newInvitations([...invitees.keys()], at),
      attendance: [],
      ...(previousMeetingId ? { previousMeetingId } : {}),
      ...(input.topicsCloseAt ? { topicsCloseAt: input.topicsCloseAt.toISOString() } : {}),
      sequence: 0,
      timeChangedAtSequence: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const dispatch = this.dispatch(meeting, invitees, [{ partnerIds: [...invitees.keys()], method: 'REQUEST', emailKind: 'invitation' }]);
    return {
      meeting,
      entries: [...dispatch, this.meetings.nextMeetingAgendaPut(keptBack, nextAgenda, at), ...this.reminderEntries(undefined, meeting)],
    };
  }

  /**
   * The transaction entries that put an item on the agenda of the next planned meeting, or, when
   * none is planned, keep it for the next meeting to be scheduled. The caller writes them with its
   * own change; a failed condition means the next meeting changed meanwhile: read and plan again.
   */
  async placeOnNextAgenda(
    items: AgendaItemRecord[],
    exceptMeetingId?: string,
    options: { keepWhenFull?: boolean } = {},
  ): Promise<{ meeting?: MeetingRecord; entries: TransactItem[] }> {
    const now = this.clock.now();
    // An item already there (the same id: placed when the meeting was scheduled) is not placed twice.
    const fresh = (agenda: readonly AgendaItemRecord[]) => items.filter((item) => !agenda.some((other) => other.id === item.id));
    const meeting = await this.meetings.findNextPlanned(now, exceptMeetingId);
    // A full agenda (meetingCaps.agendaItems) takes nothing more: the items wait for the meeting scheduled
    // next, unless the caller says scheduling collects them anyway (`keepWhenFull: false`).
    const full = meeting && checkAgendaRoom(meeting.agenda, fresh(meeting.agenda).length, []);
    if (meeting && !full) {
      const add = fresh(meeting.agenda);
      return {
        meeting,
        entries: add.length > 0 ? [this.meetings.agendaAppend(meeting.id, add, now.toISOString(), meetingCaps.agendaItems)] : [],
      };
    }
    if (full && options.keepWhenFull === false) return { entries: [] };
    const kept = await this.meetings.getNextMeetingAgenda();
    const add = fresh(kept.items);
    return { entries: add.length > 0 ? [this.meetings.nextMeetingAgendaPut([...kept.items, ...add], kept, now.toISOString())] : [] };
  }

  /**
   * The transaction entries that bring one automatic project item (its fixed id, e.g.
   * `project.<id>.intake`) on the planned meetings in line with what the project needs now:
   * updated where its text changed, taken off where it is no longer `wanted`, and, when no planned
   * meeting has it and none has an item about the project yet, placed on the next planned meeting
   * (each project once). Items a coordinator added by hand have other ids and stay. With no meeting
   * planned, or the next one full, nothing is kept: scheduling one collects the projects that need it then.
   */
  async syncAutomaticProjectItem(itemId: string, wanted: AgendaItemRecord | undefined): Promise<TransactItem[]> {
    const now = this.clock.now();
    const at = now.toISOString();
    const planned = (await this.meetings.listAllFrom(now)).filter((meeting) => meeting.status === 'PLANNED');
    const entries: TransactItem[] = [];
    let placed = false;
    for (const meeting of planned) {
      const index = meeting.agenda.findIndex((item) => item.id === itemId);
      if (index < 0) continue;
      placed = true;
      const current = meeting.agenda[index];
      if (wanted && current.title === wanted.title && (current.kind ?? undefined) === (wanted.kind ?? undefined)) continue;
      entries.push(this.meetings.agendaItemSet(meeting.id, index, itemId, wanted, at));
    }
    if (placed || !wanted || planned.length === 0) return entries;
    if (
      notYetOnAgenda(
        planned.flatMap((meeting) => meeting.agenda),
        [wanted],
      ).length === 0
    )
      return entries;
    return (await this.placeOnNextAgenda([wanted], undefined, { keepWhenFull: false })).entries;
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
          else if (!isActivePartner(partners.get(id)!))
            errors.push({ field, code: 'PARTNER_ARCHIVED', message: 'Deze partner maakt geen deel meer uit van het netwerk.' });
        });
        remove.forEach((id, index) => {
          if (!current.invitations[id])
            errors.push({
              field: ['input', 'removePartnerIds', String(index)],
              code: 'NOT_INVITED',
              message: 'Deze partner is niet uitgenodigd.',
            });
        });
        const invitations = { ...current.invitations, ...newInvitations(add, now) };
        for (const id of remove) delete invitations[id];
        const tooMany = checkInviteeCount(Object.keys(invitations).length, ['input', 'addPartnerIds']);
        if (tooMany) errors.push(tooMany);
        if (errors.length > 0) throw new UserInputError(errors);
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
    input: {
      meetingId: string;
      title: string;
      projectId?: string | null;
      kind?: AgendaItemKind | null;
      description?: string | null;
      durationMinutes?: number | null;
      expectedVersion?: number | null;
    },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    const errors = agendaItemFieldErrors(input);
    const kind: AgendaItemKind = input.kind ?? (input.projectId ? 'PROJECT' : 'TOPIC');
    if (kind === 'PROJECT' && !input.projectId) {
      errors.push({
        field: ['input', 'projectId'],
        code: 'PROJECT_REQUIRED',
        message: 'Een agendapunt over een project noemt het project.',
      });
    }
    if (errors.length > 0) throw new UserInputError(errors);
    if (input.projectId && !(await this.projects.exists(input.projectId))) {
      throw UserInputError.single('UNKNOWN_PROJECT', 'Dit project bestaat niet.', ['input', 'projectId']);
    }
    const itemId = this.newId();
    return this.change(
      input.meetingId,
      input.expectedVersion,
      ['input', 'meetingId'],
      async (current, now) => {
        if (kind === 'PROJECT' && input.projectId && hasProjectItem(current.agenda, input.projectId)) {
          throw UserInputError.single('PROJECT_ALREADY_ON_AGENDA', 'Dit project staat al op de agenda.', ['input', 'projectId']);
        }
        const full = checkAgendaRoom(current.agenda, 1, ['input', 'meetingId']);
        if (full) throw new UserInputError([full]);
        const item: AgendaItemRecord = {
          id: itemId,
          title: input.title.trim(),
          ...(input.kind || !input.projectId ? { kind } : {}),
          ...(input.description?.trim() ? { description: input.description.trim() } : {}),
          ...(input.durationMinutes != null ? { durationMinutes: input.durationMinutes } : {}),
          ...(input.projectId ? { projectId: input.projectId } : {}),
        };
        return { next: { ...current, agenda: [...current.agenda, item], version: current.version + 1, updatedAt: now }, groups: [] };
      },
      { partnersToLoad: () => [] },
    );
  }

  /**
   * An open-space topic on a planned meeting's agenda: by a partner invited to it, until the
   * meeting's topics close (the coordinator sets when; by default when the agenda goes out).
   */
  async proposeTopic(
    viewer: Viewer | undefined,
    input: { meetingId: string; title: string; description?: string | null },
  ): Promise<MeetingRecord> {
    const signedIn = requireViewer(viewer);
    const errors = compact([
      checkText(input.title, ['input', 'title'], 'Het onderwerp', meetingCaps.agendaItemTitle),
      input.description
        ? checkText(input.description, ['input', 'description'], 'De toelichting', meetingCaps.agendaItemDescription)
        : undefined,
    ]);
    if (signedIn.role !== 'COORDINATOR' && !signedIn.partnerId) {
      errors.push({
        field: ['input', 'meetingId'],
        code: 'NOT_A_PARTNER',
        message: 'Alleen wie een partner vertegenwoordigt kan een onderwerp voorstellen.',
      });
    }
    if (errors.length > 0) throw new UserInputError(errors);
    const itemId = this.newId();
    const proposer = signedIn.partnerId;
    return this.change(
      input.meetingId,
      null,
      ['input', 'meetingId'],
      async (current, now) => {
        if (signedIn.role !== 'COORDINATOR') {
          if (!current.invitations[signedIn.partnerId!]) {
            throw UserInputError.single('NOT_INVITED', 'Je partner is niet uitgenodigd voor deze vergadering.', ['input', 'meetingId']);
          }
          if (new Date(now).getTime() >= topicsCloseAt(current).getTime()) {
            throw UserInputError.single(
              'TOPICS_CLOSED',
              `Onderwerpen voorstellen kon tot ${formatDutchDateTime(topicsCloseAt(current))}.`,
              ['input', 'meetingId'],
            );
          }
        }
        const full = checkAgendaRoom(current.agenda, 1, ['input', 'meetingId']);
        if (full) throw new UserInputError([full]);
        const item: AgendaItemRecord = {
          id: itemId,
          title: input.title.trim(),
          kind: 'TOPIC',
          ...(input.description?.trim() ? { description: input.description.trim() } : {}),
          ...(proposer ? { proposedBy: proposer } : {}),
        };
        return { next: { ...current, agenda: [...current.agenda, item], version: current.version + 1, updatedAt: now }, groups: [] };
      },
      { partnersToLoad: () => [] },
    );
  }

  /** The coordinator edits an item: fields left out stay; a null duration or description clears it. */
  async updateAgendaItem(
    viewer: Viewer | undefined,
    input: {
      meetingId: string;
      itemId: string;
      title?: string | null;
      description?: string | null;
      durationMinutes?: number | null;
      expectedVersion?: number | null;
    },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    const errors = agendaItemFieldErrors(input);
    if (errors.length > 0) throw new UserInputError(errors);
    return this.editAgenda(input.meetingId, input.expectedVersion, (agenda) => {
      const index = agenda.findIndex((item) => item.id === input.itemId);
      if (index < 0) throw unknownItem();
      const item: AgendaItemRecord = { ...agenda[index] };
      if (input.title != null) item.title = input.title.trim();
      if ('description' in input && input.description !== undefined) {
        if (input.description?.trim()) item.description = input.description.trim();
        else delete item.description;
      }
      if ('durationMinutes' in input && input.durationMinutes !== undefined) {
        if (input.durationMinutes != null) item.durationMinutes = input.durationMinutes;
        else delete item.durationMinutes;
      }
      return agenda.map((existing, i) => (i === index ? item : existing));
    });
  }

  async removeAgendaItem(
    viewer: Viewer | undefined,
    input: { meetingId: string; itemId: string; expectedVersion?: number | null },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    return this.editAgenda(input.meetingId, input.expectedVersion, (agenda) => {
      if (!agenda.some((item) => item.id === input.itemId)) throw unknownItem();
      return agenda.filter((item) => item.id !== input.itemId);
    });
  }

  /** The coordinator puts the items in a new order: `itemIds` names every item once. */
  async reorderAgenda(
    viewer: Viewer | undefined,
    input: { meetingId: string; itemIds: string[]; expectedVersion?: number | null },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    return this.editAgenda(input.meetingId, input.expectedVersion, (agenda) => {
      const reordered = reorderAgenda(agenda, input.itemIds);
      if (!Array.isArray(reordered)) throw new UserInputError([reordered]);
      return reordered;
    });
  }

  /** The coordinator sets until when partners may propose topics (before the start). */
  async setTopicsCloseAt(
    viewer: Viewer | undefined,
    input: { meetingId: string; topicsCloseAt: Date; expectedVersion?: number | null },
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    return this.change(
      input.meetingId,
      input.expectedVersion,
      ['input', 'meetingId'],
      async (current, now) => {
        const error = checkTopicsCloseAt(input.topicsCloseAt, new Date(current.startsAt), ['input', 'topicsCloseAt']);
        if (error) throw new UserInputError([error]);
        return {
          next: { ...current, topicsCloseAt: input.topicsCloseAt.toISOString(), version: current.version + 1, updatedAt: now },
          groups: [],
        };
      },
      { partnersToLoad: () => [] },
    );
  }

  private editAgenda(
    meetingId: string,
    expectedVersion: number | null | undefined,
    edit: (agenda: AgendaItemRecord[]) => AgendaItemRecord[],
  ): Promise<MeetingRecord> {
    return this.change(
      meetingId,
      expectedVersion,
      ['input', 'meetingId'],
      async (current, now) => ({
        next: { ...current, agenda: edit(current.agenda), version: current.version + 1, updatedAt: now },
        groups: [],
      }),
      { partnersToLoad: () => [] },
    );
  }

  async recordOutcome(
    viewer: Viewer | undefined,
    input: {
      id: string;
      minutes?: string | null;
      attendedPartnerIds: string[];
      guests?: string[] | null;
      nextMeeting?: NextMeetingCommand | null;
      expectedVersion?: number | null;
    } & OutcomeDecisionsInput,
  ): Promise<MeetingRecord> {
    requireRole(viewer, 'COORDINATOR');
    const inputErrors: UserErrorEntry[] = checkDecisionTexts(input);
    if (input.minutes && input.minutes.length > meetingCaps.minutes) {
      inputErrors.push({
        field: ['input', 'minutes'],
        code: 'TOO_LONG',
        message: `Het verslag mag hoogstens ${meetingCaps.minutes.toLocaleString('nl-BE')} tekens lang zijn.`,
      });
    }
    (input.guests ?? []).forEach((guest, index) => {
      const error = checkText(guest, ['input', 'guests', String(index)], 'De naam van een gast', meetingCaps.guestName);
      if (error) inputErrors.push(error);
    });
    const tooManyGuests = checkCount(
      cleanList(input.guests).length,
      meetingCaps.guests,
      ['input', 'guests'],
      'TOO_MANY_GUESTS',
      `Noteer hoogstens ${meetingCaps.guests} gasten.`,
    );
    if (tooManyGuests) inputErrors.push(tooManyGuests);
    const nextInput = input.nextMeeting;
    if (nextInput) {
      for (const error of validateTimes(nextInput.startsAt, nextInput.endsAt, this.clock.now())) {
        inputErrors.push({ ...error, field: ['input', 'nextMeeting', ...(error.field ?? []).slice(1)] });
      }
      if (nextInput.location != null) {
        const error = checkText(nextInput.location, ['input', 'nextMeeting', 'location'], 'De plaats', 300);
        if (error) inputErrors.push(error);
      }
      if (nextInput.title != null) {
        const error = checkText(nextInput.title, ['input', 'nextMeeting', 'title'], 'De titel', 200);
        if (error) inputErrors.push(error);
      }
    }
    if (inputErrors.length > 0) throw new UserInputError(inputErrors);
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
          const field = ['input', 'attendedPartnerIds', String(index)];
          if (!partners.has(id)) errors.push({ field, code: 'UNKNOWN_PARTNER', message: 'Deze partner bestaat niet.' });
          // Who attended comes from the invitations; anyone else is a guest, by name.
          else if (!current.invitations[id])
            errors.push({ field, code: 'NOT_INVITED', message: 'Deze partner was niet uitgenodigd; noteer wie anders kwam als gast.' });
        });
        if (nextInput) {
          if (current.nextMeetingId) {
            errors.push({
              field: ['input', 'nextMeeting'],
              code: 'NEXT_MEETING_ALREADY_AGREED',
              message: 'Op deze vergadering werd al een volgende vergadering afgesproken.',
            });
          } else if (nextInput.startsAt.getTime() <= new Date(current.startsAt).getTime()) {
            errors.push({
              field: ['input', 'nextMeeting', 'startsAt'],
              code: 'PREVIOUS_NOT_EARLIER',
              message: 'De volgende vergadering moet na deze vergadering vallen.',
            });
          }
        }
        const decided = withOutcomeDecisions(current, input);
        errors.push(...decided.errors);
        const tooLong = checkOutcomeLength(input.minutes?.trim() || current.minutes, decided.agenda, decided.projectDecisions);
        if (tooLong) errors.push(tooLong);
        const projectNames = await this.projects.names(decided.projectDecisions.map((decision) => decision.projectId));
        (input.projectDecisions ?? []).forEach((entry, index) => {
          if (!projectNames.has(entry.projectId))
            errors.push({
              field: ['input', 'projectDecisions', String(index), 'projectId'],
              code: 'UNKNOWN_PROJECT',
              message: 'Dit project bestaat niet.',
            });
        });
        if (errors.length > 0) throw new UserInputError(errors);
        const guests = cleanList(input.guests);
        let chained: { meeting: MeetingRecord; entries: TransactItem[] } | undefined;
        if (nextInput) {
          // The same invitees by default: those of this meeting that still take part in the network.
          const invitees = new Map([...partners].filter(([id]) => current.invitations[id] && isActivePartner(partners.get(id)!)));
          chained = await this.newMeeting(
            {
              title: nextInput.title?.trim() || current.title,
              startsAt: nextInput.startsAt,
              endsAt: nextInput.endsAt,
              location: nextInput.location?.trim() || current.location,
            },
            invitees,
            current.id,
          );
        }
        const next: MeetingRecord = {
          ...current,
          status: 'HELD',
          minutes: input.minutes?.trim() || current.minutes,
          attendance: attended,
          ...(input.guests != null ? { guests } : {}),
          agenda: decided.agenda,
          projectDecisions: decided.projectDecisions,
          ...(chained ? { nextMeetingId: chained.meeting.id } : {}),
          version: current.version + 1,
          updatedAt: now,
        };
        return {
          next,
          groups: [],
          extra: [
            ...(chained ? [this.meetings.createEntry(chained.meeting), ...chained.entries] : []),
            ...this.minutesEntries(current, next, partners, projectNames, chained?.meeting),
          ],
        };
      },
      {
        // The invitees too: the minutes go to each of them (and the next meeting invites them).
        partnersToLoad: (current) => [...new Set([...attended, ...invitedPartnerIds(current)])],
        allowHeld: true,
      },
    );
  }

  /**
   * What the minutes of an outcome write besides the meeting: each new project decision in its
   * project's decision log (one entry per project), and, when the meeting becomes HELD, the
   * minutes to every invited partner (a dispatch with a fixed id: sent once, never for a correction).
   */
  private minutesEntries(
    current: MeetingRecord,
    next: MeetingRecord,
    partners: ReadonlyMap<string, PartnerRecord>,
    projectNames: ReadonlyMap<string, string>,
    nextMeeting: MeetingRecord | undefined,
  ): TransactItem[] {
    const now = this.clock.now();
    const byProject = new Map<string, { id: string; meetingId: string; text: string }[]>();
    for (const decision of newProjectDecisions(current.projectDecisions, next.projectDecisions ?? [])) {
      if (!projectNames.has(decision.projectId)) continue;
      const logged = byProject.get(decision.projectId) ?? [];
      logged.push({ id: this.newId(), meetingId: next.id, text: decision.text });
      byProject.set(decision.projectId, logged);
    }
    const entries = [...byProject].flatMap(([projectId, decisions]) => this.projects.decisionLogEntry(projectId, decisions, now));
    if (current.status !== 'HELD') {
      const dispatch = planMinutesDispatch({ meeting: next, partners, projectNames, nextMeeting, now });
      if (dispatch) entries.push(this.outbox.dispatchPut(dispatch, now));
    }
    return entries;
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

  /** A meeting the viewer may see (meetingVisibleTo): a partner's member gets nothing for a meeting their partner is not invited to. */
  async get(viewer: Viewer | undefined, id: string): Promise<MeetingRecord | undefined> {
    const signedIn = requireViewer(viewer);
    const meeting = await this.meetings.get(id);
    return meeting && meetingVisibleTo(signedIn, meeting) ? meeting : undefined;
  }

  /** The meetings the viewer may see, in order of start; the same ones their calendar feed shows. */
  async list(viewer: Viewer | undefined, range: { from?: Date; to?: Date }, limit: number, after?: string): Promise<Page<MeetingRecord>> {
    const signedIn = requireViewer(viewer);
    if (signedIn.role === 'COORDINATOR') return this.meetings.listByStart(range, limit, after);
    // A partner's page skips the meetings it is not invited to, reading on until the page is full.
    const page: Page<MeetingRecord> = { items: [], cursors: [], hasNextPage: false };
    let cursor = after;
    for (;;) {
      const read = await this.meetings.listByStart(range, limit, cursor);
      for (const [index, meeting] of read.items.entries()) {
        if (page.items.length === limit) {
          page.hasNextPage = true;
          return page;
        }
        if (!meetingVisibleTo(signedIn, meeting)) continue;
        page.items.push(meeting);
        page.cursors.push(read.cursors[index]);
      }
      if (!read.hasNextPage || read.cursors.length === 0) return page;
      if (page.items.length === limit) {
        page.hasNextPage = true;
        return page;
      }
      cursor = read.cursors[read.cursors.length - 1];
    }
  }

  /** How often each of these partners came to the held meetings it was invited to (coordinators only). */
  async attendance(viewer: Viewer | undefined, partnerIds: readonly string[]): Promise<Map<string, AttendanceSummary>> {
    requireRole(viewer, 'COORDINATOR');
    return attendanceSummaries(await this.meetings.listStartedBefore(this.clock.now()), partnerIds);
  }

  async standingThemes(viewer: Viewer | undefined): Promise<string[]> {
    requireViewer(viewer);
    return this.meetings.getStandingThemes();
  }

  async setStandingThemes(viewer: Viewer | undefined, themes: string[]): Promise<string[]> {
    requireRole(viewer, 'COORDINATOR');
    const errors = themes
      .map((theme, index) => checkText(theme, ['themes', String(index)], 'Een thema', meetingCaps.themeLength))
      .filter((e) => e !== undefined);
    const tooMany = checkThemeCount(themes, ['themes']);
    if (tooMany) errors.push(tooMany);
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
        await this.meetings.replace(next, current.version, [
          ...this.dispatch(next, partners, groups),
          ...extra,
          ...this.reminderEntries(current, next),
        ]);
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
    // By default every partner that still takes part in the network; partners who left are not invited.
    if (ids == null) return new Map((await this.partners.listAll()).filter(isActivePartner).map((partner) => [partner.id, partner]));
    const found = await this.partners.getMany(ids);
    ids.forEach((id, index) => {
      if (!found.has(id))
        errors.push({
          field: ['input', 'inviteePartnerIds', String(index)],
          code: 'UNKNOWN_PARTNER',
          message: 'Deze partner bestaat niet.',
        });
      else if (!isActivePartner(found.get(id)!))
        errors.push({
          field: ['input', 'inviteePartnerIds', String(index)],
          code: 'PARTNER_ARCHIVED',
          message: 'Deze partner maakt geen deel meer uit van het netwerk.',
        });
    });
    return found;
  }

  /** The reminder items a change writes in its transaction: new ones due, void ones removed (meeting-reminders.ts). */
  private reminderEntries(before: MeetingRecord | undefined, after: MeetingRecord): TransactItem[] {
    const now = this.clock.now();
    const changes = reminderChanges(before, after, this.settings.reminders, now);
    return [
      ...changes.void.map((kind) => this.reminders.voidEntry(after.id, kind)),
      ...changes.put.map((planned) => this.reminders.putEntry(after, planned, now.toISOString())),
    ];
  }

  private dispatch(meeting: MeetingRecord, partners: ReadonlyMap<string, PartnerRecord>, groups: RecipientGroup[]) {
    const dispatch = planMeetingDispatch({
      meeting,
      partners,
      groups,
      uidDomain: this.settings.uidDomain,
      createdAt: this.clock.now().toISOString(),
    });
    if (dispatch && Buffer.byteLength(JSON.stringify(dispatch)) > meetingCaps.dispatchBytes)
      throw UserInputError.single(
        'TOO_MANY_RECIPIENTS',
        `Deze vergadering zou naar te veel mensen gemaild worden (${dispatch.recipients.length}). Nodig minder partners uit.`,
        ['input'],
      );
    return dispatch ? [this.outbox.dispatchPut(dispatch, this.clock.now())] : [];
  }
}

interface ChangeOptions {
  /** Partners the change reads (to validate, and to address its emails); all invitees by default. */
  partnersToLoad?: (current: MeetingRecord) => string[];
  /** Whether a meeting already HELD may still change (its outcome may be corrected). */
  allowHeld?: boolean;
}

const unknownItem = () => UserInputError.single('UNKNOWN_AGENDA_ITEM', 'Dit agendapunt staat niet op de agenda.', ['input', 'itemId']);

const invitedPartnerIds = (meeting: MeetingRecord) => Object.keys(meeting.invitations);

function resetResponses(meeting: MeetingRecord): MeetingRecord['invitations'] {
  return Object.fromEntries(
    Object.entries(meeting.invitations).map(([id, invitation]) => [
      id,
      { partnerId: id, invitedAt: invitation.invitedAt, response: 'NEEDS_ACTION' as const },
    ]),
  );
}

/** The checks of an agenda item's own fields, for adding and editing (a title left out is not checked). */
function agendaItemFieldErrors(input: { title?: string | null; description?: string | null; durationMinutes?: number | null }) {
  return compact([
    input.title != null ? checkText(input.title, ['input', 'title'], 'Het agendapunt', meetingCaps.agendaItemTitle) : undefined,
    input.description
      ? checkText(input.description, ['input', 'description'], 'De toelichting', meetingCaps.agendaItemDescription)
      : undefined,
    checkDuration(input.durationMinutes, ['input', 'durationMinutes']),
  ]);
}
