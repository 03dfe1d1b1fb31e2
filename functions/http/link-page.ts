import { LinkTokenError, verifyLinkToken, type LinkPurpose } from '../shared/links/signed-links';
import { htmlPage } from './html-page';
import { formFields, htmlResponse, type HttpRequest, type HttpResponse } from './http-types';

export interface OpenedLinkPage {
  /** The query (GET) or the submitted form (POST). */
  fields: URLSearchParams;
  token: string;
  claims: Record<string, string>;
}

/**
 * The common start of a page behind an email link: GET (show, change nothing) or POST (act) only,
 * and the link's token, from the query or the form, verified for its purpose. Gives the page's
 * input, or the Dutch response to send instead (405, or 400 for a bad or expired link).
 */
export async function openLinkPage(
  request: HttpRequest,
  link: { secret: string; purpose: LinkPurpose; now: Date; help: string },
): Promise<OpenedLinkPage | HttpResponse> {
  if (request.method !== 'GET' && request.method !== 'POST') return htmlResponse(405, htmlPage('Niet toegestaan', '<p>Gebruik de link uit je e-mail.</p>'));
  const fields = request.method === 'POST' ? formFields(request) : new URLSearchParams(request.rawQuery);
  const token = fields.get('token') ?? '';
  try {
    return { fields, token, claims: await verifyLinkToken(link.secret, link.purpose, token, link.now) };
  } catch (error) {
    if (!(error instanceof LinkTokenError)) throw error;
    return htmlResponse(400, htmlPage(error.message, `<p>${link.help}</p>`));
  }
}
