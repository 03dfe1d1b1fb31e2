import { z } from 'zod';

/**
 * Every setting of the system, parsed once from the environment. No other module reads
 * `process.env`: code receives the `Config` object (or the part it needs) instead.
 * The README's settings table lists the same variables; keep the two in step.
 */
const configSchema = z
  .object({
    STAGE: z.enum(['local', 'dev', 'prod']).default('local'),
    PORT: z.coerce.number().int().min(1).max(65535).default(4000),
    TABLE_NAME: z.string().min(1).default('destek'),
    DYNAMODB_ENDPOINT: z.url().optional(),
    AWS_REGION: z.string().min(1).default('eu-west-1'),
    PUBLIC_BASE_URL: z.url().default('http://localhost:4000'),
    MAIL_FROM: z.string().min(3).default('Locon De Stek <overleg@destek.local>'),
    ORGANIZER_EMAIL: z.email().default('overleg@destek.local'),
    ORGANIZER_NAME: z.string().min(1).default('Locon De Stek'),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
    OUTBOX_DIR: z.string().min(1).default('.data/outbox'),
    LINK_SIGNING_SECRET: z.string().min(32, 'LINK_SIGNING_SECRET must be at least 32 characters'),
    DEV_JWT_SECRET: z.string().min(32).optional(),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
    BUURTBABBEL_SEND_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(30),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .refine((env) => env.STAGE === 'local' || env.DEV_JWT_SECRET === undefined, {
    message: 'DEV_JWT_SECRET is accepted only when STAGE=local',
    path: ['DEV_JWT_SECRET'],
  });

export type Stage = 'local' | 'dev' | 'prod';

export interface Config {
  stage: Stage;
  port: number;
  tableName: string;
  dynamodbEndpoint?: string;
  awsRegion: string;
  publicBaseUrl: string;
  mailFrom: string;
  organizer: { email: string; name: string };
  smtpUrl?: string;
  outboxDir: string;
  linkSigningSecret: string;
  /** Key of locally issued development tokens; only ever set when stage is `local`. */
  devJwtSecret?: string;
  outboxMaxAttempts: number;
  outboxBatchSize: number;
  /** Buurtbabbel invitations and reminders sent per minute (pacing, kind to the mail server and to spam filters). */
  buurtbabbelSendRatePerMinute: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = result.data;
  return {
    stage: e.STAGE,
    port: e.PORT,
    tableName: e.TABLE_NAME,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    awsRegion: e.AWS_REGION,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    mailFrom: e.MAIL_FROM,
    organizer: { email: e.ORGANIZER_EMAIL, name: e.ORGANIZER_NAME },
    smtpUrl: e.SMTP_URL,
    outboxDir: e.OUTBOX_DIR,
    linkSigningSecret: e.LINK_SIGNING_SECRET,
    devJwtSecret: e.DEV_JWT_SECRET,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    outboxBatchSize: e.OUTBOX_BATCH_SIZE,
    buurtbabbelSendRatePerMinute: e.BUURTBABBEL_SEND_RATE_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed from `process.env` on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
