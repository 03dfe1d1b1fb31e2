import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../functions/local/dynamodb-local';

/**
 * The newcomer's path, for real: `npm start -- --seed --in-memory` in a child process (DynamoDB
 * Local, the Lambda handler behind the local http server, the scheduled jobs), then `npm run
 * token` and `npm run job` beside it, a GraphQL query, mail arriving in the outbox, and Ctrl+C.
 */
const root = join(__dirname, '..', '..', '..');

function npm(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync('npm', ['run', '--silent', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim();
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('npm start (end to end)', () => {
  let dataDir: string;
  let stack: ChildProcess;
  let output = '';
  let env: NodeJS.ProcessEnv;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'destek-start-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), DYNAMODB_LOCAL_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    delete env.DYNAMODB_ENDPOINT;
    delete env.SMTP_URL;
    stack = spawn('npm', ['start', '--', '--seed', '--in-memory'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    stack.stdout!.on('data', (chunk) => (output += chunk));
    stack.stderr!.on('data', (chunk) => (output += chunk));
    await waitFor(
      'the local stack to start',
      () => (output.includes('/graphql') ? true : stack.exitCode !== null ? Promise.reject(new Error(output)) : undefined),
      90_000,
    );
  }, 120_000);

  afterAll(async () => {
    if (stack.exitCode === null && stack.signalCode === null) {
      try {
        process.kill(-stack.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the seeded network over GraphQL to a token from npm run token', async () => {
    const token = npm(['token', '--', '--email', 'coordinator@schakel.be', '--role', 'COORDINATOR'], env);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ viewer { role } partners { edges { node { name } } } meetings { edges { node { title invitations { response } } } } }',
      }),
    });
    const body: any = await response.json();
    expect(body.data.viewer).toEqual({ role: 'COORDINATOR' });
    expect(body.data.partners.edges.map((e: any) => e.node.name)).toContain('Schakel vzw');
    expect(body.data.meetings.edges).toHaveLength(1);
    // The banner names everything the seed made, the buurtbabbel whose invitations go out at once included.
    expect(output).toContain('5 partners, een overleg, 2 projecten, 4 buren en een buurtbabbel aangemaakt');
  });

  it('delivers the seeded invitations (to the meeting and to the buurtbabbel) into the local outbox within seconds and lists them', async () => {
    const outbox = join(dataDir, 'outbox');
    const mails = await waitFor(
      'both kinds of invitation in the outbox',
      () => {
        const found = existsSync(outbox)
          ? readdirSync(outbox)
              .filter((name) => name.endsWith('.eml'))
              .map((name) => readFileSync(join(outbox, name), 'utf8'))
          : [];
        const meeting = found.find((mail) => /text\/calendar;[^\r\n]*method=REQUEST/i.test(mail));
        const buurtbabbel = found.find((mail) => mail.includes('List-Unsubscribe-Post: List-Unsubscribe=One-Click'));
        return meeting && buurtbabbel ? { meeting, buurtbabbel } : undefined;
      },
      30_000,
    );
    expect(mails.buurtbabbel).toMatch(/^Subject: Uitnodiging: buurtbabbel op /m);
    const page = await fetch(`${url}/outbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Uitnodiging');
  });

  it('runs a job once beside the running stack, on its database', () => {
    // The seeded buurtbabbel's paced invitations may still be going out: nothing fails, whatever is sent.
    expect(JSON.parse(npm(['job', '--', 'deliver-outbox', '--now', '2026-12-01T09:00:00+01:00'], env))).toMatchObject({ failed: 0 });
    // Eleven days on, the seeded buurtbabbel (twelve days ahead) has its reminder round; nobody said yes yet.
    const later = new Date(Date.now() + 11 * 24 * 3600_000).toISOString();
    expect(JSON.parse(npm(['job', '--', 'send-buurtbabbel-invitations', '--now', later], env))).toEqual({
      rounds: 1,
      invitations: 0,
      reminders: 0,
      failed: 0,
      neighboursShrunk: 0,
      neighboursKept: 0,
    });
  });

  it('stops cleanly on SIGINT and removes its state file', async () => {
    expect(existsSync(join(dataDir, 'local-stack.json'))).toBe(true);
    process.kill(-stack.pid!, 'SIGINT');
    // npm itself ends by the same signal; the stack under it exits 0 after its cleanup.
    const ended = await waitFor(
      'the stack to exit',
      () => (stack.exitCode !== null || stack.signalCode !== null ? { code: stack.exitCode, signal: stack.signalCode } : undefined),
      20_000,
    );
    expect([0, 'SIGINT']).toContain(ended.code ?? ended.signal);
    expect(output).toContain('stopping the local stack');
    expect(existsSync(join(dataDir, 'local-stack.json'))).toBe(false);
  });
});
