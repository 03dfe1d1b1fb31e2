/** The languages people read De Stek's emails and pages in; Dutch unless they chose otherwise. */
export const languages = ['nl', 'en'] as const;

export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'nl';

/** The locale dates, numbers and plural rules follow per language (Belgian Dutch, British English). */
export const localeOf: Record<Language, string> = { nl: 'nl-BE', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** A stored or typed language ("EN", "en", "en-GB"), or undefined when it names none we have. */
export function parseLanguage(value: string | null | undefined): Language | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

/** The person's language, Dutch when none is known. */
export function languageOr(value: string | null | undefined): Language {
  return parseLanguage(value) ?? defaultLanguage;
}

/**
 * The language an Accept-Language header asks for first among ours ("en-US,en;q=0.9,nl;q=0.8"),
 * by quality then order; undefined when it names none of ours.
 */
export function fromAcceptLanguage(header: string | null | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: parseLanguage(tag), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.language !== undefined && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked[0]?.language;
}

/** The GraphQL enum value of a language (NL, EN). */
export function languageEnum(language: Language): Uppercase<Language> {
  return language.toUpperCase() as Uppercase<Language>;
}
