import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CsvSyntaxError, parseCsvRecords } from '../../../functions/modules/neighbours/csv-records';

const fieldsOf = (text: string, options?: Parameters<typeof parseCsvRecords>[1]) =>
  parseCsvRecords(text, options).map((record) => record.fields);

const syntaxErrorOf = (text: string, options?: Parameters<typeof parseCsvRecords>[1]) => {
  try {
    parseCsvRecords(text, options);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { line: error.line, name: error.name };
    throw error;
  }
  return undefined;
};

describe('CSV records (RFC 4180)', () => {
  it('reads quoted fields with delimiters, line ends and doubled quotes inside', () => {
    const text = 'naam;adres\r\n"Bakkerij ""De Stek""";"Sint-Pietersaalststraat 10;\r\nGent"\r\nFietsatelier;""\r\n';

    expect(parseCsvRecords(text, { delimiter: ';' })).toEqual([
      { line: 1, fields: ['naam', 'adres'] },
      { line: 2, fields: ['Bakkerij "De Stek"', 'Sint-Pietersaalststraat 10;\r\nGent'] },
      { line: 4, fields: ['Fietsatelier', ''] },
    ]);
  });

  it('ends lines at CRLF, LF or CR, drops a leading BOM, and counts an empty line as a record', () => {
    expect(parseCsvRecords('\ufeffa,b\nc\r\n\rd')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c'] },
      { line: 3, fields: [''] },
      { line: 4, fields: ['d'] },
    ]);
    expect(fieldsOf('')).toEqual([]);
    expect(fieldsOf('a,\n')).toEqual([['a', '']]);
    expect(fieldsOf('""')).toEqual([['']]);
  });

  it('trims spaces and tabs around fields when asked, never inside quotes', () => {
    expect(fieldsOf(' a ,\t" b " , c d ', { trim: true })).toEqual([['a', ' b ', 'c d']]);
    expect(fieldsOf(' a , b ')).toEqual([[' a ', ' b ']]);
  });

  it('refuses stray quotes and unclosed quotes, naming the line', () => {
    expect(syntaxErrorOf('a\nb"c')).toEqual({ name: 'CsvSyntaxError', line: 2 });
    expect(syntaxErrorOf('a\n"b"c')).toEqual({ name: 'CsvSyntaxError', line: 2 });
    expect(syntaxErrorOf('a\n"b\nc\n')).toEqual({ name: 'CsvSyntaxError', line: 2 });
    expect(syntaxErrorOf('"a\nb" x')).toEqual({ name: 'CsvSyntaxError', line: 2 });
    // Without trim, a space before the opening quote makes it a stray one.
    expect(syntaxErrorOf(' "a"')).toEqual({ name: 'CsvSyntaxError', line: 1 });
    expect(syntaxErrorOf(' "a"', { trim: true })).toBeUndefined();
  });

  it('takes a one-character delimiter that is neither a quote nor a line end', () => {
    expect(() => parseCsvRecords('a', { delimiter: '"' })).toThrow(/delimiter/);
    expect(() => parseCsvRecords('a', { delimiter: '\n' })).toThrow(/delimiter/);
    expect(() => parseCsvRecords('a', { delimiter: ';;' })).toThrow(/delimiter/);
  });

  it('reads random text as csv-parse does: the same records, or both refuse it', () => {
    // One kind of line end per text: csv-parse takes the first it meets as the only one (a later
    // "\r\n" after a "\n" would be "\r" as data there); ours takes each as it comes.
    const piece = fc.constantFrom('a', 'é', 'b c', ' ', '\t', '"', '""', ',', ';', 'EOL');
    const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(',', ';'),
        fc.boolean(),
        fc.boolean(),
        (csv, eol, delimiter, trim, bom) => {
          const input = `${bom ? '\ufeff' : ''}${csv.replaceAll('EOL', eol)}`;
          // csv-parse reads `"" ""` (trimmed) as one empty field; ours refuses the second quote, as RFC 4180 does.
          fc.pre(!(trim && /""[ \t]+"/.test(input)));
          let expected: string[][] | 'refused';
          try {
            expected = parse(input, { delimiter, trim, bom: true, relax_column_count: true }) as string[][];
          } catch {
            expected = 'refused';
          }
          const actual = syntaxErrorOf(input, { delimiter, trim }) ? 'refused' : fieldsOf(input, { delimiter, trim });
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
