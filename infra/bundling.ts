import { join, resolve } from 'node:path';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { scheduledJobs } from '../functions/runtime/scheduled-jobs';

/**
 * How every Lambda function is bundled: one set of esbuild options, used by the CDK app (through
 * NodejsFunction, with the esbuild in node_modules, so no Docker); `npm run bundle-size` and its
 * test read the bundles a synthesis made. The AWS SDK is bundled rather than taken from the
 * Lambda runtime, so a function runs the SDK version its tests ran, and only the clients it imports.
 */
export const projectRoot = resolve(__dirname, '..');
export const handlersDir = join(projectRoot, 'functions', 'handlers');

export function handlerEntry(name: string): string {
  return join(handlersDir, `${name}.ts`);
}

export const lambdaBundling: BundlingOptions = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  keepNames: true,
  target: 'node22',
  format: OutputFormat.CJS,
  // ES module builds of dependencies first: esbuild drops what they export and nobody imports.
  mainFields: ['module', 'main'],
  // graphql-js skips its development-only checks in production.
  // Code that runs only in a Lambda bundle may ask (functions/graphql/executable-schema.ts: the SDL without descriptions).
  define: { 'process.env.NODE_ENV': '"production"', 'globalThis.destekLambdaBundle': 'true' },
  bundleAwsSDK: true,
  // Apollo's usage-reporting protobuf (a quarter of the API bundle) serves only plugins the API
  // turns off (functions/http/graphql-route.ts): left out, never loaded. So are those plugins
  // themselves (with their graphql printing helpers and lodash.sortby): Apollo imports each one
  // (`import('./plugin/<name>/index.js')`) only when it is not given the plugin's Disabled variant.
  externalModules: [
    '@apollo/usage-reporting-protobuf',
    './plugin/usageReporting/index.js',
    './plugin/schemaReporting/index.js',
    './plugin/inlineTrace/index.js',
    // The cache-control plugin is given its Disabled variant too (no-store-plugin.ts answers no-store).
    './plugin/cacheControl/index.js',
    '@smithy/core/event-streams',
  ],
  // In Lambda the credentials are the execution role's, in the environment: the SDK's provider chain
  // (profiles, SSO, STS, instance metadata) is left out for one that reads them there.
  // Apollo falls back on sha.js where Node's crypto is missing: never in Lambda.
  // lru-cache is required by @apollo/utils.keyvaluecache and imported by @apollo/server: one copy
  // (its ES module build) instead of both builds of the same version.
  esbuildArgs: {
    '--alias:@aws-sdk/credential-provider-node': './functions/runtime/lambda-credentials.ts',
    '--alias:sha.js': './functions/runtime/no-sha-js.ts',
    '--alias:lru-cache': './node_modules/lru-cache/dist/esm/node/index.min.js',
    // Apollo builds a schema with @graphql-tools only when given `typeDefs`; the API gives it a schema.
    '--alias:@graphql-tools/schema': './functions/runtime/no-graphql-tools-schema.ts',
    // Apollo's `await import('graphql')` would keep every export of graphql: bundles get the names they use.
    '--alias:graphql': './functions/runtime/graphql-in-bundles.mjs',
  },
  // Sizes are printed by `npm run bundle-size`; synthesis shows only problems.
  logLevel: LogLevel.WARNING,
};

/**
 * The same options as esbuild takes them, for building a function's bundle outside a synthesis
 * (the cold-start benchmark): what NodejsFunction passes to esbuild for `lambdaBundling`.
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    keepNames: lambdaBundling.keepNames,
    target: lambdaBundling.target,
    format: lambdaBundling.format === OutputFormat.ESM ? 'esm' : 'cjs',
    mainFields: lambdaBundling.mainFields,
    define: lambdaBundling.define,
    external: lambdaBundling.externalModules,
    alias: Object.fromEntries(
      Object.entries(lambdaBundling.esbuildArgs ?? {})
        .filter(([flag]) => flag.startsWith('--alias:'))
        .map(([flag, target]) => [flag.slice('--alias:'.length), String(target)]),
    ),
    absWorkingDir: projectRoot,
    logLevel: 'warning',
  };
}

/**
 * Context key that makes every function's asset hold esbuild's metafile (`index.meta.json`) beside
 * its bundle: set by `npm run bundle-size` and its test, never for a deploy (the file is not needed
 * in Lambda).
 */
export const bundleMetafileContext = 'destek:bundle-metafile';

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
    { name: 'receive-inbound-mail', sendsMail: true, usesLinkSigningSecret: false },
    ...scheduledJobs.map((job) => ({ name: job.name, sendsMail: job.sendsMail, usesLinkSigningSecret: job.usesLinkSigningSecret })),
  ];
}
