import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetByIds, batchGetLimit } from '../../shared/dynamodb/batch-get';
import { queryCollectionPage, queryWholeCollection, stripKeys } from '../../shared/dynamodb/collection-query';
import type { Page } from '../../shared/dynamodb/cursor';
import { keys } from '../../shared/dynamodb/keys';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { versionedReplace } from '../../shared/dynamodb/versioned-write';
import type { PartnerEngagementEntry, ProjectStatus } from './engagement';
import type { PartnerRecord } from './partner';

type Item = PartnerRecord & Record<string, unknown>;

function toRecord(item: Record<string, unknown>): PartnerRecord {
  return stripKeys<PartnerRecord>(item);
}

function toItem(partner: PartnerRecord): Item {
  return { ...keys.partner(partner.id), ...keys.partnerCollection(partner.name, partner.id), ...partner };
}

/** The stored item of a partner, for the benches that write many at once (test/bench/bench-data.ts). */
export { toItem as partnerItem };

export class PartnersRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(partner: PartnerRecord): Promise<void> {
    await this.db.send(new PutCommand(this.createPut(partner).Put!));
  }

  /** The transaction entry that creates a partner (a spin-off is created with its project's change). */
  createPut(partner: PartnerRecord): TransactItem {
    return { Put: { TableName: this.tableName, Item: toItem(partner), ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /**
   * The transaction entry that sets (or, without `entry`, removes) the partner's copy of its
   * engagement in one project. It raises the partner's version, so that a coordinator's edit of
   * the partner based on an older read is refused rather than dropping the engagement.
   */
  engagementUpdate(
    partner: Pick<PartnerRecord, 'id' | 'engagements'>,
    projectId: string,
    entry: PartnerEngagementEntry | undefined,
  ): TransactItem {
    const base = { TableName: this.tableName, Key: keys.partner(partner.id) };
    if (!entry) {
      return {
        Update: {
          ...base,
          UpdateExpression: 'REMOVE engagements.#project SET version = version + :one',
          ConditionExpression: 'attribute_exists(engagements.#project)',
          ExpressionAttributeNames: { '#project': projectId },
          ExpressionAttributeValues: { ':one': 1 },
        },
      };
    }
    // The first engagement creates the map; the conditions make a concurrent first one retry.
    if (!partner.engagements) {
      return {
        Update: {
          ...base,
          UpdateExpression: 'SET engagements = :engagements, version = version + :one',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(engagements)',
          ExpressionAttributeValues: { ':engagements': { [projectId]: entry }, ':one': 1 },
        },
      };
    }
    return {
      Update: {
        ...base,
        UpdateExpression: 'SET engagements.#project = :entry, version = version + :one',
        ConditionExpression: 'attribute_exists(engagements)',
        ExpressionAttributeNames: { '#project': projectId },
        ExpressionAttributeValues: { ':entry': entry, ':one': 1 },
      },
    };
  }

  /** The transaction entry that records a project's new status on an engaged partner's copy. */
  engagementStatusUpdate(partnerId: string, projectId: string, status: ProjectStatus): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.partner(partnerId),
        UpdateExpression: 'SET engagements.#project.projectStatus = :status, version = version + :one',
        ConditionExpression: 'attribute_exists(engagements.#project)',
        ExpressionAttributeNames: { '#project': projectId },
        ExpressionAttributeValues: { ':status': status, ':one': 1 },
      },
    };
  }

  /** Replaces the partner when its stored version is still `expectedVersion`. */
  replace(partner: PartnerRecord, expectedVersion: number): Promise<void> {
    return versionedReplace(this.db, {
      entity: 'Partner',
      id: partner.id,
      tableName: this.tableName,
      item: toItem(partner),
      expectedVersion,
    });
  }

  async get(id: string): Promise<PartnerRecord | undefined> {
    const found = await this.getMany([id]);
    return found.get(id);
  }

  /**
   * One round trip whatever the number of ids: a BatchGet, or beyond BatchGet's 100 keys one
   * query of the whole collection (a few dozen partners fit in one response page).
   */
  async getMany(ids: readonly string[]): Promise<Map<string, PartnerRecord>> {
    const wanted = new Set(ids);
    if (wanted.size <= batchGetLimit) return batchGetByIds(this.db, this.tableName, [...wanted], keys.partner, toRecord);
    const result = new Map<string, PartnerRecord>();
    for (const partner of await this.listAll()) if (wanted.has(partner.id)) result.set(partner.id, partner);
    return result;
  }

  /** A page of partners ordered by name: one Query. */
  list(limit: number, after?: string): Promise<Page<PartnerRecord>> {
    return queryCollectionPage(this.db, this.tableName, { partition: keys.partnersPartition }, limit, after, toRecord);
  }

  /** Every partner (the network has a few dozen). */
  listAll(): Promise<PartnerRecord[]> {
    return queryWholeCollection(this.db, this.tableName, { partition: keys.partnersPartition }, toRecord);
  }
}
