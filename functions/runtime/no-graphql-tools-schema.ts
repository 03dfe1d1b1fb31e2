/**
 * Stands in for `@graphql-tools/schema` in the bundles (aliased in infra/bundling.ts). Apollo
 * imports its makeExecutableSchema only to build a schema from `typeDefs`; the API gives Apollo a
 * built schema (functions/graphql/executable-schema.ts), so that path is never taken, and
 * @graphql-tools (with the graphql utilities it pulls in, about 70 KB) stays out of the API bundle.
 */
export function makeExecutableSchema(): never {
  throw new Error('makeExecutableSchema is left out of the bundle: give Apollo a built schema (functions/graphql/executable-schema.ts)');
}
