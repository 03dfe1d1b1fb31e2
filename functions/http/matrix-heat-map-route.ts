import type { AppServices } from '../app/create-app';
import { renderHeatMapSvg } from '../modules/matrix/heat-map-svg';
import { LinkTokenError, verifyLinkToken } from '../shared/links/signed-links';
import { htmlPage } from './html-page';
import { htmlResponse, textResponse, type HttpRequest, type HttpResponse } from './http-types';
import { escapeHtml } from '../shared/html';

/**
 * /matrix/heat-map?token=…: the heat map of a matrix session as SVG, behind the signed link of
 * MatrixSession.heatMapUrl (an <img> cannot send a bearer token). It only shows; nothing changes.
 */
export function createMatrixHeatMapRoute(services: AppServices) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    if (request.method !== 'GET') return textResponse(405, 'Niet toegestaan.');
    const token = new URLSearchParams(request.rawQuery).get('token') ?? '';
    let sessionId: string;
    try {
      ({ sessionId } = await verifyLinkToken(services.config.linkSigningSecret, 'matrix-heat-map', token, services.clock.now()));
    } catch (error) {
      if (!(error instanceof LinkTokenError)) throw error;
      return htmlResponse(
        400,
        htmlPage('Heatmap', `<p>${escapeHtml(error.message)} Vraag de sessie opnieuw op in de app voor een nieuwe link.</p>`),
      );
    }
    const state = await services.matrix.loadState(sessionId);
    if (!state) return htmlResponse(404, htmlPage('Heatmap', '<p>Deze matrixsessie bestaat niet meer.</p>'));
    return {
      status: 200,
      headers: {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // An SVG opened on its own is a document: no script, no outside resources.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      },
      body: renderHeatMapSvg(state.session, state.ideas),
    };
  };
}
