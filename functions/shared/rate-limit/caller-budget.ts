import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { isConditionFailure } from '../dynamodb/conditional';
import { keys } from '../dynamodb/keys';
import { ttlAttribute } from '../dynamodb/table-definition';

export type BudgetVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The minute a moment falls in (UTC, `2026-12-01T09:14`) and the seconds left in it. */
export function budgetWindow(now: Date): { minute: string; secondsLeft: number; endsAt: Date } {
  const start = Math.floor(now.getTime() / 60_000) * 60_000;
  const endsAt = new Date(start + 60_000);
  return {
    minute: new Date(start).toISOString().slice(0, 16),
    secondsLeft: Math.max(1, Math.ceil((endsAt.getTime() - now.getTime()) / 1000)),
    endsAt,
  };
}

/**
 * Per-caller rate limit: each caller may make `perMinute` requests in a clock minute. One
 * conditional UpdateItem per request on a counter item per caller and minute (the count goes up
 * only while under the budget; the item expires by TTL two minutes after its minute). Callers are
 * keyed by a hash of their token's subject, so no address is in a key; one caller over its budget
 * costs the others nothing.
 */
export class CallerBudget {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly perMinute: number,
  ) {}

  async spend(callerId: string, now: Date): Promise<BudgetVerdict> {
    const window = budgetWindow(now);
    const callerKey = createHash('sha256').update(callerId).digest('hex').slice(0, 24);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.callerBudget(callerKey, window.minute),
          UpdateExpression: 'ADD #count :one SET #expires = :expires, #type = :type',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :budget',
          ExpressionAttributeNames: { '#count': 'requests', '#expires': ttlAttribute, '#type': 'type' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':budget': this.perMinute,
            ':expires': Math.floor(window.endsAt.getTime() / 1000) + 120,
            ':type': 'callerBudget',
          },
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (isConditionFailure(error)) return { allowed: false, retryAfterSeconds: window.secondsLeft };
      throw error;
    }
  }
}
