import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import { queryDue } from '../../shared/dynamodb/due-query';
import { keys } from '../../shared/dynamodb/keys';
import { recordOf } from '../../shared/dynamodb/record-of';
import { tableIndexes, ttlAttribute } from '../../shared/dynamodb/table-definition';
import {
  firstDueAt,
  type OutboxDispatch,
  type OutboxDispatchOf,
  type OutboxKind,
  type OutboxMessage,
  type OutboxMessageOf,
} from './outbox';

const dueIndex = tableIndexes.byDueTime;
/** Sent and failed messages are kept this long for inspection, then expire (TTL). */
export const outboxRetentionDays = 90;
const retentionSeconds = outboxRetentionDays * 24 * 3600;
/**
 * A message's pointer from its address (personalData, erasePerson) outlives the message: it is
 * written at expansion and the message expires 90 days after it closes, which is within days.
 */
const pointerRetentionSeconds = retentionSeconds + 30 * 24 * 3600;

const dispatchAttributes = { id: true, kind: true, payload: true, recipients: true, createdAt: true } as const;
const messageAttributes = {
  dispatchId: true,
  kind: true,
  payload: true,
  recipient: true,
  status: true,
  attempts: true,
  createdAt: true,
  sentAt: true,
  lastError: true,
} as const;

export type DueItem =
  { type: 'dispatch'; dueKey: string; dispatch: OutboxDispatch } | { type: 'message'; dueKey: string; message: OutboxMessage };

export class OutboxRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The transaction entry that records a dispatch; services add it to their own transaction. */
  dispatchPut(dispatch: OutboxDispatch, dueAt: Date) {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.outboxDispatch(dispatch.id),
          ...keys.outboxDue(dueAt.toISOString(), dispatch.id, 'DISPATCH'),
          type: 'dispatch',
          ...dispatch,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  /** Dispatches and messages whose time has come, oldest first: one Query on `byDueTime`. */
  async findDue(now: Date, limit: number): Promise<DueItem[]> {
    const items = await queryDue(this.db, this.tableName, keys.outboxPartition, now, limit);
    return items.map((item) => {
      const dueKey = String(item[dueIndex.sortKey]);
      if (item.type === 'dispatch') return { type: 'dispatch', dueKey, dispatch: recordOf<OutboxDispatch>(item, dispatchAttributes) };
      return { type: 'message', dueKey, message: recordOf<OutboxMessage>(item, messageAttributes) };
    });
  }

  /**
   * Creates the dispatch's messages (each only if absent, so a second expansion after a crash
   * creates nothing twice) and then takes the dispatch off the due index.
   */
  async expand<K extends OutboxKind>(dispatch: OutboxDispatchOf<K>, now: Date): Promise<number> {
    // The puts are independent, so they go out together: one round of requests, not one per recipient.
    const outcomes = await Promise.all(
      dispatch.recipients.map(async (recipient) => {
        const message: OutboxMessageOf<K> = {
          dispatchId: dispatch.id,
          kind: dispatch.kind,
          payload: dispatch.payload,
          recipient,
          status: 'PENDING',
          attempts: 0,
          createdAt: now.toISOString(),
        };
        try {
          // The address's pointer to this copy first: a copy is never without its pointer.
          await this.db.send(
            new PutCommand({
              TableName: this.tableName,
              Item: {
                ...keys.personPointer(recipient.key, keys.personOutboxTarget(dispatch.id)),
                type: 'person-pointer',
                dispatchId: dispatch.id,
                [ttlAttribute]: Math.floor(now.getTime() / 1000) + pointerRetentionSeconds,
              },
            }),
          );
          await this.db.send(
            new PutCommand({
              TableName: this.tableName,
              Item: {
                ...keys.outboxMessage(dispatch.id, recipient.key),
                ...keys.outboxDue(firstDueAt(recipient, now).toISOString(), dispatch.id, recipient.key),
                type: 'message',
                ...message,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          );
          return 1;
        } catch (error) {
          if (isConditionFailure(error)) return 0;
          throw error;
        }
      }),
    );
    const created = outcomes.reduce<number>((sum, one) => sum + one, 0);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.outboxDispatch(dispatch.id),
        UpdateExpression: 'SET expandedAt = :now, #ttl = :ttl REMOVE #gpk, #gsk',
        ExpressionAttributeNames: { '#gpk': dueIndex.partitionKey, '#gsk': dueIndex.sortKey, '#ttl': ttlAttribute },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':ttl': Math.floor(now.getTime() / 1000) + retentionSeconds },
      }),
    );
    return created;
  }

  /**
   * Takes a message for sending: moves its due time to the end of the lease, on condition that
   * nobody moved it since we read it. Of two jobs that read the same message, one wins. If the
   * winner dies before recording the result, the message falls due again when the lease ends.
   */
  async claim(message: OutboxMessage, seenDueKey: string, leaseUntil: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
          UpdateExpression: 'SET #gsk = :lease, attempts = attempts + :one',
          ConditionExpression: '#gsk = :seen AND #status = :pending',
          ExpressionAttributeNames: { '#gsk': dueIndex.sortKey, '#status': 'status' },
          ExpressionAttributeValues: {
            ':lease': keys.outboxDue(leaseUntil.toISOString(), message.dispatchId, message.recipient.key).GSI2SK,
            ':seen': seenDueKey,
            ':pending': 'PENDING',
            ':one': 1,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  markSent(message: OutboxMessage, now: Date, providerMessageId: string): Promise<void> {
    return this.close(message, now, { status: 'SENT', sentAt: now.toISOString(), providerMessageId });
  }

  async scheduleRetry(message: OutboxMessage, retryAt: Date, error: { code: string }, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
        UpdateExpression: 'SET #gsk = :due, lastError = :error',
        ExpressionAttributeNames: { '#gsk': dueIndex.sortKey },
        ExpressionAttributeValues: {
          ':due': keys.outboxDue(retryAt.toISOString(), message.dispatchId, message.recipient.key).GSI2SK,
          ':error': { code: error.code, permanent: false, at: now.toISOString() },
        },
      }),
    );
  }

  markFailed(message: OutboxMessage, error: { code: string; permanent: boolean }, now: Date): Promise<void> {
    return this.close(message, now, { status: 'FAILED', lastError: { ...error, at: now.toISOString() } });
  }

  markWithdrawn(message: OutboxMessage, reason: string, now: Date): Promise<void> {
    return this.close(message, now, { status: 'WITHDRAWN', withdrawnAt: now.toISOString(), withdrawnBecause: reason });
  }

  /** The dispatch and this address's copy of it (personalData, erasePerson): two GetItems. */
  async findCopy(dispatchId: string, addressKey: string): Promise<{ dispatch?: Record<string, unknown>; message?: OutboxMessage }> {
    const [dispatch, message] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.outboxDispatch(dispatchId), ConsistentRead: true })),
      this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.outboxMessage(dispatchId, addressKey), ConsistentRead: true })),
    ]);
    return {
      dispatch: dispatch.Item,
      message: message.Item ? recordOf<OutboxMessage>(message.Item, messageAttributes) : undefined,
    };
  }

  /**
   * Dispatches not yet expanded into messages (they wait minutes at most): one Query of the outbox
   * partition of `byDueTime` per page, dispatches only. Their recipient lists still hold addresses.
   */
  async findUnexpandedDispatches(): Promise<OutboxDispatch[]> {
    const dispatches: OutboxDispatch[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const response = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: dueIndex.name,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: '#type = :dispatch',
          ExpressionAttributeNames: { '#pk': dueIndex.partitionKey, '#type': 'type' },
          ExpressionAttributeValues: { ':pk': keys.outboxPartition, ':dispatch': 'dispatch' },
          ExclusiveStartKey: startKey,
        }),
      );
      dispatches.push(...(response.Items ?? []).map((item) => recordOf<OutboxDispatch>(item, dispatchAttributes)));
      startKey = response.LastEvaluatedKey;
    } while (startKey);
    return dispatches;
  }

  /**
   * Takes one address out of a dispatch's recipient list, on condition the list is the one read
   * (a concurrent change makes the caller read again). False when the condition failed.
   */
  async removeRecipient(dispatchId: string, recipients: readonly { key: string }[], addressKey: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxDispatch(dispatchId),
          UpdateExpression: 'SET recipients = :kept',
          ConditionExpression: 'recipients = :seen',
          ExpressionAttributeValues: { ':kept': recipients.filter((r) => r.key !== addressKey), ':seen': recipients },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Deletes an address's copy of a dispatch and its pointer (erasePerson, or an erased address at send time). */
  async forgetCopy(dispatchId: string, addressKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.outboxMessage(dispatchId, addressKey) }));
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: keys.personPointer(addressKey, keys.personOutboxTarget(dispatchId)) }),
    );
  }

  /** Ends a message's life on the due index: sets the given fields and lets TTL remove it later. */
  private async close(message: OutboxMessage, now: Date, fields: Record<string, unknown>): Promise<void> {
    const names = Object.keys(fields);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}, #ttl = :ttl REMOVE #gpk, #gsk`,
        ExpressionAttributeNames: {
          ...Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
          '#gpk': dueIndex.partitionKey,
          '#gsk': dueIndex.sortKey,
          '#ttl': ttlAttribute,
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])),
          ':ttl': Math.floor(now.getTime() / 1000) + retentionSeconds,
        },
      }),
    );
  }
}
