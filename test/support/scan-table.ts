import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TestApp } from './test-app';

/** Every item of the table, page by page (tests may scan to prove what is stored; the code never does). */
export async function scanAll(db: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every stored item that mentions the text anywhere, case-insensitively. */
export async function itemsMentioning(t: TestApp, text: string): Promise<Record<string, unknown>[]> {
  const items = await scanAll(t.app.db, t.app.config.tableName);
  return items.filter((item) => JSON.stringify(item).toLowerCase().includes(text.toLowerCase()));
}
