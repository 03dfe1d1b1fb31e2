import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '../errors';
import { isConditionFailure, isTransactionConflict, isWriteDuringTransaction } from './conditional';
import { transactWrite, type TransactItem } from './transaction';

/** The item a versioned write is about, named in its VersionConflictError. */
export interface VersionedSubject {
  entity: string;
  id: string;
}

/**
 * Writes the items in one transaction on behalf of `subject`. Any failed condition, or a
 * TransactionConflict that outlasted the back-off, is a VersionConflictError: another change got in
 * between, and the caller (through `retryOnConflict`) reads again and decides again. (The same
 * holds for the single Put of `versionedReplace` meeting a transaction on its item.)
 */
export function writeVersioned(db: DynamoDBDocumentClient, subject: VersionedSubject, items: TransactItem[]): Promise<void> {
  return asVersionConflict(subject, () => transactWrite(db, items));
}

/** The transaction entry that replaces an item only while it exists and is still at `expectedVersion`. */
export function versionedPut(tableName: string, item: Record<string, unknown>, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: 'attribute_exists(PK) AND version = :expected',
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
  };
}

export interface VersionedReplace extends VersionedSubject {
  tableName: string;
  item: Record<string, unknown>;
  expectedVersion: number;
  /** The other writes of the same change: outbox dispatches, agenda items, copies on other items. */
  extra?: TransactItem[];
}

/**
 * Replaces an item that nobody changed since `expectedVersion` was read, together with `extra`,
 * all or nothing. Without `extra` it is a single conditional Put (half the write cost of a
 * transaction of one).
 */
export function versionedReplace(db: DynamoDBDocumentClient, replace: VersionedReplace): Promise<void> {
  const put = versionedPut(replace.tableName, replace.item, replace.expectedVersion);
  const extra = replace.extra ?? [];
  if (extra.length > 0) return writeVersioned(db, replace, [put, ...extra]);
  return asVersionConflict(replace, async () => {
    await db.send(new PutCommand(put.Put!));
  });
}

async function asVersionConflict(subject: VersionedSubject, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isConditionFailure(error) || isTransactionConflict(error) || isWriteDuringTransaction(error)) {
      throw new VersionConflictError(subject.entity, subject.id, { cause: error });
    }
    throw error;
  }
}
