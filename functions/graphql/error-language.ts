import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { fromAcceptLanguage, type Language } from '../shared/i18n/language';
import { messageIn } from '../shared/i18n/refusals';
import { t } from '../shared/i18n/translate';
import { normaliseEmail } from '../shared/validation';
import type { GraphQLContext } from './context';

export { messageIn };

/** The Dutch text an unexpected error is masked with (format-error.ts); only that one is translated. */
export const internalErrorMessage = 'Er ging iets mis aan onze kant. Probeer het later opnieuw.';

/**
 * The language refusals are written in for this caller: their own representative language when they
 * are a partner member listed as a representative with language EN, else the request's
 * Accept-Language, else Dutch. The partner is read (once, through the request's loader) only when
 * the header does not already settle it.
 */
export async function callerLanguage(
  context: GraphQLContext,
  acceptLanguage: string | undefined = context.acceptLanguage,
): Promise<Language> {
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

/**
 * What the HTTP and GraphQL layers themselves refuse (too many requests, a request over a limit, a
 * date-time that does not parse, a request Apollo cannot read), written from the catalogue in
 * either language from the values in `extensions`; undefined for any other error.
 */
function requestErrorText(error: GraphQLFormattedError, language: Language): GraphQLFormattedError | undefined {
  const extensions = error.extensions ?? {};
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  switch (extensions.code) {
    case 'RATE_LIMITED':
      return { ...error, message: t(language, 'request.rateLimited') };
    case 'REQUEST_LIMIT_EXCEEDED':
      return { ...error, message: t(language, 'request.limit', { measure: String(extensions.measure), limit: number(extensions.limit) }) };
    case 'BAD_REQUEST':
      // Apollo's own text (English, technical) stays beside ours for whoever writes the client.
      return {
        ...error,
        message: t(language, 'request.badRequest'),
        extensions: { ...extensions, detail: typeof extensions.detail === 'string' ? extensions.detail : error.message },
      };
  }
  switch (extensions.reason) {
    case 'INVALID_DATE_TIME':
      return { ...error, message: t(language, 'request.invalidDateTime', { field: String(extensions.field ?? 'none') }) };
    case 'INVALID_CURSOR':
      return { ...error, message: t(language, 'request.invalidCursor') };
    case 'INVALID_PAGE_SIZE':
      return { ...error, message: t(language, 'request.invalidPageSize', { max: number(extensions.max) }) };
    case 'TO_BEFORE_FROM':
      return { ...error, message: t(language, 'request.toBeforeFrom') };
  }
  return undefined;
}

/** A formatted GraphQL error in `language`: people-facing codes and the refusals it carries. */
export function translateError(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  const request = requestErrorText(error, language);
  if (request) return request;
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
          // The request layer's own errors are written in Dutch too (Apollo's are English).
          if (errors.length > 0) result.errors = errors.map((error) => translateError(error, language));
          if (payloads) translatePayloads(result.data, language);
        },
      };
    },
  };
}
