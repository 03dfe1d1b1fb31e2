import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseImportArgs } from '../../../functions/local/import-neighbours-cli';
import { createTestApp, dynamoEndpoint, type TestApp } from '../../support/test-app';

const root = join(__dirname, '..', '..', '..');

describe('npm run import-neighbours', () => {
  let dataDir: string;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'destek-import-'));
    t = await createTestApp();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function run(args: string[]) {
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: dynamoEndpoint(),
      TABLE_NAME: t.app.config.tableName,
      LOG_LEVEL: 'warn',
    };
    return spawnSync('npm', ['run', '--silent', 'import-neighbours', '--', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  }

  it('imports a file into the local database and prints every refused line with its reason', async () => {
    const file = join(dataDir, 'buren.csv');
    writeFileSync(
      file,
      '\ufeffBedrijfsnaam;E-mail;Adres\r\nBakkerij;bakker@buurt.be;Straat 1\r\nKapper;;Straat 2\r\nBakkerij 2;BAKKER@buurt.be;Straat 3\r\n',
    );

    const result = run([file]);

    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      '1 ingevoerd, 2 geweigerd.',
      '  1 ingevoerd zonder grondslag in het bestand: genoteerd als gerechtvaardigd belang.',
      '  regel 3: Geen e-mailadres.',
      '  regel 4 (BAKKER@buurt.be): Dit e-mailadres staat al op regel 2.',
    ]);
    expect((await t.app.repositories.neighbours.listAll()).map((n) => n.email)).toEqual(['bakker@buurt.be']);
  }, 60_000);

  it('reads a file Belgian Excel saved as Windows-1252 ("CSV (gescheiden door lijstscheidingsteken)") with its accents', async () => {
    const file = join(dataDir, 'excel.csv');
    writeFileSync(file, Buffer.from('Bedrijfsnaam;E-mail;Adres\r\nCafé Zoë;zoe@buurt.be;Sint-Pietersaalststraat 9\r\n', 'latin1'));

    const result = run([file]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 ingevoerd, 0 geweigerd.');
    expect((await t.app.repositories.neighbours.listAll()).find((n) => n.email === 'zoe@buurt.be')?.businessName).toBe('Café Zoë');
  }, 60_000);

  it('says why a file is not imported at all, and fails', () => {
    const file = join(dataDir, 'fout.csv');
    writeFileSync(file, 'naam,telefoon\nA,1\n');
    const result = run([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Niets ingevoerd: De eerste regel moet de kolommen benoemen');
  }, 60_000);

  it('checks its arguments', () => {
    expect(parseImportArgs(['buren.csv'])).toBe('buren.csv');
    expect(parseImportArgs(['--help'])).toBe('help');
    expect(() => parseImportArgs([])).toThrow('Give one CSV file.');
    expect(() => parseImportArgs(['a.csv', '--force'])).toThrow('Unknown option --force');
  });
});
