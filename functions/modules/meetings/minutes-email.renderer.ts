import { renderMinutesEmail } from '../../mail/templates/minutes-email';
import type { NetworkNames } from '../../shared/i18n/network-names';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { minutesDispatchKind } from './minutes-dispatch';

/** Renders a meeting's minutes in the recipient's language, from the dispatch's snapshot; it reads nothing. */
export function createMinutesEmailRenderer(settings: { names: NetworkNames }): OutboxRenderer<typeof minutesDispatchKind> {
  return async (message) => {
    const payload = message.payload;
    return renderMinutesEmail({
      ...payload,
      language: message.recipient.data.language,
      names: settings.names,
      recipientName: message.recipient.name,
      startsAt: new Date(payload.startsAt),
      endsAt: new Date(payload.endsAt),
      nextMeeting: payload.nextMeeting && {
        startsAt: new Date(payload.nextMeeting.startsAt),
        endsAt: new Date(payload.nextMeeting.endsAt),
        location: payload.nextMeeting.location,
      },
    });
  };
}
