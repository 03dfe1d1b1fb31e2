import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetByIds, batchGetItems } from '../../shared/dynamodb/batch-get';
import { queryCollectionPage, queryWholeCollection, stripKeys } from '../../shared/dynamodb/collection-query';
import { queryDue } from '../../shared/dynamodb/due-query';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { versionedReplace, writeVersioned } from '../../shared/dynamodb/versioned-write';
import type { Page } from '../../shared/dynamodb/cursor';
import { keys } from '../../shared/dynamodb/keys';
import type { BuurtbabbelRecord, GuestRecord } from './buurtbabbel';
import { queryAll } from '../../shared/dynamodb/query-all';

function toItem(buurtbabbel: BuurtbabbelRecord) {
  return {
    ...keys.buurtbabbel(buurtbabbel.id),
    ...keys.buurtbabbelCollection(buurtbabbel.startsAt, buurtbabbel.id),
    // On the due index only while a mailing round waits: the job finds it there without a scan.
    ...(buurtbabbel.nextRound && buurtbabbel.nextRoundAt
      ? keys.buurtbabbelDue(buurtbabbel.nextRoundAt, buurtbabbel.id, buurtbabbel.nextRound)
      : {}),
    type: 'buurtbabbel',
    ...buurtbabbel,
  };
}

function guestItem(guest: GuestRecord) {
  return {
    ...keys.buurtbabbelGuest(guest.buurtbabbelId, guest.neighbourId),
    ...keys.neighbourHistory(guest.neighbourId, guest.startsAt, guest.buurtbabbelId),
    type: 'guest',
    ...guest,
  };
}

const toRecord = (item: Record<string, unknown>) => {
  const { type, ...rest } = stripKeys<BuurtbabbelRecord & { type?: string }>(item);
  void type;
  return rest as BuurtbabbelRecord;
};
const toGuest = (item: Record<string, unknown>) => {
  const { type, ...rest } = stripKeys<GuestRecord & { type?: string }>(item);
  void type;
  return rest as GuestRecord;
};

export class BuurtbabbelsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  create(buurtbabbel: BuurtbabbelRecord): Promise<void> {
    return writeVersioned(this.db, { entity: 'Buurtbabbel', id: buurtbabbel.id }, [
      { Put: { TableName: this.tableName, Item: toItem(buurtbabbel), ConditionExpression: 'attribute_not_exists(PK)' } },
    ]);
  }

  /**
   * Replaces a buurtbabbel if nobody changed it since `expectedVersion`, together with the other
   * writes of the same change (guests, outbox dispatches): one transaction, all or nothing.
   */
  replace(buurtbabbel: BuurtbabbelRecord, expectedVersion: number, extra: TransactItem[] = []): Promise<void> {
    return versionedReplace(this.db, {
      entity: 'Buurtbabbel',
      id: buurtbabbel.id,
      tableName: this.tableName,
      item: toItem(buurtbabbel),
      expectedVersion,
      extra,
    });
  }

  /** The transaction entry that writes a guest if it is still at `expectedVersion` (0: new). */
  guestPut(guest: GuestRecord, expectedVersion: number): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: guestItem(guest),
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
      },
    };
  }

  async get(id: string): Promise<BuurtbabbelRecord | undefined> {
    return (await this.getMany([id])).get(id);
  }

  getMany(ids: readonly string[]): Promise<Map<string, BuurtbabbelRecord>> {
    return batchGetByIds(this.db, this.tableName, ids, keys.buurtbabbel, toRecord);
  }

  /** A buurtbabbel and one guest's record, in one request (consistent: an answer decides on it). */
  async getWithGuest(id: string, neighbourId: string): Promise<{ buurtbabbel?: BuurtbabbelRecord; guest?: GuestRecord }> {
    const items = await batchGetItems(this.db, this.tableName, [keys.buurtbabbel(id), keys.buurtbabbelGuest(id, neighbourId)]);
    const buurtbabbel = items.find((item) => item.type === 'buurtbabbel');
    const guest = items.find((item) => item.type === 'guest');
    return { buurtbabbel: buurtbabbel && toRecord(buurtbabbel), guest: guest && toGuest(guest) };
  }

  /** Buurtbabbels by start time, from `from` on: one Query; the counts are on the items. */
  list(from: Date | undefined, limit: number, after?: string): Promise<Page<BuurtbabbelRecord>> {
    return queryCollectionPage(
      this.db,
      this.tableName,
      { partition: keys.buurtbabbelsPartition, from: from?.toISOString() },
      limit,
      after,
      toRecord,
    );
  }

  /** Buurtbabbels whose next mailing round is due at `now`: one Query on `byDueTime`, never a scan. */
  async findDueRounds(now: Date, limit: number): Promise<BuurtbabbelRecord[]> {
    return (await queryDue(this.db, this.tableName, keys.buurtbabbelDuePartition, now, limit)).map(toRecord);
  }

  /** Everyone who answered or came, for one buurtbabbel. */
  async listGuests(id: string): Promise<GuestRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :guest)',
      ExpressionAttributeValues: { ':pk': keys.buurtbabbel(id).PK, ':guest': keys.buurtbabbelGuestPrefix },
    });
    return items.map(toGuest);
  }

  /** A neighbour's buurtbabbels (answered or attended), oldest first. */
  listHistory(neighbourId: string): Promise<GuestRecord[]> {
    return queryWholeCollection(this.db, this.tableName, { partition: keys.neighbourHistoryPartition(neighbourId) }, toGuest);
  }
}
