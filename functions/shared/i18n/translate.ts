import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, type MessageKey } from './catalogues';
import { localeOf, type Language } from './language';
import { deStekNames, type NetworkNames } from './network-names';

/** What a message's placeholders are filled with. */
export type MessageValues = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

function formatOf(language: Language, key: MessageKey): IntlMessageFormat {
  const id = `${language}:${key}`;
  let format = compiled.get(id);
  if (!format) {
    const source = catalogues[language][key];
    if (source === undefined) throw new Error(`Message ${key} is missing in the ${language} catalogue`);
    format = new IntlMessageFormat(source, localeOf[language], undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/**
 * The text of `key` in `language` (ICU MessageFormat: `{name}`, plurals, selects), its placeholders
 * filled with `values`. Values are inserted as they are: HTML escaping is the caller's, after.
 */
export function t(language: Language, key: MessageKey, values: MessageValues = {}): string {
  const result = formatOf(language, key).format(values);
  if (typeof result !== 'string') throw new Error(`Message ${key} did not format to text`);
  return result;
}

/** A translator bound to one language and to values every message may use (the network's names). */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export function translator(language: Language, shared: MessageValues = {}): Translate {
  return (key, values) => t(language, key, { ...shared, ...values });
}

/** The texts of one person: their language, with the network's names filled in everywhere. */
export function textsFor(language: Language, names: NetworkNames = deStekNames): Translate {
  return translator(language, { ...names });
}
