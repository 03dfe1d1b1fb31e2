import type { Language } from '../../shared/i18n/language';
import { recipientKey } from '../../shared/recipient-key';
import type { OutboxDispatchOf, OutboxRecipient } from '../outbox/outbox';
import { invitationRecipients, isActivePartner, type PartnerRecord } from '../partners/partner';
import { agendaItemKind, toPartstat, type AgendaItemKind, type MeetingRecord } from './meeting';
import type { Partstat } from '../../mail/calendar/meeting-calendar';
import { meetingUid, type MeetingSnapshot } from './meeting-dispatch';
import { partnerReminderRecipients, type MeetingReminderKind, type MeetingReminderRecord } from './meeting-reminders';

/**
 * What the outbox needs to send a meeting reminder, decided when the reminder job claims it
 * (pure). One dispatch per reminder as written (`<meeting>.<kind>.v<version that wrote it>`): the
 * outbox refuses a second one, and a reminder rewritten for a new time is a new mail.
 */
export const meetingReminderDispatchKind = 'meeting-reminder';
export const coordinatorReminderDispatchKind = 'meeting-coordinator-reminder';

export interface ReminderAgendaItem {
  title: string;
  kind: AgendaItemKind;
  description?: string;
  durationMinutes?: number;
  /** The name of the partner that proposed an open-space topic. */
  proposedBy?: string;
}

/** The meeting as it stood when the reminder was claimed, with its calendar identity. */
/** Its `sequence` is the current invitation's: the .ics sent again changes nothing in a calendar. */
export interface MeetingReminderPayload extends MeetingSnapshot {
  reminderKind: 'agenda' | 'day';
  agenda: ReminderAgendaItem[];
  /** How many days before the start the agenda goes out (the setting), for its text. */
  daysBefore: number;
}

export interface MeetingReminderRecipientData {
  partnerId: string;
  partnerName: string;
  language: Language;
  partstat: Partstat;
}

export interface CoordinatorReminderPayload {
  reminderKind: 'minutes-3' | 'minutes-7' | 'next-date';
  meetingId: string;
  title: string;
  startsAt: string;
}

export interface CoordinatorReminderRecipientData {
  language: Language;
}

export function reminderDispatchId(reminder: Pick<MeetingReminderRecord, 'meetingId' | 'kind' | 'meetingVersion'>): string {
  return `reminder.${reminder.meetingId}.${reminder.kind}.v${reminder.meetingVersion}`;
}

/** The partners' reminder (agenda or day); undefined when nobody is to get it (e.g. everyone declined). */
export function planPartnerReminderDispatch(input: {
  reminder: MeetingReminderRecord & { kind: 'agenda' | 'day' };
  meeting: MeetingRecord;
  /** The invited partners and the proposers of topics. */
  partners: ReadonlyMap<string, PartnerRecord>;
  uidDomain: string;
  daysBefore: number;
  now: Date;
}): OutboxDispatchOf<typeof meetingReminderDispatchKind> | undefined {
  const { reminder, meeting, partners } = input;
  const recipients = new Map<string, OutboxRecipient<MeetingReminderRecipientData>>();
  for (const partnerId of partnerReminderRecipients(reminder.kind, meeting)) {
    const partner = partners.get(partnerId);
    if (!partner || !isActivePartner(partner)) continue;
    for (const person of invitationRecipients(partner)) {
      const key = recipientKey(person.email);
      const data: MeetingReminderRecipientData = {
        partnerId,
        partnerName: partner.name,
        language: person.language ?? 'nl',
        partstat: toPartstat(meeting.invitations[partnerId].response),
      };
      recipients.set(key, { key, email: person.email, name: person.name, data: { ...data } });
    }
  }
  if (recipients.size === 0) return undefined;
  const payload: MeetingReminderPayload = {
    reminderKind: reminder.kind,
    meetingId: meeting.id,
    uid: meetingUid(meeting.id, input.uidDomain),
    sequence: meeting.sequence,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    themes: meeting.themes,
    agenda: meeting.agenda.map((item) => ({
      title: item.title,
      kind: agendaItemKind(item),
      ...(item.description ? { description: item.description } : {}),
      ...(item.durationMinutes ? { durationMinutes: item.durationMinutes } : {}),
      ...(item.proposedBy && partners.get(item.proposedBy) ? { proposedBy: partners.get(item.proposedBy)!.name } : {}),
    })),
    daysBefore: input.daysBefore,
  };
  return {
    id: reminderDispatchId(reminder),
    kind: meetingReminderDispatchKind,
    payload: { ...payload },
    recipients: [...recipients.values()],
    createdAt: input.now.toISOString(),
  };
}

/** The coordinator's reminder (minutes still missing, or no next date agreed). */
export function planCoordinatorReminderDispatch(input: {
  reminder: MeetingReminderRecord & { kind: Exclude<MeetingReminderKind, 'agenda' | 'day'> };
  meeting: MeetingRecord;
  coordinator: { email: string; name?: string };
  now: Date;
}): OutboxDispatchOf<typeof coordinatorReminderDispatchKind> {
  const { reminder, meeting, coordinator } = input;
  const key = recipientKey(coordinator.email);
  const payload: CoordinatorReminderPayload = {
    reminderKind: reminder.kind,
    meetingId: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
  };
  return {
    id: reminderDispatchId(reminder),
    kind: coordinatorReminderDispatchKind,
    payload: { ...payload },
    recipients: [{ key, email: coordinator.email, ...(coordinator.name ? { name: coordinator.name } : {}), data: { language: 'nl' } }],
    createdAt: input.now.toISOString(),
  };
}

declare module '../outbox/outbox' {
  interface OutboxKinds {
    'meeting-reminder': { payload: MeetingReminderPayload; recipientData: MeetingReminderRecipientData };
    'meeting-coordinator-reminder': { payload: CoordinatorReminderPayload; recipientData: CoordinatorReminderRecipientData };
  }
}
