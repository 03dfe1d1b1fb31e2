import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, isWriteDuringTransaction } from '../../shared/dynamodb/conditional';
import { keys } from '../../shared/dynamodb/keys';
import { queryAll } from '../../shared/dynamodb/query-all';
import { transactWrite } from '../../shared/dynamodb/transaction';
import type { CalendarFeedOwner } from './calendar-feed';

export type { CalendarFeedOwner } from './calendar-feed';

export class CalendarFeedsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findByTokenHash(tokenHash: string): Promise<CalendarFeedOwner | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.calendarFeed(tokenHash), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { viewerId, role, partnerId, addressKey, createdAt, lastUsedAt } = result.Item as CalendarFeedOwner;
    return { viewerId, role, partnerId, addressKey, createdAt, lastUsedAt };
  }

  /** Records the day a feed was used: one conditional UpdateItem, which never brings back a revoked feed. */
  async recordUse(tokenHash: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.calendarFeed(tokenHash),
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      // Revoked meanwhile, or being replaced: the use needs no record then.
      if (!isConditionFailure(error) && !isWriteDuringTransaction(error)) throw error;
    }
  }

  /** The viewers whose feeds an address made (its person pointers): one Query. */
  async viewersOfAddress(addressKey: string): Promise<string[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :feed)',
      ExpressionAttributeValues: { ':pk': keys.personPartition(addressKey), ':feed': keys.personFeedTarget('') },
      ConsistentRead: true,
    });
    return items.flatMap((item) => (typeof item.viewerId === 'string' ? [item.viewerId] : []));
  }

  /**
   * Replaces the viewer's feed (if any) by a new one, atomically: the old URL stops working. The
   * owner's address key gets a pointer to the feed, so personalData and erasePerson find it.
   */
  async replace(tokenHash: string, owner: CalendarFeedOwner, addressKey: string): Promise<void> {
    const previous = await this.currentHash(owner.viewerId);
    await transactWrite(this.db, [
      ...(previous ? [{ Delete: { TableName: this.tableName, Key: keys.calendarFeed(previous) } }] : []),
      { Put: { TableName: this.tableName, Item: { ...keys.calendarFeed(tokenHash), ...owner, addressKey } } },
      { Put: { TableName: this.tableName, Item: { ...keys.calendarFeedOwner(owner.viewerId), tokenHash, createdAt: owner.createdAt } } },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.personPointer(addressKey, keys.personFeedTarget(owner.viewerId)),
            type: 'person-pointer',
            viewerId: owner.viewerId,
          },
        },
      },
    ]);
  }

  /** The feed a viewer has now, with its owner (personalData): two GetItems, none when there is no feed. */
  async findByViewer(viewerId: string): Promise<(CalendarFeedOwner & { tokenHash: string }) | undefined> {
    const tokenHash = await this.currentHash(viewerId);
    if (!tokenHash) return undefined;
    const owner = await this.findByTokenHash(tokenHash);
    return owner && { ...owner, tokenHash };
  }

  async revoke(viewerId: string): Promise<boolean> {
    const previous = await this.currentHash(viewerId);
    if (!previous) return false;
    await transactWrite(this.db, [
      { Delete: { TableName: this.tableName, Key: keys.calendarFeed(previous) } },
      { Delete: { TableName: this.tableName, Key: keys.calendarFeedOwner(viewerId) } },
    ]);
    return true;
  }

  private async currentHash(viewerId: string): Promise<string | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.calendarFeedOwner(viewerId), ConsistentRead: true }),
    );
    return result.Item?.tokenHash as string | undefined;
  }
}
