/**
 * What a Lambda handler builds once per execution environment (its configuration, secrets read,
 * and the app on top): started on the first invocation and kept. A failed start is not kept, so
 * the next invocation tries again (a secret that could not be read, a table not yet there).
 */
export function oncePerColdStart<T>(start: () => T | Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () =>
    (started ??= Promise.resolve()
      .then(start)
      .catch((error: unknown) => {
        started = undefined;
        throw error;
      }));
}
