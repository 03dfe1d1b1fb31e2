import type { Language } from '../../shared/i18n/language';
import type { NetworkNames } from '../../shared/i18n/network-names';
import { renderStaleReplyNote } from '../../mail/templates/inbound-mail-email';
import { eventAnswerLinks } from '../../shared/links/answer-links';
import { apiPaths } from '../../shared/links/api-paths';
import { recipientKey } from '../../shared/recipient-key';
import type { MeetingRecord } from '../meetings/meeting';
import type { OutboxDispatchOf } from '../outbox/outbox';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';

/**
 * The note to someone whose calendar answered a version of an invitation whose time has changed
 * since: the current time and the answer links. An outbox dispatch, keyed by the received
 * message, so the same reply delivered twice brings one note.
 */
export const staleReplyDispatchKind = 'meeting-stale-reply' as const;

export interface StaleReplyPayload {
  meetingId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
}

export interface StaleReplyRecipientData {
  partnerId: string;
  /** The representative's language; absent on older dispatches: Dutch. */
  language?: Language;
}

export function planStaleReplyNote(input: {
  messageKey: string;
  meeting: MeetingRecord;
  partnerId: string;
  recipient: { email: string; name?: string; language?: Language };
  createdAt: string;
}): OutboxDispatchOf<typeof staleReplyDispatchKind> {
  const { meeting } = input;
  const payload: StaleReplyPayload = {
    meetingId: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
  };
  const key = recipientKey(input.recipient.email);
  return {
    id: `inbound.${input.messageKey}`,
    kind: staleReplyDispatchKind,
    payload: { ...payload },
    recipients: [
      {
        key,
        email: input.recipient.email,
        name: input.recipient.name,
        data: { partnerId: input.partnerId, ...(input.recipient.language ? { language: input.recipient.language } : {}) },
      },
    ],
    createdAt: input.createdAt,
  };
}

export function createStaleReplyNoteRenderer(settings: {
  publicBaseUrl: string;
  linkSigningSecret: string;
  names: NetworkNames;
}): OutboxRenderer<typeof staleReplyDispatchKind> {
  return async (message, now) => {
    const meeting = message.payload;
    const { partnerId, language } = message.recipient.data;
    const endsAt = new Date(meeting.endsAt);
    const links = await eventAnswerLinks(
      settings,
      {
        path: apiPaths.rsvp,
        purpose: 'rsvp',
        claims: { meetingId: meeting.meetingId, partnerId, lang: language ?? 'nl' },
        eventEndsAt: endsAt,
      },
      { yes: 'ACCEPTED', maybe: 'TENTATIVE', no: 'DECLINED' },
      now,
    );
    return renderStaleReplyNote({
      language,
      names: settings.names,
      recipientName: message.recipient.name,
      title: meeting.title,
      startsAt: new Date(meeting.startsAt),
      endsAt,
      location: meeting.location,
      answerLinks: links,
    });
  };
}

declare module '../outbox/outbox' {
  interface OutboxKinds {
    'meeting-stale-reply': { payload: StaleReplyPayload; recipientData: StaleReplyRecipientData };
  }
}
