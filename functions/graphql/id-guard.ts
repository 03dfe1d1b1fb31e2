import {
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { UserInputError, type UserErrorEntry } from '../shared/errors';
import type { Resolvers } from './generated/resolvers-types';

/**
 * The longest ID an argument may carry. Our ids are a few dozen characters; DynamoDB refuses a key
 * beyond 2 KB with an error that would surface as INTERNAL_SERVER_ERROR, so a longer one is refused
 * up front, as a BAD_USER_INPUT naming the field (hostile input, docs/security.md).
 */
export const maxIdLength = 200;

function overlongIds(value: unknown, type: GraphQLInputType, path: string[]): UserErrorEntry[] {
  if (value === null || value === undefined) return [];
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return Array.isArray(value) ? value.flatMap((item, index) => overlongIds(item, nullable.ofType, [...path, String(index)])) : [];
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    return Object.entries(value as Record<string, unknown>).flatMap(([name, item]) =>
      fields[name] ? overlongIds(item, fields[name].type, [...path, name]) : [],
    );
  }
  if (isScalarType(nullable) && nullable.name === 'ID' && typeof value === 'string' && value.length > maxIdLength) {
    return [{ field: path, code: 'NOT_FOUND', message: 'Deze id bestaat niet.' }];
  }
  return [];
}

/** Every Query and Mutation resolver, refusing an over-long ID in its arguments before it runs. */
export function guardIdArguments(resolvers: Resolvers): Resolvers {
  const guarded: Record<string, Record<string, unknown>> = { ...(resolvers as Record<string, Record<string, unknown>>) };
  for (const typeName of ['Query', 'Mutation']) {
    const fields = { ...(guarded[typeName] ?? {}) };
    for (const [name, resolver] of Object.entries(fields)) {
      if (typeof resolver !== 'function') continue;
      const resolve = resolver as GraphQLFieldResolver<unknown, unknown>;
      fields[name] = (parent: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo) => {
        const field = info.parentType.getFields()[info.fieldName];
        const errors = field.args.flatMap((arg) => overlongIds(args[arg.name], arg.type, [arg.name]));
        if (errors.length > 0) throw new UserInputError(errors);
        return resolve(parent, args, context, info);
      };
    }
    guarded[typeName] = fields;
  }
  return guarded as Resolvers;
}
