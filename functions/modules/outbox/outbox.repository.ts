import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../../shared/concurrency';
import { batchGetByIds } from '../../shared/dynamodb/batch-get';
import { batchPutItems } from '../../shared/dynamodb/batch-write';
import { isConditionFailure, writtenIf } from '../../shared/dynamodb/conditional';
import { queryDue, queryWholeDuePartition } from '../../shared/dynamodb/due-query';
import { queryAll } from '../../shared/dynamodb/query-all';
import { keys } from '../../shared/dynamodb/keys';
import { recordOf } from '../../shared/dynamodb/record-of';
import { tableIndexes, ttlAttribute } from '../../shared/dynamodb/table-definition';
import {
  firstDueAt,
  isPaced,
  provisionalDueAt,
  type OutboxRecipient,
  type OutboxDispatch,
  type OutboxDispatchOf,
  type OutboxKind,
  type OutboxMessage,
  type OutboxMessageOf,
  type OutboxSeries,
} from './outbox';

const dueIndex = tableIndexes.byDueTime;
/** How long past its expansion's lease a versioned copy waits for its marker if the expansion is cut short. */
const versionedHoldMs = 60 * 60_000;
/** Sent and failed messages are kept this long for inspection, then expire (TTL). */
export const outboxRetentionDays = 90;
const retentionSeconds = outboxRetentionDays * 24 * 3600;
/**
 * A message's pointer from its address (personalData, erasePerson) outlives the message: it is
 * written at expansion and the message expires 90 days after it closes, which is within days.
 */
const pointerRetentionSeconds = retentionSeconds + 30 * 24 * 3600;
/** Newest-version markers of one expansion taken at a time. */
const markerConcurrency = 25;

const dispatchAttributes = { id: true, kind: true, payload: true, recipients: true, createdAt: true, series: true } as const;
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
  claimedBy: true,
  supersededBy: true,
} as const;

/** A copy written at its provisional due time (`provisionalDueAt`), to be scheduled from the round's anchor once its expansion is done. */
export interface HeldCopy {
  dispatchId: string;
  recipient: OutboxRecipient;
  provisionalDueKey: string;
}

/** What an expansion wrote: how many copies, and which of them wait at a provisional time. */
export interface Expansion {
  created: number;
  held: HeldCopy[];
}

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
   * Takes a dispatch for expanding: moves its due time to the end of a short lease, on condition
   * that nobody moved it since we read it. Of two runs that read it, one expands it; the other
   * leaves it. A run that dies while expanding leaves it to be expanded again when the lease ends.
   */
  claimDispatch(dispatch: OutboxDispatch, seenDueKey: string, leaseUntil: Date): Promise<boolean> {
    return this.moveDispatch(dispatch, seenDueKey, leaseUntil);
  }

  /** Gives a dispatch's claim back after a failed expansion: due again at `dueAt`, for the next run. */
  releaseDispatch(dispatch: OutboxDispatch, leaseUntil: Date, dueAt: Date): Promise<boolean> {
    return this.moveDispatch(dispatch, keys.outboxDue(leaseUntil.toISOString(), dispatch.id, 'DISPATCH').GSI2SK, dueAt);
  }

  /** Moves a dispatch on the due index to `to`, on condition that it is still where it was seen. */
  private moveDispatch(dispatch: OutboxDispatch, seenDueKey: string, to: Date): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxDispatch(dispatch.id),
          UpdateExpression: 'SET #gsk = :to',
          ConditionExpression: '#gsk = :seen',
          ExpressionAttributeNames: { '#gsk': dueIndex.sortKey },
          ExpressionAttributeValues: { ':to': keys.outboxDue(to.toISOString(), dispatch.id, 'DISPATCH').GSI2SK, ':seen': seenDueKey },
        }),
      ),
    );
  }

  /**
   * Creates the dispatch's messages and then takes the dispatch off the due index. The copies that
   * exist already (an expansion repeated after a crash or an error) are read first and left as
   * they are: BatchWriteItem takes no condition, so only absent copies are written, by 25 a
   * request. Callers hold the dispatch's claim (`claimDispatch`) so that no other run writes them
   * meanwhile. Every pointer is written before any copy: a copy is never without its pointer.
   * A versioned dispatch then takes, per recipient, the newest-version marker (`takeLatest`).
   */
  async expand<K extends OutboxKind>(dispatch: OutboxDispatchOf<K>, now: Date, leaseUntil?: Date): Promise<Expansion> {
    const existing = await batchGetByIds(
      this.db,
      this.tableName,
      dispatch.recipients.map((recipient) => recipient.key),
      (key) => keys.outboxMessage(dispatch.id, key),
      (item) => item,
      ['PK', 'SK', dueIndex.sortKey, 'status', 'claimedBy'],
    );
    const fresh = dispatch.recipients.filter((recipient) => !existing.has(recipient.key));
    const held: HeldCopy[] = [];
    // Held at a provisional time while the expansion runs: a paced copy until the round's copies
    // are written (its pace counts from then), a versioned one until its version took the marker
    // (a copy a newer version supersedes must never be claimable unmarked, even if the marker fails:
    // it waits an hour past the lease, time enough for the dispatch to be expanded again).
    const holdMs = leaseUntil ? leaseUntil.getTime() - now.getTime() + (dispatch.series ? versionedHoldMs : 0) : 0;
    const dueAt = (recipient: OutboxRecipient) => {
      if (!leaseUntil || !(isPaced(recipient) || dispatch.series)) return firstDueAt(recipient, now);
      const provisional = provisionalDueAt(recipient, now, holdMs);
      held.push({
        dispatchId: dispatch.id,
        recipient,
        provisionalDueKey: keys.outboxDue(provisional.toISOString(), dispatch.id, recipient.key).GSI2SK,
      });
      return provisional;
    };
    // Copies an interrupted expansion wrote and left at their provisional time are scheduled now
    // too, once this expansion has taken their markers.
    if (leaseUntil)
      for (const recipient of dispatch.recipients) {
        const copy = existing.get(recipient.key);
        const dueKey = copy?.[dueIndex.sortKey];
        if (!copy || copy.status !== 'PENDING' || copy.claimedBy !== undefined || typeof dueKey !== 'string') continue;
        if (!(isPaced(recipient) || dispatch.series) || dueKey.split('#')[0] <= now.toISOString()) continue;
        held.push({ dispatchId: dispatch.id, recipient, provisionalDueKey: dueKey });
      }
    const pointerExpiry = Math.floor(now.getTime() / 1000) + pointerRetentionSeconds;
    await batchPutItems(
      this.db,
      this.tableName,
      dispatch.recipients.map((recipient) => ({
        ...keys.personPointer(recipient.key, keys.personOutboxTarget(dispatch.id)),
        type: 'person-pointer',
        dispatchId: dispatch.id,
        [ttlAttribute]: pointerExpiry,
      })),
    );
    await batchPutItems(
      this.db,
      this.tableName,
      fresh.map((recipient) => {
        const message: OutboxMessageOf<K> = {
          dispatchId: dispatch.id,
          kind: dispatch.kind,
          payload: dispatch.payload,
          recipient,
          status: 'PENDING',
          attempts: 0,
          createdAt: now.toISOString(),
        };
        return {
          ...keys.outboxMessage(dispatch.id, recipient.key),
          ...keys.outboxDue(dueAt(recipient).toISOString(), dispatch.id, recipient.key),
          type: 'message',
          ...message,
        };
      }),
    );
    const series = dispatch.series;
    // Every copy, also one written before: an expansion cut short between the write and the marker takes it now.
    if (series)
      await forEachConcurrently(dispatch.recipients, markerConcurrency, (recipient) =>
        this.takeLatest(series, dispatch.id, recipient.key, now),
      );
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.outboxDispatch(dispatch.id),
        UpdateExpression: 'SET expandedAt = :now, #ttl = :ttl REMOVE #gpk, #gsk',
        ExpressionAttributeNames: { '#gpk': dueIndex.partitionKey, '#gsk': dueIndex.sortKey, '#ttl': ttlAttribute },
        ExpressionAttributeValues: { ':now': now.toISOString(), ':ttl': Math.floor(now.getTime() / 1000) + retentionSeconds },
      }),
    );
    return { created: fresh.length, held };
  }

  /**
   * Moves the held copies of a round's expansions from their provisional due time to their delay
   * (none for an unpaced copy) after `anchor`, the moment the round's copies were all written and
   * their markers taken: one conditional UpdateItem each, first due first, left as they are if a
   * run took one meanwhile or it waits behind an older version in flight (`heldUntil`:
   * it then keeps its provisional time, which lies beyond the older copy's lease).
   */
  async scheduleHeld(copies: readonly HeldCopy[], anchor: Date): Promise<void> {
    const inOrder = [...copies].sort((a, b) => (a.recipient.delayMs ?? 0) - (b.recipient.delayMs ?? 0));
    await forEachConcurrently(inOrder, markerConcurrency, async ({ dispatchId, recipient, provisionalDueKey }) => {
      const dueAt = firstDueAt(recipient, anchor).toISOString();
      const move = (to: string, heldUntil?: string) =>
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.outboxMessage(dispatchId, recipient.key),
            UpdateExpression: 'SET #gsk = :due',
            ConditionExpression:
              '#gsk = :provisional AND #status = :pending AND attribute_not_exists(claimedBy) AND ' +
              (heldUntil ? 'heldUntil = :held' : '(attribute_not_exists(heldUntil) OR heldUntil <= :dueAt)'),
            ExpressionAttributeNames: { '#gsk': dueIndex.sortKey, '#status': 'status' },
            ExpressionAttributeValues: {
              ...(heldUntil ? { ':held': heldUntil } : { ':dueAt': to }),
              ':due': keys.outboxDue(to, dispatchId, recipient.key).GSI2SK,
              ':provisional': provisionalDueKey,
              ':pending': 'PENDING',
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      try {
        await move(dueAt);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // Held behind an older version in flight (`holdBehind`): due when that lease ends instead.
        const heldUntil = error.Item?.heldUntil?.S;
        if (heldUntil && heldUntil > dueAt && error.Item?.[dueIndex.sortKey]?.S === provisionalDueKey)
          await writtenIf(move(heldUntil, heldUntil));
      }
    });
  }

  /**
   * Run after the recipient's copy of `dispatchId` is written: records it as the newest version of
   * its series for the recipient (the marker) and marks the copy of the version the marker held
   * before as superseded (it is then withdrawn, never sent). When a newer version took the marker
   * first, this copy marks itself. Because each copy exists before its version takes the marker,
   * of two versions expanded at the same instant the older copy is always found and marked,
   * whichever takes the marker first. When the older copy is being sent right now, this one waits
   * for the end of its lease, so it cannot overtake it. The marker keeps the version before it, so
   * an expansion repeated after a crash still marks it.
   */
  private async takeLatest(series: OutboxSeries, dispatchId: string, recipientKey: string, now: Date): Promise<void> {
    let previous: string | undefined;
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxSeriesLatest(series.key, recipientKey),
          UpdateExpression: 'SET #previous = if_not_exists(#latest, :none), #latest = :id, #version = :version, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
          ExpressionAttributeNames: {
            '#previous': 'previousDispatchId',
            '#latest': 'dispatchId',
            '#version': 'version',
            '#ttl': ttlAttribute,
          },
          ExpressionAttributeValues: {
            ':none': '',
            ':id': dispatchId,
            ':version': series.version,
            ':ttl': Math.floor(now.getTime() / 1000) + pointerRetentionSeconds,
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      previous = Attributes?.previousDispatchId as string | undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const latest = error.Item?.dispatchId?.S;
      if (latest !== dispatchId) {
        // A newer version came first: this copy must never leave.
        await this.markSuperseded(dispatchId, recipientKey, latest ?? 'unknown');
        return;
      }
      previous = error.Item?.previousDispatchId?.S;
    }
    if (!previous) return;
    const older = await this.markSuperseded(previous, recipientKey, dispatchId);
    const holdUntil = older && inFlightUntil(older);
    if (!holdUntil) return;
    // Held behind the older copy, and so is every version that superseded this one meanwhile: a
    // newer version that marked this copy before its hold was written read no hold from it, so
    // the hold is carried on along `supersededBy` (one of the two always sees the other).
    const seen = new Set<string>();
    for (let target: string | undefined = dispatchId; target && !seen.has(target);) {
      seen.add(target);
      target = await this.holdBehind(target, recipientKey, holdUntil);
    }
  }

  /**
   * Keeps a copy from leaving before `holdUntil` (the end of an older version's lease), while
   * nobody has claimed it: `heldUntil` keeps `scheduleHeld` from moving it to the round's anchor,
   * and a copy due earlier is moved to `holdUntil`. Returns the version that superseded it, if any.
   */
  private async holdBehind(dispatchId: string, recipientKey: string, holdUntil: string): Promise<string | undefined> {
    let held: Record<string, unknown> | undefined;
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(dispatchId, recipientKey),
          UpdateExpression: 'SET heldUntil = :until',
          ConditionExpression:
            '#status = :pending AND attribute_not_exists(claimedBy) AND (attribute_not_exists(heldUntil) OR heldUntil < :until)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':until': holdUntil, ':pending': 'PENDING' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      held = Attributes;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
    const holdKey = keys.outboxDue(holdUntil, dispatchId, recipientKey).GSI2SK;
    const dueKey = held?.[dueIndex.sortKey];
    // Already due at or after the hold (a provisional time beyond the lease): no second write.
    if (typeof dueKey === 'string' && dueKey >= holdKey) return typeof held?.supersededBy === 'string' ? held.supersededBy : undefined;
    await writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(dispatchId, recipientKey),
          UpdateExpression: 'SET #gsk = :hold',
          ConditionExpression: '#status = :pending AND attribute_not_exists(claimedBy) AND #gsk < :hold',
          ExpressionAttributeNames: { '#gsk': dueIndex.sortKey, '#status': 'status' },
          ExpressionAttributeValues: { ':hold': holdKey, ':pending': 'PENDING' },
        }),
      ),
    );
    return typeof held?.supersededBy === 'string' ? held.supersededBy : undefined;
  }

  /** Marks a copy as superseded by a newer version; its item as it now is, or undefined when the copy is gone (erased, expired). */
  private async markSuperseded(dispatchId: string, recipientKey: string, by: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(dispatchId, recipientKey),
          UpdateExpression: 'SET supersededBy = :by',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':by': by },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * Withdraws a message a newer version superseded, instead of claiming it: one write, on
   * condition that nobody claimed or moved it since we read it.
   */
  async withdrawSuperseded(message: OutboxMessage, seenDueKey: string, now: Date): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
          UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :now, withdrawnBecause = :because, #ttl = :ttl REMOVE #gpk, #gsk',
          ConditionExpression: '#gsk = :seen AND #status = :pending AND attribute_not_exists(claimedBy)',
          ExpressionAttributeNames: { '#gsk': dueIndex.sortKey, '#gpk': dueIndex.partitionKey, '#status': 'status', '#ttl': ttlAttribute },
          ExpressionAttributeValues: {
            ':withdrawn': 'WITHDRAWN',
            ':now': now.toISOString(),
            ':because': `SUPERSEDED_BY ${message.supersededBy ?? ''}`.trim(),
            ':ttl': Math.floor(now.getTime() / 1000) + retentionSeconds,
            ':seen': seenDueKey,
            ':pending': 'PENDING',
          },
        }),
      ),
    );
  }

  /**
   * Takes a message for sending: moves its due time to the end of the lease and stores the run's
   * claim token, on condition that nobody moved it since we read it. Of two jobs that read the same
   * message, one wins. If the winner dies before recording the result, the message falls due again
   * when the lease ends and is then moved to CHECK (`markCheck`), not sent again.
   */
  async claim(message: OutboxMessage, seenDueKey: string, leaseUntil: Date, token: string): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
          UpdateExpression: 'SET #gsk = :lease, attempts = attempts + :one, claimedBy = :token',
          // Not once a newer version superseded it: the next round withdraws it instead.
          ConditionExpression: '#gsk = :seen AND #status = :pending AND attribute_not_exists(supersededBy)',
          ExpressionAttributeNames: { '#gsk': dueIndex.sortKey, '#status': 'status' },
          ExpressionAttributeValues: {
            ':lease': keys.outboxDue(leaseUntil.toISOString(), message.dispatchId, message.recipient.key).GSI2SK,
            ':seen': seenDueKey,
            ':pending': 'PENDING',
            ':one': 1,
            ':token': token,
          },
        }),
      ),
    );
  }

  /** Each result write below is fenced on the claim: false when another run's claim or result came first. */
  markSent(message: OutboxMessage, token: string, now: Date, providerMessageId: string): Promise<boolean> {
    return this.close(message, token, now, { status: 'SENT', sentAt: now.toISOString(), providerMessageId });
  }

  async scheduleRetry(message: OutboxMessage, token: string, retryAt: Date, error: { code: string }, now: Date): Promise<boolean> {
    return this.fenced(message, token, {
      UpdateExpression: 'SET #gsk = :due, lastError = :error REMOVE claimedBy',
      ExpressionAttributeNames: { '#gsk': dueIndex.sortKey },
      ExpressionAttributeValues: {
        ':due': keys.outboxDue(retryAt.toISOString(), message.dispatchId, message.recipient.key).GSI2SK,
        ':error': { code: error.code, permanent: false, at: now.toISOString() },
      },
    });
  }

  /**
   * A failure for good. One caused by the transport (an outage outlasting the retries) stays on the
   * due index under `outboxRequeuePartition`, never due, so `requeue` can find it with one Query.
   */
  markFailed(
    message: OutboxMessage,
    token: string,
    error: { code: string; permanent: boolean; transport?: boolean },
    now: Date,
  ): Promise<boolean> {
    const fields = { status: 'FAILED', lastError: { ...error, at: now.toISOString() } };
    return this.close(message, token, now, fields, error.transport ? now : undefined);
  }

  /** Gives a claim back (the message was not handed to the transport): due again now, for a later run. */
  release(message: OutboxMessage, token: string, now: Date): Promise<boolean> {
    return this.fenced(message, token, {
      UpdateExpression: 'SET #gsk = :due REMOVE claimedBy',
      ExpressionAttributeNames: { '#gsk': dueIndex.sortKey },
      ExpressionAttributeValues: { ':due': keys.outboxDue(now.toISOString(), message.dispatchId, message.recipient.key).GSI2SK },
    });
  }

  markWithdrawn(message: OutboxMessage, token: string, reason: string, now: Date): Promise<boolean> {
    return this.close(message, token, now, { status: 'WITHDRAWN', withdrawnAt: now.toISOString(), withdrawnBecause: reason });
  }

  /** This address's copy of a dispatch (personalData): one GetItem. */
  async findCopy(dispatchId: string, addressKey: string): Promise<OutboxMessage | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.outboxMessage(dispatchId, addressKey), ConsistentRead: true }),
    );
    return Item ? recordOf<OutboxMessage>(Item, messageAttributes) : undefined;
  }

  /**
   * The payloads of a dispatch and of its messages (erasePerson): one Query on the dispatch's
   * partition. `itemKey` addresses each for `replaceAttendees`.
   */
  async partitionPayloads(dispatchId: string): Promise<{ itemKey: Record<string, string>; payload: unknown }[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.outboxDispatch(dispatchId).PK },
      ProjectionExpression: 'PK, SK, payload',
      ConsistentRead: true,
    });
    return items.map((item) => ({ itemKey: { PK: String(item.PK), SK: String(item.SK) }, payload: item.payload }));
  }

  /** Replaces a payload's attendee list, on condition it is the one read. False when the condition failed. */
  async replaceAttendees(itemKey: Record<string, string>, seen: readonly unknown[], kept: readonly unknown[]): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKey,
          UpdateExpression: 'SET payload.attendees = :kept',
          ConditionExpression: 'payload.attendees = :seen',
          ExpressionAttributeValues: { ':kept': kept, ':seen': seen },
        }),
      ),
    );
  }

  /** A dispatch's recipient list (erasePerson): one GetItem; empty when the dispatch is gone. */
  async dispatchRecipients(dispatchId: string): Promise<{ key: string }[]> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.outboxDispatch(dispatchId),
        ConsistentRead: true,
        ProjectionExpression: 'recipients',
      }),
    );
    return (Item?.recipients ?? []) as { key: string }[];
  }

  /**
   * Dispatches not yet expanded into messages (they wait minutes at most): one Query of the outbox
   * partition of `byDueTime` per page, dispatches only. Their recipient lists still hold addresses.
   */
  async findUnexpandedDispatches(): Promise<OutboxDispatch[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: dueIndex.name,
      KeyConditionExpression: '#pk = :pk',
      FilterExpression: '#type = :dispatch',
      ExpressionAttributeNames: { '#pk': dueIndex.partitionKey, '#type': 'type' },
      ExpressionAttributeValues: { ':pk': keys.outboxPartition, ':dispatch': 'dispatch' },
    });
    return items.map((item) => recordOf<OutboxDispatch>(item, dispatchAttributes));
  }

  /**
   * Takes one address out of a dispatch's recipient list, on condition the list is the one read
   * (a concurrent change makes the caller read again). False when the condition failed.
   */
  async removeRecipient(dispatchId: string, recipients: readonly { key: string }[], addressKey: string): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxDispatch(dispatchId),
          UpdateExpression: 'SET recipients = :kept',
          ConditionExpression: 'recipients = :seen',
          ExpressionAttributeValues: { ':kept': recipients.filter((r) => r.key !== addressKey), ':seen': recipients },
        }),
      ),
    );
  }

  /** Deletes an address's copy of a dispatch and its pointer (erasePerson, or an erased address at send time). */
  async forgetCopy(dispatchId: string, addressKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.outboxMessage(dispatchId, addressKey) }));
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: keys.personPointer(addressKey, keys.personOutboxTarget(dispatchId)) }),
    );
  }

  /**
   * A message whose claim ran out without a result: the transport may have accepted it, so it is
   * not sent again but set aside to check (and can be queued again on purpose). Conditional on
   * the due key we read, so of two runs one moves it. The claim token stays: the run that held it
   * may still record its result.
   */
  async markCheck(message: OutboxMessage, seenDueKey: string, now: Date): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
          UpdateExpression: 'SET #status = :check, lastError = :error, #gpk = :requeue, #gsk = :parked',
          ConditionExpression: '#gsk = :seen AND #status = :pending',
          ExpressionAttributeNames: { '#gsk': dueIndex.sortKey, '#gpk': dueIndex.partitionKey, '#status': 'status' },
          ExpressionAttributeValues: {
            ':check': 'CHECK',
            ':error': { code: 'CLAIM_RAN_OUT', permanent: false, at: now.toISOString() },
            ':requeue': keys.outboxRequeuePartition,
            ':parked': keys.outboxDue(now.toISOString(), message.dispatchId, message.recipient.key).GSI2SK,
            ':seen': seenDueKey,
            ':pending': 'PENDING',
          },
        }),
      ),
    );
  }

  /** The messages parked on the requeue partition (outage failures, and those left to check): one Query per page. */
  async findParked(): Promise<OutboxMessage[]> {
    const items = await queryWholeDuePartition(this.db, this.tableName, keys.outboxRequeuePartition);
    return items.map((item) => recordOf<OutboxMessage>(item, messageAttributes));
  }

  /**
   * Puts a parked message back as due now with fresh attempts, on condition that it is still in the
   * state it was read in. False when another requeue (or change) came first.
   */
  async requeueMessage(message: OutboxMessage, now: Date): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
          UpdateExpression: 'SET #status = :pending, attempts = :zero, #gpk = :outbox, #gsk = :due REMOVE claimedBy, #ttl',
          // A message a newer version superseded stays where it is: it must never leave.
          ConditionExpression: '#status = :was AND #gpk = :requeue AND attribute_not_exists(supersededBy)',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#gpk': dueIndex.partitionKey,
            '#gsk': dueIndex.sortKey,
            '#ttl': ttlAttribute,
          },
          ExpressionAttributeValues: {
            ':pending': 'PENDING',
            ':zero': 0,
            ':outbox': keys.outboxPartition,
            ':due': keys.outboxDue(now.toISOString(), message.dispatchId, message.recipient.key).GSI2SK,
            ':was': message.status,
            ':requeue': keys.outboxRequeuePartition,
          },
        }),
      ),
    );
  }

  /** An update of a claimed message, on condition that the claim is still ours and no result is recorded. */
  private async fenced(
    message: OutboxMessage,
    token: string,
    update: {
      UpdateExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    },
  ): Promise<boolean> {
    return writtenIf(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outboxMessage(message.dispatchId, message.recipient.key),
          ...update,
          ConditionExpression: 'claimedBy = :token AND #status IN (:pending, :check)',
          ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#status': 'status' },
          ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':token': token, ':pending': 'PENDING', ':check': 'CHECK' },
        }),
      ),
    );
  }

  /**
   * Ends a message's life on the due index: sets the given fields and lets TTL remove it later.
   * With `parkedAt`, it moves to the requeue partition instead (never due there).
   */
  private close(message: OutboxMessage, token: string, now: Date, fields: Record<string, unknown>, parkedAt?: Date): Promise<boolean> {
    const names = Object.keys(fields);
    const set = names.map((_, i) => `#f${i} = :f${i}`).join(', ');
    const where = parkedAt
      ? {
          expression: `SET ${set}, #ttl = :ttl, #gpk = :requeue, #gsk = :parked`,
          values: {
            ':requeue': keys.outboxRequeuePartition,
            ':parked': keys.outboxDue(parkedAt.toISOString(), message.dispatchId, message.recipient.key).GSI2SK,
          },
        }
      : { expression: `SET ${set}, #ttl = :ttl REMOVE #gpk, #gsk`, values: {} };
    return this.fenced(message, token, {
      UpdateExpression: where.expression,
      ExpressionAttributeNames: {
        ...Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        '#gpk': dueIndex.partitionKey,
        '#gsk': dueIndex.sortKey,
        '#ttl': ttlAttribute,
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])),
        ':ttl': Math.floor(now.getTime() / 1000) + retentionSeconds,
        ...where.values,
      },
    });
  }
}

/**
 * Until when a newer version must wait behind this older copy: the end of its lease while a run
 * has it in flight, and the hold it waits under itself (it may be held behind a version older
 * still); the later of the two, or undefined when neither applies.
 */
function inFlightUntil(older: Record<string, unknown>): string | undefined {
  const dueKey = older[dueIndex.sortKey];
  const lease =
    older.status === 'PENDING' && older.claimedBy !== undefined && typeof dueKey === 'string' ? dueKey.split('#')[0] : undefined;
  const held = typeof older.heldUntil === 'string' ? older.heldUntil : undefined;
  if (lease === undefined) return held;
  return held !== undefined && held > lease ? held : lease;
}
