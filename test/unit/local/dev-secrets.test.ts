import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevSecrets, localEnvironment } from '../../../functions/local/dev-secrets';
import { parseConfig } from '../../../functions/shared/config';

describe('dev secrets', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = join(mkdtempSync(join(tmpdir(), 'dev-secrets-')), 'nested', '.data')));
  afterEach(() => rmSync(join(dataDir, '..', '..'), { recursive: true, force: true }));

  it('creates the file once (mode 0600) and reuses it after', () => {
    const first = ensureDevSecrets(dataDir);
    const file = join(dataDir, 'dev-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.devJwtSecret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(first.linkSigningSecret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(first.linkSigningSecret).not.toBe(first.devJwtSecret);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    expect(ensureDevSecrets(dataDir)).toEqual(first);
  });

  it('tightens loosened permissions and refuses a damaged file', () => {
    ensureDevSecrets(dataDir);
    const file = join(dataDir, 'dev-secrets.json');
    chmodSync(file, 0o644);
    ensureDevSecrets(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, '{"devJwtSecret":"short"}');
    expect(() => ensureDevSecrets(dataDir)).toThrow(/not valid; delete it/);
  });

  it('gives the environment a local process needs, keeping secrets set in the environment', () => {
    const secrets = ensureDevSecrets(dataDir);
    const env = localEnvironment({ secrets, dynamodbEndpoint: 'http://127.0.0.1:8000', dataDir, env: {} });
    expect(env).toEqual({
      STAGE: 'local',
      DEV_JWT_SECRET: secrets.devJwtSecret,
      LINK_SIGNING_SECRET: secrets.linkSigningSecret,
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      OUTBOX_DIR: join(dataDir, 'outbox'),
    });
    expect(parseConfig(env)).toMatchObject({
      stage: 'local',
      devJwtSecret: secrets.devJwtSecret,
      dynamodbEndpoint: 'http://127.0.0.1:8000',
    });

    const own = 'x'.repeat(40);
    const kept = localEnvironment({
      secrets,
      dynamodbEndpoint: 'http://127.0.0.1:8000',
      dataDir,
      env: { DEV_JWT_SECRET: own, LINK_SIGNING_SECRET: own, OUTBOX_DIR: '/tmp/mails' },
    });
    expect(kept).toMatchObject({ DEV_JWT_SECRET: own, LINK_SIGNING_SECRET: own, OUTBOX_DIR: '/tmp/mails' });
  });
});
