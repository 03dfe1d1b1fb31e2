import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { BadRequestError, ForbiddenError, UnauthenticatedError, UserInputError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { internalErrorMessage } from './error-language';
import { t } from '../shared/i18n/translate';
import { isTokenLimitMessage, requestLimits } from './limits/request-limits';
import { RequestLimitError, requestLimitCode } from './limits/request-limit-error';

/** Codes that Apollo or graphql-js set for problems in the request itself; their messages are safe. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'RATE_LIMITED',
]);

/**
 * Gives every error an `extensions.code` and hides internals: an unexpected error becomes
 * INTERNAL_SERVER_ERROR with a neutral message (the detail stays in the log, without personal data).
 * Locally (`exposeInternals`) the message is kept to help development; stack traces never leave.
 */
export function createErrorFormatter(logger: Logger, exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    const limit = error instanceof GraphQLError && error.originalError instanceof RequestLimitError ? error.originalError : undefined;
    if (limit) return { message: limit.message, extensions: { code: requestLimitCode, measure: limit.measure, limit: limit.limit } };
    if (isTokenLimitMessage(formatted.message)) {
      const limit = requestLimits.tokens;
      return {
        message: t('nl', 'request.limit', { measure: 'tokens', limit }),
        extensions: { code: requestLimitCode, measure: 'tokens', limit },
      };
    }
    if (original instanceof BadRequestError) {
      return { ...base, message: original.message, extensions: { code: original.code, reason: original.reason, ...original.values } };
    }
    if (original instanceof UnauthenticatedError || original instanceof ForbiddenError) {
      return { ...base, message: original.message, extensions: { code: original.code } };
    }
    if (original instanceof UserInputError) {
      return { ...base, message: original.message, extensions: { code: 'BAD_USER_INPUT', userErrors: original.userErrors } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && requestErrorCodes.has(code)) {
      return { ...base, extensions: { code, ...reasonOf(formatted) } };
    }
    logger.error('unexpected error in GraphQL operation', { path: formatted.path, error: original });
    return {
      ...base,
      message: exposeInternals ? formatted.message : internalErrorMessage,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The reason a request error has a text of ours (a DateTime that does not parse), with the input
 * it names: graphql-js writes `Variable "$input" got invalid value … at "input.startsAt"; …`.
 */
function reasonOf(formatted: GraphQLFormattedError): Record<string, string> {
  if (formatted.extensions?.reason !== 'INVALID_DATE_TIME') return {};
  const named = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)";/s.exec(formatted.message);
  const variable = /^Variable "\$(\w+)" got invalid value/.exec(formatted.message);
  const field = named?.[2] ?? variable?.[1] ?? (formatted.path ? formatted.path.join('.') : 'none');
  return { reason: 'INVALID_DATE_TIME', field };
}
