import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { RequestLimitError } from './request-limit-error';

export interface QueryCostOptions {
  /** The highest cost an operation may have. */
  maxCost: number;
  /** Items a connection returns when `first` is left out (the schema's default). */
  defaultPageSize: number;
  /** Items a connection may return at most; also assumed for `first: $variable`. */
  maxPageSize: number;
  /** Items assumed for a plain list field (invitations, representatives, engagements …). */
  assumedListSize: number;
}

/**
 * The cost of an operation counted with list sizes: each object field costs 1, and what is selected
 * under a list costs once per item it may return (`first` of a connection, or its page-size bound
 * for a variable; a plain list an assumed size). Scalars are free. So 500 aliases of
 * `partners(first: 100) { edges { node { id } } }` cost 500 × (1 + 100 × 2), and nested lists multiply.
 */
export function queryCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  options: QueryCostOptions,
) {
  const visiting = new Set<string>();
  const costOf = (selections: SelectionSetNode, parent: GraphQLCompositeType, inConnection: boolean): number => {
    let total = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const onType = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
        if (onType && isCompositeType(onType)) total += costOf(selection.selectionSet, onType, inConnection);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment: FragmentDefinitionNode | undefined | null = context.getFragment(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue;
        const onType = context.getSchema().getType(fragment.typeCondition.name.value);
        visiting.add(fragment.name.value);
        if (onType && isCompositeType(onType)) total += costOf(fragment.selectionSet, onType, inConnection);
        visiting.delete(fragment.name.value);
        continue;
      }
      if (selection.name.value.startsWith('__') || !selection.selectionSet) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const fieldType = getNamedType(field.type);
      if (!isCompositeType(fieldType)) continue;
      const firstArgument = field.args.some((argument) => argument.name === 'first');
      const first = selection.arguments?.find((argument) => argument.name.value === 'first')?.value;
      let items = 1;
      if (firstArgument) items = pageSize(first, options);
      else if (isListType(getNullableType(field.type)) && !inConnection) items = options.assumedListSize;
      total += 1 + items * costOf(selection.selectionSet, fieldType, firstArgument);
    }
    return total;
  };
  return costOf(selectionSet, type, false);
}

function pageSize(value: ValueNode | undefined, options: QueryCostOptions): number {
  if (!value || value.kind === Kind.NULL) return options.defaultPageSize;
  if (value.kind === Kind.INT) return Math.max(1, Math.min(Number(value.value), options.maxPageSize));
  return options.maxPageSize;
}

/** A validation rule refusing operations whose cost is above `maxCost` (REQUEST_LIMIT_EXCEEDED). */
export function queryCostRule(options: QueryCostOptions) {
  return (context: ValidationContext) => ({
    OperationDefinition(operation: import('graphql').OperationDefinitionNode) {
      const root = context.getSchema().getRootType(operation.operation);
      if (!root) return;
      const cost = queryCost(context, operation.selectionSet, root, options);
      if (cost > options.maxCost) context.reportError(new RequestLimitError('cost', options.maxCost, cost));
    },
  });
}
