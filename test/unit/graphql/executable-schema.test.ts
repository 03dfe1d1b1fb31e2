import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  assertValidSchema,
  buildASTSchema,
  buildSchema,
  introspectionFromSchema,
  isObjectType,
  parse,
  isScalarType,
  printSchema,
  validateSchema,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { executableSchema, schemaBuildOptions, schemaSdl, setResolversInPlace } from '../../../functions/graphql/executable-schema';
import { typeDefs, typeDefsWithoutDescriptions } from '../../../functions/graphql/generated/type-defs';
import { resolvers } from '../../../functions/graphql/resolvers';

/**
 * The API builds its schema the cheap way (no SDL checks at cold start, resolvers set in place):
 * the checks it skips run here, and the result is the schema Apollo would build from `typeDefs`.
 */
describe('the executable schema', () => {
  const schema = executableSchema();

  it('is built from SDL that passes every one of graphql’s SDL and schema checks', () => {
    expect(() => buildSchema(typeDefs)).not.toThrow();
    expect(validateSchema(executableSchema({ assumeValidSDL: true, assumeValid: false }))).toEqual([]);
  });

  it('is marked valid, so graphql and Apollo do not validate it again at cold start', () => {
    // A schema graphql refuses (a type without fields) passes unchecked when built with the API's options.
    const invalidSdl = parse('type Query { a: Int } type Empty');
    expect(() => assertValidSchema(buildASTSchema(invalidSdl, { assumeValidSDL: true }))).toThrow('must define one or more fields');
    expect(() => assertValidSchema(buildASTSchema(invalidSdl, schemaBuildOptions))).not.toThrow();
    expect(validateSchema(schema)).toEqual([]);
  });

  it('is built, in the Lambda bundles, from the same SDL without its descriptions (elsewhere with them)', () => {
    const withoutDescriptions = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(withoutDescriptions)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([key]) => key !== 'description')
                .map(([key, inner]) => [key, withoutDescriptions(inner)]),
            )
          : value;
    const lean = introspectionFromSchema(buildSchema(typeDefsWithoutDescriptions));
    // No description line left (printSchema prints each as a quoted line above what it describes).
    expect(printSchema(buildSchema(typeDefsWithoutDescriptions))).not.toMatch(/^\s*"/m);
    expect(printSchema(buildSchema(typeDefs))).toMatch(/^\s*"/m);
    expect(withoutDescriptions(lean)).toEqual(withoutDescriptions(introspectionFromSchema(buildSchema(typeDefs))));
    expect(typeDefsWithoutDescriptions.length).toBeLessThan(typeDefs.length * 0.6);
    expect(schemaSdl()).toBe(typeDefs);
  });

  it('is the schema makeExecutableSchema builds from the type definitions', () => {
    expect(printSchema(schema)).toBe(printSchema(makeExecutableSchema({ typeDefs, resolvers })));
  });

  it('has a resolver on exactly the fields the resolver map names, and the DateTime scalar’s own parsing', () => {
    const resolved = (built: GraphQLSchema) =>
      Object.values(built.getTypeMap())
        .filter(isObjectType)
        .filter((type) => !type.name.startsWith('__'))
        .flatMap((type) =>
          Object.values(type.getFields())
            .filter((field) => field.resolve !== undefined)
            .map((field) => `${type.name}.${field.name}`),
        )
        .sort();
    const named = Object.entries(resolvers as Record<string, Record<string, unknown>>)
      .filter(([typeName]) => isObjectType(schema.getType(typeName)))
      .flatMap(([typeName, fields]) => Object.keys(fields).map((field) => `${typeName}.${field}`))
      .sort();
    expect(named.length).toBeGreaterThan(50);
    expect(resolved(schema)).toEqual(named);
    expect(resolved(schema)).toEqual(resolved(makeExecutableSchema({ typeDefs, resolvers })));
    const dateTime = schema.getType('DateTime');
    expect(isScalarType(dateTime) && dateTime.serialize).toBe((resolvers as { DateTime: GraphQLScalarType }).DateTime.serialize);
  });

  it('refuses resolvers for a type or field the schema does not have, as makeExecutableSchema does', () => {
    const fresh = buildSchema('type Query { a: Int }');
    expect(() => setResolversInPlace(fresh, { Query: { b: () => 1 } })).toThrow('Query.b defined in resolvers, but not in schema');
    expect(() => setResolversInPlace(fresh, { Nope: {} })).toThrow('"Nope" defined in resolvers, but not in schema');
    setResolversInPlace(fresh, { Query: { a: () => 1 } });
    expect(fresh.getQueryType()!.getFields().a.resolve).toBeInstanceOf(Function);
  });
});
