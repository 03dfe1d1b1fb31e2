import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoSettings {
  region: string;
  endpoint?: string;
}

/**
 * The document client every repository uses. Against DynamoDB Local (an endpoint is set) the
 * credentials are fixed dummies: DynamoDB Local accepts any, and no AWS profile is needed.
 */
export function createDocumentClient(settings: DynamoSettings, extra: Partial<DynamoDBClientConfig> = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...extra,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
