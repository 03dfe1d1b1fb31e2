import { renderBuurtbabbelMessage } from '../../mail/templates/buurtbabbel-message';
import { signLinkToken } from '../../shared/links/signed-links';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { buurtbabbelDispatchKind } from './buurtbabbel-dispatch';
import type { BuurtbabbelsService } from './buurtbabbels.service';
import { apiPaths } from '../../shared/links/api-paths';
import { unsubscribeMailto, unsubscribeUrl, unsubscribeValidityMs } from './opt-out-links';
import { eventAnswerLinks } from '../../shared/links/answer-links';
import type { NetworkNames } from '../../shared/i18n/network-names';
import { neighbourLanguage } from '../neighbours/neighbour';

export interface BuurtbabbelEmailSettings {
  publicBaseUrl: string;
  /** The network's names in the texts (settings). */
  names: NetworkNames;
  linkSigningSecret: string;
  organizer: { name: string; email: string };
}

/**
 * Renders a buurtbabbel outbox message. Whether it still goes out is the service's to say, at send
 * time (BuurtbabbelsService.recipientAtSend); the links are signed here, and the mail itself is the
 * template's (mail/templates/buurtbabbel-message.ts).
 */
export function createBuurtbabbelEmailRenderer(
  settings: BuurtbabbelEmailSettings,
  buurtbabbels: BuurtbabbelsService,
): OutboxRenderer<typeof buurtbabbelDispatchKind> {
  return async (message, now, round) => {
    const payload = message.payload;
    const recipient = message.recipient.data;
    const atSend = await buurtbabbels.recipientAtSend(
      { buurtbabbelId: payload.buurtbabbelId, neighbourId: recipient.neighbourId, emailKind: recipient.emailKind },
      { ...round, neighbourIds: () => round.messagesOf('buurtbabbel').map((other) => other.recipient.data.neighbourId) },
    );
    if ('withdraw' in atSend) return atSend;
    const { neighbour } = atSend;
    // The language only says how the answer and unsubscribe pages read; it is no personal data.
    const language = neighbourLanguage(neighbour);

    const startsAt = new Date(payload.startsAt);
    const endsAt = new Date(payload.endsAt);
    const unsubscribeToken = await signLinkToken(
      settings.linkSigningSecret,
      'unsubscribe',
      { neighbourId: neighbour.id, lang: language },
      new Date(now.getTime() + unsubscribeValidityMs),
      now,
    );
    const answerLinks =
      recipient.emailKind === 'cancellation'
        ? undefined
        : await eventAnswerLinks(
            settings,
            {
              path: apiPaths.buurtbabbelAnswer,
              purpose: 'buurtbabbel-answer',
              claims: { buurtbabbelId: payload.buurtbabbelId, neighbourId: neighbour.id, lang: language },
              eventEndsAt: endsAt,
            },
            { yes: 'YES', maybe: 'MAYBE', no: 'NO' },
            now,
          );
    return renderBuurtbabbelMessage({
      kind: recipient.emailKind,
      language,
      names: settings.names,
      recipientName: message.recipient.name,
      businessName: neighbour.businessName,
      source: neighbour.source,
      startsAt,
      endsAt,
      location: payload.location,
      hostName: payload.hostName,
      cancelReason: payload.cancelReason,
      answerLinks,
      unsubscribeLink: unsubscribeUrl(settings.publicBaseUrl, unsubscribeToken),
      uid: payload.uid,
      sequence: payload.sequence,
      organizer: settings.organizer,
      unsubscribeMailto: unsubscribeMailto(settings.organizer.email),
      stamp: now,
    });
  };
}
