import type { AppServices } from '../app/create-app';
import { escapeHtml } from '../shared/html';
import type { NetworkNames } from '../shared/i18n/network-names';
import { unsubscribeMailto } from '../modules/buurtbabbels/opt-out-links';
import { htmlPage, type PageContext } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { verifyLinkClaims } from './link-token';

/** The text with the contact address as a mailto link; the link is put in after escaping. */
function withMailLink(text: (marker: string) => string, address: string, href = `mailto:${address}`): string {
  const marker = '\u0000';
  return escapeHtml(text(marker)).replace(marker, `<a href="${escapeHtml(href)}">${escapeHtml(address)}</a>`);
}

const optedOutText = (names: NetworkNames, page: PageContext) =>
  `<p>${withMailLink((contactEmail) => page.tr('page.unsubscribe.optedOut', { contactEmail }), names.contactEmail)}</p>`;

/**
 * /unsubscribe: the opt-out behind the link (and the List-Unsubscribe header) of every buurtbabbel
 * mail. GET shows a confirmation button and changes nothing; a POST opts out at once, whether it
 * comes from that button or from a mail client's one-click unsubscribe (RFC 8058: `POST
 * /unsubscribe?token=…` with the body `List-Unsubscribe=One-Click`).
 */
export function createUnsubscribeRoute(services: AppServices) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const organizer = services.config.organizer.email;
    const byMail = (page: PageContext) =>
      withMailLink((address) => page.tr('page.unsubscribe.byMail', { address }), organizer, unsubscribeMailto(organizer));
    const verified = await verifyLinkClaims(services, request, 'unsubscribe', byMail);
    if ('response' in verified) return verified.response;
    const { claims, token, page } = verified;
    const names = services.config.names;
    if (request.method === 'POST') {
      const neighbour = await services.neighbours.optOut(claims.neighbourId);
      if (!neighbour)
        return htmlResponse(
          404,
          htmlPage(page.tr('page.unsubscribe.notFoundTitle'), `<p>${escapeHtml(page.tr('page.unsubscribe.notFound'))}</p>`, page),
        );
      services.logger.info('neighbour opted out by link', { neighbourId: neighbour.id });
      return htmlResponse(200, htmlPage(page.tr('page.unsubscribe.done'), optedOutText(names, page), page));
    }
    // A second click on the link (did it work?) answers that it did, instead of asking again.
    if (await services.neighbours.isOptedOut(claims.neighbourId)) {
      return htmlResponse(200, htmlPage(page.tr('page.unsubscribe.already'), optedOutText(names, page), page));
    }
    return htmlResponse(
      200,
      htmlPage(
        page.tr('page.unsubscribe.question'),
        `<p>${escapeHtml(page.tr('page.unsubscribe.explain'))}</p>
<form method="post" action="unsubscribe?token=${escapeHtml(encodeURIComponent(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><input type="hidden" name="lang" value="${page.language}">
<button type="submit" style="background:#2f6b3a;color:#fff;border:0;padding:.6rem 1rem;border-radius:.3rem;font-size:1rem;font-family:inherit">${escapeHtml(page.tr('page.unsubscribe.button'))}</button></form>`,
        page,
      ),
    );
  };
}
