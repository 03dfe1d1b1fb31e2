import type { AppServices } from '../app/create-app';
import type { TokenVerifier } from '../shared/auth/token-verifier';
import { createGraphQLRoute } from './graphql-route';
import type { Route } from './router';
import { apiPaths, type ApiPathName } from '../shared/links/api-paths';
import type { HttpRequest, HttpResponse } from './http-types';
import { createBuurtbabbelAnswerRoute } from './buurtbabbel-answer-route';
import { createMatrixHeatMapRoute } from './matrix-heat-map-route';
import { createReviewRoute } from './review-route';
import { createRsvpRoute } from './rsvp-route';
import { createUnsubscribeRoute } from './unsubscribe-route';

/** The API function's routes: /graphql and the pages behind email links (see api-paths.ts). */
export function graphqlRoutes(services: AppServices, verifier?: TokenVerifier): Route[] {
  const handlers: Record<ApiPathName, (request: HttpRequest) => Promise<HttpResponse>> = {
    graphql: createGraphQLRoute(services, verifier),
    rsvp: createRsvpRoute(services),
    review: createReviewRoute(services),
    buurtbabbelAnswer: createBuurtbabbelAnswerRoute(services),
    unsubscribe: createUnsubscribeRoute(services),
    matrixHeatMap: createMatrixHeatMapRoute(services),
  };
  const byPath = new Map<string, (request: HttpRequest) => Promise<HttpResponse>>(
    Object.entries(apiPaths).map(([name, path]) => [path, handlers[name as ApiPathName]]),
  );
  return [async (request) => byPath.get(request.path)?.(request)];
}
