import { UserInputError, VersionConflictError } from '../errors';

/**
 * Optimistic concurrency, the one loop every service uses: `step` reads, decides and writes on
 * condition that the version it read is still current. When a concurrent change got in between
 * (VersionConflictError) the step runs again on a fresh read, at most `attempts` times; then the
 * client hears VERSION_CONFLICT on `field`. A client that sent `expectedVersion` asked to hear of
 * any concurrent change, so it gets one attempt (`attemptsFor`).
 */
export async function retryOnConflict<T>(step: () => Promise<T>, options: { field: string[]; attempts?: number }): Promise<T> {
  const attempts = options.attempts ?? defaultAttempts;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (attempt >= attempts) throw UserInputError.versionConflict(options.field);
    }
  }
}

const defaultAttempts = 3;

/** One attempt when the client named the version it changes, else a few. */
export function attemptsFor(expectedVersion: number | null | undefined): number {
  return expectedVersion != null ? 1 : defaultAttempts;
}
