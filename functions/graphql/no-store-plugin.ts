import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';

/**
 * Every GraphQL answer is personal and fresh (need to know, docs/security.md): `cache-control:
 * no-store`, so no proxy or app cache keeps one. Apollo's cache-control plugin answered the same for
 * our schema (no @cacheControl hints), but it wraps every field's resolver to collect hints,
 * measurable on a page of meetings (docs/performance.md, handler overhead); it is disabled and this
 * sets the header once per response instead.
 */
export function noStorePlugin(): ApolloServerPlugin {
  // One listener for every request: nothing per request but the header.
  const listener: GraphQLRequestListener<BaseContext> = {
    async willSendResponse({ response }) {
      response.http.headers.set('cache-control', 'no-store');
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
