import {
  decodeCsvFile,
  NeighbourCsvError,
  parseConsentDate,
  parseNeighbourCsv,
  refusalIn,
} from '../../../functions/modules/neighbours/neighbour-csv';

const now = new Date('2026-12-01T09:00:00Z');

describe('reading a neighbours CSV', () => {
  it('reads a Belgian Excel file: BOM, ";" between fields, Dutch headers, commas inside fields', () => {
    const csv =
      '\ufeffBedrijfsnaam;Contactpersoon;E-mail;Adres;Bron;Grondslag;Datum toestemming\r\n' +
      'Bakkerij Peeters;Jan Peeters;Jan@Bakkerij.be;Sint-Pietersaalststraat 10, Gent;langsgegaan;toestemming;3/11/2026\r\n' +
      'Fietsatelier;;hallo@fiets.be;Sint-Pietersaalststraat 22;;;\r\n';

    const { rows, refused } = parseNeighbourCsv(csv, now);

    expect(refused).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      line: 2,
      fields: {
        businessName: 'Bakkerij Peeters',
        contactName: 'Jan Peeters',
        email: 'Jan@Bakkerij.be',
        street: 'Sint-Pietersaalststraat 10, Gent',
        source: 'langsgegaan',
        consentBasis: 'CONSENT',
        consentGivenAt: new Date('2026-11-02T23:00:00Z'),
      },
    });
    expect(rows[1].fields).toMatchObject({
      businessName: 'Fietsatelier',
      contactName: undefined,
      consentBasis: undefined,
      consentGivenAt: undefined,
    });
  });

  it('reads a language column (nl, en, Nederlands, English), Dutch when empty, and refuses a language we do not have', () => {
    const csv =
      'zaak;e-mail;adres;taal\n' +
      'A;a@buurt.be;Straat 1;EN\n' +
      'B;b@buurt.be;Straat 2;Engels\n' +
      'C;c@buurt.be;Straat 3;Nederlands\n' +
      'D;d@buurt.be;Straat 4;\n' +
      'E;e@buurt.be;Straat 5;Frans\n';
    const { rows, refused } = parseNeighbourCsv(csv, now);
    expect(rows.map((row) => row.fields.language)).toEqual(['en', 'en', 'nl', undefined]);
    expect(refused).toEqual([
      {
        line: 6,
        email: 'e@buurt.be',
        code: 'INVALID_LANGUAGE',
        message: '"Frans" is geen taal die we kennen; schrijf "nl" of "en" (of laat leeg voor Nederlands).',
        values: { value: 'Frans' },
      },
    ]);
    expect(refusalIn('en', refused[0])).toBe('"Frans" is not a language we know; write "nl" or "en" (or leave it empty for Dutch).');
  });

  it('reads "," separated files with English headers in any order', () => {
    const csv = 'email,business name,street,legal basis\nan@shop.be,"Shop, the",Kerkstraat 1,legitimate interest\n';
    const { rows } = parseNeighbourCsv(csv, now);
    expect(rows).toEqual([
      {
        line: 2,
        fields: expect.objectContaining({
          email: 'an@shop.be',
          businessName: 'Shop, the',
          street: 'Kerkstraat 1',
          consentBasis: 'LEGITIMATE_INTEREST',
        }),
      },
    ]);
  });

  it('refuses each bad row with its line and a Dutch reason, and keeps the good ones', () => {
    const csv = [
      'zaak;e-mail;adres',
      'Goed;goed@example.be;Straat 1',
      'Geen mail;;Straat 2',
      'Slecht;geen-adres;Straat 3',
      'Dubbel;GOED@example.be;Straat 4',
      'Te weinig;kort@example.be',
      '',
      ';leeg@example.be;Straat 6',
      '"Kapot"x;kapot@example.be;Straat 7',
      'Ook goed;ook@example.be;Straat 8',
    ].join('\n');

    const { rows, refused } = parseNeighbourCsv(csv, now);

    expect(rows.map((row) => [row.line, row.fields.email])).toEqual([
      [2, 'goed@example.be'],
      [10, 'ook@example.be'],
    ]);
    expect(refused.map((r) => [r.line, r.code])).toEqual([
      [3, 'NO_EMAIL'],
      [4, 'INVALID_EMAIL'],
      [5, 'DUPLICATE_IN_FILE'],
      [6, 'WRONG_COLUMN_COUNT'],
      [8, 'REQUIRED'],
      [9, 'UNREADABLE_LINE'],
    ]);
    expect(refused.find((r) => r.line === 5)!.message).toBe('Dit e-mailadres staat al op regel 2.');
    expect(refused.find((r) => r.line === 4)!.message).toContain('geen geldig e-mailadres');
    expect(refused.find((r) => r.line === 6)!.message).toBe('Deze regel heeft 2 kolommen in plaats van 3.');
  });

  it('names the line where a row starts when a quoted field spans lines', () => {
    const csv = 'zaak;e-mail;adres\n"Twee\nregels";x@example.be;Straat 1\nSlecht;nee;Straat 2\n';
    const { rows, refused } = parseNeighbourCsv(csv, now);
    expect(rows[0]).toMatchObject({ line: 2, fields: { businessName: 'Twee\nregels' } });
    expect(refused).toEqual([expect.objectContaining({ line: 4, code: 'INVALID_EMAIL' })]);
  });

  it('refuses a basis or date it cannot read, and a consent date in the future', () => {
    const csv = 'zaak;e-mail;adres;grondslag;datum\nA;a@x.be;S 1;omdat;\nB;b@x.be;S 2;;31/02/2026\nC;c@x.be;S 3;;2027-01-01\n';
    expect(parseNeighbourCsv(csv, now).refused.map((r) => r.code)).toEqual([
      'INVALID_CONSENT_BASIS',
      'INVALID_CONSENT_DATE',
      'CONSENT_IN_FUTURE',
    ]);
  });

  it('refuses a file without the required columns, or empty, as a whole', () => {
    expect(() => parseNeighbourCsv('naam;telefoon\nA;123\n', now)).toThrow(NeighbourCsvError);
    expect(() => parseNeighbourCsv('naam;telefoon\nA;123\n', now)).toThrow(/ontbrekend: bedrijfsnaam, e-mail, adres/);
    expect(() => parseNeighbourCsv('\ufeff\n', now)).toThrow(/leeg/);
  });

  it('reads a file Excel saved as Windows-1252 with its accents, and a UTF-8 one as UTF-8', () => {
    // "Café Zoë;zoe@x.be;Straße 1" as Excel's "CSV (gescheiden door lijstscheidingsteken)" writes it on a Belgian PC.
    const windows1252 = Buffer.from('zaak;e-mail;adres\r\nCafé Zoë;zoe@x.be;Straße 1\r\n', 'latin1');
    const utf8 = Buffer.from('\ufeffzaak;e-mail;adres\nCafé Zoë;zoe@x.be;Straße 1\n', 'utf8');

    for (const bytes of [windows1252, utf8]) {
      expect(parseNeighbourCsv(decodeCsvFile(bytes), now).rows[0].fields).toMatchObject({ businessName: 'Café Zoë', street: 'Straße 1' });
    }
  });

  it('refuses a file whose characters were lost in decoding (an "\ufffd") as a whole, instead of storing garbled names', () => {
    const garbled = Buffer.from('zaak;e-mail;adres\nCafé;a@x.be;S 1\n', 'latin1').toString('utf8');
    expect(() => parseNeighbourCsv(garbled, now)).toThrow(
      expect.objectContaining({ code: 'UNREADABLE_CHARACTERS', message: expect.stringContaining('Bewaar het als "CSV UTF-8"') }),
    );
  });

  it('reads consent dates day first, as written in Belgium, at midnight Brussels time', () => {
    expect(parseConsentDate('3/11/2026')?.toISOString()).toBe('2026-11-02T23:00:00.000Z');
    expect(parseConsentDate('2026-07-01')?.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(parseConsentDate('11/31/2026')).toBeUndefined();
  });
});
