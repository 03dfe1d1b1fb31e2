import { GraphQLError } from 'graphql';
import { t } from '../../shared/i18n/translate';

/** The code every refused-for-its-size request answers with (README, docs/security.md). */
export const requestLimitCode = 'REQUEST_LIMIT_EXCEEDED';

export type RequestLimitMeasure = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

/**
 * A request refused before anything runs because it is too big: its depth, aliases, directives,
 * tokens or cost went over the limit. Raised during validation (or parsing), so no resolver, and
 * no DynamoDB request, follows.
 */
export class RequestLimitError extends GraphQLError {
  constructor(
    readonly measure: RequestLimitMeasure,
    readonly limit: number,
    readonly found?: number,
  ) {
    super(t('nl', 'request.limit', { measure, limit }), { extensions: { code: requestLimitCode, measure, limit } });
  }
}
