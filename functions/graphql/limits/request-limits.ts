import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { queryCostRule, type QueryCostOptions } from './query-cost-rule';
import { RequestLimitError, type RequestLimitMeasure } from './request-limit-error';

/**
 * The size limits of a GraphQL request, chosen from the queries the mobile contract's tests and the
 * app send (README "Limits"; measured by test/unit/graphql/request-limits.test.ts over every query the
 * tests send): some margin above the largest real query, far below an abusive one.
 */
export interface RequestLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: QueryCostOptions;
  bodyBytes: number;
}

export const requestLimits: Readonly<RequestLimits> = {
  /** Field nesting as graphql-armor counts it (deepest real query: 7, a meeting's agenda with its projects' partners). */
  depth: 10,
  /** Aliased fields in one operation (real queries: at most 2). */
  aliases: 10,
  /** Directives in one operation (@include / @skip; real queries: none). */
  directives: 10,
  /** Lexical tokens in the document (largest real query: 67; Apollo Sandbox's introspection query, locally: some 300). */
  tokens: 1000,
  cost: {
    /** Most expensive real query: 903 (see QueryCostOptions for how cost is counted). */
    maxCost: 5000,
    defaultPageSize: 20,
    maxPageSize: 100,
    assumedListSize: 20,
  },
  /** Bytes of a request body (a neighbour import of 1 000 lines is some 100 KB). */
  bodyBytes: 256 * 1024,
};

/** graphql-armor reports through this, as a RequestLimitError (code REQUEST_LIMIT_EXCEEDED), instead of throwing. */
function reportAs(measure: RequestLimitMeasure, limit: number) {
  return {
    n: limit,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1];
        context?.reportError(new RequestLimitError(measure, limit, found === undefined ? undefined : Number(found)));
      },
    ],
  };
}

/** The validation rules Apollo Server runs after graphql-js's own: depth, aliases, directives and cost. */
export function requestLimitRules(limits: RequestLimits = requestLimits): ValidationRule[] {
  return [
    maxDepthRule({ ...reportAs('depth', limits.depth), ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesRule(reportAs('aliases', limits.aliases)),
    maxDirectivesRule(reportAs('directives', limits.directives)),
    queryCostRule(limits.cost),
  ] as ValidationRule[];
}

/** graphql-js's parser stops after this many tokens (its own message, mapped to REQUEST_LIMIT_EXCEEDED in format-error.ts). */
export const parseOptions = { maxTokens: requestLimits.tokens };

/** True for graphql-js's "Document contains more than N tokens" syntax error (graphql 16 spells it "more that"). */
export function isTokenLimitMessage(message: string): boolean {
  return /Document contains more tha[nt] \d+ tokens/.test(message);
}
