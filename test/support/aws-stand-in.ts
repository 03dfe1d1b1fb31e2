import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for one AWS service API on 127.0.0.1: the SDK client under test is pointed at it with
 * `endpoint`, so the real request serialisation and error parsing run, without AWS. The test
 * answers each request; every request is kept for assertions.
 */
export interface StandInRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface StandInAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface AwsStandIn {
  endpoint: string;
  requests: StandInRequest[];
  close(): Promise<void>;
}

export async function startAwsStandIn(answer: (request: StandInRequest) => StandInAnswer): Promise<AwsStandIn> {
  const requests: StandInRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Credentials the stand-in never checks; no AWS profile is read. */
export const standInCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };
