import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetByIds } from '../../shared/dynamodb/batch-get';
import { isConditionFailure } from '../../shared/dynamodb/conditional';
import { keys } from '../../shared/dynamodb/keys';
import { recordOf } from '../../shared/dynamodb/record-of';
import { recipientKey } from '../../shared/recipient-key';
import { normaliseAddress, type Suppression, type SuppressionReason } from './suppression';

function toSuppression(item: Record<string, unknown>): Suppression {
  return recordOf<Suppression>(item, { addressKey: true, email: true, reason: true, source: true, at: true });
}

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
    return response.Item && toSuppression(response.Item);
  }

  /** Which of these addresses are suppressed, by address key: BatchGets, 100 keys each, in parallel. */
  findMany(emails: readonly string[]): Promise<Map<string, Suppression>> {
    return batchGetByIds(
      this.db,
      this.tableName,
      emails.map((email) => recipientKey(email)),
      keys.suppression,
      toSuppression,
    );
  }
}
