import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { fromAcceptLanguage, type Language } from '../shared/i18n/language';
import { userErrorTexts } from '../shared/i18n/messages/user-errors.en';
import { normaliseEmail } from '../shared/validation';
import type { GraphQLContext } from './context';

/** The Dutch text an unexpected error is masked with (format-error.ts); only that one is translated. */
export const internalErrorMessage = 'Er ging iets mis aan onze kant. Probeer het later opnieuw.';

/**
 * The language refusals are written in for this caller: their own representative language when they
 * are a partner member listed as a representative with language EN, else the request's
 * Accept-Language, else Dutch. The partner is read (once, through the request's loader) only when
 * the header does not already settle it.
 */
export async function callerLanguage(context: GraphQLContext, acceptLanguage: string | undefined): Promise<Language> {
  const asked = fromAcceptLanguage(acceptLanguage);
  if (asked === 'en') return 'en';
  const viewer = context.viewer;
  if (viewer?.partnerId) {
    const partner = await context.loaders.partner.load(viewer.partnerId);
    const email = normaliseEmail(viewer.email);
    const rep = partner?.representatives.find((r) => normaliseEmail(r.email) === email);
    if (rep?.language === 'en') return 'en';
  }
  return asked ?? 'nl';
}

/** A message in `language`: the service's Dutch text, or the English text of its code when there is one. */
export function messageIn(language: Language, code: unknown, dutch: string): string {
  if (language === 'nl' || typeof code !== 'string') return dutch;
  return userErrorTexts[code] ?? dutch;
}

type Entry = { code?: unknown; message?: unknown };

function translateEntries(entries: unknown[], language: Language): void {
  for (const entry of entries) {
    if (entry && typeof entry === 'object' && typeof (entry as Entry).message === 'string') {
      const e = entry as Entry & { message: string };
      e.message = messageIn(language, e.code, e.message);
    }
  }
}

/** Rewrites every `userErrors` list in a response's data (payloads are fresh objects per request). */
export function translatePayloads(value: unknown, language: Language): void {
  if (language === 'nl' || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) translatePayloads(item, language);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === 'userErrors' && Array.isArray(child)) translateEntries(child, language);
    else translatePayloads(child, language);
  }
}

/** A formatted GraphQL error in `language`: people-facing codes and the refusals it carries. */
export function translateError(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  if (language === 'nl') return error;
  const code = error.extensions?.code;
  const userErrors = error.extensions?.userErrors;
  if (Array.isArray(userErrors)) {
    const translated = userErrors.map((e: Entry) => ({ ...e, message: messageIn(language, e.code, String(e.message)) }));
    return { ...error, message: translated.map((e) => e.message).join(' '), extensions: { ...error.extensions, userErrors: translated } };
  }
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || (code === 'INTERNAL_SERVER_ERROR' && error.message === internalErrorMessage)) {
    return { ...error, message: messageIn(language, code, error.message) };
  }
  return error;
}

function hasUserErrors(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasUserErrors);
  return Object.entries(value).some(
    ([key, child]) => (key === 'userErrors' && Array.isArray(child) && child.length > 0) || hasUserErrors(child),
  );
}

/**
 * The one place refusals leave in the caller's language: after execution, the response's userErrors
 * and errors are rewritten in English for an English caller. Nothing is read when there is no refusal,
 * and a query's data (which cannot hold userErrors) is not walked at all.
 */
export function errorLanguagePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, request, operation }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const errors = result.errors ?? [];
          // Only mutations answer payloads with userErrors: no type a query reaches has them
          // (test/unit/graphql/user-errors-in-mutations.test.ts), so a query's data is not walked.
          const payloads = operation?.operation === 'mutation';
          if (errors.length === 0 && !(payloads && hasUserErrors(result.data))) return;
          const language = await callerLanguage(contextValue, request.http?.headers.get('accept-language'));
          if (language === 'nl') return;
          if (payloads) translatePayloads(result.data, language);
          if (errors.length > 0) result.errors = errors.map((error) => translateError(error, language));
        },
      };
    },
  };
}
