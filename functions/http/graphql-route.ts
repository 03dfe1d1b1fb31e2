import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { AppServices } from '../app/create-app';
import { createContext, type GraphQLContext } from '../graphql/context';
import { errorLanguagePlugin, messageIn } from '../graphql/error-language';
import { createErrorFormatter } from '../graphql/format-error';
import { executableSchema } from '../graphql/executable-schema';
import { noStorePlugin } from '../graphql/no-store-plugin';
import { parseOptions, requestLimitRules, requestLimits } from '../graphql/limits/request-limits';
import { createAuthenticator } from '../shared/auth/authenticate';
import type { TokenVerifier } from '../shared/auth/token-verifier';
import { UnauthenticatedError } from '../shared/errors';
import { fromAcceptLanguage } from '../shared/i18n/language';
import { CallerBudget } from '../shared/rate-limit/caller-budget';
import { rateLimitPlugin } from './rate-limit-plugin';
import type { HttpRequest, HttpResponse } from './http-types';

export function createApolloServer(services: AppServices): ApolloServer<GraphQLContext> {
  const local = services.config.stage === 'local';
  return new ApolloServer<GraphQLContext>({
    schema: executableSchema(),
    // Production settings come from STAGE alone: outside local no introspection, no "Did you mean …"
    // (schema details) in errors, no sandbox, and never a stack trace.
    introspection: local,
    hideSchemaDetailsFromClientErrors: !local,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Size limits, checked before anything runs (docs/security.md, README "Limits").
    validationRules: requestLimitRules(),
    parseOptions,
    formatError: createErrorFormatter(services.logger, local),
    plugins: [
      // Apollo's sandbox page exists only on a developer's machine.
      local ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      ...(services.config.rateLimitPerMinute > 0
        ? [
            rateLimitPlugin(new CallerBudget(services.db, services.config.tableName, services.config.rateLimitPerMinute), () =>
              services.clock.now(),
            ),
          ]
        : []),
      // Apollo's own services (GraphOS usage and schema reporting, federated traces) are never used: off explicitly, so Apollo
      // never loads them and the bundle leaves out their protobuf (infra/bundling.ts).
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No-store on every answer, without the cache-control plugin's per-field hooks (no-store-plugin.ts).
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      // Refusals and errors for people in the caller's language (README "Languages").
      errorLanguagePlugin(),
    ],
  });
}

/** Serves /graphql: authenticates the bearer token, then hands the request to Apollo. */
export function createGraphQLRoute(services: AppServices, verifier?: TokenVerifier) {
  const server = createApolloServer(services);
  const started = server.start();
  const authenticate = createAuthenticator(services.config, verifier, () => services.clock.now());

  return async (request: HttpRequest): Promise<HttpResponse> => {
    await started;
    if (Buffer.byteLength(request.body) > requestLimits.bodyBytes) return tooLarge();
    let viewer;
    try {
      viewer = await authenticate(request.headers.authorization);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      return {
        status: 401,
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
        body: JSON.stringify({
          errors: [
            {
              message: messageIn(fromAcceptLanguage(request.headers['accept-language']) ?? 'nl', error.code, error.message),
              extensions: { code: error.code },
            },
          ],
        }),
      };
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
    let body: unknown = request.body;
    if (request.method === 'POST' && (headers.get('content-type') ?? '').includes('json')) {
      try {
        body = request.body ? JSON.parse(request.body) : {};
      } catch {
        return {
          status: 400,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ errors: [{ message: 'De body is geen geldige JSON.', extensions: { code: 'BAD_REQUEST' } }] }),
        };
      }
    }
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method, headers, search: request.rawQuery, body },
      context: async () => createContext(services, viewer),
    });
    let text = '';
    if (result.body.kind === 'complete') text = result.body.string;
    else for await (const chunk of result.body.asyncIterator) text += chunk;
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of result.headers) responseHeaders[name] = value;
    return { status: result.status ?? 200, headers: responseHeaders, body: text };
  };
}

function tooLarge(): HttpResponse {
  return {
    status: 413,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      errors: [{ message: `De vraag is te groot (meer dan ${requestLimits.bodyBytes} bytes).`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    }),
  };
}
