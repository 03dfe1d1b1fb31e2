import { buildMeetingInvitationIcs } from '../../mail/calendar/meeting-calendar';
import { renderCoordinatorReminderEmail, renderMeetingReminderEmail } from '../../mail/templates/meeting-reminder-email';
import type { NetworkNames } from '../../shared/i18n/network-names';
import { eventAnswerLinks } from '../../shared/links/answer-links';
import { apiPaths } from '../../shared/links/api-paths';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { coordinatorReminderDispatchKind, meetingReminderDispatchKind } from './meeting-reminder-dispatch';
import { daysAfterMeeting } from './meeting-reminders';

export interface MeetingReminderEmailSettings {
  publicBaseUrl: string;
  linkSigningSecret: string;
  organizer: { name: string; email: string };
  names: NetworkNames;
}

/**
 * Renders a partner's meeting reminder: the agenda (with the calendar entry again, under the
 * current invitation's UID and SEQUENCE, so a calendar finds nothing to change) or the day's
 * reminder, with the answer links, in the recipient's language.
 */
export function createMeetingReminderEmailRenderer(
  settings: MeetingReminderEmailSettings,
): OutboxRenderer<typeof meetingReminderDispatchKind> {
  return async (message, now) => {
    const meeting = message.payload;
    const recipient = message.recipient.data;
    const startsAt = new Date(meeting.startsAt);
    const endsAt = new Date(meeting.endsAt);
    const answerLinks = await eventAnswerLinks(
      settings,
      {
        path: apiPaths.rsvp,
        purpose: 'rsvp',
        claims: { meetingId: meeting.meetingId, partnerId: recipient.partnerId },
        eventEndsAt: endsAt,
      },
      { yes: 'ACCEPTED', maybe: 'TENTATIVE', no: 'DECLINED' },
      now,
    );
    const email = renderMeetingReminderEmail({
      kind: meeting.reminderKind,
      language: recipient.language,
      names: settings.names,
      recipientName: message.recipient.name,
      partnerName: recipient.partnerName,
      title: meeting.title,
      startsAt,
      endsAt,
      location: meeting.location,
      agenda: meeting.agenda,
      daysBefore: meeting.daysBefore,
      answered: recipient.partstat !== 'NEEDS-ACTION',
      answerLinks,
    });
    if (meeting.reminderKind !== 'agenda') return email;
    // The same event as the invitation (the meeting renderer's description, the recipient's own answer).
    const calendar = buildMeetingInvitationIcs({
      method: 'REQUEST',
      stamp: now,
      event: {
        uid: meeting.uid,
        sequence: meeting.sequence,
        title: meeting.title,
        description: meeting.themes.length > 0 ? `Thema's: ${meeting.themes.join(', ')}` : undefined,
        location: meeting.location,
        startsAt,
        endsAt,
        status: 'CONFIRMED',
        organizer: settings.organizer,
        attendees: [{ email: message.recipient.email, name: message.recipient.name, partstat: recipient.partstat }],
      },
    });
    return { ...email, calendar: { method: 'REQUEST', content: calendar } };
  };
}

/** Renders the coordinator's reminder after a meeting (outcome missing, or no next date). */
export function createCoordinatorReminderEmailRenderer(settings: {
  names: NetworkNames;
}): OutboxRenderer<typeof coordinatorReminderDispatchKind> {
  return async (message) => {
    const payload = message.payload;
    return renderCoordinatorReminderEmail({
      kind: payload.reminderKind === 'next-date' ? 'nextDate' : 'minutes',
      daysSince: daysAfterMeeting(payload.reminderKind),
      language: message.recipient.data.language,
      names: settings.names,
      recipientName: message.recipient.name,
      title: payload.title,
      startsAt: new Date(payload.startsAt),
    });
  };
}
