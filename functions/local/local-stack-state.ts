import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isDynamoDbReachable } from './dynamodb-local';
import { defaultDataDir } from './paths';

/**
 * `.data/local-stack.json`: how a running `npm start` can be found by `npm run job` beside it, so
 * that a job run works on the same database (DynamoDB Local allows one process per data file).
 */
const stateSchema = z.object({
  dynamodbEndpoint: z.url(),
  port: z.number().int(),
  url: z.string().optional(),
  pid: z.number().int(),
  /** The DynamoDB Local process the stack started, if it started one. */
  dynamodbPid: z.number().int().optional(),
  startedAt: z.string(),
});

export type LocalStackState = z.infer<typeof stateSchema>;

export function localStackStateFile(dataDir: string = defaultDataDir): string {
  return join(dataDir, 'local-stack.json');
}

export function writeLocalStackState(state: LocalStackState, dataDir: string = defaultDataDir): void {
  writeFileSync(localStackStateFile(dataDir), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

export function readLocalStackState(dataDir: string = defaultDataDir): LocalStackState | undefined {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(localStackStateFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the file, but only when it still describes this process (a newer stack may have replaced it). */
export function removeLocalStackState(pid: number, dataDir: string = defaultDataDir): void {
  if (readLocalStackState(dataDir)?.pid === pid) rmSync(localStackStateFile(dataDir), { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The state of a stack that is running now; undefined when the file is missing or stale. */
export async function findRunningLocalStack(dataDir: string = defaultDataDir): Promise<LocalStackState | undefined> {
  const state = readLocalStackState(dataDir);
  if (!state || !isProcessAlive(state.pid)) return undefined;
  return (await isDynamoDbReachable(state.dynamodbEndpoint)) ? state : undefined;
}
