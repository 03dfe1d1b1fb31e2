import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../shared/dynamodb/batch-get';
import { queryCollectionPage, queryWholeCollection, stripKeys } from '../../shared/dynamodb/collection-query';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import type { Page } from '../../shared/dynamodb/cursor';
import { keys } from '../../shared/dynamodb/keys';
import type { TransactItem } from '../../shared/dynamodb/transact';
import { VersionConflictError } from '../../shared/errors';
import type { MeetingRecord, RsvpResponse } from './meeting';

function toRecord(item: Record<string, unknown>): MeetingRecord {
  return stripKeys<MeetingRecord>(item);
}

function toItem(meeting: MeetingRecord) {
  return { ...keys.meeting(meeting.id), ...keys.meetingCollection(meeting.startsAt, meeting.id), ...meeting };
}

/** Bounds of a [from, to) range as inclusive sort-key bounds on `<startsAt ISO>#<id>`. */
function startRange(from?: Date, to?: Date) {
  // "<to ISO>" sorts before "<to ISO>#<id>", so a meeting starting exactly at `to` stays out.
  return { from: from?.toISOString(), to: to?.toISOString() };
}

export class MeetingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores a new meeting, links it from the previous one, and records its outbox dispatch: one transaction. */
  async create(meeting: MeetingRecord, extra: TransactItem[]): Promise<void> {
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: toItem(meeting), ConditionExpression: 'attribute_not_exists(PK)' } },
    ];
    if (meeting.previousMeetingId) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.meeting(meeting.previousMeetingId),
          UpdateExpression: 'SET nextMeetingId = :next',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':next': meeting.id },
        },
      });
    }
    await this.db.send(new TransactWriteCommand({ TransactItems: [...items, ...extra] }));
  }

  /** Replaces a meeting if nobody changed it since `expectedVersion`, with its dispatch, atomically. */
  async replace(meeting: MeetingRecord, expectedVersion: number, extra: TransactItem[]): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: toItem(meeting),
                ConditionExpression: 'attribute_exists(PK) AND version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            ...extra,
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new VersionConflictError('Meeting', meeting.id, { cause: error });
      throw error;
    }
  }

  /**
   * Records one partner's answer by updating only its entry, so concurrent answers of different
   * partners never overwrite each other. Refused (returns undefined) unless the partner is invited
   * to a meeting that is still planned.
   */
  async recordResponse(meetingId: string, partnerId: string, response: RsvpResponse, at: string): Promise<MeetingRecord | undefined> {
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.meeting(meetingId),
          // The version moves too, so a coordinator's edit based on an older read cannot drop this answer.
          UpdateExpression: 'SET invitations.#partner.#response = :response, invitations.#partner.respondedAt = :at, version = version + :one',
          ConditionExpression: 'attribute_exists(invitations.#partner) AND #status = :planned',
          ExpressionAttributeNames: { '#partner': partnerId, '#response': 'response', '#status': 'status' },
          ExpressionAttributeValues: { ':response': response, ':at': at, ':planned': 'PLANNED', ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? toRecord(result.Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async get(id: string): Promise<MeetingRecord | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.meeting(id) }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, MeetingRecord>> {
    const result = new Map<string, MeetingRecord>();
    for (const item of await batchGetItems(this.db, this.tableName, [...new Set(ids)].map((id) => keys.meeting(id)))) {
      const meeting = toRecord(item);
      result.set(meeting.id, meeting);
    }
    return result;
  }

  /** Meetings starting in [from, to), oldest first: one Query. */
  listByStart(range: { from?: Date; to?: Date }, limit: number, after?: string): Promise<Page<MeetingRecord>> {
    return queryCollectionPage(this.db, this.tableName, { partition: keys.meetingsPartition, ...startRange(range.from, range.to) }, limit, after, toRecord);
  }

  /** Every meeting starting from `from` (calendar feeds). */
  listAllFrom(from: Date): Promise<MeetingRecord[]> {
    return queryWholeCollection(this.db, this.tableName, { partition: keys.meetingsPartition, from: from.toISOString() }, toRecord);
  }

  async getStandingThemes(): Promise<string[]> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.standingThemes() }));
    return (result.Item?.themes as string[] | undefined) ?? [];
  }

  async setStandingThemes(themes: string[], at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.standingThemes(), themes, updatedAt: at } }));
  }
}
