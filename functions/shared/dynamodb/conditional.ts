import { ConditionalCheckFailedException, TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';

/** True when a write failed only because its condition did not hold (alone or in a transaction). */
export function isConditionFailure(error: unknown): boolean {
  return hasCancellationReason(error, 'ConditionalCheckFailed') || error instanceof ConditionalCheckFailedException;
}

/**
 * True when a transaction was cancelled because another transaction held one of its items at that
 * moment: nothing was written and nothing was decided wrongly, so the same request may go again.
 */
export function isTransactionConflict(error: unknown): boolean {
  return hasCancellationReason(error, 'TransactionConflict');
}

/** True when a single write (not a transaction) met a transaction in progress on its item. */
export function isWriteDuringTransaction(error: unknown): boolean {
  return error instanceof TransactionConflictException;
}

function hasCancellationReason(error: unknown, code: string): boolean {
  return error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === code);
}

/** Runs a conditional write: true when it was written, false when its condition did not hold. */
export async function writtenIf(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
