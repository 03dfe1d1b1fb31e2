import { mergeTypeDefs } from '@graphql-tools/merge';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { typeDefs } from './generated/type-defs';
import { resolvers } from './resolvers';

/**
 * The API's executable schema, built once per cold start, the cheap way: the SDL is parsed without
 * token locations and built without re-running graphql's SDL checks (they run where the SDL
 * changes: codegen and test/unit/graphql/executable-schema.test.ts), and the resolvers are set on
 * that fresh schema in place rather than on a copy of it. Giving Apollo `typeDefs` instead costs a
 * merge, the SDL checks and a second schema: about half the API's first request (docs/performance.md).
 */
export function executableSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: buildASTSchema(mergeTypeDefs(parse(typeDefs, { noLocation: true })), { assumeValidSDL: true }),
    resolvers,
    updateResolversInPlace: true,
  });
}
