import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createApp } from '../app/create-app';
import { createApiRouter } from '../http/api-router';
import type { HttpRequest } from '../http/http-types';
import { getRuntimeConfig } from '../shared/config';
import { createFunctionLogger } from '../shared/observability';

/**
 * The API Lambda (API Gateway HTTP API, payload v2): GraphQL, the answer page behind email links,
 * and calendar feeds. The local stack calls this same handler for every request.
 */
let router: Promise<ReturnType<typeof createApiRouter>> | undefined;

/** Built once per execution environment; the link-signing secret is read here, at cold start. */
function getRouter() {
  router ??= getRuntimeConfig().then(
    (config) => createApiRouter(createApp(config, { logger: createFunctionLogger(config, 'api') })),
    (error) => {
      router = undefined;
      throw error;
    },
  );
  return router;
}

export function toHttpRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  return { method: event.requestContext.http.method.toUpperCase(), path: event.rawPath, rawQuery: event.rawQueryString ?? '', headers, body };
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const response = await (await getRouter())(toHttpRequest(event));
  return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
};
