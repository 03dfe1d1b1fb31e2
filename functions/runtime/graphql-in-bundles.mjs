/**
 * What the Lambda bundles import from `graphql` (aliased in infra/bundling.ts): only the names
 * their code uses, ours and Apollo's. Apollo's incrementalDeliveryPolyfill loads graphql with
 * `await import('graphql')`, a namespace import, for which esbuild keeps every export of the
 * package (findBreakingChanges, the schema coordinates, every printer …); through this module the
 * namespace holds these names only, and the rest of graphql is shaken out. A bundled file that
 * imports a name missing here fails the build ("No matching export"): add the name.
 * The relative path bypasses the alias (it applies to `graphql` and `graphql/...` only).
 */
export {
  GraphQLError,
  GraphQLObjectType,
  GraphQLScalarType,
  Kind,
  assertValidSchema,
  buildASTSchema,
  defaultFieldResolver,
  execute,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  parse,
  print,
  printSchema,
  responsePathAsArray,
  specifiedRules,
  validate,
  // Read by Apollo's incrementalDeliveryPolyfill to tell graphql 17 (incremental delivery) from 16.
  version,
} from '../../node_modules/graphql/index.mjs';
