import type { Language } from '../../shared/i18n/language';
import { invitationRecipients, isActivePartner, type PartnerRecord } from '../partners/partner';
import { recipientKey } from '../../shared/recipient-key';
import type { CalendarAttendee, Partstat } from '../../mail/calendar/meeting-calendar';
import type { OutboxDispatchOf, OutboxRecipient } from '../outbox/outbox';
import { toPartstat, type MeetingRecord } from './meeting';

/**
 * What the outbox needs to send meeting emails, decided when the meeting changes (pure). The
 * renderer builds the email and .ics from this snapshot, so a later change cannot alter what an
 * earlier version said.
 */
export const meetingDispatchKind = 'meeting-invitation';

export type MeetingEmailKind = 'invitation' | 'update' | 'cancellation';

export type MeetingAttendee = CalendarAttendee;

/** The meeting as a mail about it shows it, with its calendar identity (UID and SEQUENCE). */
export interface MeetingSnapshot {
  meetingId: string;
  uid: string;
  sequence: number;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  themes: string[];
}

export interface MeetingDispatchPayload extends MeetingSnapshot {
  status: 'CONFIRMED' | 'CANCELLED';
  cancelReason?: string;
  /**
   * Every invitee with address and answer, on dispatches written before each recipient carried its
   * own `partstat`: read for those only. New dispatches leave it out, so no copy stores the other
   * invitees' addresses and a dispatch to 200 partners stays small (docs/data-model.md, "Item sizes").
   */
  attendees?: MeetingAttendee[];
}

export interface MeetingRecipientData {
  partnerId: string;
  partnerName: string;
  method: 'REQUEST' | 'CANCEL';
  emailKind: MeetingEmailKind;
  /** Set on a CANCEL for a partner taken off a meeting that itself goes on. */
  removedFromMeeting?: boolean;
  /** The representative's language; absent on dispatches from before languages: Dutch. */
  language?: Language;
  /** Their partner's answer as the calendar shows it; absent on older dispatches (see `attendees`). */
  partstat?: Partstat;
}

export interface RecipientGroup {
  partnerIds: readonly string[];
  method: 'REQUEST' | 'CANCEL';
  emailKind: MeetingEmailKind;
  removedFromMeeting?: boolean;
}

export function meetingUid(meetingId: string, domain: string): string {
  return `meeting-${meetingId}@${domain}`;
}

export function planMeetingDispatch(input: {
  meeting: MeetingRecord;
  partners: ReadonlyMap<string, PartnerRecord>;
  groups: RecipientGroup[];
  uidDomain: string;
  createdAt: string;
}): OutboxDispatchOf<typeof meetingDispatchKind> | undefined {
  const { meeting, partners } = input;
  const recipients = new Map<string, OutboxRecipient<MeetingRecipientData>>();
  for (const group of input.groups) {
    for (const partnerId of group.partnerIds) {
      const partner = partners.get(partnerId);
      // A partner that left the network is no longer mailed.
      if (!partner || !isActivePartner(partner)) continue;
      for (const person of invitationRecipients(partner)) {
        const key = recipientKey(person.email);
        const invitation = meeting.invitations[partnerId];
        const data: MeetingRecipientData = {
          partnerId,
          partnerName: partner.name,
          method: group.method,
          emailKind: group.emailKind,
          partstat: invitation ? toPartstat(invitation.response) : 'NEEDS-ACTION',
          ...(group.removedFromMeeting ? { removedFromMeeting: true } : {}),
          ...(person.language ? { language: person.language } : {}),
        };
        recipients.set(key, { key, email: person.email, name: person.name, data: { ...data } });
      }
    }
  }
  if (recipients.size === 0) return undefined;
  const payload: MeetingDispatchPayload = {
    meetingId: meeting.id,
    uid: meetingUid(meeting.id, input.uidDomain),
    sequence: meeting.sequence,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    themes: meeting.themes,
    status: meeting.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
    cancelReason: meeting.cancelReason,
  };
  return {
    id: `meeting.${meeting.id}.v${meeting.version}`,
    kind: meetingDispatchKind,
    payload: { ...payload },
    recipients: [...recipients.values()],
    createdAt: input.createdAt,
    // A later version's mail (update, cancellation) replaces an earlier one that has not left yet.
    series: { key: `meeting.${meeting.id}`, version: meeting.version },
  };
}

declare module '../outbox/outbox' {
  interface OutboxKinds {
    'meeting-invitation': { payload: MeetingDispatchPayload; recipientData: MeetingRecipientData };
  }
}
