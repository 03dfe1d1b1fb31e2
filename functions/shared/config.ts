import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { secretsManagerReader, type SecretReader } from './secrets';

/**
 * Every setting of the system, parsed once from the environment. No other module reads
 * `process.env`: code receives the `Config` object (or the part it needs) instead.
 * The README's settings table lists the same variables; keep the two in step.
 */
// zod/mini (a fifth of zod's size in a bundle) with the English messages the full zod has built in.
z.config(en());

const int = (min: number, max: number) => z.coerce.number().check(z.int(), z.gte(min), z.lte(max));
const text = (min: number, message?: string) => z.string().check(z.minLength(min, message));
const settingsSchema = z.object({
  STAGE: z._default(z.enum(['local', 'dev', 'prod']), 'local'),
  PORT: z._default(int(1, 65535), 4000),
  TABLE_NAME: z._default(text(1), 'destek'),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(text(1), 'eu-west-1'),
  PUBLIC_BASE_URL: z._default(z.url(), 'http://localhost:4000'),
  MAIL_FROM: z._default(text(3), 'Locon De Stek <overleg@destek.local>'),
  ORGANIZER_EMAIL: z._default(z.email(), 'overleg@destek.local'),
  ORGANIZER_NAME: z._default(text(1), 'Locon De Stek'),
  COORDINATOR_EMAIL: z._default(z.email(), 'coordinator@destek.local'),
  INBOUND_SMTP_PORT: z._default(int(0, 65535), 2526),
  SMTP_URL: z.optional(z.string().check(z.regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://'))),
  MAIL_TRANSPORT: z.optional(z.enum(['smtp', 'ses', 'file'])),
  SES_CONFIGURATION_SET: z.optional(text(1)),
  OUTBOX_DIR: z._default(text(1), '.data/outbox'),
  LINK_SIGNING_SECRET: z.optional(text(32, 'LINK_SIGNING_SECRET must be at least 32 characters')),
  LINK_SIGNING_SECRET_ARN: z.optional(text(1)),
  COGNITO_USER_POOL_ID: z.optional(
    z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/, 'COGNITO_USER_POOL_ID must look like eu-west-1_AbC123')),
  ),
  COGNITO_CLIENT_ID: z.optional(text(1)),
  DEV_JWT_SECRET: z.optional(text(32)),
  OUTBOX_MAX_ATTEMPTS: z._default(int(1, 50), 8),
  OUTBOX_BATCH_SIZE: z._default(int(1, 500), 50),
  OUTBOX_CONCURRENCY: z._default(int(1, 50), 10),
  BUURTBABBEL_SEND_RATE_PER_MINUTE: z._default(int(0, 1000), 30),
  RATE_LIMIT_PER_MINUTE: z._default(int(0, 100_000), 120),
  MEETING_AGENDA_REMINDER_DAYS: z._default(int(1, 30), 3),
  MEETING_DAY_REMINDER_TIME: z._default(
    z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'MEETING_DAY_REMINDER_TIME must be a time like 08:00')),
    '08:00',
  ),
  /** The names texts use (emails, pages, calendar): another Locon runs its own copy with its own. */
  NETWORK_NAME: z._default(text(1), 'Locon De Stek'),
  COORDINATOR_ORGANISATION: z._default(text(1), 'Schakel vzw'),
  NEIGHBOURHOOD: z._default(text(1), 'Sint-Pietersaalststraat'),
  /** Where people write with questions; named in emails and pages. COORDINATOR_EMAIL when unset. */
  CONTACT_EMAIL: z.optional(z.email()),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
});

/**
 * What a function needs beyond its settings. Only functions that sign or check email-link tokens
 * hold the link-signing secret (the API, deliver-outbox); the others run without it, so in AWS they
 * neither read it at cold start nor may read it (least privilege).
 */
export interface ConfigNeeds {
  linkSigningSecret: boolean;
}

const everything: ConfigNeeds = { linkSigningSecret: true };

const configSchema = (needs: ConfigNeeds) =>
  z.pipe(
    settingsSchema.check(
      z.superRefine((env, context) => {
        const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
        if (env.STAGE !== 'local' && env.DEV_JWT_SECRET !== undefined)
          problem('DEV_JWT_SECRET', 'DEV_JWT_SECRET is accepted only when STAGE=local');
        if (needs.linkSigningSecret && env.LINK_SIGNING_SECRET === undefined) {
          problem(
            'LINK_SIGNING_SECRET',
            env.LINK_SIGNING_SECRET_ARN
              ? 'LINK_SIGNING_SECRET_ARN is read by loadConfig(), not parseConfig()'
              : 'LINK_SIGNING_SECRET (or LINK_SIGNING_SECRET_ARN, in AWS) is required',
          );
        }
        if ((env.COGNITO_USER_POOL_ID === undefined) !== (env.COGNITO_CLIENT_ID === undefined)) {
          problem('COGNITO_CLIENT_ID', 'COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID go together');
        }
        if (env.MAIL_TRANSPORT === 'smtp' && env.SMTP_URL === undefined) problem('SMTP_URL', 'MAIL_TRANSPORT=smtp needs SMTP_URL');
        if (env.COORDINATOR_EMAIL.toLowerCase() === env.ORGANIZER_EMAIL.toLowerCase())
          problem(
            'COORDINATOR_EMAIL',
            'COORDINATOR_EMAIL must differ from ORGANIZER_EMAIL (the system reads that mailbox and forwards to this one)',
          );
      }),
    ),
    // Runs only on settings that passed every check above.
    z.transform((e: z.output<typeof settingsSchema>) => ({
      stage: e.STAGE,
      port: e.PORT,
      tableName: e.TABLE_NAME,
      dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
      awsRegion: e.AWS_REGION,
      publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      mailFrom: e.MAIL_FROM,
      organizer: { email: e.ORGANIZER_EMAIL, name: e.ORGANIZER_NAME },
      /** Where mail to the organizer address that is not a calendar reply is forwarded: a person's mailbox. */
      coordinatorEmail: e.COORDINATOR_EMAIL,
      /** Local stack only: port of the inbound SMTP server (0: none). */
      inboundSmtpPort: e.INBOUND_SMTP_PORT,
      /** How email leaves: SES in AWS, SMTP when a server is named, else .eml files (local). Decided here only. */
      mailTransport: e.MAIL_TRANSPORT ?? (e.SMTP_URL ? 'smtp' : 'file'),
      smtpUrl: e.SMTP_URL,
      /** SES configuration set every message is sent with (its bounce and complaint events). */
      sesConfigurationSet: e.SES_CONFIGURATION_SET,
      outboxDir: e.OUTBOX_DIR,
      /**
       * Present whenever the function needs it (checked above); a function that does not gets a
       * configuration whose secret throws when read (parseConfig), so the empty string is never seen.
       */
      linkSigningSecret: e.LINK_SIGNING_SECRET ?? '',
      /** Key of locally issued development tokens; only ever set when stage is `local`. */
      devJwtSecret: e.DEV_JWT_SECRET,
      /** The Cognito user pool whose ID tokens the API accepts; unset locally. */
      cognito:
        e.COGNITO_USER_POOL_ID && e.COGNITO_CLIENT_ID ? { userPoolId: e.COGNITO_USER_POOL_ID, clientId: e.COGNITO_CLIENT_ID } : undefined,
      outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      outboxBatchSize: e.OUTBOX_BATCH_SIZE,
      /** Outbox messages sent at the same time by one delivery run (to different addresses, once the transport has accepted one). */
      outboxConcurrency: e.OUTBOX_CONCURRENCY,
      /** Buurtbabbel invitations and reminders sent per minute (pacing, kind to the mail server and to spam filters); 0: no pacing. */
      buurtbabbelSendRatePerMinute: e.BUURTBABBEL_SEND_RATE_PER_MINUTE,
      /** GraphQL operations one signed-in caller may make per minute (over it: 429 with Retry-After); 0: no budget (tests). */
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      /** When meeting reminders fall due: the agenda N days before, the day's (and the coordinator's) at a Brussels time. */
      meetingReminders: { agendaDaysBefore: e.MEETING_AGENDA_REMINDER_DAYS, dayTime: e.MEETING_DAY_REMINDER_TIME },
      /** The network's names in every text people read (NetworkNames). */
      names: {
        network: e.NETWORK_NAME,
        organisation: e.COORDINATOR_ORGANISATION,
        neighbourhood: e.NEIGHBOURHOOD,
        contactEmail: e.CONTACT_EMAIL ?? e.COORDINATOR_EMAIL,
      },
      logLevel: e.LOG_LEVEL,
    })),
  );

/** The settings as the code reads them: what the schema above turns the environment into. */
export type Config = z.output<ReturnType<typeof configSchema>>;

export type Stage = Config['stage'];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function parseConfig(env: Env, needs: ConfigNeeds = everything): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  // In AWS (Lambda sets AWS_LAMBDA_FUNCTION_NAME) the stage is never guessed: falling back to `local`
  // would accept development tokens and show the sandbox, introspection and internal messages.
  if (cleaned.AWS_LAMBDA_FUNCTION_NAME !== undefined && cleaned.STAGE === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  STAGE: required in AWS (AWS_LAMBDA_FUNCTION_NAME is set); `local` is never assumed there',
    );
  }
  const result = configSchema(needs).safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const config = result.data;
  return needs.linkSigningSecret ? config : withoutLinkSigningSecret(config);
}

/**
 * The configuration of a function that holds no link-signing secret (even when the environment has
 * one, so a local run fails where AWS would): reading it throws instead of signing with nothing.
 * Not enumerable, so spreading or logging the configuration does not trip it.
 */
function withoutLinkSigningSecret(config: Config): Config {
  const { linkSigningSecret: _dropped, ...rest } = config;
  return Object.defineProperty(rest, 'linkSigningSecret', {
    enumerable: false,
    get(): never {
      throw new ConfigError(
        "This function runs without the link-signing secret: declare that it uses it (scheduled-jobs.ts usesLinkSigningSecret, or the handler's needs) to sign or check links",
      );
    },
  }) as Config;
}

/**
 * The configuration with its secrets: in AWS the environment names the secret
 * (LINK_SIGNING_SECRET_ARN) instead of holding it, and it is read here, once per cold start.
 * A value in the environment wins, so local runs and tests need no secret store.
 */
export async function loadConfig(env: Env, readSecret: SecretReader, needs: ConfigNeeds = everything): Promise<Config> {
  const secretArn = env.LINK_SIGNING_SECRET || !needs.linkSigningSecret ? undefined : env.LINK_SIGNING_SECRET_ARN;
  if (!secretArn) return parseConfig(env, needs);
  let secret: string;
  try {
    secret = await readSecret(secretArn);
  } catch (error) {
    throw new ConfigError(`LINK_SIGNING_SECRET_ARN: the secret could not be read (${(error as Error).name}: ${(error as Error).message})`);
  }
  return parseConfig({ ...env, LINK_SIGNING_SECRET: secret });
}

/**
 * The process's configuration for a Lambda handler, its secret read from Secrets Manager when the
 * function uses one. Called once per cold start: the handler keeps what it builds from it
 * (functions/runtime/cold-start.ts), so nothing is cached here.
 */
export function getRuntimeConfig(needs: ConfigNeeds): Promise<Config> {
  if (!needs.linkSigningSecret) return Promise.resolve().then(getConfigWithoutSecrets);
  return loadConfig(process.env, secretsManagerReader(process.env.AWS_REGION || 'eu-west-1'));
}

/**
 * The process's configuration for a function that reads no secret. Separate from getRuntimeConfig
 * so such a function's bundle holds no Secrets Manager client.
 */
export function getConfigWithoutSecrets(): Config {
  return parseConfig(process.env, { linkSigningSecret: false });
}
