import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { scheduledJobs } from '../functions/handlers/scheduled-jobs';

/**
 * How every Lambda function is bundled: one set of esbuild options, used by the CDK app (through
 * NodejsFunction, with the esbuild in node_modules, so no Docker) and by `npm run bundle-size` and
 * its test (esbuild directly, for the metafile). The AWS SDK is bundled rather than taken from the
 * Lambda runtime, so a function runs the SDK version its tests ran, and only the clients it imports.
 */
export const projectRoot = resolve(__dirname, '..');
export const handlersDir = join(projectRoot, 'functions', 'handlers');

export function handlerEntry(name: string): string {
  return join(handlersDir, `${name}.ts`);
}

const nodeTarget = 'node22';
/** ES module builds of dependencies first: esbuild drops what they export and nobody imports. */
const mainFields = ['module', 'main'];
/** graphql-js skips its development-only checks in production. */
const define = { 'process.env.NODE_ENV': '"production"' };

export const lambdaBundling: BundlingOptions = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  keepNames: true,
  target: nodeTarget,
  format: OutputFormat.CJS,
  mainFields,
  define,
  bundleAwsSDK: true,
  externalModules: [],
  // Sizes are printed by `npm run bundle-size`; synthesis shows only problems.
  logLevel: LogLevel.WARNING,
};

/** The same bundle as `lambdaBundling`, as direct esbuild options (with a metafile). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: nodeTarget,
    format: 'cjs',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    keepNames: true,
    mainFields,
    define,
    metafile: true,
    logLevel: 'silent',
  };
}

export interface LambdaEntry {
  /** The function's name within the app, also its handler file `functions/handlers/<name>.ts`. */
  name: string;
  /** Only these may bundle nodemailer, ical-generator and the SES client. */
  sendsMail: boolean;
  /** Signs or checks email-link tokens: its environment names the link-signing secret and it may read it. */
  usesLinkSigningSecret: boolean;
}

/** Every Lambda function of the app: the API, the calendar feeds, the SES events handler and one per scheduled job. */
export function lambdaEntries(): LambdaEntry[] {
  return [
    { name: 'api', sendsMail: false, usesLinkSigningSecret: true },
    { name: 'calendar-feed', sendsMail: false, usesLinkSigningSecret: false },
    { name: 'ses-events', sendsMail: false, usesLinkSigningSecret: false },
    ...scheduledJobs.map((job) => ({ name: job.name, sendsMail: job.sendsMail, usesLinkSigningSecret: job.usesLinkSigningSecret })),
  ];
}
