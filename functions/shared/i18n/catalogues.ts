import { en } from './messages/en';
import { nl } from './messages/nl';
import type { Language } from './language';

/**
 * One catalogue per language. Dutch is the reference: its keys are the message keys, and every
 * other catalogue must hold each of them (the compiler and test/unit/i18n/catalogues.test.ts check).
 */
export type MessageKey = keyof typeof nl;

export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<Language, Catalogue> = { nl, en };
