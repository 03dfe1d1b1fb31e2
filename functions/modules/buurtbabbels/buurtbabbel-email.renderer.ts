import { buildMeetingInvitationIcs, buildPublishedEventIcs, type MeetingCalendarEvent } from '../../mail/calendar/meeting-calendar';
import { renderBuurtbabbelEmail } from '../../mail/templates/buurtbabbel-email';
import { signLinkToken } from '../../shared/links/signed-links';
import { isInvitable } from '../neighbours/neighbour';
import type { NeighboursRepository } from '../neighbours/neighbours.repository';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { BuurtbabbelDispatchPayload, BuurtbabbelRecipientData } from './buurtbabbel-dispatch';
import type { BuurtbabbelsRepository } from './buurtbabbels.repository';
import { apiPaths } from '../../shared/links/api-paths';
import { unsubscribeMailto, unsubscribeUrl, unsubscribeValidityMs } from './opt-out-links';
import { eventAnswerLinks } from '../../shared/links/answer-links';

export interface BuurtbabbelEmailSettings {
  publicBaseUrl: string;
  linkSigningSecret: string;
  organizer: { name: string; email: string };
}

/**
 * Renders a buurtbabbel outbox message. Checked at send time, not when queued: a contact who opted
 * out (or became a partner) meanwhile gets nothing, and neither does anyone for a buurtbabbel
 * cancelled meanwhile, except its cancellation. Every mail carries List-Unsubscribe (RFC 2369) with
 * one-click unsubscription (RFC 8058).
 */
export function createBuurtbabbelEmailRenderer(
  settings: BuurtbabbelEmailSettings,
  repositories: { neighbours: NeighboursRepository; buurtbabbels: BuurtbabbelsRepository },
): OutboxRenderer {
  return async (message, now, round) => {
    const payload = message.payload as unknown as BuurtbabbelDispatchPayload;
    const recipient = message.recipient.data as unknown as BuurtbabbelRecipientData;
    // The neighbour per message (an opt-out counts up to the last moment); the buurtbabbel, the same
    // for the whole mailing, once per delivery round.
    const [neighbour, buurtbabbel] = await Promise.all([
      repositories.neighbours.get(recipient.neighbourId),
      round.once(`buurtbabbel:${payload.buurtbabbelId}`, () => repositories.buurtbabbels.get(payload.buurtbabbelId)),
    ]);
    if (!neighbour) return { withdraw: 'NEIGHBOUR_GONE' };
    if (neighbour.optedOutAt) return { withdraw: 'OPTED_OUT' };
    if (!isInvitable(neighbour)) return { withdraw: 'BECAME_PARTNER' };
    if (buurtbabbel?.status === 'CANCELLED' && recipient.emailKind !== 'cancellation') return { withdraw: 'CANCELLED' };

    const startsAt = new Date(payload.startsAt);
    const endsAt = new Date(payload.endsAt);
    const unsubscribeToken = await signLinkToken(
      settings.linkSigningSecret,
      'unsubscribe',
      { neighbourId: neighbour.id },
      new Date(now.getTime() + unsubscribeValidityMs),
      now,
    );
    const unsubscribe = unsubscribeUrl(settings.publicBaseUrl, unsubscribeToken);
    const answerLinks =
      recipient.emailKind === 'cancellation'
        ? undefined
        : await eventAnswerLinks(
            settings,
            {
              path: apiPaths.buurtbabbelAnswer,
              purpose: 'buurtbabbel-answer',
              claims: { buurtbabbelId: payload.buurtbabbelId, neighbourId: neighbour.id },
              eventEndsAt: endsAt,
            },
            { yes: 'YES', maybe: 'MAYBE', no: 'NO' },
            now,
          );
    const email = renderBuurtbabbelEmail({
      kind: recipient.emailKind,
      recipientName: message.recipient.name,
      businessName: neighbour.businessName,
      startsAt,
      endsAt,
      location: payload.location,
      hostName: payload.hostName,
      cancelReason: payload.cancelReason,
      answerLinks,
      unsubscribeLink: unsubscribe,
    });
    const event: MeetingCalendarEvent = {
      uid: payload.uid,
      sequence: payload.sequence,
      title: 'Buurtbabbel Locon De Stek',
      description: payload.hostName ? `Te gast bij ${payload.hostName}.` : undefined,
      location: payload.location,
      startsAt,
      endsAt,
      status: 'CONFIRMED',
      organizer: settings.organizer,
      attendees: [],
    };
    let calendar: { method: 'PUBLISH' | 'CANCEL'; content: string } | undefined;
    if (recipient.emailKind === 'accepted' || recipient.emailKind === 'promoted') {
      calendar = { method: 'PUBLISH', content: buildPublishedEventIcs({ stamp: now, event }) };
    } else if (recipient.emailKind === 'cancellation') {
      calendar = { method: 'CANCEL', content: buildMeetingInvitationIcs({ method: 'CANCEL', stamp: now, event }) };
    }
    return {
      ...email,
      ...(calendar ? { calendar } : {}),
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>, <${unsubscribeMailto(settings.organizer.email)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  };
}
