import type { AppServices } from '../app/create-app';
import { defaultLanguage, fromAcceptLanguage, parseLanguage } from '../shared/i18n/language';
import { t } from '../shared/i18n/translate';
import { textResponse, type HttpRequest, type HttpResponse } from './http-types';

/** The language of a plain error answer: `?lang=`, else the browser's, else Dutch. */
const errorLanguage = (request: HttpRequest) =>
  parseLanguage(new URLSearchParams(request.rawQuery).get('lang')) ??
  fromAcceptLanguage(request.headers['accept-language']) ??
  defaultLanguage;

/** Answers the requests it serves; returns undefined for a path that is not its own. */
export type Route = (request: HttpRequest) => Promise<HttpResponse | undefined>;

export type Router = (request: HttpRequest) => Promise<HttpResponse>;

/** Tries each route in turn; 404 when none serves the path, a plain 500 (logged without the path's secrets) on a crash. */
export function createRouter(services: Pick<AppServices, 'logger'>, routes: readonly Route[]): Router {
  return async (request) => {
    try {
      for (const route of routes) {
        const response = await route(request);
        if (response) return withSecurityHeaders(response);
      }
      return withSecurityHeaders(textResponse(404, t(errorLanguage(request), 'page.error.notFound')));
    } catch (error) {
      services.logger.error('unhandled error in HTTP route', {
        path: request.path.startsWith('/calendar/') ? '/calendar/*' : request.path,
        error,
      });
      return withSecurityHeaders(textResponse(500, t(errorLanguage(request), 'page.error.internal')));
    }
  };
}

/**
 * Every response, whatever the route: no page may be framed (clickjacking on the answer and
 * unsubscribe buttons) and no browser may guess a type other than the one sent.
 */
export function withSecurityHeaders(response: HttpResponse): HttpResponse {
  const policy = response.headers['content-security-policy'];
  return {
    ...response,
    headers: {
      ...response.headers,
      'x-content-type-options': 'nosniff',
      'content-security-policy': policy
        ? /frame-ancestors/.test(policy)
          ? policy
          : `${policy}; frame-ancestors 'none'`
        : "frame-ancestors 'none'",
    },
  };
}
