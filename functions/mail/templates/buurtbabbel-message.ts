import { buildMeetingInvitationIcs, buildPublishedEventIcs, calendarProdId, type MeetingCalendarEvent } from '../calendar/meeting-calendar';
import type { RenderedEmail } from '../rendered-email';
import { deStekNames } from '../../shared/i18n/network-names';
import { textsFor } from '../../shared/i18n/translate';
import { renderBuurtbabbelEmail, type BuurtbabbelEmailInput } from './buurtbabbel-email';

export interface BuurtbabbelMessageInput extends BuurtbabbelEmailInput {
  /** The buurtbabbel's calendar UID and SEQUENCE. */
  uid: string;
  sequence: number;
  organizer: { name: string; email: string };
  /** The mailto: address of List-Unsubscribe, beside the one-click link. */
  unsubscribeMailto: string;
  /** DTSTAMP of the calendar part. */
  stamp: Date;
}

export interface RenderedBuurtbabbelMessage extends RenderedEmail {
  calendar?: { method: 'PUBLISH' | 'CANCEL'; content: string };
  headers: Record<string, string>;
}

/**
 * A whole buurtbabbel mail (pure): the email in the recipient's language, a calendar part for who has a seat (PUBLISH)
 * or for a cancellation (CANCEL), and List-Unsubscribe (RFC 2369) with one-click unsubscription
 * (RFC 8058) on every mail.
 */
export function renderBuurtbabbelMessage(input: BuurtbabbelMessageInput): RenderedBuurtbabbelMessage {
  const { uid, sequence, organizer, unsubscribeMailto, stamp, ...emailInput } = input;
  const email = renderBuurtbabbelEmail(emailInput);
  // The calendar entry (SUMMARY, DESCRIPTION) in the recipient's language too.
  const names = input.names ?? deStekNames;
  const tr = textsFor(input.language ?? 'nl', names);
  const prodId = calendarProdId(names);
  const event: MeetingCalendarEvent = {
    uid,
    sequence,
    title: tr('buurtbabbel.calendar.title'),
    description: input.hostName ? tr('buurtbabbel.calendar.host', { host: input.hostName }) : undefined,
    location: input.location,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    status: 'CONFIRMED',
    organizer,
    attendees: [],
  };
  let calendar: RenderedBuurtbabbelMessage['calendar'];
  if (input.kind === 'accepted' || input.kind === 'promoted') {
    calendar = { method: 'PUBLISH', content: buildPublishedEventIcs({ stamp, event, prodId }) };
  } else if (input.kind === 'cancellation') {
    calendar = { method: 'CANCEL', content: buildMeetingInvitationIcs({ method: 'CANCEL', stamp, event, prodId }) };
  }
  return {
    ...email,
    ...(calendar ? { calendar } : {}),
    headers: {
      'List-Unsubscribe': `<${input.unsubscribeLink}>, <${unsubscribeMailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
