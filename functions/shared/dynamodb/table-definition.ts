import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single table and its indexes: one definition that the local stack, the tests and the CDK
 * stack all create from. docs/data-model.md explains which access pattern each index serves.
 */
export const tableIndexes = {
  /** Ordered collections: all partners by name, all meetings by start time. */
  byCollection: { name: 'byCollection', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Work that falls due: outbox messages by the time they should be (re)tried. */
  byDueTime: { name: 'byDueTime', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
} as const;

/** Attribute holding an epoch-seconds expiry; DynamoDB's TTL deletes such items (AWS only). */
export const ttlAttribute = 'expiresAt';

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const indexes = Object.values(tableIndexes);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      ...indexes.flatMap((index) => [
        { AttributeName: index.partitionKey, AttributeType: 'S' as const },
        { AttributeName: index.sortKey, AttributeType: 'S' as const },
      ]),
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  };
}
