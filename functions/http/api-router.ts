import type { AppServices } from '../app/create-app';
import type { TokenVerifier } from '../shared/auth/token-verifier';
import { calendarFeedRoutes } from './calendar-feed-route';
import { graphqlRoutes } from './graphql-routes';
import { createRouter, type Router } from './router';

/**
 * Every HTTP route in one router, for the tests. In AWS they are two functions behind one HTTP
 * API: GraphQL with the link pages (functions/handlers/api.ts), and the
 * calendar feeds (functions/handlers/calendar-feed.ts), so the GraphQL bundle carries no
 * iCalendar builder; the local stack routes the same way (functions/local/start.ts).
 */
export function createApiRouter(services: AppServices, verifier?: TokenVerifier): Router {
  return createRouter(services, [...graphqlRoutes(services, verifier), ...calendarFeedRoutes(services)]);
}
