import type { RunningDynamoDbLocal } from '../../functions/local/dynamodb-local';

export default async function globalTeardown(): Promise<void> {
  const dynamo = (globalThis as { __DYNAMO__?: RunningDynamoDbLocal }).__DYNAMO__;
  await dynamo?.stop();
}
