import { meetingCalendarDescription, renderMeetingEmail } from '../../mail/templates/meeting-email';
import type { NetworkNames } from '../../shared/i18n/network-names';
import { buildMeetingInvitationIcs, calendarProdId } from '../../mail/calendar/meeting-calendar';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { meetingDispatchKind } from './meeting-dispatch';
import { apiPaths } from '../../shared/links/api-paths';
import { eventAnswerLinks } from '../../shared/links/answer-links';

export interface MeetingEmailSettings {
  publicBaseUrl: string;
  linkSigningSecret: string;
  organizer: { name: string; email: string };
  /** The network's names in the texts (settings). */
  names: NetworkNames;
}

/**
 * Renders a meeting outbox message: the email in the recipient's language with its iTIP calendar part. The calendar part
 * is built from the dispatch snapshot, so each version of the meeting is sent as it was decided.
 */
export function createMeetingEmailRenderer(settings: MeetingEmailSettings): OutboxRenderer<typeof meetingDispatchKind> {
  return async (message, now) => {
    const meeting = message.payload;
    const recipient = message.recipient.data;
    const startsAt = new Date(meeting.startsAt);
    const endsAt = new Date(meeting.endsAt);
    const cancelling = recipient.method === 'CANCEL';
    const language = recipient.language ?? 'nl';

    const answerLinks = cancelling
      ? undefined
      : await eventAnswerLinks(
          settings,
          {
            path: apiPaths.rsvp,
            purpose: 'rsvp',
            // The language only says how the answer page reads; it is no personal data.
            claims: { meetingId: meeting.meetingId, partnerId: recipient.partnerId, lang: language },
            eventEndsAt: endsAt,
          },
          { accept: 'ACCEPTED', tentative: 'TENTATIVE', decline: 'DECLINED' },
          now,
        );

    // Each copy names only its recipient beside the organizer: no partner learns another invitee's
    // address from the invitation (need to know). Someone taken off a meeting that goes on gets a
    // CANCEL naming only them (RFC 5546 §3.2.5).
    const own =
      recipient.partstat ?? meeting.attendees?.find((a) => a.email.toLowerCase() === message.recipient.email.toLowerCase())?.partstat;
    const attendees = [
      {
        email: message.recipient.email,
        name: message.recipient.name,
        partstat: recipient.removedFromMeeting ? ('NEEDS-ACTION' as const) : (own ?? ('NEEDS-ACTION' as const)),
      },
    ];
    const calendar = buildMeetingInvitationIcs({
      method: recipient.method,
      stamp: now,
      prodId: calendarProdId(settings.names),
      event: {
        uid: meeting.uid,
        sequence: meeting.sequence,
        title: meeting.title,
        description: meetingCalendarDescription(meeting.themes, language),
        location: meeting.location,
        startsAt,
        endsAt,
        status: cancelling ? 'CANCELLED' : meeting.status,
        organizer: settings.organizer,
        attendees,
      },
    });
    const email = renderMeetingEmail({
      kind: recipient.removedFromMeeting ? 'removal' : recipient.emailKind,
      language,
      names: settings.names,
      recipientName: message.recipient.name,
      partnerName: recipient.partnerName,
      title: meeting.title,
      startsAt,
      endsAt,
      location: meeting.location,
      themes: meeting.themes,
      cancelReason: recipient.removedFromMeeting ? undefined : meeting.cancelReason,
      answerLinks,
    });
    return { ...email, calendar: { method: recipient.method, content: calendar } };
  };
}
