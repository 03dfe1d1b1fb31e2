import type { AppServices } from '../app/create-app';
import { LinkTokenError, verifyLinkToken, type LinkPurpose } from '../shared/links/signed-links';
import { htmlPage } from './html-page';
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
  whenInvalid: string,
): Promise<{ claims: Record<string, string>; fields: URLSearchParams; token: string } | { response: HttpResponse }> {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return { response: htmlResponse(405, htmlPage('Niet toegestaan', '<p>Gebruik de link uit je e-mail.</p>')) };
  }
  const query = new URLSearchParams(request.rawQuery);
  const fields = request.method === 'POST' ? formFields(request) : query;
  const token = fields.get('token') ?? query.get('token') ?? '';
  try {
    return { claims: await verifyLinkToken(services.config.linkSigningSecret, purpose, token, services.clock.now()), fields, token };
  } catch (error) {
    if (!(error instanceof LinkTokenError)) throw error;
    return { response: htmlResponse(400, htmlPage(error.message, `<p>${whenInvalid}</p>`)) };
  }
}
