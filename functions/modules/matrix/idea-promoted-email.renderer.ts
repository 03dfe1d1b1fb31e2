import { renderIdeaPromotedEmail } from '../../mail/templates/idea-promoted-email';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { IdeaPromotedPayload, IdeaPromotedRecipientData } from './idea-promoted-dispatch';

/** Renders the invitation to engage in a promoted matrix idea; it needs no link and reads nothing. */
export function createIdeaPromotedEmailRenderer(): OutboxRenderer {
  return async (message) => {
    const payload = message.payload as unknown as IdeaPromotedPayload;
    const recipient = message.recipient.data as unknown as IdeaPromotedRecipientData;
    return renderIdeaPromotedEmail({ ...payload, recipientName: message.recipient.name, partnerName: recipient.partnerName });
  };
}
