import { graphqlRoutes } from '../http/graphql-routes';
import { httpLambda } from '../runtime/http-lambda';

/**
 * The API Lambda (API Gateway HTTP API, payload v2): GraphQL and the answer page behind email
 * links. Bearer tokens are verified here, against the Cognito user pool the configuration names.
 */
export const handler = httpLambda('api', (app) => graphqlRoutes(app));
