import type { AppServices } from '../app/create-app';
import type { TokenVerifier } from '../shared/auth/authenticate';
import { createCalendarFeedRoute, matchCalendarFeed } from './calendar-feed-route';
import { createGraphQLRoute } from './graphql-route';
import { textResponse, type HttpRequest, type HttpResponse } from './http-types';
import { createReviewRoute } from './review-route';
import { createRsvpRoute } from './rsvp-route';

/** Every HTTP route of the API function: GraphQL, the answer pages (meetings, consolidation reviews) and the calendar feeds. */
export function createApiRouter(services: AppServices, verifier?: TokenVerifier) {
  const graphql = createGraphQLRoute(services, verifier);
  const rsvp = createRsvpRoute(services);
  const feed = createCalendarFeedRoute(services);
  const review = createReviewRoute(services);

  return async (request: HttpRequest): Promise<HttpResponse> => {
    try {
      if (request.path === '/graphql') return await graphql(request);
      if (request.path === '/rsvp') return await rsvp(request);
      if (request.path === '/review') return await review(request);
      const feedToken = matchCalendarFeed(request.path);
      if (feedToken) return await feed(request, feedToken);
      return textResponse(404, 'Niet gevonden.');
    } catch (error) {
      services.logger.error('unhandled error in HTTP route', { path: request.path.startsWith('/calendar/') ? '/calendar/*' : request.path, error });
      return textResponse(500, 'Er ging iets mis aan onze kant. Probeer het later opnieuw.');
    }
  };
}
