import type { AppServices } from '../app/create-app';
import { textResponse, type HttpRequest, type HttpResponse } from './http-types';

/** Answers the requests it serves; returns undefined for a path that is not its own. */
export type Route = (request: HttpRequest) => Promise<HttpResponse | undefined>;

export type Router = (request: HttpRequest) => Promise<HttpResponse>;

/** Tries each route in turn; 404 when none serves the path, a plain 500 (logged without the path's secrets) on a crash. */
export function createRouter(services: Pick<AppServices, 'logger'>, routes: readonly Route[]): Router {
  return async (request) => {
    try {
      for (const route of routes) {
        const response = await route(request);
        if (response) return response;
      }
      return textResponse(404, 'Niet gevonden.');
    } catch (error) {
      services.logger.error('unhandled error in HTTP route', {
        path: request.path.startsWith('/calendar/') ? '/calendar/*' : request.path,
        error,
      });
      return textResponse(500, 'Er ging iets mis aan onze kant. Probeer het later opnieuw.');
    }
  };
}
