import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * Runs the API's Lambda handler behind a plain Node http server, translating each request into the
 * API Gateway HTTP API (payload format 2.0) event that AWS would deliver, and the handler's result
 * back. Locally every request goes through this one path, so what works here works behind API Gateway.
 */
export type LambdaHttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpRequestParts {
  method: string;
  /** Path and query as received, e.g. `/rsvp?t=abc`. */
  url: string;
  /** Header name to value(s); names are lower-cased here. */
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
  sourceIp?: string;
  protocol?: string;
  now?: Date;
  requestId?: string;
}

// Media types API Gateway passes as text; every other body arrives base64-encoded.
const textualType = /^(text\/|application\/(json|graphql|graphql-response\+json|x-www-form-urlencoded|xml|javascript)\b)|\+(json|xml)\b/i;

export function isTextualContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && textualType.test(contentType.trim());
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
function requestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Builds the v2 event; duplicate headers and query parameters are joined with commas, as API Gateway does. */
export function buildLambdaEvent(parts: HttpRequestParts): APIGatewayProxyEventV2 {
  const now = parts.now ?? new Date();
  const queryStart = parts.url.indexOf('?');
  const rawPath = queryStart === -1 ? parts.url : parts.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : parts.url.slice(queryStart + 1);

  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(parts.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    // Payload 2.0 moves cookies out of the headers into their own array.
    if (name.toLowerCase() === 'cookie') {
      for (const header of values)
        cookies.push(
          ...header
            .split(';')
            .map((c) => c.trim())
            .filter(Boolean),
        );
      continue;
    }
    headers[name.toLowerCase()] = values.join(',');
  }

  const query: Record<string, string> = {};
  for (const pair of rawQueryString.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryPart(pair.slice(eq + 1));
    query[key] = key in query ? `${query[key]},${value}` : value;
  }

  const body = parts.body && parts.body.length > 0 ? parts.body : undefined;
  const asText = body !== undefined && isTextualContentType(headers['content-type']);
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  const method = parts.method.toUpperCase();

  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: {
        method,
        path: rawPath,
        protocol: parts.protocol ?? 'HTTP/1.1',
        sourceIp: parts.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: parts.requestId ?? randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined ? { body: asText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body !== undefined && !asText,
  };
}

/** The v2 event for a Node request whose body has been read. */
export function toLambdaEvent(req: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  return buildLambdaEvent({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    // headersDistinct keeps repeated headers apart, so they can be joined the way API Gateway joins them.
    headers: req.headersDistinct,
    body,
    sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    protocol: `HTTP/${req.httpVersion}`,
  });
}

/** Writes a handler's structured result to the Node response. */
export function writeLambdaResult(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  res.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, String(value));
  if (result.cookies && result.cookies.length > 0) res.setHeader('set-cookie', result.cookies);
  if (!res.hasHeader('content-length') && !res.hasHeader('transfer-encoding')) res.setHeader('content-length', body.length);
  res.end(body);
}

export class PayloadTooLargeError extends Error {}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Keep reading (and dropping) the rest, so the socket stays usable for the 413 answer.
        req.off('data', onData);
        req.resume();
        reject(new PayloadTooLargeError(`body larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface LambdaHttpListenerOptions {
  /** API Gateway refuses payloads over 10 MB; so do we. */
  maxBodyBytes?: number;
  /** Told about handler failures; gets the error only (requests may carry personal data). */
  onError?: (error: unknown) => void;
}

function sendJson(res: ServerResponse, statusCode: number, message: string): void {
  writeLambdaResult(res, { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
}

/** A `(req, res)` listener for `http.createServer` that runs the Lambda handler for each request. */
export function createLambdaHttpListener(
  handler: LambdaHttpHandler,
  options: LambdaHttpListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  return (req, res) => {
    void (async () => {
      let body: Buffer;
      try {
        body = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof PayloadTooLargeError)) return void res.destroy();
        res.setHeader('connection', 'close');
        sendJson(res, 413, 'Request Entity Too Large');
        return;
      }
      try {
        writeLambdaResult(res, await handler(toLambdaEvent(req, body)));
      } catch (error) {
        // What API Gateway answers when the function fails.
        options.onError?.(error);
        if (!res.headersSent) sendJson(res, 500, 'Internal Server Error');
        else res.destroy();
      }
    })();
  };
}
