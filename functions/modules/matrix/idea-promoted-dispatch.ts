import type { Language } from '../../shared/i18n/language';
import { recipientKey } from '../../shared/recipient-key';
import type { OutboxDispatchOf, OutboxRecipient } from '../outbox/outbox';
import { invitationRecipients, type PartnerRecord } from '../partners/partner';

/**
 * The email to the partners who voted for a matrix idea that became a project proposal (pure).
 * One dispatch per promoted idea, with a deterministic id: the outbox refuses a second one.
 */
export const ideaPromotedDispatchKind = 'matrix-idea-promoted' as const;

export interface IdeaPromotedPayload {
  projectId: string;
  ideaTitle: string;
  question: string;
  promoterName: string;
  motivation: string;
  votes: number;
}

export interface IdeaPromotedRecipientData {
  partnerId: string;
  partnerName: string;
  /** The representative's language; absent on older dispatches: Dutch. */
  language?: Language;
}

export function planIdeaPromotedDispatch(input: {
  ideaId: string;
  payload: IdeaPromotedPayload;
  /** The partners whose people voted for the idea (or for an idea merged into it). */
  voters: readonly PartnerRecord[];
  now: Date;
}): OutboxDispatchOf<typeof ideaPromotedDispatchKind> {
  const recipients = new Map<string, OutboxRecipient<IdeaPromotedRecipientData>>();
  for (const partner of input.voters) {
    for (const person of invitationRecipients(partner)) {
      const key = recipientKey(person.email);
      const data: IdeaPromotedRecipientData = {
        partnerId: partner.id,
        partnerName: partner.name,
        ...(person.language ? { language: person.language } : {}),
      };
      if (!recipients.has(key)) recipients.set(key, { key, email: person.email, name: person.name, data: { ...data } });
    }
  }
  return {
    id: `matrix-idea.${input.ideaId}`,
    kind: ideaPromotedDispatchKind,
    payload: { ...input.payload },
    recipients: [...recipients.values()],
    createdAt: input.now.toISOString(),
  };
}

declare module '../outbox/outbox' {
  interface OutboxKinds {
    'matrix-idea-promoted': { payload: IdeaPromotedPayload; recipientData: IdeaPromotedRecipientData };
  }
}
