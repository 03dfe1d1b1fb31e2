/**
 * Bounded concurrency for an outbox round, kept apart from what delivering a message means.
 *
 * The round's items are grouped into lanes (e.g. one per recipient address): the items of a lane
 * run one after the other in the order given, so two messages to one address never overtake each
 * other, and a later one sees what the earlier one learned (an address refused by the server).
 * Lanes run side by side, at most `limit()` at a time; the limit is read again each time a lane
 * could start, so a caller can narrow it (e.g. to one while the transport is unproven).
 * Before each item `stop()` is asked: once it says yes nothing new starts, and what is under way
 * finishes. The first error of an item is rethrown once every item under way has finished.
 */
export interface LaneOptions {
  /** How many lanes may run at once; at least one. */
  limit: () => number;
  /** True once nothing more may start (the run's time is running out, the circuit is open). */
  stop: () => boolean;
}

/** Groups items into lanes by key, keeping their order within a lane and the order of first appearance between lanes. */
export function lanesBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const lane = lanes.get(k);
    if (lane) lane.push(item);
    else lanes.set(k, [item]);
  }
  return [...lanes.values()];
}

export function runInLanes<T>(lanes: readonly (readonly T[])[], options: LaneOptions, work: (item: T) => Promise<void>): Promise<void> {
  const waiting = lanes.filter((lane) => lane.length > 0);
  let next = 0;
  let active = 0;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  const mayStart = () => {
    if (failure || stopped) return false;
    if (options.stop()) stopped = true;
    return !stopped;
  };
  return new Promise<void>((resolve, reject) => {
    const settle = () => {
      if (active > 0) return;
      if (failure) reject(failure.error);
      else resolve();
    };
    const runLane = async (lane: readonly T[]) => {
      for (const item of lane) {
        if (!mayStart()) return;
        await work(item);
      }
    };
    const pump = () => {
      while (next < waiting.length && active < Math.max(1, options.limit()) && mayStart()) {
        const lane = waiting[next];
        next += 1;
        active += 1;
        runLane(lane).then(
          () => {
            active -= 1;
            pump();
          },
          (error: unknown) => {
            active -= 1;
            failure ??= { error };
            pump();
          },
        );
      }
      settle();
    };
    pump();
  });
}
