import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultDataDir } from './paths';

/**
 * Secrets of the local stack, made once per checkout and kept in `.data/dev-secrets.json`. They
 * are random rather than fixed in the code so that a token or link made on one laptop is useless
 * anywhere else, and they are kept so that tokens and emailed links survive a restart.
 */
export interface DevSecrets {
  devJwtSecret: string;
  linkSigningSecret: string;
}

const secretsSchema = z.object({
  devJwtSecret: z.string().min(32),
  linkSigningSecret: z.string().min(32),
});

export const devSecretsFileName = 'dev-secrets.json';

function newSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** Reads the secrets from `<dataDir>/dev-secrets.json`, creating the file (mode 0600) on first use. */
export function ensureDevSecrets(dataDir: string = defaultDataDir): DevSecrets {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, devSecretsFileName);
  const fresh: DevSecrets = { devJwtSecret: newSecret(), linkSigningSecret: newSecret() };
  try {
    // 'wx' fails when the file exists, so two processes starting together cannot both write it.
    writeFileSync(file, JSON.stringify(fresh, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Tighten permissions that a copy or an editor may have loosened.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    parsed = undefined;
  }
  const result = secretsSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`${file} is not valid; delete it and a new one is made (existing dev tokens and links stop working).`);
  }
  return result.data;
}

export interface LocalEnvironmentOptions {
  secrets: DevSecrets;
  dynamodbEndpoint: string;
  dataDir?: string;
  /** The environment already present; values set there win over the generated secrets. */
  env?: Record<string, string | undefined>;
}

/**
 * The variables a local process (the stack, a job run) sets before the handlers read their
 * configuration. STAGE is always `local`: the configuration accepts DEV_JWT_SECRET only there.
 */
export function localEnvironment(options: LocalEnvironmentOptions): Record<string, string> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir;
  return {
    STAGE: 'local',
    DEV_JWT_SECRET: env.DEV_JWT_SECRET || options.secrets.devJwtSecret,
    LINK_SIGNING_SECRET: env.LINK_SIGNING_SECRET || options.secrets.linkSigningSecret,
    DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
    // Absolute, so the mailer and the outbox viewer find the same folder whatever the working directory.
    OUTBOX_DIR: env.OUTBOX_DIR || join(dataDir, 'outbox'),
  };
}
