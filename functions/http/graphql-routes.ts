import type { AppServices } from '../app/create-app';
import type { TokenVerifier } from '../shared/auth/authenticate';
import { createGraphQLRoute } from './graphql-route';
import type { Route } from './router';
import { createBuurtbabbelAnswerRoute } from './buurtbabbel-answer-route';
import { createReviewRoute } from './review-route';
import { createRsvpRoute } from './rsvp-route';
import { createUnsubscribeRoute } from './unsubscribe-route';

/** The API function's routes: /graphql and the pages behind email links (meeting answers, consolidation reviews, buurtbabbel answers, opt-out). */
export function graphqlRoutes(services: AppServices, verifier?: TokenVerifier): Route[] {
  const graphql = createGraphQLRoute(services, verifier);
  const rsvp = createRsvpRoute(services);
  const review = createReviewRoute(services);
  const buurtbabbelAnswer = createBuurtbabbelAnswerRoute(services);
  const unsubscribe = createUnsubscribeRoute(services);
  return [
    async (request) => (request.path === '/graphql' ? graphql(request) : undefined),
    async (request) => (request.path === '/rsvp' ? rsvp(request) : undefined),
    async (request) => (request.path === '/review' ? review(request) : undefined),
    async (request) => (request.path === '/buurtbabbel/answer' ? buurtbabbelAnswer(request) : undefined),
    async (request) => (request.path === '/unsubscribe' ? unsubscribe(request) : undefined),
  ];
}
