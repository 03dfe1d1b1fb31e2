import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { RunnableJob } from '../runtime/scheduled-job';
import { runnableJobs } from './runnable-jobs';
import { parseConfig, type Config } from '../shared/config';
import { createLogger, type Logger } from '../shared/logger';
import { runCli, UsageError } from './cli';
import { ensureDevSecrets, localEnvironment } from './dev-secrets';
import { freePort, isDynamoDbReachable, isPortFree, startDynamoDbLocal } from './dynamodb-local';
import { createLambdaHttpListener, type LambdaHttpHandler } from './http-adapter';
import { ensureLocalTable } from './local-database';
import {
  findRunningLocalStack,
  isProcessAlive,
  readLocalStackState,
  removeLocalStackState,
  writeLocalStackState,
} from './local-stack-state';
import { createOutboxViewer, isOutboxPath } from './outbox-viewer';
import { defaultDataDir } from './paths';
import { startScheduler } from './scheduler';
import { graphqlViaHandler, seedDemoNetwork, seedToken, type SeedResult } from './seed';

/**
 * The local stack behind `npm start`: DynamoDB Local, the API's Lambda handler behind an http
 * server (through the API Gateway adapter), the outbox viewer and the scheduled jobs, all in one
 * process. `startLocalStack` is the whole of it, so tests can start and stop a stack as well.
 */
export interface LocalStackOptions {
  /** http port; 0 picks a free one. PORT or 4000 when left out. */
  port?: number;
  /** Interface to listen on; loopback by default, as dev tokens are valid here. */
  host?: string;
  /** Keep DynamoDB Local's data in memory instead of `<dataDir>/dynamodb`. */
  inMemory?: boolean;
  dataDir?: string;
  seed?: boolean;
  /** Variables set on top of process.env before the handlers read their configuration. */
  env?: Record<string, string>;
  /** The jobs to run on their schedules; all of them by default, `[]` for none. */
  jobs?: readonly RunnableJob[];
  /** Where the API handler comes from; the real one by default (tests pass a stand-in). */
  loadHandler?: () => Promise<LambdaHttpHandler>;
  logger?: Logger;
  /** Port of the inbound SMTP server; INBOUND_SMTP_PORT or 2526 when left out (a free one when that is taken), 0 for none. */
  inboundSmtpPort?: number;
}

export interface RunningLocalStack {
  url: string;
  port: number;
  dynamodbEndpoint: string;
  /** Set when the outbox viewer runs (no SMTP_URL). */
  outboxDir?: string;
  seeded?: SeedResult;
  /** Set when the inbound SMTP server runs: mail for ORGANIZER_EMAIL sent here is handled as SES would hand it over. */
  inboundSmtpPort?: number;
  stop(): Promise<void>;
}

/** The API's Lambda handlers, routed by path as the HTTP API routes them in AWS. */
async function loadApiHandler(): Promise<LambdaHttpHandler> {
  // Imported only now, after process.env is complete: the handlers read their configuration on first use.
  const [api, feeds] = await Promise.all([import('../handlers/api'), import('../handlers/calendar-feed')]);
  return (event) => (event.rawPath.startsWith('/calendar/') ? feeds.handler(event) : api.handler(event));
}

function answer(res: ServerResponse, statusCode: number, headers: Record<string, string>, body = ''): void {
  res.writeHead(statusCode, headers);
  res.end(body);
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<RunningLocalStack> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir);
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  const secrets = ensureDevSecrets(dataDir);
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };

  try {
    // 1. DynamoDB: the given endpoint, or our own DynamoDB Local.
    let dynamodbEndpoint = env.DYNAMODB_ENDPOINT;
    let dynamodbPid: number | undefined;
    if (dynamodbEndpoint) {
      if (!(await isDynamoDbReachable(dynamodbEndpoint))) throw new Error(`DYNAMODB_ENDPOINT ${dynamodbEndpoint} does not answer.`);
    } else {
      if (!options.inMemory) await refuseSecondStack(dataDir, options.logger);
      const wanted = Number(env.DYNAMODB_LOCAL_PORT || 8000);
      if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) throw new Error('DYNAMODB_LOCAL_PORT must be a port number');
      const dynamo = await startDynamoDbLocal({
        dbPath: options.inMemory ? undefined : join(dataDir, 'dynamodb'),
        port: (await isPortFree(wanted)) ? wanted : await freePort(),
      });
      cleanups.push(() => dynamo.stop());
      dynamodbEndpoint = dynamo.endpoint;
      dynamodbPid = dynamo.pid;
    }

    // 2. The http server; it answers 503 until the handler is loaded, which needs the final port first.
    let route: ((req: IncomingMessage, res: ServerResponse) => void) | undefined = undefined;
    const server = createServer((req, res) => {
      if (route) route(req, res);
      else answer(res, 503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' }, 'De lokale stack start nog.\n');
    });
    const requestedPort = options.port ?? Number(env.PORT || 4000);
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE' ? new Error(`Port ${requestedPort} is in use; start with PORT=<another port> npm start`) : error,
        ),
      );
      server.listen(requestedPort, options.host ?? '127.0.0.1', () => resolveListen());
    });
    cleanups.push(
      () =>
        new Promise<void>((resolveClose) => {
          server.close(() => resolveClose());
          server.closeAllConnections();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const url = `http://localhost:${port}`;

    // 3. The environment the handlers read (restored on stop, so tests leave process.env as they found it).
    const stackEnv: Record<string, string> = {
      ...options.env,
      ...localEnvironment({ secrets, dynamodbEndpoint, dataDir, env }),
      PORT: String(port),
      PUBLIC_BASE_URL: env.PUBLIC_BASE_URL || url,
    };
    const previousEnv = Object.fromEntries(Object.keys(stackEnv).map((key) => [key, process.env[key]]));
    Object.assign(process.env, stackEnv);
    cleanups.push(() => {
      for (const [key, value] of Object.entries(previousEnv)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });
    const config = parseConfig(process.env);
    const logger = options.logger ?? createLogger(config.logLevel);

    // 4. Table, handler, routes.
    await ensureLocalTable(config, dynamodbEndpoint);
    const handler = await (options.loadHandler ?? loadApiHandler)();
    const lambda = createLambdaHttpListener(handler, { onError: (error) => logger.error('api handler failed', { error }) });
    const outbox = config.smtpUrl ? undefined : createOutboxViewer({ outboxDir: config.outboxDir });
    route = (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) return answer(res, 302, { location: '/graphql' });
      if (outbox && isOutboxPath(path)) return outbox(req, res);
      lambda(req, res);
    };

    // 4b. The organizer's mailbox: calendar replies and other mail, handled by the inbound service.
    const inbound = await startInbound(
      config,
      options.inboundSmtpPort ?? (env.INBOUND_SMTP_PORT ? config.inboundSmtpPort : undefined),
      options.host,
      logger,
    );
    if (inbound) cleanups.push(() => inbound.close());

    // 5. Let `npm run job` find this stack.
    writeLocalStackState({ dynamodbEndpoint, port, url, pid: process.pid, dynamodbPid, startedAt: new Date().toISOString() }, dataDir);
    cleanups.push(() => removeLocalStackState(process.pid, dataDir));

    // 6. Scheduled jobs, and the demo data when asked for.
    const scheduler = startScheduler({ jobs: options.jobs ?? runnableJobs, logger });
    cleanups.push(() => scheduler.stop());
    const seeded = options.seed
      ? await seedDemoNetwork(graphqlViaHandler(handler, await seedToken(stackEnv.DEV_JWT_SECRET), `localhost:${port}`))
      : undefined;
    if (seeded) logger.info(seeded.skipped ? 'seed skipped: partners exist already' : 'demo network seeded', { partners: seeded.partners });

    let stopping: Promise<void> | undefined;
    return {
      url,
      port,
      dynamodbEndpoint,
      ...(outbox ? { outboxDir: resolve(config.outboxDir) } : {}),
      ...(seeded ? { seeded } : {}),
      ...(inbound ? { inboundSmtpPort: inbound.port } : {}),
      stop: () => (stopping ??= cleanUp()),
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** The inbound SMTP server on `port` (0: none); left out, 2526 or a free port when that is taken. */
async function startInbound(config: Config, port: number | undefined, host: string | undefined, logger: Logger) {
  if (port === 0) return undefined;
  const [{ createApp }, { createInboundMailService }, { startInboundSmtpServer }] = await Promise.all([
    import('../app/create-app'),
    import('../app/create-inbound-mail'),
    import('./inbound-smtp'),
  ]);
  const service = createInboundMailService(createApp(config, { logger }));
  const wanted = port ?? config.inboundSmtpPort;
  const chosen = port === undefined && !(await isPortFree(wanted)) ? await freePort() : wanted;
  return startInboundSmtpServer({
    port: chosen,
    host,
    recipient: config.organizer.email,
    receive: (raw) => service.receive(raw),
    logger,
  });
}

/** Two stacks on one data folder would open the same DynamoDB Local file twice. */
async function refuseSecondStack(dataDir: string, logger: Logger | undefined): Promise<void> {
  const running = await findRunningLocalStack(dataDir);
  if (running && running.pid !== process.pid) {
    throw new Error(`A local stack is already running (pid ${running.pid}, ${running.url ?? `port ${running.port}`}); stop it first.`);
  }
  // A stack that was killed hard can leave its DynamoDB Local behind, still holding the data file.
  const stale = readLocalStackState(dataDir);
  if (stale?.dynamodbPid && isProcessAlive(stale.dynamodbPid) && (await isDynamoDbReachable(stale.dynamodbEndpoint))) {
    (logger ?? createLogger('info')).warn('an earlier DynamoDB Local still runs on the data folder; stop it', {
      pid: stale.dynamodbPid,
      endpoint: stale.dynamodbEndpoint,
    });
  }
}

export interface StartArgs {
  seed: boolean;
  inMemory: boolean;
  host?: string;
}

export const startUsage = `Usage: npm start [-- --seed] [--in-memory] [--host <address>]
  --seed        fill an empty database with a demo network (also SEED=1)
  --in-memory   keep DynamoDB Local's data in memory instead of .data/dynamodb
  --host        listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0 for a phone on the LAN)`;

export function parseStartArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): StartArgs {
  const args: StartArgs = { seed: env.SEED === '1' || env.SEED === 'true', inMemory: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed') args.seed = true;
    else if (arg === '--in-memory') args.inMemory = true;
    else if (arg === '--host' && argv[i + 1] && !argv[i + 1].startsWith('--')) args.host = argv[++i];
    else throw new UsageError(`Unknown or incomplete option: ${arg}`);
  }
  return args;
}

function banner(stack: RunningLocalStack, args: StartArgs): string {
  const lines = [
    '',
    'Locon De Stek — lokale stack / local stack',
    `  GraphQL   ${stack.url}/graphql   (Apollo Sandbox in de browser / in the browser)`,
    stack.outboxDir
      ? `  Outbox    ${stack.url}/outbox    (mails worden hier bewaard, niet verstuurd / kept here, not sent)`
      : '  Outbox    SMTP_URL is set: mails go to that SMTP server',
    `  DynamoDB  ${stack.dynamodbEndpoint}${args.inMemory ? ' (in memory)' : ''}`,
    stack.inboundSmtpPort
      ? `  Inbound   smtp://localhost:${stack.inboundSmtpPort}  (mail aan de organisator, bv. antwoorden uit een agenda / mail to the organizer)`
      : '',
    '  Token     npm run token -- --email coordinator@example.be --role COORDINATOR',
    '            then send the header  Authorization: Bearer <token>',
    '  Jobs      npm run job -- --list',
    stack.seeded
      ? `  Seed      ${stack.seeded.skipped ? 'overgeslagen: er zijn al partners / skipped: partners exist' : `${stack.seeded.partners} partners, een overleg, ${stack.seeded.projects ?? 0} projecten, ${stack.seeded.neighbours ?? 0} buren en een buurtbabbel aangemaakt / created`}`
      : '',
    '  Stoppen / stop: Ctrl+C',
    '',
  ];
  return lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n');
}

async function main(): Promise<void> {
  const args = parseStartArgs(process.argv.slice(2), process.env);
  const stack = await startLocalStack({ seed: args.seed, inMemory: args.inMemory, host: args.host });
  console.log(banner(stack, args));
  let signals = 0;
  const shutdown = (signal: string) => {
    // A second Ctrl+C leaves at once.
    if (++signals > 1) process.exit(130);
    console.log(`\n${signal}: stopping the local stack…`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) runCli(main, startUsage);
