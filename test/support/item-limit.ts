import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TestApp } from './test-app';

/** DynamoDB's item size limit: 400 KB, attribute names and values together, strings in UTF-8. */
export const itemLimitBytes = 400 * 1024;
const paddingName = 'padding';

async function storedItem(t: TestApp, key: Record<string, string>): Promise<Record<string, unknown>> {
  const { Item } = await t.db.send(new GetCommand({ TableName: t.app.config.tableName, Key: key, ConsistentRead: true }));
  if (!Item) throw new Error(`no item ${JSON.stringify(key)}`);
  return Item;
}

/**
 * The longest `padding` attribute DynamoDB still takes on the item (found by trying, so it is
 * DynamoDB's own measure); the item is left padded to that length.
 */
async function padToLimit(t: TestApp, item: Record<string, unknown>): Promise<number> {
  const put = (padding: number) =>
    t.db.send(new PutCommand({ TableName: t.app.config.tableName, Item: { ...item, [paddingName]: 'x'.repeat(padding) } }));
  let [fits, tooLarge] = [0, itemLimitBytes + 1];
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
  return fits;
}

/**
 * Pads a stored item to DynamoDB's 400 KB item limit, so that any write that makes it larger is
 * refused, as an item whose lists grew without bound would be. Returns a function that puts the
 * item back as it was (its current version, without the padding).
 */
export async function fillToItemLimit(t: TestApp, key: Record<string, string>): Promise<() => Promise<void>> {
  await padToLimit(t, await storedItem(t, key));
  return async () => {
    const { [paddingName]: _, ...rest } = await storedItem(t, key);
    await t.db.send(new PutCommand({ TableName: t.app.config.tableName, Item: rest }));
  };
}

/**
 * The size DynamoDB counts for a stored item, in bytes: the limit less the longest padding it still
 * takes (and the padding's name). The item is put back as it was.
 */
export async function measureItemBytes(t: TestApp, key: Record<string, string>): Promise<number> {
  const item = await storedItem(t, key);
  const padding = await padToLimit(t, item);
  await t.db.send(new PutCommand({ TableName: t.app.config.tableName, Item: item }));
  return itemLimitBytes - paddingName.length - padding;
}
