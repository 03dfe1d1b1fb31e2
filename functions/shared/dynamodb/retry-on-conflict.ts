import { UserInputError, VersionConflictError } from '../errors';

/** A client's change: when the attempts run out the client hears VERSION_CONFLICT on `field`. */
export interface ClientConflictOptions {
  field: string[];
  attempts?: number;
}

/**
 * A job's step: when the attempts run out the step is skipped (the result is undefined). Another
 * run got there first, or the item keeps changing under it; the next run sees the outcome.
 */
export interface JobConflictOptions {
  skipWhenExhausted: true;
  attempts?: number;
}

/**
 * Optimistic concurrency, the one loop every service uses: `step` reads, decides and writes on
 * condition that the version it read is still current. When a concurrent change got in between
 * (VersionConflictError) the step runs again on a fresh read, at most `attempts` times; then the
 * client hears VERSION_CONFLICT on `field`, or a job skips the step. A client that sent
 * `expectedVersion` asked to hear of any concurrent change, so it gets one attempt (`attemptsFor`).
 */
export function retryOnConflict<T>(step: (attempt: number) => Promise<T>, options: ClientConflictOptions): Promise<T>;
export function retryOnConflict<T>(step: (attempt: number) => Promise<T>, options: JobConflictOptions): Promise<T | undefined>;
export async function retryOnConflict<T>(
  step: (attempt: number) => Promise<T>,
  options: ClientConflictOptions | JobConflictOptions,
): Promise<T | undefined> {
  const attempts = options.attempts ?? defaultAttempts;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step(attempt);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (attempt < attempts) continue;
      if ('skipWhenExhausted' in options) return undefined;
      throw UserInputError.versionConflict(options.field);
    }
  }
}

const defaultAttempts = 3;

/** One attempt when the client named the version it changes, else a few. */
export function attemptsFor(expectedVersion: number | null | undefined): number {
  return expectedVersion != null ? 1 : defaultAttempts;
}
