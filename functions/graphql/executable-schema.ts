import { buildASTSchema, isObjectType, isScalarType, parse, type BuildSchemaOptions, type GraphQLField, type GraphQLSchema } from 'graphql';
import { typeDefs, typeDefsWithoutDescriptions } from './generated/type-defs';
import { resolvers } from './resolvers';

declare global {
  /**
   * True in the Lambda bundles (an esbuild `define` in infra/bundling.ts), undefined elsewhere: the
   * local stack and the tests. esbuild drops the branch (and the SDL) a bundle does not take.
   */
  var destekLambdaBundle: boolean | undefined;
}

/**
 * The SDL the schema is built from. Deployed, introspection is off (graphql-route.ts), so no one
 * reads a description: the bundles carry the SDL without them, half as long to parse at cold start
 * and 20 KB smaller. The local stack (introspection and sandbox on) and the tests get every description.
 */
export function schemaSdl(): string {
  return globalThis.destekLambdaBundle ? typeDefsWithoutDescriptions : typeDefs;
}

/** Neither the SDL nor the schema is checked at cold start: codegen and the unit test check them. */
export const schemaBuildOptions: BuildSchemaOptions = { assumeValidSDL: true, assumeValid: true };

/**
 * The API's executable schema, built once per cold start, the cheap way: the SDL is parsed without
 * token locations and built without re-running graphql's SDL checks (they run where the SDL
 * changes: codegen and test/unit/graphql/executable-schema.test.ts), marked valid (graphql and Apollo
 * would otherwise validate the whole schema on its first use; the same test validates it, built with
 * `assumeValid: false`), and the resolvers are set on
 * that fresh schema in place rather than on a copy of it. Giving Apollo `typeDefs` instead costs a
 * merge, the SDL checks and a second schema: about half the API's first request (docs/performance.md).
 *
 * graphql's buildASTSchema merges the modules' `extend type` itself, and setting resolvers is done
 * here as @graphql-tools/schema's makeExecutableSchema (updateResolversInPlace) does it for the object
 * types and the one custom scalar this schema has: @graphql-tools stays out of the API bundle
 * (issue 15, about 70 KB). The unit test compares the result with makeExecutableSchema's.
 */
export function executableSchema(options: BuildSchemaOptions = schemaBuildOptions): GraphQLSchema {
  const schema = buildASTSchema(parse(schemaSdl(), { noLocation: true }), options);
  setResolversInPlace(schema, resolvers as unknown as Record<string, Record<string, unknown>>);
  return schema;
}

/**
 * Sets a resolver map on a schema: a function on an object type's field becomes its `resolve`
 * (bound to its map, as makeExecutableSchema does), an object's properties are copied onto the
 * field, `__name` entries onto the type; a scalar's own parsing and serializing replaces the
 * SDL scalar's. A type or field the schema does not have is an error, as in makeExecutableSchema.
 */
export function setResolversInPlace(schema: GraphQLSchema, resolverMap: Record<string, Record<string, unknown>>): void {
  for (const [typeName, resolverValue] of Object.entries(resolverMap)) {
    if (typeof resolverValue !== 'object' || resolverValue === null)
      throw new Error(`"${typeName}" defined in resolvers, but has invalid value`);
    const type = schema.getType(typeName);
    if (!type) throw new Error(`"${typeName}" defined in resolvers, but not in schema`);
    const target = type as unknown as Record<string, unknown>;
    if (isScalarType(type)) {
      for (const name in resolverValue) {
        const value = resolverValue[name];
        if (name === 'astNode' && type.astNode) {
          const node = value as typeof type.astNode;
          type.astNode = {
            ...type.astNode,
            description: node?.description ?? type.astNode.description,
            directives: [...(type.astNode.directives ?? []), ...(node?.directives ?? [])],
          };
        } else if (name === 'extensionASTNodes') {
          type.extensionASTNodes = [...type.extensionASTNodes, ...((value as typeof type.extensionASTNodes | undefined) ?? [])];
        } else if (name === 'extensions' && value) {
          type.extensions = Object.assign(Object.create(null), type.extensions, value);
        } else {
          target[name.startsWith('__') ? name.slice(2) : name] = value;
        }
      }
    } else if (isObjectType(type)) {
      const fields = type.getFields();
      for (const name in resolverValue) {
        const value = resolverValue[name];
        if (name.startsWith('__')) {
          target[name.slice(2)] = value;
          continue;
        }
        const field = fields[name] as (GraphQLField<unknown, unknown> & Record<string, unknown>) | undefined;
        if (!field) throw new Error(`${typeName}.${name} defined in resolvers, but not in schema`);
        if (typeof value === 'function') field.resolve = value.bind(resolverValue);
        else if (typeof value === 'object' && value !== null) Object.assign(field, value);
        else throw new Error(`Resolver ${typeName}.${name} must be object or function`);
      }
    } else {
      throw new Error(`"${typeName}" defined in resolvers is neither an object type nor a scalar`);
    }
  }
}
