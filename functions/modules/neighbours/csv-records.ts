/**
 * CSV records as RFC 4180 writes them, the little the neighbour import needs: fields between a
 * one-character delimiter, quoted fields (with delimiters, line ends and doubled quotes `""`
 * inside), CRLF, LF or CR line ends, a leading BOM dropped. Ours rather than csv-parse, which is
 * 28 KB of the API bundle for these few rules (csv-parse stays a devDependency:
 * test/unit/domain/csv-records.test.ts checks both read random text alike).
 */
export interface CsvRecord {
  /** The line (from 1) the record starts on. */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  delimiter?: string;
  /** Drop spaces and tabs around each field (outside its quotes), as spreadsheets pad them. */
  trim?: boolean;
}

/** Text that is not CSV: a quote where a field cannot hold one, or a quoted field never closed. */
export class CsvSyntaxError extends Error {
  constructor(
    /** The line (from 1) the fault is on; for an unclosed quote, the line the quote opened. */
    readonly line: number,
    message: string,
  ) {
    super(`${message} (line ${line})`);
    this.name = 'CsvSyntaxError';
  }
}

const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';

/** Length of the line end at `at` (2 for CRLF), 0 when there is none. */
function lineEndAt(text: string, at: number): number {
  const ch = text[at];
  if (ch === '\n') return 1;
  if (ch === '\r') return text[at + 1] === '\n' ? 2 : 1;
  return 0;
}

function countLineEnds(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * Every record of the text. An empty line is a record of one empty field; a line end after the
 * last record adds none. Throws CsvSyntaxError on a quote inside an unquoted field, text after a
 * closing quote, or a quote not closed.
 */
export function parseCsvRecords(input: string, { delimiter = ',', trim = false }: CsvOptions = {}): CsvRecord[] {
  if (delimiter.length !== 1 || delimiter === '"' || lineEndAt(delimiter, 0) > 0)
    throw new Error(`A CSV delimiter is one character, neither a quote nor a line end: ${JSON.stringify(delimiter)}`);
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let at = 0;
  for (;;) {
    let fieldStart = at;
    if (trim) while (isBlank(text[at])) at += 1;
    let value: string;
    const quoted = text[at] === '"';
    if (quoted) {
      const openedOn = line;
      value = '';
      at += 1;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close < 0) throw new CsvSyntaxError(openedOn, 'Quoted field not closed');
        const chunk = text.slice(at, close);
        line += countLineEnds(chunk);
        value += chunk;
        if (text[close + 1] !== '"') {
          at = close + 1;
          break;
        }
        value += '"';
        at = close + 2;
      }
      if (trim) while (isBlank(text[at])) at += 1;
      if (at < text.length && text[at] !== delimiter && lineEndAt(text, at) === 0)
        throw new CsvSyntaxError(line, 'Closing quote followed by text instead of a delimiter or line end');
    } else {
      if (trim) fieldStart = at;
      while (at < text.length && text[at] !== delimiter && lineEndAt(text, at) === 0) {
        if (text[at] === '"') throw new CsvSyntaxError(line, 'Quote inside a field that does not start with one');
        at += 1;
      }
      let fieldEnd = at;
      if (trim) while (fieldEnd > fieldStart && isBlank(text[fieldEnd - 1])) fieldEnd -= 1;
      value = text.slice(fieldStart, fieldEnd);
    }
    fields.push(value);
    if (at < text.length && text[at] === delimiter) {
      at += 1;
      continue;
    }
    const lineEnd = lineEndAt(text, at);
    // At the end of the text, an empty unquoted last line is no record (the file ended with a line end).
    if (lineEnd > 0 || fields.length > 1 || quoted || value !== '') records.push({ line: recordLine, fields });
    if (lineEnd === 0) return records;
    at += lineEnd;
    line += 1;
    recordLine = line;
    fields = [];
    if (at >= text.length) return records;
  }
}
