import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createApp, type AppServices } from '../app/create-app';
import type { HttpRequest } from '../http/http-types';
import type { Route } from '../http/router';
import { createRouter } from '../http/router';
import { getRuntimeConfig, type ConfigNeeds } from '../shared/config';
import { createFunctionLogger } from '../shared/observability';
import { oncePerColdStart } from './cold-start';

export type HttpLambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    rawQuery: event.rawQueryString ?? '',
    headers,
    body,
  };
}

/**
 * A Lambda handler behind the HTTP API (payload v2) serving the given routes. The app and its
 * routes are built once per execution environment, with the secrets read at cold start; a failed
 * start is not kept, so the next request tries again.
 */
export function httpLambda(
  service: string,
  routes: (app: AppServices) => Route[],
  needs: ConfigNeeds = { linkSigningSecret: true },
): HttpLambdaHandler {
  const getRouter = oncePerColdStart(async () => {
    const config = await getRuntimeConfig(needs);
    const app = createApp(config, { logger: createFunctionLogger(config, service) });
    return createRouter(app, routes(app));
  });
  return async (event) => {
    const response = await (await getRouter())(toHttpRequest(event));
    return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
  };
}
