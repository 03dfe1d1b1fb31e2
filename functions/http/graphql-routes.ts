import type { AppServices } from '../app/create-app';
import type { TokenVerifier } from '../shared/auth/authenticate';
import { createGraphQLRoute } from './graphql-route';
import type { Route } from './router';
import { createRsvpRoute } from './rsvp-route';

/** The API function's routes: /graphql and /rsvp, the answer page behind email links. */
export function graphqlRoutes(services: AppServices, verifier?: TokenVerifier): Route[] {
  const graphql = createGraphQLRoute(services, verifier);
  const rsvp = createRsvpRoute(services);
  return [
    async (request) => (request.path === '/graphql' ? graphql(request) : undefined),
    async (request) => (request.path === '/rsvp' ? rsvp(request) : undefined),
  ];
}
