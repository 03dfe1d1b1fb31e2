import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../shared/dynamodb/batch-get';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import { keys } from '../../shared/dynamodb/keys';
import { recipientKey } from '../outbox/outbox';
import { normaliseAddress, type Suppression, type SuppressionReason } from './suppression';

export class SuppressionsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records that `email` must not be written to again. Recording it twice keeps the first verdict. */
  async suppress(email: string, reason: SuppressionReason, source: string, at: Date): Promise<Suppression> {
    const suppression: Suppression = {
      addressKey: recipientKey(email),
      email: normaliseAddress(email),
      reason,
      source,
      at: at.toISOString(),
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.suppression(suppression.addressKey), type: 'suppression', ...suppression },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return suppression;
    } catch (error) {
      if (isConditionFailure(error)) {
        return (await this.find(email)) ?? suppression;
      }
      throw error;
    }
  }

  /** The suppression of `email`, if any: one GetItem. */
  async find(email: string): Promise<Suppression | undefined> {
    const response = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.suppression(recipientKey(email)), ConsistentRead: true }),
    );
    if (!response.Item) return undefined;
    const { addressKey, email: address, reason, source, at } = response.Item as Suppression;
    return { addressKey, email: address, reason, source, at };
  }

  /** Which of these addresses are suppressed, by address key: BatchGets, 100 keys each, in parallel. */
  async findMany(emails: readonly string[]): Promise<Map<string, Suppression>> {
    const addressKeys = [...new Set(emails.map((email) => recipientKey(email)))];
    const found = new Map<string, Suppression>();
    for (const item of await batchGetItems(this.db, this.tableName, addressKeys.map((key) => keys.suppression(key)))) {
      const { addressKey, email, reason, source, at } = item as unknown as Suppression;
      found.set(addressKey, { addressKey, email, reason, source, at });
    }
    return found;
  }
}
