import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TestApp } from './test-app';

/**
 * Pads a stored item to DynamoDB's 400 KB item limit (found by trying), so that any write that
 * makes it larger is refused, as an item whose lists grew without bound would be. Returns a
 * function that puts the item back as it was (its current version, without the padding).
 */
export async function fillToItemLimit(t: TestApp, key: Record<string, string>): Promise<() => Promise<void>> {
  const TableName = t.app.config.tableName;
  const { Item } = await t.db.send(new GetCommand({ TableName, Key: key }));
  if (!Item) throw new Error(`no item ${JSON.stringify(key)}`);
  const put = (padding: number) => t.db.send(new PutCommand({ TableName, Item: { ...Item, padding: 'x'.repeat(padding) } }));
  let [fits, tooLarge] = [300_000, 410_000];
  while (tooLarge - fits > 1) {
    const middle = Math.floor((fits + tooLarge) / 2);
    try {
      await put(middle);
      fits = middle;
    } catch (error) {
      if ((error as Error).name !== 'ValidationException') throw error;
      tooLarge = middle;
    }
  }
  await put(fits);
  return async () => {
    const { Item: current } = await t.db.send(new GetCommand({ TableName, Key: key }));
    const { padding: _, ...rest } = current!;
    await t.db.send(new PutCommand({ TableName, Item: rest }));
  };
}
