import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../graphql/context';
import { t } from '../shared/i18n/translate';
import type { CallerBudget } from '../shared/rate-limit/caller-budget';

export const rateLimitedCode = 'RATE_LIMITED';

/**
 * Spends one unit of the signed-in caller's budget per operation, after parsing and validation (so a
 * request refused for its size costs no DynamoDB request). Over budget: HTTP 429 with Retry-After,
 * code RATE_LIMITED, and nothing runs. Anonymous requests can only read `viewer` (null) and touch no
 * data; API Gateway's route throttling bounds them.
 */
export function rateLimitPlugin(budget: CallerBudget, now: () => Date): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          const viewer = contextValue.viewer;
          if (!viewer) return;
          const verdict = await budget.spend(viewer.id, now());
          if (verdict.allowed) return;
          throw new GraphQLError(t('nl', 'request.rateLimited'), {
            extensions: {
              code: rateLimitedCode,
              retryAfterSeconds: verdict.retryAfterSeconds,
              http: { status: 429, headers: new HeaderMap([['retry-after', String(verdict.retryAfterSeconds)]]) },
            },
          });
        },
      };
    },
  };
}
