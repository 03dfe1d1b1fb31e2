import { join, resolve } from 'node:path';
import { parseConfig, type Config } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb/client';
import { ensureTable } from '../shared/dynamodb/ensure-table';
import { ensureDevSecrets, localEnvironment } from './dev-secrets';
import { isDynamoDbReachable, startDynamoDbLocal, type RunningDynamoDbLocal } from './dynamodb-local';
import { findRunningLocalStack } from './local-stack-state';
import { defaultDataDir } from './paths';

export interface LocalDatabaseOptions {
  dataDir?: string;
  /** Where to tell what happens (which database); stderr by default, so stdout stays clean. */
  note?: (line: string) => void;
}

/**
 * Runs `work` with process.env set for the local stack's database: the running `npm start`'s, the
 * DYNAMODB_ENDPOINT given, or a DynamoDB Local started on `.data/dynamodb` for this run only. The
 * table exists when `work` starts. Shared by the local command-line tools (`job`, `import-neighbours`).
 */
export async function withLocalDatabase<T>(options: LocalDatabaseOptions, work: () => Promise<T>): Promise<T> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir);
  const note = options.note ?? ((line: string) => console.error(line));
  const secrets = ensureDevSecrets(dataDir);
  const stack = await findRunningLocalStack(dataDir);
  let endpoint = process.env.DYNAMODB_ENDPOINT || stack?.dynamodbEndpoint;
  let own: RunningDynamoDbLocal | undefined;
  if (endpoint) {
    if (!(await isDynamoDbReachable(endpoint))) throw new Error(`DynamoDB at ${endpoint} does not answer.`);
    note(
      stack && endpoint === stack.dynamodbEndpoint
        ? `Using the database of the running local stack (${endpoint}).`
        : `Using DynamoDB at ${endpoint}.`,
    );
  } else {
    own = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
    endpoint = own.endpoint;
    note(`No running local stack: started DynamoDB Local on ${join(dataDir, 'dynamodb')} for this run.`);
  }
  try {
    Object.assign(process.env, localEnvironment({ secrets, dynamodbEndpoint: endpoint, dataDir }));
    // Links in mails sent now should point at the running stack.
    if (stack?.url && !process.env.PUBLIC_BASE_URL) process.env.PUBLIC_BASE_URL = stack.url;
    await ensureLocalTable(parseConfig(process.env), endpoint);
    return await work();
  } finally {
    await own?.stop();
  }
}

/** Creates the configured table on a local DynamoDB when missing (the local stack and the command-line tools). */
export async function ensureLocalTable(config: Pick<Config, 'awsRegion' | 'tableName'>, endpoint: string): Promise<void> {
  const client = createDocumentClient({ region: config.awsRegion, endpoint });
  try {
    await ensureTable(client, config.tableName);
  } finally {
    client.destroy();
  }
}
