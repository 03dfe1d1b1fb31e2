import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableIndexes, ttlAttribute } from '../../functions/shared/dynamodb/table-definition';
import type { StageSettings } from '../stage-settings';

/**
 * The single table, built from the same index definitions as the local stack's and the tests'
 * (functions/shared/dynamodb/table-definition.ts): on demand, point-in-time recovery, TTL on
 * `expiresAt`, a stream of new images for the outbox. In prod it cannot be deleted, by accident
 * or by a stack deletion.
 */
export function createDataTable(scope: Construct, settings: StageSettings): Table {
  const prod = settings.stage === 'prod';
  const table = new Table(scope, 'Data', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
    sortKey: { name: 'SK', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: ttlAttribute,
    stream: StreamViewType.NEW_IMAGE,
    deletionProtection: prod,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const index of Object.values(tableIndexes)) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}
