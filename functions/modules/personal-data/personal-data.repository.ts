import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/dynamodb/keys';
import { writeVersioned } from '../../shared/dynamodb/versioned-write';
import { transactWrite, type TransactItem } from '../../shared/dynamodb/transaction';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import { queryAll } from '../../shared/dynamodb/query-all';

/** Where an address's pointer items say it is stored: an outbox copy or a calendar feed. */
export type PersonPointer = { type: 'outbox'; dispatchId: string; sk: string } | { type: 'feed'; viewerId: string; sk: string };

/**
 * The items that exist only for personal data rights: the pointers in an address's own partition
 * (`PERSON#<hash>`), and the deletes of items keyed by the address's hash.
 */
export class PersonalDataRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every pointer of an address: one Query on the table's key (more pages for a long history). */
  async pointers(addressKey: string): Promise<PersonPointer[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.personPartition(addressKey) },
      ConsistentRead: true,
    });
    const pointers: PersonPointer[] = [];
    for (const item of items) {
      const sk = String(item.SK);
      if (typeof item.dispatchId === 'string') pointers.push({ type: 'outbox', dispatchId: item.dispatchId, sk });
      else if (typeof item.viewerId === 'string') pointers.push({ type: 'feed', viewerId: item.viewerId, sk });
    }
    return pointers;
  }

  async deletePointer(addressKey: string, sk: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: { PK: keys.personPartition(addressKey), SK: sk } }));
  }

  async deleteNeighbour(neighbourId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.neighbour(neighbourId) }));
  }

  /**
   * Retention: deletes an opted-out contact and writes its address's hash to the suppression list
   * (`suppressionUpdate`), in one transaction, on condition the contact is still opted out as of
   * `optedOutAt` and not a partner. False when it was opted in or converted meanwhile: nothing written.
   */
  async deleteOptedOutNeighbour(
    neighbourId: string,
    optedOutAt: string,
    suppressionUpdate: NonNullable<TransactItem['Update']>,
  ): Promise<boolean> {
    try {
      await transactWrite(this.db, [
        { Update: suppressionUpdate },
        {
          Delete: {
            TableName: this.tableName,
            Key: keys.neighbour(neighbourId),
            ConditionExpression: 'optedOutAt = :optedOutAt AND attribute_not_exists(partnerId)',
            ExpressionAttributeValues: { ':optedOutAt': optedOutAt },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Runs one conditional delete on its own (a guest record whose buurtbabbel is gone). */
  deleteAlone(item: TransactItem): Promise<void> {
    return writeVersioned(this.db, { entity: 'Guest', id: 'erased' }, [item]);
  }

  /** The transaction entry that deletes a guest record while it is still at `version`. */
  guestDelete(buurtbabbelId: string, neighbourId: string, version: number): TransactItem {
    return {
      Delete: {
        TableName: this.tableName,
        Key: keys.buurtbabbelGuest(buurtbabbelId, neighbourId),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': version },
      },
    };
  }
}
