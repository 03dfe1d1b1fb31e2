import { readFileSync } from 'node:fs';
import { createApp } from '../app/create-app';
import { decodeCsvFile } from '../modules/neighbours/neighbour-csv';
import type { ImportReport } from '../modules/neighbours/neighbours.service';
import { parseConfig } from '../shared/config';
import { UserInputError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { runCli, UsageError } from './cli';
import { withLocalDatabase, type LocalDatabaseOptions } from './local-database';

/**
 * `npm run import-neighbours -- file.csv`: imports neighbourhood entrepreneurs into the local
 * stack's database (the running `npm start`'s, or `.data/dynamodb`) and prints what was imported
 * and every line that was refused, with the reason. The same import as the `importNeighbours`
 * mutation; each line is imported whole or not at all, and an address already known is refused.
 */
export const importUsage = `Usage: npm run import-neighbours -- <file.csv>
The first line names the columns (Dutch or English), fields separated by ; or , (UTF-8, or Excel's Windows-1252), e.g.
  bedrijfsnaam;contactpersoon;e-mail;adres;bron;grondslag;datum toestemming`;

export function parseImportArgs(argv: readonly string[]): string | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const unknown = argv.find((arg) => arg.startsWith('-'));
  if (unknown) throw new UsageError(`Unknown option ${unknown}`);
  if (argv.length !== 1) throw new UsageError('Give one CSV file.');
  return argv[0];
}

export function formatImportReport(report: ImportReport): string {
  const lines = [`${report.imported} ingevoerd, ${report.refused.length} geweigerd.`];
  if (report.consentDefaulted > 0) {
    lines.push(`  ${report.consentDefaulted} ingevoerd zonder grondslag in het bestand: genoteerd als gerechtvaardigd belang.`);
  }
  for (const refusal of report.refused)
    lines.push(`  regel ${refusal.line}${refusal.email ? ` (${refusal.email})` : ''}: ${refusal.message}`);
  return lines.join('\n');
}

/** Imports a CSV text into the local database; file-level problems come back as a UserInputError. */
export async function importNeighboursOnce(csv: string, options: LocalDatabaseOptions = {}): Promise<ImportReport> {
  return withLocalDatabase(options, async () => {
    const app = createApp(parseConfig(process.env), { logger: createLogger('warn') });
    try {
      return await app.neighbours.importCsvText(csv);
    } finally {
      app.db.destroy();
    }
  });
}

async function main(): Promise<void> {
  const file = parseImportArgs(process.argv.slice(2));
  if (file === 'help') return console.log(importUsage);
  let csv: string;
  try {
    csv = decodeCsvFile(readFileSync(file));
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    console.log(formatImportReport(await importNeighboursOnce(csv)));
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    console.error(`Niets ingevoerd: ${error.message}`);
    process.exitCode = 1;
  }
}

if (require.main === module) runCli(main, importUsage, { exitWhenDone: true });
