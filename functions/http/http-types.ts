/**
 * The small HTTP model the API's routes work with, independent of API Gateway: the Lambda handler
 * converts its v2 event into this, and the routes answer with an HttpResponse.
 */
export interface HttpRequest {
  method: string;
  path: string;
  /** Raw query string without the leading "?". */
  rawQuery: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function htmlResponse(status: number, html: string): HttpResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    },
    body: html,
  };
}

export function textResponse(status: number, text: string): HttpResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

export function formFields(request: HttpRequest): URLSearchParams {
  const type = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(request.body);
  return new URLSearchParams();
}
