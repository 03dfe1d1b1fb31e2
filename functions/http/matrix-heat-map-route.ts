import type { AppServices } from '../app/create-app';
import { renderHeatMapSvg } from '../modules/matrix/heat-map-svg';
import { escapeHtml } from '../shared/html';
import { LinkTokenError, verifyLinkToken } from '../shared/links/signed-links';
import { htmlPage, pageContext } from './html-page';
import { htmlResponse, type HttpRequest, type HttpResponse } from './http-types';

/**
 * /matrix/heat-map?token=…: the heat map of a matrix session as SVG, behind the signed link of
 * MatrixSession.heatMapUrl (an <img> cannot send a bearer token). It only shows; nothing changes.
 * Its words follow the `lang` the link was made with (the caller's), else the browser's.
 */
export function createMatrixHeatMapRoute(services: AppServices) {
  const names = services.config.names;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    if (request.method !== 'GET') {
      const page = pageContext(request, { names });
      return htmlResponse(405, htmlPage(page.tr('page.notAllowed'), `<p>${escapeHtml(page.tr('heatMap.invalidLink'))}</p>`, page));
    }
    const token = new URLSearchParams(request.rawQuery).get('token') ?? '';
    let claims: Record<string, string>;
    try {
      claims = await verifyLinkToken(services.config.linkSigningSecret, 'matrix-heat-map', token, services.clock.now());
    } catch (error) {
      if (!(error instanceof LinkTokenError)) throw error;
      const page = pageContext(request, { names });
      const title = page.tr(error.reason === 'expired' ? 'page.link.expired' : 'page.link.invalid');
      return htmlResponse(400, htmlPage(title, `<p>${escapeHtml(page.tr('heatMap.invalidLink'))}</p>`, page));
    }
    const page = pageContext(request, { names, personLanguage: claims.lang });
    const state = await services.matrix.loadState(claims.sessionId);
    if (!state) return htmlResponse(404, htmlPage(page.tr('heatMap.title'), `<p>${escapeHtml(page.tr('heatMap.notFound'))}</p>`, page));
    return {
      status: 200,
      headers: {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // An SVG opened on its own is a document: no script, no outside resources.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'content-language': page.language,
      },
      body: renderHeatMapSvg(state.session, state.ideas, page.language),
    };
  };
}
