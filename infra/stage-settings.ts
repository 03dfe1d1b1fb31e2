import { z } from 'zod';

/**
 * What differs between deployments: the stage, and per stage the names, domains and addresses a
 * person chooses. They come from CDK context: `cdk.json` holds one block per stage under
 * `destek`, and any key can be overridden on the command line (`-c mailFrom="..."`), so nothing
 * about a particular deployment is written in the code.
 */
export const stages = ['dev', 'prod'] as const;
export type DeployStage = (typeof stages)[number];

const address = z.email();

const settingsSchema = z.object({
  /** AWS region of the whole stack; SES sends from it (eu-west-1, Ireland, by default). */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must be an AWS region such as eu-west-1')
    .default('eu-west-1'),
  /** Domain verified in SES (DKIM) that every email is sent from. */
  mailDomain: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'mailDomain must be a domain name such as destek.example.be'),
  mailFrom: z.string().min(3),
  organizerEmail: address,
  organizerName: z.string().min(1),
  /** Origins the browser may call the API from (CORS); native mobile apps need none. */
  allowedOrigins: z.array(z.url()).default([]),
  /**
   * Base of the links in emails (a custom domain in front of the API); the API's own URL when left
   * out. HTTPS: the links carry tokens, and mail clients offer one-click unsubscribe (RFC 8058) only
   * for an https List-Unsubscribe URL.
   */
  publicBaseUrl: z.url({ protocol: /^https$/, error: 'publicBaseUrl must be an https:// URL' }).optional(),
  /**
   * A person's mailbox (not at the organizer address) where mail to the organizer address that is
   * not a calendar reply is forwarded. Set, the stack receives mail for organizerEmail (SES receipt
   * rule, bucket, receive-inbound-mail function); left out, nothing reads that address.
   */
  coordinatorEmail: address.optional(),
  /** Where alarms are emailed; alarms only go to their SNS topic when left out. */
  alarmEmail: address.optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Stack traces mapped to the TypeScript sources (NODE_OPTIONS=--enable-source-maps). Off by
   * default: Node then reads and parses each bundle's source map at cold start (docs/performance.md);
   * turn on (`-c sourceMaps=true`) while chasing an error. The maps are deployed either way.
   */
  sourceMaps: z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean()).default(false),
  /** Steady requests per second the API accepts, and the burst above it. */
  apiRateLimit: z.coerce.number().int().min(1).default(20),
  apiBurstLimit: z.coerce.number().int().min(1).default(40),
  /** Requests per second on each page behind an email link and on the calendar feeds (burst: twice). */
  linkRouteRateLimit: z.coerce.number().int().min(1).default(5),
  /** Buurtbabbel mails sent per minute (BUURTBABBEL_SEND_RATE_PER_MINUTE; 0: no pacing); the code's default (30) when left out. */
  buurtbabbelSendRatePerMinute: z.coerce.number().int().min(0).max(1000).optional(),
  /**
   * While the SES account is in the sandbox, SES also authorises each send against the (verified)
   * recipient's identity: the addresses named here may then receive mail. Empty once out of the sandbox.
   */
  sesSandboxRecipients: z.array(address).default([]),
});

export type StageSettings = z.infer<typeof settingsSchema> & { stage: DeployStage };

const overridable = Object.keys(settingsSchema.shape) as (keyof z.infer<typeof settingsSchema>)[];

const listKeys = new Set(['allowedOrigins', 'sesSandboxRecipients']);

/** `-c allowedOrigins=a,b` arrives as text; cdk.json gives an array. */
function fromCommandLine(key: string, value: unknown): unknown {
  if (listKeys.has(key) && typeof value === 'string')
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return value;
}

/** Reads the stage's settings from a construct's context lookup (`node.tryGetContext`). */
export function readStageSettings(context: (key: string) => unknown): StageSettings {
  const stage = (context('stage') ?? 'dev') as string;
  if (!(stages as readonly string[]).includes(stage)) throw new Error(`Unknown stage "${stage}": use -c stage=dev or -c stage=prod`);
  const perStage = ((context('destek') as Record<string, Record<string, unknown>> | undefined) ?? {})[stage] ?? {};
  const merged: Record<string, unknown> = { ...perStage };
  for (const key of overridable) {
    const value = context(key);
    if (value !== undefined) merged[key] = fromCommandLine(key, value);
  }
  const result = settingsSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Settings of stage ${stage} (cdk.json context "destek.${stage}", or -c key=value):\n  ${problems.join('\n  ')}`);
  }
  const domain = result.data.mailDomain;
  for (const [key, value] of [
    ['organizerEmail', result.data.organizerEmail],
    ['mailFrom', result.data.mailFrom],
  ] as const) {
    if (!value.toLowerCase().includes(`@${domain}`))
      throw new Error(`${key} must be an address at mailDomain ${domain} (SES sends only from verified domains)`);
  }
  if (result.data.coordinatorEmail?.toLowerCase() === result.data.organizerEmail.toLowerCase())
    throw new Error('coordinatorEmail must differ from organizerEmail (the system reads that one and forwards to this one)');
  return { ...result.data, stage: stage as DeployStage };
}
