import type { NetworkNames } from '../../shared/i18n/network-names';
import { renderIdeaPromotedEmail } from '../../mail/templates/idea-promoted-email';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { ideaPromotedDispatchKind } from './idea-promoted-dispatch';

/** Renders the invitation to engage in a promoted matrix idea; it needs no link and reads nothing. */
export function createIdeaPromotedEmailRenderer(names?: NetworkNames): OutboxRenderer<typeof ideaPromotedDispatchKind> {
  return async (message) => {
    const payload = message.payload;
    const recipient = message.recipient.data;
    return renderIdeaPromotedEmail({
      ...payload,
      language: recipient.language,
      names,
      recipientName: message.recipient.name,
      partnerName: recipient.partnerName,
    });
  };
}
