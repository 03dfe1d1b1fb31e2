import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchGetItem's limit on keys per request. */
export const batchGetLimit = 100;

/**
 * Reads items by key, strongly consistent (a change always starts from the latest version), 100
 * keys a request, the requests in parallel; keys DynamoDB leaves unprocessed (only under
 * throttling) are asked for again rather than dropped. With `attributes`, only those are read
 * (e.g. the keys alone, to learn which items exist).
 */
export async function batchGetItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: Record<string, string>[],
  attributes?: readonly string[],
): Promise<Record<string, unknown>[]> {
  const projection = attributes
    ? {
        ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
      }
    : {};
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < itemKeys.length; start += batchGetLimit) chunks.push(itemKeys.slice(start, start + batchGetLimit));
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Record<string, unknown>[] = [];
      let pending = chunk;
      while (pending.length > 0) {
        const response = await db.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ...projection } } }),
        );
        items.push(...(response.Responses?.[tableName] ?? []));
        pending = (response.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
      return items;
    }),
  );
  return results.flat();
}

/**
 * Records by id, each id read once with `batchGetItems`: a map from the ids that exist to their
 * records. `keyOf` gives an id's item key, by which each returned item is matched to its id.
 */
export async function batchGetByIds<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
  keyOf: (id: string) => { PK: string; SK: string },
  toRecord: (item: Record<string, unknown>) => T,
  attributes?: readonly string[],
): Promise<Map<string, T>> {
  const idByKey = new Map<string, string>();
  const itemKeys = [...new Set(ids)].map((id) => {
    const key = keyOf(id);
    idByKey.set(`${key.PK}\n${key.SK}`, id);
    return key;
  });
  const found = new Map<string, T>();
  for (const item of await batchGetItems(db, tableName, itemKeys, attributes))
    found.set(idByKey.get(`${String(item.PK)}\n${String(item.SK)}`)!, toRecord(item));
  return found;
}
