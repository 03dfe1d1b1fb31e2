import type { Language } from '../../shared/i18n/language';
import { recipientKey } from '../../shared/recipient-key';
import type { OutboxDispatchOf, OutboxRecipient } from '../outbox/outbox';
import { invitationRecipients, isActivePartner, type PartnerRecord } from '../partners/partner';
import { agendaItemKind, invitationList, type AgendaItemKind, type MeetingRecord } from './meeting';

/**
 * The minutes of a held meeting, to every partner invited to it (pure). One dispatch per meeting,
 * with a deterministic id: the outbox refuses a second one, so the minutes go out exactly once.
 * The payload is a snapshot: a later correction of the outcome does not change what was sent.
 */
export const minutesDispatchKind = 'meeting-minutes' as const;

export interface MinutesPayload {
  meetingId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  minutes?: string;
  /** Names of the partners that attended, then of those invited that did not. */
  attended: string[];
  absent: string[];
  guests: string[];
  agenda: { title: string; kind: AgendaItemKind; decision?: string }[];
  /** Decisions about projects taken outside an agenda item, with the project's name. */
  projectDecisions: { projectName: string; text: string }[];
  nextMeeting?: { startsAt: string; endsAt: string; location: string };
}

export interface MinutesRecipientData {
  partnerId: string;
  partnerName: string;
  language?: Language;
}

export function minutesDispatchId(meetingId: string): string {
  return `meeting-minutes.${meetingId}`;
}

export function planMinutesDispatch(input: {
  /** The meeting as it is once HELD. */
  meeting: MeetingRecord;
  /** At least every invited partner. */
  partners: ReadonlyMap<string, PartnerRecord>;
  projectNames: ReadonlyMap<string, string>;
  nextMeeting?: Pick<MeetingRecord, 'startsAt' | 'endsAt' | 'location'>;
  now: Date;
}): OutboxDispatchOf<typeof minutesDispatchKind> | undefined {
  const { meeting, partners } = input;
  const invited = invitationList(meeting).map((invitation) => invitation.partnerId);
  const present = new Set(meeting.attendance);
  const nameOf = (id: string) => partners.get(id)?.name;
  const recipients = new Map<string, OutboxRecipient<MinutesRecipientData>>();
  for (const partnerId of invited) {
    const partner = partners.get(partnerId);
    // A partner that left the network is no longer mailed.
    if (!partner || !isActivePartner(partner)) continue;
    for (const person of invitationRecipients(partner)) {
      const key = recipientKey(person.email);
      const data: MinutesRecipientData = {
        partnerId,
        partnerName: partner.name,
        ...(person.language ? { language: person.language } : {}),
      };
      if (!recipients.has(key)) recipients.set(key, { key, email: person.email, name: person.name, data });
    }
  }
  if (recipients.size === 0) return undefined;
  const payload: MinutesPayload = {
    meetingId: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    ...(meeting.minutes ? { minutes: meeting.minutes } : {}),
    attended: meeting.attendance.map(nameOf).filter((name): name is string => !!name),
    absent: invited
      .filter((id) => !present.has(id))
      .map(nameOf)
      .filter((name): name is string => !!name),
    guests: meeting.guests ?? [],
    agenda: meeting.agenda.map((item) => ({
      title: item.title,
      kind: agendaItemKind(item),
      ...(item.decision ? { decision: item.decision } : {}),
    })),
    projectDecisions: (meeting.projectDecisions ?? [])
      .filter((decision) => !decision.agendaItemId)
      .map((decision) => ({ projectName: input.projectNames.get(decision.projectId) ?? decision.projectId, text: decision.text })),
    ...(input.nextMeeting
      ? { nextMeeting: { startsAt: input.nextMeeting.startsAt, endsAt: input.nextMeeting.endsAt, location: input.nextMeeting.location } }
      : {}),
  };
  return {
    id: minutesDispatchId(meeting.id),
    kind: minutesDispatchKind,
    payload,
    recipients: [...recipients.values()],
    createdAt: input.now.toISOString(),
  };
}

declare module '../outbox/outbox' {
  interface OutboxKinds {
    'meeting-minutes': { payload: MinutesPayload; recipientData: MinutesRecipientData };
  }
}
