import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

  /**
   * Keeps only the hash of an erased person's address on the list: a new entry (reason ERASED), or
   * an existing verdict without its address. One UpdateItem; running it twice changes nothing more.
   */
  async keepOnlyHash(addressKey: string, at: Date): Promise<void> {
    await this.db.send(new UpdateCommand(this.keepOnlyHashUpdate(addressKey, at, 'ERASE_PERSON')));
  }

  /**
   * The same change as a transaction entry, with where it came from (`source` of a new entry): the
   * retention of an opted-out contact writes it together with the contact's delete.
   */
  keepOnlyHashUpdate(addressKey: string, at: Date, source: string) {
    return {
      TableName: this.tableName,
      Key: keys.suppression(addressKey),
      UpdateExpression:
        'SET #type = :type, addressKey = :key, reason = if_not_exists(reason, :reason), #source = if_not_exists(#source, :source), #at = if_not_exists(#at, :at) REMOVE email',
      ExpressionAttributeNames: { '#type': 'type', '#source': 'source', '#at': 'at' },
      ExpressionAttributeValues: {
        ':type': 'suppression',
        ':key': addressKey,
        ':reason': 'ERASED',
        ':source': source,
        ':at': at.toISOString(),
      },
    };
  }

  /** The suppression of an address key, if any: one GetItem. */
  async findByKey(addressKey: string): Promise<Suppression | undefined> {
    const response = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.suppression(addressKey), ConsistentRead: true }),
    );
    return response.Item && toSuppression(response.Item);
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
