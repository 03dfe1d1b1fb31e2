import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, isTransactionConflict } from './conditional';

/**
 * One entry of a TransactWriteItems request. Repositories hand these out (an outbox dispatch, an
 * agenda item, a partner's engagement) so that a service can make several modules' changes in one
 * transaction.
 */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** How often, and how far apart, a transaction cancelled for a TransactionConflict goes again. */
export interface ConflictBackOff {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultConflictBackOff: ConflictBackOff = { attempts: 5, baseDelayMs: 20, maxDelayMs: 400 };

/**
 * Writes the items in one transaction. DynamoDB cancels a transaction that meets another one on
 * the same item at the same moment (TransactionConflict) and the SDK does not retry that: nothing
 * was written, so the same request goes again after a jittered pause ("full jitter": two writers
 * that collided do not collide again in step). A failed condition is not retried here: the caller
 * decided on a read that is no longer current and must read again.
 */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  items: TransactItem[],
  backOff: ConflictBackOff = defaultConflictBackOff,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!isTransactionConflict(error) || isConditionFailure(error) || attempt >= backOff.attempts) throw error;
      const ceiling = Math.min(backOff.maxDelayMs, backOff.baseDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}
