import type { GraphQLField } from 'graphql';

/**
 * The text of an operation that calls one root field with every argument as a variable
 * (`mutation($input: X!) { field(input: $input) <selection> }`): the authorisation matrix and the
 * hostile-input test call every operation of the schema this way.
 */
export function operationForField(keyword: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, selection: string): string {
  const declared = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${keyword}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}
