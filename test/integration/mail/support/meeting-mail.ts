import { buildMeetingInvitationIcs } from '../../../../functions/mail/calendar/meeting-calendar';
import type { OutgoingEmail } from '../../../../functions/mail/mailer';
import { renderMeetingEmail } from '../../../../functions/mail/templates/meeting-email';
import { meetingEvent, STAMP } from '../../../unit/mail/support/fixtures';

export const ANSWER_LINKS = {
  accept: 'https://destek.local/antwoord/t0k?keuze=ja',
  tentative: 'https://destek.local/antwoord/t0k?keuze=misschien',
  decline: 'https://destek.local/antwoord/t0k?keuze=nee',
};

/** One partner's mail for a meeting, put together the way the meeting workflow will. */
export function meetingMail(
  kind: 'invitation' | 'update' | 'cancellation',
  sequence: number,
  overrides: { startsAt?: Date; endsAt?: Date } = {},
): OutgoingEmail {
  const event = meetingEvent({
    sequence,
    ...overrides,
    attendees: [{ email: 'jan@example.org', name: 'Jan Peeters', partstat: 'NEEDS-ACTION' }],
  });
  const method = kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
  const rendered = renderMeetingEmail({
    kind,
    recipientName: 'Jan',
    partnerName: 'Bakkerij Peeters',
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: event.location,
    themes: ['Buurtbabbel', 'Nieuwe projecten'],
    answerLinks: ANSWER_LINKS,
    cancelReason: kind === 'cancellation' ? 'Te weinig deelnemers' : undefined,
  });
  return {
    messageId: `<meeting-01HZX8.${sequence}.jan@destek.local>`,
    from: 'Locon De Stek <overleg@destek.local>',
    to: 'Jan Peeters <jan@example.org>',
    ...rendered,
    calendar: {
      method,
      content: buildMeetingInvitationIcs({
        method,
        stamp: STAMP,
        event: { ...event, status: kind === 'cancellation' ? 'CANCELLED' : 'CONFIRMED' },
      }),
    },
  };
}
