import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { buildLambdaEvent, createLambdaHttpListener, type LambdaHttpHandler } from '../../../functions/local/http-adapter';
import { listen, send } from './http-helpers';

describe('http adapter (API Gateway HTTP API v2)', () => {
  let events: APIGatewayProxyEventV2[];
  let handler: LambdaHttpHandler;
  let server: Awaited<ReturnType<typeof listen>>;
  const errors: unknown[] = [];

  beforeAll(async () => {
    server = await listen(
      createLambdaHttpListener((event) => handler(event), { maxBodyBytes: 64 * 1024, onError: (error) => errors.push(error) }),
    );
  });
  afterAll(() => server.close());

  beforeEach(() => {
    events = [];
    handler = async (event) => {
      events.push(event);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };
    };
  });

  it('turns a GET into a v2 event: path, query, joined headers, cookies, request context', async () => {
    const response = await send(server.port, {
      path: '/calendar/abc%20def.ics?a=1&a=2&b=hello%20world&flag',
      headers: { 'X-Multi': ['one', 'two'], Cookie: 'session=s1; theme=dark', 'User-Agent': 'jest-test' },
    });
    expect(response.status).toBe(200);
    const event = events[0];
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/calendar/abc%20def.ics',
      rawQueryString: 'a=1&a=2&b=hello%20world&flag',
      queryStringParameters: { a: '1,2', b: 'hello world', flag: '' },
      cookies: ['session=s1', 'theme=dark'],
      isBase64Encoded: false,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: '127.0.0.1',
        stage: '$default',
        routeKey: '$default',
        http: { method: 'GET', path: '/calendar/abc%20def.ics', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest-test' },
      },
    });
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5000);
  });

  it('leaves out queryStringParameters and cookies when there are none', async () => {
    await send(server.port, { path: '/graphql' });
    expect(events[0].queryStringParameters).toBeUndefined();
    expect(events[0].cookies).toBeUndefined();
    expect(events[0].rawQueryString).toBe('');
  });

  it('passes text bodies as text (JSON, form-encoded)', async () => {
    const json = JSON.stringify({ query: '{ viewer { id } }', note: 'café' });
    await send(server.port, { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: json });
    await send(server.port, {
      method: 'POST',
      path: '/rsvp',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 't=abc&answer=yes',
    });
    expect(events[0]).toMatchObject({ body: json, isBase64Encoded: false, requestContext: { http: { method: 'POST' } } });
    expect(events[1]).toMatchObject({ body: 't=abc&answer=yes', isBase64Encoded: false });
  });

  it('round-trips binary bodies base64-encoded, with status, headers and cookies back', async () => {
    const bytes = randomBytes(3000);
    handler = async (event) => {
      events.push(event);
      return {
        statusCode: 201,
        headers: { 'content-type': 'application/octet-stream', 'x-echo': 'yes' },
        cookies: ['a=1; Path=/; HttpOnly', 'b=2; Path=/'],
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
      };
    };
    const response = await send(server.port, {
      method: 'PUT',
      path: '/upload',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(events[0].isBase64Encoded).toBe(true);
    expect(Buffer.from(events[0].body!, 'base64').equals(bytes)).toBe(true);
    expect(response.status).toBe(201);
    expect(response.headers['x-echo']).toBe('yes');
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    expect(response.body.equals(bytes)).toBe(true);
  });

  it('answers 500 like API Gateway when the handler throws', async () => {
    handler = async () => {
      throw new Error('boom');
    };
    const response = await send(server.port, { path: '/graphql' });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.text)).toEqual({ message: 'Internal Server Error' });
    expect(errors).toHaveLength(1);
  });

  it('refuses bodies over the limit with 413', async () => {
    const response = await send(server.port, {
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(100 * 1024, 'a'),
    });
    expect(response.status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('builds events without a socket too (as the seed does)', () => {
    const event = buildLambdaEvent({
      method: 'post',
      url: '/graphql?x=%E2%82%AC',
      headers: { Host: 'localhost:4000', 'Content-Type': 'application/json', cookie: ['a=1', 'b=2; c=3'] },
      body: Buffer.from('{}'),
      now: new Date('2026-03-02T08:09:10Z'),
      requestId: 'r1',
    });
    expect(event).toMatchObject({
      headers: { host: 'localhost:4000', 'content-type': 'application/json' },
      cookies: ['a=1', 'b=2', 'c=3'],
      queryStringParameters: { x: '€' },
      body: '{}',
      requestContext: {
        domainName: 'localhost',
        requestId: 'r1',
        time: '02/Mar/2026:08:09:10 +0000',
        timeEpoch: Date.parse('2026-03-02T08:09:10Z'),
        http: { method: 'POST' },
      },
    });
  });
});
