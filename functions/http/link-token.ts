import type { AppServices } from '../app/create-app';
import { escapeHtml } from '../shared/html';
import { LinkTokenError, verifyLinkToken, type LinkPurpose } from '../shared/links/signed-links';
import { htmlPage, pageContext, type PageContext } from './html-page';
import { formFields, htmlResponse, type HttpRequest, type HttpResponse } from './http-types';

/**
 * The start of every page behind an email link: only GET and POST, and a valid token for this
 * purpose, taken from the form of a POST or else from the query string (a one-click POST carries
 * it in the URL). Answers the page to show when it is not.
 */
export async function verifyLinkClaims(
  services: AppServices,
  request: HttpRequest,
  purpose: LinkPurpose,
  /** What to do instead, as HTML, in the page's language. */
  whenInvalid: (page: PageContext) => string,
): Promise<{ claims: Record<string, string>; fields: URLSearchParams; token: string; page: PageContext } | { response: HttpResponse }> {
  const names = services.config.names;
  if (request.method !== 'GET' && request.method !== 'POST') {
    const page = pageContext(request, { names });
    return { response: htmlResponse(405, htmlPage(page.tr('page.notAllowed'), `<p>${escapeHtml(page.tr('page.useTheLink'))}</p>`, page)) };
  }
  const query = new URLSearchParams(request.rawQuery);
  const fields = request.method === 'POST' ? formFields(request) : query;
  const token = fields.get('token') ?? query.get('token') ?? '';
  try {
    const claims = await verifyLinkToken(services.config.linkSigningSecret, purpose, token, services.clock.now());
    return { claims, fields, token, page: pageContext(request, { names, fields, personLanguage: claims.lang }) };
  } catch (error) {
    if (!(error instanceof LinkTokenError)) throw error;
    const page = pageContext(request, { names, fields });
    const title = page.tr(error.reason === 'expired' ? 'page.link.expired' : 'page.link.invalid');
    return { response: htmlResponse(400, htmlPage(title, `<p>${whenInvalid(page)}</p>`, page)) };
  }
}
