import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stripKeys } from '../../shared/dynamodb/collection-query';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import { queryDue } from '../../shared/dynamodb/due-query';
import { keys } from '../../shared/dynamodb/keys';
import { tableIndexes } from '../../shared/dynamodb/table-definition';
import { transactWrite, type TransactItem } from '../../shared/dynamodb/transaction';
import type { MeetingReminderKind, MeetingReminderRecord, PlannedReminder } from './meeting-reminders';

const dueIndex = tableIndexes.byDueTime;

/** A due reminder with the index key it was found under: the claim holds only while that is unchanged. */
export interface DueReminder {
  reminder: MeetingReminderRecord;
  dueKey: string;
}

/** The reminder items beside each meeting: written with the meeting's changes, claimed by the job. */
export class MeetingRemindersRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The transaction entry that (re)writes a pending reminder; it replaces the kind's earlier one. */
  putEntry(meeting: { id: string; startsAt: string; version: number }, planned: PlannedReminder, now: string): TransactItem {
    const record: MeetingReminderRecord = {
      meetingId: meeting.id,
      kind: planned.kind,
      dueAt: planned.dueAt.toISOString(),
      startsAt: meeting.startsAt,
      meetingVersion: meeting.version,
      status: 'PENDING',
      writtenAt: now,
    };
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.meetingReminder(meeting.id, planned.kind),
          ...keys.meetingReminderDue(record.dueAt, meeting.id, planned.kind),
          ...record,
        },
      },
    };
  }

  /** The transaction entry that voids a reminder (whether pending, sent or absent). */
  voidEntry(meetingId: string, kind: MeetingReminderKind): TransactItem {
    return { Delete: { TableName: this.tableName, Key: keys.meetingReminder(meetingId, kind) } };
  }

  /** Pending reminders due at `now`, earliest first: one Query on `byDueTime`. */
  async findDue(now: Date, limit: number): Promise<DueReminder[]> {
    const items = await queryDue(this.db, this.tableName, keys.meetingRemindersPartition, now, limit);
    return items.map((item) => ({ reminder: stripKeys<MeetingReminderRecord>(item), dueKey: String(item[dueIndex.sortKey]) }));
  }

  /**
   * The transaction entry that claims a due reminder: it leaves the due index as SENT, on condition
   * it is still the one found (not claimed by another run, not rewritten for a new time or voided).
   */
  claimEntry(due: DueReminder, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.meetingReminder(due.reminder.meetingId, due.reminder.kind),
        UpdateExpression: 'SET #status = :sent, sentAt = :now REMOVE #duePk, #dueSk',
        ConditionExpression: '#dueSk = :seen',
        ExpressionAttributeNames: { '#status': 'status', '#duePk': dueIndex.partitionKey, '#dueSk': dueIndex.sortKey },
        ExpressionAttributeValues: { ':sent': 'SENT', ':now': now, ':seen': due.dueKey },
      },
    };
  }

  /**
   * Writes a claim (`claimEntry`) with what goes with it, in one transaction; false when one of
   * their conditions failed (another run claimed it first, or the meeting changed).
   */
  async claim(items: TransactItem[]): Promise<boolean> {
    try {
      await transactWrite(this.db, items);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Takes a reminder that no longer applies off the due index (VOID), on the same condition as a
   * claim. False when another run or a change of the meeting got there first.
   */
  async markVoid(due: DueReminder): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.meetingReminder(due.reminder.meetingId, due.reminder.kind),
          UpdateExpression: 'SET #status = :void REMOVE #duePk, #dueSk',
          ConditionExpression: '#dueSk = :seen',
          ExpressionAttributeNames: { '#status': 'status', '#duePk': dueIndex.partitionKey, '#dueSk': dueIndex.sortKey },
          ExpressionAttributeValues: { ':void': 'VOID', ':seen': due.dueKey },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
