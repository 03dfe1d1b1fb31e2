import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetByIds } from '../../shared/dynamodb/batch-get';
import { queryCollectionPage, queryWholeCollection, stripKeys } from '../../shared/dynamodb/collection-query';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import type { Page } from '../../shared/dynamodb/cursor';
import { keys } from '../../shared/dynamodb/keys';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { versionedReplace, writeVersioned } from '../../shared/dynamodb/versioned-write';
import type { AgendaItemRecord, MeetingRecord, RsvpResponse } from './meeting';

/** Agenda items waiting for the next meeting to be scheduled; `version` 0 while none was ever kept. */
export interface NextMeetingAgenda {
  items: AgendaItemRecord[];
  version: number;
}

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

/** The stored item of a meeting, for the benches that write many at once (test/bench/bench-data.ts). */
export { toItem as meetingItem };

export class MeetingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores a new meeting, links it from the previous one, and records its outbox dispatch: one
   * transaction. A condition of `extra` that fails (the agenda kept for the next meeting changed)
   * is a VersionConflictError.
   */
  async create(meeting: MeetingRecord, extra: TransactItem[]): Promise<void> {
    const items: TransactItem[] = [this.createEntry(meeting)];
    if (meeting.previousMeetingId) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.meeting(meeting.previousMeetingId),
          // A meeting is the previous one of at most one: a concurrent link makes this a conflict, decided again.
          UpdateExpression: 'SET nextMeetingId = :next',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(nextMeetingId)',
          ExpressionAttributeValues: { ':next': meeting.id },
        },
      });
    }
    await writeVersioned(this.db, { entity: 'Meeting', id: meeting.id }, [...items, ...extra]);
  }

  /** The transaction entry that stores a new meeting (refused should its id exist). */
  createEntry(meeting: MeetingRecord): TransactItem {
    return { Put: { TableName: this.tableName, Item: toItem(meeting), ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Replaces a meeting if nobody changed it since `expectedVersion`, with its dispatch, atomically. */
  replace(meeting: MeetingRecord, expectedVersion: number, extra: TransactItem[]): Promise<void> {
    return versionedReplace(this.db, {
      entity: 'Meeting',
      id: meeting.id,
      tableName: this.tableName,
      item: toItem(meeting),
      expectedVersion,
      extra,
    });
  }

  /**
   * Records one partner's answer by updating only its entry, so concurrent answers of different
   * partners never overwrite each other. Refused (returns undefined) unless the partner is invited
   * to a meeting that is still planned, and, with `onlyIfLater`, unless the stored answer is older than `at`.
   */
  async recordResponse(
    meetingId: string,
    partnerId: string,
    response: RsvpResponse,
    at: string,
    options: { onlyIfLater?: boolean } = {},
  ): Promise<MeetingRecord | undefined> {
    const later = options.onlyIfLater
      ? ' AND (attribute_not_exists(invitations.#partner.respondedAt) OR invitations.#partner.respondedAt < :at)'
      : '';
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.meeting(meetingId),
          // The version moves too, so a coordinator's edit based on an older read cannot drop this answer.
          UpdateExpression:
            'SET invitations.#partner.#response = :response, invitations.#partner.respondedAt = :at, version = version + :one',
          ConditionExpression: `attribute_exists(invitations.#partner) AND #status = :planned${later}`,
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
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.meeting(id), ConsistentRead: true }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  getMany(ids: readonly string[]): Promise<Map<string, MeetingRecord>> {
    return batchGetByIds(this.db, this.tableName, ids, keys.meeting, toRecord);
  }

  /** Meetings starting in [from, to), oldest first: one Query. */
  listByStart(range: { from?: Date; to?: Date }, limit: number, after?: string): Promise<Page<MeetingRecord>> {
    return queryCollectionPage(
      this.db,
      this.tableName,
      { partition: keys.meetingsPartition, ...startRange(range.from, range.to) },
      limit,
      after,
      toRecord,
    );
  }

  /** Every meeting starting from `from` (calendar feeds). */
  listAllFrom(from: Date): Promise<MeetingRecord[]> {
    return queryWholeCollection(this.db, this.tableName, { partition: keys.meetingsPartition, from: from.toISOString() }, toRecord);
  }

  /**
   * Every meeting that started before `to`, oldest first (attendance over time): one Query per
   * megabyte of meetings, whatever the number of partners asked about.
   */
  listStartedBefore(to: Date): Promise<MeetingRecord[]> {
    return queryWholeCollection(this.db, this.tableName, { partition: keys.meetingsPartition, to: to.toISOString() }, toRecord);
  }

  /** The first PLANNED meeting that starts after `now` (cancelled ones, and `exceptId`, are skipped). */
  async findNextPlanned(now: Date, exceptId?: string): Promise<MeetingRecord | undefined> {
    let after: string | undefined;
    do {
      const page = await this.listByStart({ from: now }, 10, after);
      const planned = page.items.find((meeting) => meeting.status === 'PLANNED' && meeting.id !== exceptId);
      if (planned) return planned;
      after = page.hasNextPage ? page.cursors[page.cursors.length - 1] : undefined;
    } while (after);
    return undefined;
  }

  /** The transaction entry that appends items to a meeting's agenda, on condition it is still planned. */
  agendaAppend(meetingId: string, items: AgendaItemRecord[], now: string, maxItems?: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.meeting(meetingId),
        // The version moves, so a coordinator's edit based on an older read cannot drop the item.
        UpdateExpression: 'SET agenda = list_append(agenda, :items), version = version + :one, updatedAt = :now',
        // With `maxItems`, an agenda filled meanwhile fails the condition: the caller reads again and places elsewhere.
        ConditionExpression: '#status = :planned' + (maxItems !== undefined ? ' AND size(agenda) <= :room' : ''),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':items': items,
          ':one': 1,
          ':now': now,
          ':planned': 'PLANNED',
          ...(maxItems !== undefined ? { ':room': maxItems - items.length } : {}),
        },
      },
    };
  }

  /**
   * The transaction entry that replaces (or, without `item`, removes) the agenda item at `index`, on
   * condition the meeting is still planned and that place still holds the item `itemId`: a
   * coordinator's reordering meanwhile fails it, and the change is decided again.
   */
  agendaItemSet(meetingId: string, index: number, itemId: string, item: AgendaItemRecord | undefined, now: string): TransactItem {
    const path = `agenda[${Math.trunc(index)}]`;
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.meeting(meetingId),
        UpdateExpression: item
          ? `SET ${path} = :item, version = version + :one, updatedAt = :now`
          : `SET version = version + :one, updatedAt = :now REMOVE ${path}`,
        ConditionExpression: `#status = :planned AND ${path}.#id = :itemId`,
        ExpressionAttributeNames: { '#status': 'status', '#id': 'id' },
        ExpressionAttributeValues: { ...(item ? { ':item': item } : {}), ':one': 1, ':now': now, ':planned': 'PLANNED', ':itemId': itemId },
      },
    };
  }

  /**
   * The transaction entry that holds only while the meeting stands as a reminder says: its status,
   * its start (not moved since), and for the next-date reminder still no next meeting.
   */
  standsAsCheck(
    meetingId: string,
    expected: { status: MeetingRecord['status']; startsAt?: string; withoutNextMeeting?: boolean },
  ): TransactItem {
    const conditions = ['#status = :status'];
    const values: Record<string, string> = { ':status': expected.status };
    if (expected.startsAt) {
      conditions.push('startsAt = :startsAt');
      values[':startsAt'] = expected.startsAt;
    }
    if (expected.withoutNextMeeting) conditions.push('attribute_not_exists(nextMeetingId)');
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.meeting(meetingId),
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    };
  }

  async getNextMeetingAgenda(): Promise<NextMeetingAgenda> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.nextMeetingAgenda(), ConsistentRead: true }));
    return {
      items: (result.Item?.items as AgendaItemRecord[] | undefined) ?? [],
      version: (result.Item?.version as number | undefined) ?? 0,
    };
  }

  /**
   * The transaction entry that replaces the agenda kept for the next meeting, on condition that
   * nobody changed it since `seen` was read: scheduling a meeting (which empties it) and keeping an
   * item for the next meeting (which found none planned) then cannot pass each other.
   */
  nextMeetingAgendaPut(items: AgendaItemRecord[], seen: NextMeetingAgenda, now: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.nextMeetingAgenda(), items, version: seen.version + 1, updatedAt: now },
        ConditionExpression: seen.version === 0 ? 'attribute_not_exists(PK)' : 'version = :seen',
        ...(seen.version === 0 ? {} : { ExpressionAttributeValues: { ':seen': seen.version } }),
      },
    };
  }

  async getStandingThemes(): Promise<string[]> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.standingThemes(), ConsistentRead: true }));
    return (result.Item?.themes as string[] | undefined) ?? [];
  }

  async setStandingThemes(themes: string[], at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.standingThemes(), themes, updatedAt: at } }));
  }
}
