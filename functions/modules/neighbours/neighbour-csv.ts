import { DateTime } from 'luxon';
import { LOCAL_TIME_ZONE } from '../../shared/time-zone';
import { normaliseEmail } from '../../shared/validation';
import type { Language } from '../../shared/i18n/language';
import { CsvSyntaxError, parseCsvRecords } from './csv-records';
import { validateNeighbourFields, type ConsentBasis, type NeighbourFields } from './neighbour';

/**
 * Reading a coordinator's list of neighbours (CSV, as Excel or a spreadsheet saves it): `;` or `,`
 * between fields (Belgian Excel writes `;`), a header row in Dutch or English, UTF-8 with or without
 * BOM (`decodeCsvFile` also reads Excel's Windows-1252). Pure: text in, the rows to write and the rows refused (with their line and a Dutch reason) out.
 */
export interface CsvRow {
  line: number;
  fields: NeighbourFields;
}

export interface ImportRefusal {
  line: number;
  /** The address as written on the line, when there is one. */
  email?: string;
  code: string;
  message: string;
}

export interface ParsedNeighbourCsv {
  rows: CsvRow[];
  refused: ImportRefusal[];
}

/** A file the import cannot read at all: nothing is imported. */
export class NeighbourCsvError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NeighbourCsvError';
  }
}

export const maxImportRows = 2000;

type Column = 'businessName' | 'contactName' | 'email' | 'street' | 'source' | 'consentBasis' | 'consentGivenAt' | 'language';

/** Header names per column, compared after lower-casing and dropping everything but letters. */
const headerNames: Record<Column, string[]> = {
  businessName: [
    'bedrijfsnaam',
    'bedrijf',
    'zaak',
    'naamzaak',
    'naamvandezaak',
    'handelsnaam',
    'onderneming',
    'businessname',
    'business',
    'company',
    'companyname',
  ],
  contactName: ['contactpersoon', 'contact', 'naamcontactpersoon', 'naam', 'contactname', 'name'],
  email: ['email', 'emailadres', 'mail', 'mailadres', 'emailaddress'],
  street: ['adres', 'straat', 'straatennummer', 'straatnr', 'address', 'street', 'streetandnumber'],
  source: ['bron', 'hoekennenwehen', 'hoekennenwehem', 'hoekennenwehaar', 'via', 'source', 'howweknowthem'],
  consentBasis: ['grondslag', 'basis', 'rechtsgrond', 'grondslagtoestemming', 'consentbasis', 'legalbasis'],
  language: ['taal', 'voorkeurtaal', 'language', 'lang'],
  consentGivenAt: ['datumtoestemming', 'toestemmingop', 'toestemmingsdatum', 'datum', 'consentdate', 'consentgivenat', 'date'],
};

const requiredColumns: { column: Column; label: string }[] = [
  { column: 'businessName', label: 'bedrijfsnaam' },
  { column: 'email', label: 'e-mail' },
  { column: 'street', label: 'adres' },
];

const basisWords: Record<string, ConsentBasis> = {
  toestemming: 'CONSENT',
  consent: 'CONSENT',
  gerechtvaardigdbelang: 'LEGITIMATE_INTEREST',
  legitiembelang: 'LEGITIMATE_INTEREST',
  legitimateinterest: 'LEGITIMATE_INTEREST',
};

/** Language cells, squashed: Dutch unless the cell says English. */
const languageWords: Record<string, Language> = {
  nl: 'nl',
  nederlands: 'nl',
  dutch: 'nl',
  vlaams: 'nl',
  en: 'en',
  engels: 'en',
  english: 'en',
};

const squash = (value: string) =>
  value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');

/** `;` when the header line has more of them than commas, else `,`. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function mapHeader(header: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  header.forEach((name, index) => {
    const key = squash(name);
    for (const [column, names] of Object.entries(headerNames) as [Column, string[]][]) {
      if (!columns.has(column) && names.includes(key)) {
        columns.set(column, index);
        return;
      }
    }
  });
  return columns;
}

/** "2026-11-03", "3/11/2026" or "03-11-2026" (day first, as in Belgium), at midnight in Brussels. */
export function parseConsentDate(value: string): Date | undefined {
  for (const format of ['yyyy-MM-dd', 'd/M/yyyy', 'd-M-yyyy', 'd.M.yyyy']) {
    const parsed = DateTime.fromFormat(value, format, { zone: LOCAL_TIME_ZONE });
    if (parsed.isValid) return parsed.toJSDate();
  }
  const iso = DateTime.fromISO(value, { zone: LOCAL_TIME_ZONE });
  return iso.isValid ? iso.toJSDate() : undefined;
}

/**
 * The file's records with the line each starts on. A record ends at a line end outside quotes (an
 * even number of `"` so far; `""` inside a quoted field counts twice). Each record is then parsed
 * on its own, so one broken quote costs that record only, not the rest of the file.
 */
function splitRecords(text: string): { line: number; text: string }[] {
  const records: { line: number; text: string }[] = [];
  let pending: { line: number; lines: string[]; quotes: number } | undefined;
  text.split(/\r?\n/).forEach((content, index) => {
    const quotes = content.split('"').length - 1;
    if (pending) {
      pending.lines.push(content);
      pending.quotes += quotes;
    } else if (content.trim()) {
      pending = { line: index + 1, lines: [content], quotes };
    } else {
      return;
    }
    if (pending.quotes % 2 === 0) {
      records.push({ line: pending.line, text: pending.lines.join('\n') });
      pending = undefined;
    }
  });
  if (pending) records.push({ line: pending.line, text: pending.lines.join('\n') });
  return records;
}

function parseRecord(text: string, delimiter: string): string[] | undefined {
  try {
    return parseCsvRecords(text, { delimiter, trim: true })[0]?.fields;
  } catch (error) {
    if (error instanceof CsvSyntaxError) return undefined;
    throw error;
  }
}

/**
 * The text of a CSV file as saved: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else
 * Windows-1252, what Excel on a Belgian Windows PC writes for "CSV (gescheiden door
 * lijstscheidingsteken)". Read as UTF-8, such a file would turn every é and ë into "\ufffd".
 */
export function decodeCsvFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function parseNeighbourCsv(input: string, now: Date): ParsedNeighbourCsv {
  const text = input.replace(/^\ufeff/, '');
  // A file decoded with the wrong encoding: names and addresses would be stored (and mailed) garbled.
  if (text.includes('\ufffd')) {
    throw new NeighbourCsvError(
      'UNREADABLE_CHARACTERS',
      'Het bestand bevat tekens die niet gelezen kunnen worden (een "\ufffd" in plaats van bv. é of ë). Bewaar het als "CSV UTF-8" en probeer opnieuw.',
    );
  }
  const delimiter = detectDelimiter(text);
  const [headerRecord, ...body] = splitRecords(text);
  const header = headerRecord && parseRecord(headerRecord.text, delimiter);
  if (!header) throw new NeighbourCsvError('EMPTY_FILE', 'Het bestand is leeg of de eerste regel is onleesbaar.');
  const refused: ImportRefusal[] = [];
  const columns = mapHeader(header);
  const missing = requiredColumns.filter(({ column }) => !columns.has(column)).map(({ label }) => label);
  if (missing.length > 0) {
    throw new NeighbourCsvError(
      'MISSING_COLUMNS',
      `De eerste regel moet de kolommen benoemen; ontbrekend: ${missing.join(', ')}. Bijvoorbeeld: bedrijfsnaam;contactpersoon;e-mail;adres;bron;grondslag;datum toestemming`,
    );
  }
  if (body.length > maxImportRows) {
    throw new NeighbourCsvError('TOO_MANY_ROWS', `Eén import mag hoogstens ${maxImportRows} regels bevatten; splits het bestand.`);
  }

  const rows: CsvRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, text: recordText } of body) {
    const record = parseRecord(recordText, delimiter);
    if (!record) {
      refused.push({ line, code: 'UNREADABLE_LINE', message: 'Deze regel kan niet gelezen worden: controleer de aanhalingstekens.' });
      continue;
    }
    const cell = (column: Column) => {
      const index = columns.get(column);
      return index === undefined ? '' : (record[index] ?? '');
    };
    const email = cell('email');
    const refuse = (code: string, message: string) => refused.push({ line, ...(email ? { email } : {}), code, message });
    if (record.length !== header.length) {
      refuse('WRONG_COLUMN_COUNT', `Deze regel heeft ${record.length} kolommen in plaats van ${header.length}.`);
      continue;
    }
    if (!email) {
      refuse('NO_EMAIL', 'Geen e-mailadres.');
      continue;
    }
    const basisText = cell('consentBasis');
    const basis = basisText ? (basisWords[squash(basisText)] ?? (basisText.toUpperCase() as ConsentBasis)) : undefined;
    if (basis && basis !== 'CONSENT' && basis !== 'LEGITIMATE_INTEREST') {
      refuse('INVALID_CONSENT_BASIS', `"${basisText}" is geen grondslag; schrijf "toestemming" of "gerechtvaardigd belang".`);
      continue;
    }
    const dateText = cell('consentGivenAt');
    const consentGivenAt = dateText ? parseConsentDate(dateText) : undefined;
    if (dateText && !consentGivenAt) {
      refuse('INVALID_CONSENT_DATE', `"${dateText}" is geen datum; schrijf bijvoorbeeld 3/11/2026 of 2026-11-03.`);
      continue;
    }
    const languageText = cell('language');
    const language = languageText ? languageWords[squash(languageText)] : undefined;
    if (languageText && !language) {
      refuse('INVALID_LANGUAGE', `"${languageText}" is geen taal die we kennen; schrijf "nl" of "en" (of laat leeg voor Nederlands).`);
      continue;
    }
    const fields: NeighbourFields = {
      businessName: cell('businessName'),
      contactName: cell('contactName') || undefined,
      email,
      street: cell('street'),
      source: cell('source') || undefined,
      consentBasis: basis,
      consentGivenAt,
      language,
    };
    const problems = validateNeighbourFields(fields, now);
    if (problems.length > 0) {
      refuse(problems[0].code, problems.map((p) => p.message).join(' '));
      continue;
    }
    const key = normaliseEmail(email);
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      refuse('DUPLICATE_IN_FILE', `Dit e-mailadres staat al op regel ${earlier}.`);
      continue;
    }
    firstLineOf.set(key, line);
    rows.push({ line, fields });
  }
  // Records come in file order, so `refused` is in line order already.
  return { rows, refused };
}
