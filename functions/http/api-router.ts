import type { AppServices } from '../app/create-app';
import type { TokenVerifier } from '../shared/auth/authenticate';
import { createBuurtbabbelAnswerRoute } from './buurtbabbel-answer-route';
import { createCalendarFeedRoute, matchCalendarFeed } from './calendar-feed-route';
import { createGraphQLRoute } from './graphql-route';
import { textResponse, type HttpRequest, type HttpResponse } from './http-types';
import { createRsvpRoute } from './rsvp-route';
import { createUnsubscribeRoute } from './unsubscribe-route';

/** Every HTTP route of the API function: GraphQL, the answer pages, the opt-out and the calendar feeds. */
export function createApiRouter(services: AppServices, verifier?: TokenVerifier) {
  const graphql = createGraphQLRoute(services, verifier);
  const rsvp = createRsvpRoute(services);
  const feed = createCalendarFeedRoute(services);
  const buurtbabbelAnswer = createBuurtbabbelAnswerRoute(services);
  const unsubscribe = createUnsubscribeRoute(services);

  return async (request: HttpRequest): Promise<HttpResponse> => {
    try {
      if (request.path === '/graphql') return await graphql(request);
      if (request.path === '/rsvp') return await rsvp(request);
      if (request.path === '/buurtbabbel/answer') return await buurtbabbelAnswer(request);
      if (request.path === '/unsubscribe') return await unsubscribe(request);
      const feedToken = matchCalendarFeed(request.path);
      if (feedToken) return await feed(request, feedToken);
      return textResponse(404, 'Niet gevonden.');
    } catch (error) {
      services.logger.error('unhandled error in HTTP route', { path: request.path.startsWith('/calendar/') ? '/calendar/*' : request.path, error });
      return textResponse(500, 'Er ging iets mis aan onze kant. Probeer het later opnieuw.');
    }
  };
}
