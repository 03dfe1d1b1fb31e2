import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions, handlerEntry, lambdaEntries, type LambdaEntry } from './bundling';

/**
 * `npm run bundle-size`: bundles every Lambda function as the CDK app does and prints the size of
 * each bundle with the packages that weigh most in it. The test in test/infra/bundles.test.ts
 * holds the API bundle to what it needs.
 */
export interface BundleReport {
  name: string;
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

export async function bundleFunction(entry: LambdaEntry): Promise<BundleReport> {
  const dir = mkdtempSync(join(tmpdir(), `destek-bundle-${entry.name}-`));
  try {
    const outfile = join(dir, 'index.js');
    const { metafile } = await build(esbuildOptions(handlerEntry(entry.name), outfile));
    if (!metafile) throw new Error('esbuild returned no metafile');
    const packages: Record<string, number> = {};
    for (const output of Object.values(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const name = packageOf(input);
        packages[name] = (packages[name] ?? 0) + bytesInOutput;
      }
    }
    return { name: entry.name, bytes: statSync(outfile).size, gzipBytes: gzipSync(readFileSync(outfile)).length, packages, metafile };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const entries = lambdaEntries();
  const nameWidth = Math.max(...entries.map((entry) => entry.name.length));
  for (const entry of entries) {
    const report = await bundleFunction(entry);
    const heaviest = Object.entries(report.packages)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 8)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ');
    console.log(`${report.name.padEnd(nameWidth)} ${kb(report.bytes).padStart(8)}  (${kb(report.gzipBytes)} gzipped)\n    ${heaviest}`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
