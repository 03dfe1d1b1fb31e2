import type { Partstat } from '../../mail/calendar/meeting-calendar';
import type { UserErrorEntry } from '../../shared/errors';
import { checkCount, checkText, cleanList, compact } from '../../shared/validation';
import { compareKeys } from '../../shared/compare-keys';
import type { PartnerRecord } from '../partners/partner';

/** A network meeting (overlegvergadering) as stored. Pure types and rules; no I/O here. */
export type MeetingStatus = 'PLANNED' | 'HELD' | 'CANCELLED';
export type RsvpResponse = 'NEEDS_ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export interface InvitationRecord {
  partnerId: string;
  response: RsvpResponse;
  invitedAt: string;
  respondedAt?: string;
}

/** THEME: a standing theme; TOPIC: an open-space topic; PROJECT: a project that needs the meeting. */
export type AgendaItemKind = 'THEME' | 'TOPIC' | 'PROJECT';

export interface AgendaItemRecord {
  id: string;
  title: string;
  /** Absent on items stored before kinds were kept: see `agendaItemKind`. */
  kind?: AgendaItemKind;
  description?: string;
  /** The partner that proposed an open-space topic. */
  proposedBy?: string;
  /** Planned duration in minutes. */
  durationMinutes?: number;
  projectId?: string;
  /** Set on the item that brings a project's consolidation review to the meeting. */
  reviewNumber?: number;
  /** Set on the item of a matrix session held at this meeting. */
  matrixSessionId?: string;
  /** What the meeting decided about this item (recorded with the outcome). */
  decision?: string;
}

/** A decision about a project recorded with a meeting's outcome (also in the project's decision log). */
export interface MeetingProjectDecisionRecord {
  projectId: string;
  text: string;
  /** The agenda item it was decided under, when it was one. */
  agendaItemId?: string;
}

export interface MeetingRecord {
  id: string;
  title: string;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  location: string;
  status: MeetingStatus;
  themes: string[];
  agenda: AgendaItemRecord[];
  /** Keyed by partner id, so one answer updates one map entry without rewriting the others. */
  invitations: Record<string, InvitationRecord>;
  minutes?: string;
  attendance: string[];
  cancelReason?: string;
  previousMeetingId?: string;
  nextMeetingId?: string;
  /** Until when invited partners may propose topics (UTC ISO); absent: `defaultTopicCutoff` before the start. */
  topicsCloseAt?: string;
  /** Guests who attended, by name (recorded with the outcome). */
  guests?: string[];
  /** Decisions about projects recorded with the outcome (meeting-minutes.ts). */
  projectDecisions?: MeetingProjectDecisionRecord[];
  /** iCalendar SEQUENCE: raised when time, place or status change. */
  sequence: number;
  /**
   * The SEQUENCE at which the meeting got its current time (0 when scheduled). A calendar reply to
   * a version from this one on answered the same time, so it still counts. Absent on meetings
   * stored before it was kept: then only a reply to the current SEQUENCE counts.
   */
  timeChangedAtSequence?: number;
  /** Optimistic-concurrency version: raised by every change made by a coordinator. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const maxMeetingHours = 12;

/**
 * What a meeting item may hold: it must stay one DynamoDB item (400 KB), so every list and text on
 * it is capped and checked before a write. At these caps, with every character taking 3 bytes, the
 * item measures well below the limit (docs/data-model.md, "Item sizes"; test/integration/api/item-caps.test.ts).
 */
export const meetingCaps = {
  /** Items on one agenda, the automatic ones (projects, reviews) included. */
  agendaItems: 30,
  agendaItemTitle: 300,
  agendaItemDescription: 1000,
  /** Standing themes; a meeting adds at most as many own themes (TOPIC items) again. */
  themes: 12,
  themeLength: 200,
  /** Partners invited to one meeting. */
  invitees: 200,
  /**
   * One invitation, update or cancellation lists everyone it is mailed to (every representative of
   * every invited partner, with name, address and partner) on one dispatch item: at most this many
   * bytes as JSON, so the item stays below DynamoDB's 400 KB (200 partners with 20 representatives
   * each and long names would not).
   */
  dispatchBytes: 300_000,
  guests: 50,
  guestName: 100,
  minutes: 30_000,
  decision: 2000,
  /**
   * Minutes and every decision of the outcome together (a decision on a PROJECT item is stored
   * twice): as much as the minutes alone may hold, so a long outcome moves text from the minutes
   * into decisions rather than adding to it. 40,000 measured 81 % of the item limit at the other caps.
   */
  outcome: 30_000,
} as const;

export function checkThemeCount(themes: readonly string[] | null | undefined, field: string[]): UserErrorEntry | undefined {
  return checkCount(
    cleanList(themes).length,
    meetingCaps.themes,
    field,
    'TOO_MANY_THEMES',
    `Geef hoogstens ${meetingCaps.themes} thema's op.`,
  );
}

export function checkInviteeCount(count: number, field: string[]): UserErrorEntry | undefined {
  return checkCount(
    count,
    meetingCaps.invitees,
    field,
    'TOO_MANY_INVITEES',
    `Een vergadering heeft hoogstens ${meetingCaps.invitees} uitgenodigde partners.`,
  );
}

/** Room for `adding` more items on the agenda: refused at the cap with TOO_MANY_AGENDA_ITEMS. */
export function checkAgendaRoom(agenda: readonly AgendaItemRecord[], adding: number, field: string[]): UserErrorEntry | undefined {
  return checkCount(
    agenda.length + adding,
    meetingCaps.agendaItems,
    field,
    'TOO_MANY_AGENDA_ITEMS',
    `Een agenda telt hoogstens ${meetingCaps.agendaItems} punten. Verwijder eerst een punt.`,
  );
}

export function validateTimes(startsAt: Date, endsAt: Date, now: Date): UserErrorEntry[] {
  const errors: UserErrorEntry[] = [];
  if (endsAt.getTime() <= startsAt.getTime()) {
    errors.push({ field: ['input', 'endsAt'], code: 'END_BEFORE_START', message: 'Het einde moet na het begin liggen.' });
  } else if (endsAt.getTime() - startsAt.getTime() > maxMeetingHours * 3600_000) {
    errors.push({ field: ['input', 'endsAt'], code: 'TOO_LONG', message: `Een vergadering duurt hoogstens ${maxMeetingHours} uur.` });
  }
  if (startsAt.getTime() <= now.getTime()) {
    errors.push({ field: ['input', 'startsAt'], code: 'START_IN_PAST', message: 'Het begin moet in de toekomst liggen.' });
  }
  return errors;
}

export interface ScheduleFields {
  title: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  themes?: string[] | null;
}

export function validateSchedule(input: ScheduleFields, now: Date): UserErrorEntry[] {
  const themeErrors = (input.themes ?? []).map((theme, index) =>
    checkText(theme, ['input', 'themes', String(index)], 'Een thema', meetingCaps.themeLength),
  );
  return [
    ...compact([
      checkText(input.title, ['input', 'title'], 'De titel', 200),
      checkText(input.location, ['input', 'location'], 'De plaats', 300),
      ...themeErrors,
      checkThemeCount(input.themes, ['input', 'themes']),
    ]),
    ...validateTimes(input.startsAt, input.endsAt, now),
  ];
}

/** Standing themes first, then this meeting's own topics, without duplicates. */
export function composeThemes(standing: readonly string[], own: readonly string[] | null | undefined): string[] {
  return cleanList([...standing, ...(own ?? [])]);
}

export function isOpenForChanges(meeting: MeetingRecord): UserErrorEntry | undefined {
  if (meeting.status === 'CANCELLED')
    return { field: ['input', 'id'], code: 'MEETING_CANCELLED', message: 'Deze vergadering is geannuleerd.' };
  if (meeting.status === 'HELD')
    return { field: ['input', 'id'], code: 'MEETING_HELD', message: 'Deze vergadering heeft al plaatsgevonden.' };
  return undefined;
}

export function newInvitations(partnerIds: readonly string[], at: string): Record<string, InvitationRecord> {
  return Object.fromEntries(partnerIds.map((partnerId) => [partnerId, { partnerId, response: 'NEEDS_ACTION' as const, invitedAt: at }]));
}

/**
 * An invitation as the API answers it: with its partner when the list's resolver loaded the
 * partners of the whole list at once (one promise per list instead of one per invitation).
 */
export type InvitationView = InvitationRecord & { partner?: PartnerRecord };

/**
 * The view written out field by field: a fresh object of one shape, where spreading a record read
 * from DynamoDB (built key by key) copies slowly and leaves the resolvers reading many shapes.
 */
export function invitationView(invitation: InvitationRecord, partner: PartnerRecord): InvitationView {
  return {
    partnerId: invitation.partnerId,
    response: invitation.response,
    invitedAt: invitation.invitedAt,
    respondedAt: invitation.respondedAt,
    partner,
  };
}

/** Invitations in a stable order: as invited, then by partner id. */
export function invitationList(meeting: MeetingRecord): InvitationRecord[] {
  return Object.values(meeting.invitations).sort((a, b) => compareKeys(a.invitedAt, b.invitedAt) || compareKeys(a.partnerId, b.partnerId));
}

const partstatByResponse: Record<RsvpResponse, Partstat> = {
  NEEDS_ACTION: 'NEEDS-ACTION',
  ACCEPTED: 'ACCEPTED',
  DECLINED: 'DECLINED',
  TENTATIVE: 'TENTATIVE',
};

export function toPartstat(response: RsvpResponse) {
  return partstatByResponse[response];
}

/** An item's kind; items stored before kinds were kept are projects when they name one, topics otherwise. */
export function agendaItemKind(item: AgendaItemRecord): AgendaItemKind {
  return item.kind ?? (item.projectId ? 'PROJECT' : 'TOPIC');
}

/** Topics close this long before the start unless the coordinator set another moment (3 days: when the agenda goes out). */
export const defaultTopicCutoffMs = 3 * 24 * 3600_000;

export function topicsCloseAt(meeting: Pick<MeetingRecord, 'startsAt' | 'topicsCloseAt'>): Date {
  return meeting.topicsCloseAt ? new Date(meeting.topicsCloseAt) : new Date(new Date(meeting.startsAt).getTime() - defaultTopicCutoffMs);
}

/** The agenda a new meeting starts with: the standing themes (THEME), then its own topics (TOPIC), then kept items. */
export function initialAgenda(
  standing: readonly string[],
  own: readonly string[] | null | undefined,
  kept: readonly AgendaItemRecord[],
  newId: () => string,
): AgendaItemRecord[] {
  const standingKeys = new Set(cleanList(standing).map((theme) => theme.toLocaleLowerCase('nl-BE')));
  const themes = cleanList(standing).map((title) => ({ id: newId(), title, kind: 'THEME' as const }));
  const topics = cleanList(own)
    .filter((title) => !standingKeys.has(title.toLocaleLowerCase('nl-BE')))
    .map((title) => ({ id: newId(), title, kind: 'TOPIC' as const }));
  return [...themes, ...topics, ...kept];
}

export const maxAgendaItemMinutes = 8 * 60;

export function checkDuration(minutes: number | null | undefined, field: string[]): UserErrorEntry | undefined {
  if (minutes == null) return undefined;
  if (!Number.isInteger(minutes) || minutes <= 0 || minutes > maxAgendaItemMinutes) {
    return { field, code: 'INVALID_DURATION', message: `Een duur is een geheel aantal minuten tussen 1 en ${maxAgendaItemMinutes}.` };
  }
  return undefined;
}

/** Whether a project already has an item on this agenda (a project is placed once). */
export function hasProjectItem(agenda: readonly AgendaItemRecord[], projectId: string): boolean {
  return agenda.some((item) => item.projectId === projectId && agendaItemKind(item) === 'PROJECT');
}

/**
 * The items not yet on the agenda: neither the same item (by id) nor, for a PROJECT item, another
 * item of its project. Placing the same need twice adds nothing.
 */
export function notYetOnAgenda(agenda: readonly AgendaItemRecord[], items: readonly AgendaItemRecord[]): AgendaItemRecord[] {
  const fresh: AgendaItemRecord[] = [];
  for (const item of items) {
    const placed = [...agenda, ...fresh];
    if (placed.some((other) => other.id === item.id)) continue;
    if (item.projectId && agendaItemKind(item) === 'PROJECT' && hasProjectItem(placed, item.projectId)) continue;
    fresh.push(item);
  }
  return fresh;
}

/** The agenda in the order of `itemIds`, which must name every item exactly once. */
export function reorderAgenda(agenda: readonly AgendaItemRecord[], itemIds: readonly string[]): AgendaItemRecord[] | UserErrorEntry {
  const byId = new Map(agenda.map((item) => [item.id, item]));
  if (itemIds.length !== agenda.length || new Set(itemIds).size !== itemIds.length || itemIds.some((id) => !byId.has(id))) {
    return {
      field: ['input', 'itemIds'],
      code: 'NOT_A_REORDERING',
      message: 'Geef elk agendapunt van deze vergadering precies één keer op.',
    };
  }
  return itemIds.map((id) => byId.get(id)!);
}

/** Why a meeting cannot become the previous one of another (it must have started, and have no next one yet). */
export function checkCanPrecede(previous: MeetingRecord, now: Date, field: string[]): UserErrorEntry | undefined {
  if (previous.nextMeetingId) {
    return { field, code: 'NEXT_MEETING_ALREADY_AGREED', message: 'Op deze vergadering werd al een volgende vergadering afgesproken.' };
  }
  if (previous.status === 'CANCELLED') {
    return { field, code: 'MEETING_CANCELLED', message: 'Een geannuleerde vergadering kan geen vorige vergadering zijn.' };
  }
  if (new Date(previous.startsAt).getTime() > now.getTime()) {
    return { field, code: 'PREVIOUS_NOT_STARTED', message: 'De vorige vergadering heeft nog niet plaatsgevonden.' };
  }
  return undefined;
}

/** A cut-off for topics lies before the meeting's start. */
export function checkTopicsCloseAt(closeAt: Date | null | undefined, startsAt: Date, field: string[]): UserErrorEntry | undefined {
  if (!closeAt || closeAt.getTime() < startsAt.getTime()) return undefined;
  return { field, code: 'TOPICS_CLOSE_AFTER_START', message: 'Onderwerpen voorstellen moet sluiten vóór het begin van de vergadering.' };
}

/**
 * Need to know: which meetings a member sees, in the API and in their calendar feed alike.
 * Coordinators see every meeting; a partner's members those their partner is invited to.
 */
export function meetingVisibleTo(
  member: { role: 'COORDINATOR' | 'PARTNER'; partnerId?: string },
  meeting: Pick<MeetingRecord, 'invitations'>,
): boolean {
  if (member.role === 'COORDINATOR') return true;
  return member.partnerId !== undefined && Object.hasOwn(meeting.invitations, member.partnerId);
}
