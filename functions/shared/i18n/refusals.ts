import type { Language } from './language';
import { userErrorTexts } from './messages/user-errors.en';

/**
 * A refusal's text in `language`: the service's Dutch text, or the English text of its code when
 * there is one (messages/user-errors.en.ts). GraphQL payloads, link pages and import reports use it.
 */
export function messageIn(language: Language, code: unknown, dutch: string): string {
  if (language === 'nl' || typeof code !== 'string') return dutch;
  return userErrorTexts[code] ?? dutch;
}
