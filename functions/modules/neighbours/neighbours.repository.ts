import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetByIds } from '../../shared/dynamodb/batch-get';
import { queryCollectionPage, queryWholeCollection, stripKeys } from '../../shared/dynamodb/collection-query';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import type { Page } from '../../shared/dynamodb/cursor';
import { queryDue } from '../../shared/dynamodb/due-query';
import { keys } from '../../shared/dynamodb/keys';
import { transactWrite, type TransactItem } from '../../shared/dynamodb/transaction';
import { retentionDueAt, type NeighbourRecord } from './neighbour';

function toRecord(item: Record<string, unknown>): NeighbourRecord {
  return stripKeys<NeighbourRecord>(item);
}

function toItem(neighbour: NeighbourRecord) {
  return { ...keys.neighbour(neighbour.id), ...keys.neighbourCollection(neighbour.businessName, neighbour.id), ...neighbour };
}

export class NeighboursRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a new contact: one item, written only if its address is new (the key is the address's
   * hash), so the same address is one contact even when two imports run at once.
   * Returns false when the address is already known.
   */
  async createIfNew(neighbour: NeighbourRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: toItem(neighbour), ConditionExpression: 'attribute_not_exists(PK)' }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<NeighbourRecord | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.neighbour(id), ConsistentRead: true }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  getMany(ids: readonly string[]): Promise<Map<string, NeighbourRecord>> {
    return batchGetByIds(this.db, this.tableName, ids, keys.neighbour, toRecord);
  }

  /** A page of contacts by business name: one Query. */
  list(limit: number, after?: string): Promise<Page<NeighbourRecord>> {
    return queryCollectionPage(this.db, this.tableName, { partition: keys.neighboursPartition }, limit, after, toRecord);
  }

  /** Every contact (a few hundred: a handful of 1 MB pages at most). */
  listAll(): Promise<NeighbourRecord[]> {
    return queryWholeCollection(this.db, this.tableName, { partition: keys.neighboursPartition }, toRecord);
  }

  /**
   * Records an opt-out; the first moment is kept. The contact goes on the due index for retention,
   * `optOutGraceDays` after this opt-out (an opt-out from before retention existed counts from now).
   * Returns the contact, or undefined when unknown.
   */
  optOut(id: string, at: string): Promise<NeighbourRecord | undefined> {
    const due = keys.neighbourRetentionDue(retentionDueAt(at), id);
    return this.updateIfExists(
      id,
      'SET optedOutAt = if_not_exists(optedOutAt, :at), updatedAt = :at, GSI2PK = :duePartition, GSI2SK = if_not_exists(GSI2SK, :dueKey)',
      { ':at': at, ':duePartition': due.GSI2PK, ':dueKey': due.GSI2SK },
    );
  }

  /** Records that the contact asked to be invited (again): consent as of `at`, no opt-out, nothing due. */
  optIn(id: string, at: string): Promise<NeighbourRecord | undefined> {
    return this.updateIfExists(id, 'SET consent = :consent, updatedAt = :at REMOVE optedOutAt, GSI2PK, GSI2SK', {
      ':consent': { basis: 'CONSENT', at },
      ':at': at,
    });
  }

  /** Ids of opted-out contacts whose grace period is over at `now`, oldest first: one Query. */
  async findDueForRetention(now: Date, limit: number): Promise<string[]> {
    const items = await queryDue(this.db, this.tableName, keys.neighbourRetentionDuePartition, now, limit);
    return items.map((item) => String(item.id));
  }

  /** Takes a contact off the retention index (it became a partner's address): it stays whole. */
  async keepFromRetention(id: string): Promise<void> {
    await this.updateIfExists(id, 'REMOVE GSI2PK, GSI2SK', {});
  }

  private async updateIfExists(id: string, expression: string, values: Record<string, unknown>): Promise<NeighbourRecord | undefined> {
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.neighbour(id),
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(PK)',
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? toRecord(result.Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * Links a contact to the partner it became, in one transaction with `partnerPut` (which creates
   * that partner). False when the contact is gone or was converted meanwhile: nothing is written.
   */
  async linkToNewPartner(id: string, partnerId: string, at: string, partnerPut: TransactItem): Promise<boolean> {
    try {
      await transactWrite(this.db, [
        partnerPut,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.neighbour(id),
            UpdateExpression: 'SET partnerId = :partner, convertedAt = :at, updatedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(partnerId)',
            ExpressionAttributeValues: { ':partner': partnerId, ':at': at },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
