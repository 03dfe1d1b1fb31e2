import type { AppServices } from '../app/create-app';
import { escapeHtml } from '../shared/html';
import type { NetworkNames } from '../shared/i18n/network-names';
import { unsubscribeMailto } from '../modules/buurtbabbels/opt-out-links';
import { htmlPage } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';
import { verifyLinkClaims } from './link-token';

const optedOutText = (names: NetworkNames) =>
  `<p>Je krijgt geen uitnodigingen voor buurtbabbels meer. Wil je later toch weer uitgenodigd worden? Laat het ${escapeHtml(names.organisation)} weten: <a href="mailto:${escapeHtml(names.contactEmail)}">${escapeHtml(names.contactEmail)}</a>.</p>`;

/**
 * /unsubscribe: the opt-out behind the link (and the List-Unsubscribe header) of every buurtbabbel
 * mail. GET shows a confirmation button and changes nothing; a POST opts out at once, whether it
 * comes from that button or from a mail client's one-click unsubscribe (RFC 8058: `POST
 * /unsubscribe?token=…` with the body `List-Unsubscribe=One-Click`).
 */
export function createUnsubscribeRoute(services: AppServices) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const organizer = services.config.organizer.email;
    const byMail = `Afmelden kan ook zonder deze link: stuur een mail naar <a href="${escapeHtml(unsubscribeMailto(organizer))}">${escapeHtml(organizer)}</a> met de vraag om je af te melden, dan doen wij het voor je. Of gebruik de afmeldlink onderaan de laatste uitnodiging die je van ons kreeg.`;
    const verified = await verifyLinkClaims(services, request, 'unsubscribe', () => byMail);
    if ('response' in verified) return verified.response;
    const { claims, token } = verified;
    if (request.method === 'POST') {
      const neighbour = await services.neighbours.optOut(claims.neighbourId);
      if (!neighbour) return htmlResponse(404, htmlPage('Niet gevonden', '<p>Dit adres staat niet (meer) in onze lijst.</p>'));
      services.logger.info('neighbour opted out by link', { neighbourId: neighbour.id });
      return htmlResponse(200, htmlPage('Je bent afgemeld', optedOutText(services.config.names)));
    }
    // A second click on the link (did it work?) answers that it did, instead of asking again.
    if (await services.neighbours.isOptedOut(claims.neighbourId)) {
      return htmlResponse(200, htmlPage('Je bent al afgemeld', optedOutText(services.config.names)));
    }
    return htmlResponse(
      200,
      htmlPage(
        'Geen uitnodigingen meer voor buurtbabbels?',
        `<p>Klik op de knop om je af te melden. Daarna sturen we je geen uitnodigingen meer.</p>
<form method="post" action="unsubscribe?token=${escapeHtml(encodeURIComponent(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="background:#2f6b3a;color:#fff;border:0;padding:.6rem 1rem;border-radius:.3rem;font-size:1rem">Afmelden</button></form>`,
      ),
    );
  };
}
