import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The yardstick of the cold-start benchmark: the least a Lambda function behind the HTTP API that
 * reads DynamoDB can be (the same bundled SDK client, one GetItem, a JSON answer). Not deployed.
 */
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'eu-west-1',
  endpoint: process.env.DYNAMODB_ENDPOINT,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

export async function handler(): Promise<{ statusCode: number; body: string }> {
  const item = await client.send(
    new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { PK: { S: 'PARTNER#none' }, SK: { S: 'PARTNER' } } }),
  );
  return { statusCode: 200, body: JSON.stringify({ found: item.Item !== undefined }) };
}
