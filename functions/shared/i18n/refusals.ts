import type { Language } from './language';
import { userErrorTexts } from './messages/user-errors.en';

/** The texts of refusals by code, per language other than Dutch (the services write Dutch). */
const refusalTexts: Partial<Record<Language, Readonly<Record<string, string>>>> = { en: userErrorTexts };

/**
 * A refusal's text in `language`: the service's Dutch text, or the text of its code in that
 * language when there is one. GraphQL payloads, link pages and import reports use it.
 */
export function messageIn(language: Language, code: unknown, dutch: string): string {
  if (typeof code !== 'string') return dutch;
  return refusalTexts[language]?.[code] ?? dutch;
}
