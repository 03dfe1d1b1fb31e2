import type { NetworkNames } from '../../shared/i18n/network-names';
import { renderReviewEmail } from '../../mail/templates/review-email';
import { signLinkToken } from '../../shared/links/signed-links';
import type { OutboxRenderer } from '../outbox/outbox-deliverer';
import type { reviewDispatchKind } from './review-dispatch';
import { apiPaths } from '../../shared/links/api-paths';

export interface ReviewEmailSettings {
  publicBaseUrl: string;
  linkSigningSecret: string;
  /** The network's names in the texts (settings). */
  names: NetworkNames;
}

/** Answer links stay valid for 60 days from each email (a reminder brings a fresh one). */
const linkLifetimeMs = 60 * 24 * 3600_000;

export const reviewLinkPurpose = 'consolidation-review';

/** Renders a consolidation-review outbox message; only the promoter's people get the answer link. */
export function createReviewEmailRenderer(settings: ReviewEmailSettings): OutboxRenderer<typeof reviewDispatchKind> {
  return async (message, now) => {
    const review = message.payload;
    const recipient = message.recipient.data;
    let answerLink: string | undefined;
    if (recipient.role === 'promoter' && recipient.partnerId) {
      const token = await signLinkToken(
        settings.linkSigningSecret,
        reviewLinkPurpose,
        // Ids only (and the language the page reads in, no personal data): a link's token is readable by whoever holds the link.
        {
          projectId: review.projectId,
          review: String(review.reviewNumber),
          partnerId: recipient.partnerId,
          lang: recipient.language ?? 'nl',
        },
        new Date(now.getTime() + linkLifetimeMs),
        now,
      );
      answerLink = `${settings.publicBaseUrl}${apiPaths.review}?token=${encodeURIComponent(token)}`;
    }
    return renderReviewEmail({
      step: review.step,
      role: recipient.role,
      language: recipient.language,
      names: settings.names,
      recipientName: message.recipient.name,
      partnerName: recipient.partnerName,
      projectName: review.projectName,
      promoterName: review.promoterName,
      copyPartnerNames: review.copyPartnerNames,
      requestedAt: new Date(review.requestedAt),
      answerLink,
      agendaMeeting: review.agendaMeeting && { title: review.agendaMeeting.title, startsAt: new Date(review.agendaMeeting.startsAt) },
      promoterUnreachable: review.promoterUnreachable,
    });
  };
}
