import { tableIndexes } from './table-definition';

/**
 * What a Lambda function may do on the single table, named as IAM names DynamoDB actions. The CDK
 * app grants exactly this, and `test/infra/table-access.test.ts` runs each function's code paths
 * against DynamoDB Local to check that they need no more.
 *
 * A transaction needs the action of each item in it (PutItem, UpdateItem, DeleteItem,
 * ConditionCheckItem); there is no IAM action for the transaction itself.
 */
export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'BatchWriteItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';

export type IndexName = keyof typeof tableIndexes;

export interface TableAccess {
  /** Actions on the table's own items (and Query on the table's primary key). */
  table: readonly TableAction[];
  /** Indexes the function queries (only Query is possible on an index). */
  queriedIndexes: readonly IndexName[];
}
