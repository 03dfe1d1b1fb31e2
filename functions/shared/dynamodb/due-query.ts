import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableIndexes } from './table-definition';
import { queryAll } from './query-all';

const dueIndex = tableIndexes.byDueTime;

/**
 * Items of one `byDueTime` partition that are due at `now`, oldest first: one Query, never a scan.
 * Sort keys start with the due instant (`<ISO>#…`), so everything up to `<now ISO>#\uffff` is due.
 */
export async function queryDue(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  now: Date,
  limit: number,
): Promise<Record<string, unknown>[]> {
  return (await queryDuePage(db, tableName, partition, now, limit)).items;
}

/**
 * One page of the items of a `byDueTime` partition due at `now`, oldest first, from after `after`
 * (the `next` of the page before). A job that leaves a record it could not handle on the index
 * (it failed, or is not due after all) pages on past it instead of reading it again.
 */
export async function queryDuePage(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  now: Date,
  limit: number,
  after?: Record<string, unknown>,
): Promise<{ items: Record<string, unknown>[]; next?: Record<string, unknown> }> {
  const response = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: dueIndex.name,
      KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
      ExpressionAttributeNames: { '#pk': dueIndex.partitionKey, '#sk': dueIndex.sortKey },
      ExpressionAttributeValues: { ':pk': partition, ':upTo': `${now.toISOString()}#\uffff` },
      Limit: limit,
      ...(after ? { ExclusiveStartKey: after } : {}),
    }),
  );
  return { items: response.Items ?? [], ...(response.LastEvaluatedKey ? { next: response.LastEvaluatedKey } : {}) };
}

/** Every item of one `byDueTime` partition, due or not (a partition that is never due, e.g. parked work). */
export async function queryWholeDuePartition(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
): Promise<Record<string, unknown>[]> {
  return queryAll(db, {
    TableName: tableName,
    IndexName: dueIndex.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': dueIndex.partitionKey },
    ExpressionAttributeValues: { ':pk': partition },
  });
}
