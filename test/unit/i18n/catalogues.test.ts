import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues } from '../../../functions/shared/i18n/catalogues';
import { fromAcceptLanguage, languageOr, languages, localeOf, parseLanguage } from '../../../functions/shared/i18n/language';
import { t } from '../../../functions/shared/i18n/translate';
import { formatDateTime, formatDateTimeRange } from '../../../functions/shared/i18n/dates';

type Node = { type: number; value?: unknown; options?: Record<string, { value: Node[] }>; children?: Node[] };

/** The names of the placeholders a message uses ({name}, selects, plurals), nested ones too. */
function argumentsOf(nodes: Node[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    // Literal (0) and pound (7) carry no argument; every other element names one in `value`.
    if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string') into.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, into);
    if (node.children) argumentsOf(node.children, into);
  }
  return into;
}

function problemsOf(all: Record<string, Record<string, string>>): string[] {
  const reference = all.nl;
  const problems: string[] = [];
  for (const [language, catalogue] of Object.entries(all)) {
    for (const key of Object.keys(reference)) if (!(key in catalogue)) problems.push(`${language}: ${key} is missing`);
    for (const key of Object.keys(catalogue)) if (!(key in reference)) problems.push(`${language}: ${key} is not a Dutch key`);
    for (const [key, source] of Object.entries(catalogue)) {
      try {
        const format = new IntlMessageFormat(source, language, undefined, { ignoreTag: true });
        const used = [...argumentsOf(format.getAst() as Node[])].sort();
        const expected =
          key in reference
            ? [...argumentsOf(new IntlMessageFormat(reference[key], 'nl', undefined, { ignoreTag: true }).getAst() as Node[])].sort()
            : used;
        if (used.join() !== expected.join())
          problems.push(`${language}: ${key} uses {${used.join(', ')}}, Dutch uses {${expected.join(', ')}}`);
      } catch (error) {
        problems.push(`${language}: ${key} does not parse (${(error as Error).message})`);
      }
    }
  }
  return problems;
}

describe('text catalogues', () => {
  it('has one catalogue per language, each holding every key, parsing, with the same placeholders', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...languages].sort());
    expect(problemsOf(catalogues)).toEqual([]);
  });

  it('notices a missing key, a broken message and a placeholder that differs', () => {
    const { 'mail.reason': _gone, ...withoutReason } = catalogues.en;
    const broken = { ...withoutReason, 'mail.greeting': 'Dear {name', 'mail.signature': '{organisation}, for {networkName}' };
    expect(problemsOf({ nl: catalogues.nl, en: broken })).toEqual([
      'en: mail.reason is missing',
      expect.stringMatching(/^en: mail.greeting does not parse/),
      'en: mail.signature uses {networkName, organisation}, Dutch uses {network, organisation}',
    ]);
  });

  it('fills placeholders and selects per language', () => {
    expect(t('nl', 'buurtbabbel.subject', { kind: 'accepted', when: 'morgen' })).toBe('Je plaats is bevestigd: buurtbabbel op morgen');
    expect(t('en', 'buurtbabbel.subject', { kind: 'cancellation', when: 'tomorrow' })).toBe('Cancelled: neighbourhood chat on tomorrow');
    expect(t('en', 'mail.greeting', { name: '<b>Ann</b>' })).toBe('Dear <b>Ann</b>,');
  });
});

describe('languages', () => {
  it('reads stored, typed and requested languages, Dutch when none is known', () => {
    expect(parseLanguage('EN')).toBe('en');
    expect(parseLanguage('en-GB')).toBe('en');
    expect(parseLanguage('fr')).toBeUndefined();
    expect(languageOr(undefined)).toBe('nl');
    expect(languageOr('de')).toBe('nl');
    expect(fromAcceptLanguage('fr-BE,fr;q=0.9,en-US;q=0.8,nl;q=0.7')).toBe('en');
    expect(fromAcceptLanguage('en;q=0.5,nl-BE')).toBe('nl');
    expect(fromAcceptLanguage('de, *;q=0.1')).toBeUndefined();
    expect(fromAcceptLanguage('en;q=0, nl;q=0.2')).toBe('nl');
    expect(localeOf.en).toBe('en-GB');
  });

  it('writes dates per language in Brussels time (winter and summer)', () => {
    const winter = new Date('2026-12-03T18:30:00Z');
    expect(formatDateTime('nl', winter)).toBe('donderdag 3 december 2026 om 19:30');
    expect(formatDateTime('en', winter)).toBe('Thursday 3 December 2026 at 19:30');
    expect(formatDateTimeRange('en', new Date('2026-06-30T20:00:00Z'), new Date('2026-06-30T22:30:00Z'))).toBe(
      'Tuesday 30 June 2026, 22:00 – Wednesday 1 July 2026, 00:30',
    );
  });
});
