import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { Metafile } from 'esbuild';
import { buildApp } from './app';
import { bundleMetafileContext, lambdaEntries, projectRoot } from './bundling';

/**
 * `npm run bundle-size`: synthesizes the CDK app (which bundles every Lambda function) and prints
 * the size of each bundle with the packages that weigh most in it. The test in test/infra/bundles.test.ts
 * holds the API bundle to what it needs.
 */
export interface BundleReport {
  name: string;
  /** The asset folder the bundle was read from (one per function). */
  dir: string;
  /** Bytes of index.js as deployed (minified, without its source map). */
  bytes: number;
  gzipBytes: number;
  /** Bytes each package (or `(own code)`) contributes to the output. */
  packages: Record<string, number>;
  metafile: Metafile;
}

/** `node_modules/@aws-sdk/client-sesv2/dist-es/...` → `@aws-sdk/client-sesv2`. */
export function packageOf(inputPath: string): string {
  const path = inputPath.replace(/\\/g, '/');
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return '(own code)';
  const [scopeOrName, name] = path.slice(at + 'node_modules/'.length).split('/');
  return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
}

interface TemplateFunction {
  Type: string;
  Properties: { Code: { S3Key: string }; Tags?: Array<{ Key: string; Value: string }> };
}

/**
 * The bundle of every function of a synthesized stack, read from its asset folder in the cloud
 * assembly (`asset.<hash>` for S3 key `<hash>.zip`): what a deploy uploads, measured, with the
 * metafile the app writes beside it when `bundleMetafileContext` is set. Keyed by handler name.
 */
export function bundleReports(assembly: CloudAssembly, stackName: string): Map<string, BundleReport> {
  const reports = new Map<string, BundleReport>();
  const resources = assembly.getStackByName(stackName).template.Resources as Record<string, TemplateFunction>;
  for (const resource of Object.values(resources).filter((candidate) => candidate.Type === 'AWS::Lambda::Function')) {
    const name = resource.Properties.Tags?.find((tag) => tag.Key === 'destek:handler')?.Value;
    if (!name) continue;
    const dir = join(assembly.directory, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const metafilePath = join(dir, 'index.meta.json');
    if (!existsSync(metafilePath))
      throw new Error(`${name}: no index.meta.json in its asset; synthesize with the ${bundleMetafileContext} context`);
    const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
    const packages: Record<string, number> = {};
    for (const output of Object.values(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const pkg = packageOf(input);
        packages[pkg] = (packages[pkg] ?? 0) + bytesInOutput;
      }
    }
    const bundle = readFileSync(join(dir, 'index.js'));
    reports.set(name, { name, dir, bytes: bundle.length, gzipBytes: gzipSync(bundle).length, packages, metafile });
  }
  return reports;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Synthesizes the dev stage as `npm run synth` does, with the metafiles, into a folder that is removed afterwards. */
function main(): void {
  const outdir = mkdtempSync(join(tmpdir(), 'destek-bundle-size-'));
  try {
    const context = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
    const { app, stack } = buildApp(new App({ outdir, context: { ...context, stage: 'dev', [bundleMetafileContext]: true } }));
    printReports(bundleReports(app.synth(), stack.stackName));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function printReports(reports: Map<string, BundleReport>): void {
  const entries = lambdaEntries();
  const nameWidth = Math.max(...entries.map((entry) => entry.name.length));
  for (const entry of entries) {
    const report = reports.get(entry.name)!;
    const heaviest = Object.entries(report.packages)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 8)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ');
    console.log(`${report.name.padEnd(nameWidth)} ${kb(report.bytes).padStart(8)}  (${kb(report.gzipBytes)} gzipped)\n    ${heaviest}`);
  }
}

if (require.main === module) main();
