import { buildSchema, getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType } from 'graphql';
import { typeDefs } from '../../../functions/graphql/generated/type-defs';

/** The types a root type's answers can contain, and those of them with a `userErrors` field. */
function typesWithUserErrors(root: 'Query' | 'Mutation'): { reached: number; withUserErrors: string[] } {
  const schema = buildSchema(typeDefs);
  const seen = new Set<string>();
  const withUserErrors: string[] = [];
  const stack: GraphQLNamedType[] = [root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!];
  while (stack.length > 0) {
    const type = stack.pop()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.name === 'userErrors') withUserErrors.push(type.name);
        stack.push(getNamedType(field.type));
      }
    }
    if (isInterfaceType(type) || isUnionType(type)) stack.push(...schema.getPossibleTypes(type));
  }
  return { reached: seen.size, withUserErrors };
}

// The error-language plugin walks only a mutation's data for userErrors to translate: this is why it may.
it('no type a query can answer has userErrors; mutation payloads do', () => {
  const query = typesWithUserErrors('Query');
  expect(query.reached).toBeGreaterThan(20);
  expect(query.withUserErrors).toEqual([]);
  expect(typesWithUserErrors('Mutation').withUserErrors).toEqual(expect.arrayContaining(['MeetingPayload', 'BuurtbabbelPayload']));
});
