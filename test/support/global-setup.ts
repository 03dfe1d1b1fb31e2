import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';

/** One in-memory DynamoDB Local for the whole test run; each test file makes its own table. */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { __DYNAMO__?: typeof dynamo }).__DYNAMO__ = dynamo;
}
