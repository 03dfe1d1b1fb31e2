import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { tableIndexes } from './table-definition';
import { queryAll } from './query-all';

const index = tableIndexes.byCollection;
const cursorAttributes = ['PK', 'SK', index.partitionKey, index.sortKey] as const;

export interface CollectionQuery {
  partition: string;
  /** Inclusive bounds on the sort key; either may be left out. */
  from?: string;
  to?: string;
}

function keyCondition(query: CollectionQuery) {
  const names = { '#pk': index.partitionKey, '#sk': index.sortKey };
  const values: Record<string, string> = { ':pk': query.partition };
  let expression = '#pk = :pk';
  if (query.from !== undefined && query.to !== undefined) {
    expression += ' AND #sk BETWEEN :from AND :to';
    Object.assign(values, { ':from': query.from, ':to': query.to });
  } else if (query.from !== undefined) {
    expression += ' AND #sk >= :from';
    values[':from'] = query.from;
  } else if (query.to !== undefined) {
    expression += ' AND #sk <= :to';
    values[':to'] = query.to;
  } else {
    return {
      KeyConditionExpression: expression,
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: values,
    };
  }
  return { KeyConditionExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/**
 * One page of an ordered collection on the `byCollection` index. DynamoDB stops a Query at 1 MB,
 * so a short answer does not mean the collection ended: the page follows `LastEvaluatedKey` until
 * it holds one item more than asked for (there is a next page) or the collection ends.
 */
export async function queryCollectionPage<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: CollectionQuery,
  limit: number,
  after: string | undefined,
  toRecord: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined = after ? decodeCursor(after, cursorAttributes) : undefined;
  do {
    const response = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.name,
        ...keyCondition(query),
        Limit: limit + 1 - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(response.Items ?? []));
    startKey = response.LastEvaluatedKey;
  } while (startKey && items.length <= limit);
  const pageItems = items.slice(0, limit);
  return {
    items: pageItems.map(toRecord),
    hasNextPage: items.length > limit,
    cursors: pageItems.map((item) => encodeCursor(Object.fromEntries(cursorAttributes.map((name) => [name, String(item[name])])))),
  };
}

/** The whole of an ordered collection (following DynamoDB's 1 MB pages). */
export async function queryWholeCollection<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  query: CollectionQuery,
  toRecord: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  const items = await queryAll(db, { TableName: tableName, IndexName: index.name, ...keyCondition(query) });
  return items.map(toRecord);
}

/** Drops the key attributes of an item, leaving the record it stores. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, ...record } = item;
  void [PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK];
  return record as T;
}
