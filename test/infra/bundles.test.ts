import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { typeDefsWithoutDescriptions } from '../../functions/graphql/generated/type-defs';
import { bundleReports, packageOf, type BundleReport } from '../../infra/bundle-size';
import { bundleMetafileContext, handlerEntry, lambdaEntries } from '../../infra/bundling';
import { synthesize } from './synth';

/**
 * The bundles the CDK app makes (the one synthesis with real bundling: esbuild from node_modules,
 * no Docker, no network): one per function, each holding what its code uses: the mail packages
 * only where mail is sent, and of the AWS SDK only the clients the function calls.
 */
const mailPackages = ['nodemailer', 'ical-generator', '@aws-sdk/client-sesv2'];

let reports: Map<string, BundleReport>;

beforeAll(() => {
  const { app, stack } = synthesize('dev', { bundle: true, context: { [bundleMetafileContext]: true } });
  reports = bundleReports(app.synth(), stack.stackName);
}, 120_000);

const packagesIn = (name: string) => Object.keys(reports.get(name)!.packages);
const sdkClientsIn = (name: string) =>
  packagesIn(name)
    .filter((pkg) => pkg.startsWith('@aws-sdk/client-'))
    .sort();

describe('Lambda bundles', () => {
  it('bundles every function from its own entry file into an asset of its own', () => {
    const names = lambdaEntries().map((entry) => entry.name);
    for (const name of names) expect(existsSync(handlerEntry(name))).toBe(true);
    expect([...reports.keys()].sort()).toEqual([...names].sort());
    expect(new Set([...reports.values()].map((report) => report.dir)).size).toBe(names.length);
    // Each bundle's own code starts at its own handler file.
    for (const name of names) expect(Object.keys(reports.get(name)!.metafile.inputs)).toContain(`functions/handlers/${name}.ts`);
  });

  it('keeps nodemailer, ical-generator and the SES client out of every function that sends no mail', () => {
    for (const entry of lambdaEntries()) {
      const present = mailPackages.filter((pkg) => packagesIn(entry.name).includes(pkg));
      // The calendar feeds are iCalendar files: ical-generator is the one mail package they need.
      // The inbound mail function forwards mail but builds no calendar.
      const expected = entry.sendsMail
        ? mailPackages.filter((pkg) => entry.name !== 'receive-inbound-mail' || pkg !== 'ical-generator')
        : entry.name === 'calendar-feed'
          ? ['ical-generator']
          : [];
      expect({ name: entry.name, present }).toEqual({ name: entry.name, present: expected });
    }
    expect(
      lambdaEntries()
        .filter((entry) => entry.sendsMail)
        .map((entry) => entry.name),
    ).toContain('deliver-outbox');
  });

  it('keeps the GraphQL server out of every function but the API: each job is its own small bundle', () => {
    for (const entry of lambdaEntries().filter((candidate) => candidate.name !== 'api')) {
      const graphqlPackages = packagesIn(entry.name).filter(
        (pkg) => pkg === 'graphql' || pkg.startsWith('@apollo/') || pkg.startsWith('@graphql-tools/'),
      );
      expect({ name: entry.name, graphqlPackages }).toEqual({ name: entry.name, graphqlPackages: [] });
      // Each within the API's 1 MiB, now that the API is smaller than the mail sender (nodemailer, 964 KB);
      // reading mail in every charset (mailparser's iconv-lite) makes the inbound function the one large bundle.
      const limit = entry.name === 'receive-inbound-mail' ? 2_600_000 : 1_048_576;
      expect(reports.get(entry.name)!.bytes).toBeLessThan(limit);
    }
  });

  it('gives the GraphQL function only the SDK clients it calls, and keeps it small', () => {
    expect(sdkClientsIn('api')).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/client-secrets-manager']);
    expect(packagesIn('api')).toEqual(expect.arrayContaining(['graphql', '@apollo/server', 'aws-jwt-verify']));
    // Issue 15's goal is at most 1 MB (1,048,576 bytes): 963,198 bytes after csv-parse, most of graphql,
    // the cache-control plugin and the SDL's descriptions came out (docs/performance.md).
    expect(reports.get('api')!.bytes).toBeLessThanOrEqual(1_048_576);
    // Apollo's usage-reporting protobuf and the SDK's credential chain stay out (infra/bundling.ts).
    expect(packagesIn('api')).not.toEqual(expect.arrayContaining(['@apollo/usage-reporting-protobuf']));
    expect(packagesIn('api')).not.toEqual(expect.arrayContaining(['@aws-sdk/credential-provider-node']));
    // Nor Apollo's GraphOS plugins, the SDK's event streams, or a second lru-cache build.
    const inputs = Object.keys(reports.get('api')!.metafile.inputs);
    for (const left of [
      'plugin/usageReporting/',
      'plugin/schemaReporting/',
      'plugin/inlineTrace/',
      'plugin/cacheControl/',
      'submodules/event-streams/',
      'lru-cache/dist/commonjs/',
      '@graphql-tools/',
    ])
      expect({ left, bundled: inputs.some((input) => input.includes(left)) }).toEqual({ left, bundled: false });
  });

  it('gives the API of graphql only what its code and Apollo import (functions/runtime/graphql-in-bundles.mjs)', () => {
    // What is in the output: esbuild parses every file graphql's index re-exports, and drops the unused ones.
    const graphqlFiles = Object.values(reports.get('api')!.metafile.outputs)
      .flatMap((output) => Object.entries(output.inputs))
      .filter(([input, { bytesInOutput }]) => input.includes('node_modules/graphql/') && bytesInOutput > 0)
      .map(([input]) => input)
      .map((input) => input.slice(input.lastIndexOf('node_modules/graphql/') + 'node_modules/graphql/'.length));
    // Kept by Apollo's `await import('graphql')` until the alias: none of them is ever called.
    for (const unused of [
      'graphql.mjs',
      'execution/subscribe.mjs',
      'utilities/findBreakingChanges.mjs',
      'utilities/buildClientSchema.mjs',
      'utilities/introspectionFromSchema.mjs',
      'utilities/lexicographicSortSchema.mjs',
      'utilities/stripIgnoredCharacters.mjs',
      'utilities/resolveSchemaCoordinate.mjs',
      'validation/rules/custom/NoDeprecatedCustomRule.mjs',
    ])
      expect({ unused, bundled: graphqlFiles.includes(unused) }).toEqual({ unused, bundled: false });
    // What it needs is there, once (the ES module build only).
    expect(graphqlFiles).toEqual(expect.arrayContaining(['execution/execute.mjs', 'validation/validate.mjs', 'language/parser.mjs']));
    expect(graphqlFiles.filter((file) => !file.endsWith('.mjs'))).toEqual([]);
  });

  it('gives the API its SDL without descriptions (functions/graphql/executable-schema.ts)', () => {
    const bundle = readFileSync(join(reports.get('api')!.dir, 'index.js'), 'utf8');
    expect(bundle).toContain(JSON.stringify(typeDefsWithoutDescriptions).slice(1, 200));
    expect(bundle).not.toContain('A problem with the input of a mutation, for a person to read and fix.');
  });

  it('gives the SES events function DynamoDB only: no secret, no GraphQL, no mail', () => {
    expect(sdkClientsIn('ses-events')).toEqual(['@aws-sdk/client-dynamodb']);
    expect(packagesIn('ses-events')).not.toContain('graphql');
    expect(reports.get('ses-events')!.bytes).toBeLessThan(600_000);
  });

  it('matches the sizes the README states, within 5 %', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const stated = Object.fromEntries(
      [...readme.matchAll(/^\| `([a-z-]+)` \| (\d+) KB \| (\d+) KB \|/gm)].map(([, name, size, gzipped]) => [
        name,
        { size: Number(size), gzipped: Number(gzipped) },
      ]),
    );
    for (const entry of lambdaEntries()) {
      const report = reports.get(entry.name)!;
      expect({ name: entry.name, stated: !!stated[entry.name] }).toEqual({ name: entry.name, stated: true });
      const within = (statedKb: number, bytes: number) => Math.abs(statedKb * 1024 - bytes) / bytes <= 0.05;
      expect({
        name: entry.name,
        size: within(stated[entry.name].size, report.bytes),
        gzipped: within(stated[entry.name].gzipped, report.gzipBytes),
      }).toEqual({ name: entry.name, size: true, gzipped: true });
    }
  });

  it('names packages from esbuild input paths', () => {
    expect(packageOf('node_modules/@aws-sdk/client-sesv2/dist-es/index.js')).toBe('@aws-sdk/client-sesv2');
    expect(packageOf('node_modules/.pnpm/x/node_modules/nodemailer/lib/mailer.js')).toBe('nodemailer');
    expect(packageOf('functions/handlers/api.ts')).toBe('(own code)');
  });
});
