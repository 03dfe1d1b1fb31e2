import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../concurrency';

/** BatchWriteItem's limit on items per request. */
export const batchWriteLimit = 25;
/** Requests of one call under way at a time: a thousand items neither wait in a row nor flood the table at once. */
const requestsAtOnce = 4;
/** Waits before asking again for items DynamoDB left unprocessed (only under throttling). */
const unprocessedDelaysMs = [50, 100, 200, 400, 800, 1600, 3200] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Puts items, 25 a request, a few requests at a time. BatchWriteItem takes no condition: use it
 * only where the caller has made sure an overwrite is harmless (e.g. items read absent under a
 * claim). Items DynamoDB leaves unprocessed are put again after a back-off; what is still left
 * after the last wait fails the call.
 */
export async function batchPutItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += batchWriteLimit) chunks.push(items.slice(start, start + batchWriteLimit));
  await forEachConcurrently(chunks, requestsAtOnce, async (chunk) => {
    let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) {
        if (attempt > unprocessedDelaysMs.length) throw new Error(`batch write: ${pending.length} items left unprocessed`);
        await sleep(unprocessedDelaysMs[attempt - 1]);
      }
      const response = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (response.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
    }
  });
}
