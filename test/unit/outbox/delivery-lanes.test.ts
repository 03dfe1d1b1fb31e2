import { lanesBy, runInLanes } from '../../../functions/modules/outbox/delivery-lanes';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('runInLanes: bounded concurrency for an outbox round', () => {
  it('runs at most `limit` lanes at once, and every item once', async () => {
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    const lanes = Array.from({ length: 20 }, (_, i) => [i]);
    await runInLanes(lanes, { limit: () => 4, stop: () => false }, async (item) => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
      done.push(item);
    });
    expect(peak).toBe(4);
    expect([...done].sort((a, b) => a - b)).toEqual(lanes.flat());
  });

  it('keeps the items of one lane in order, one after the other', async () => {
    const lanes = lanesBy(['a1', 'b1', 'a2', 'c1', 'a3', 'b2'], (item) => item[0]);
    expect(lanes).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']]);
    const started: string[] = [];
    const running = new Set<string>();
    await runInLanes(lanes, { limit: () => 3, stop: () => false }, async (item) => {
      expect(running.has(item[0])).toBe(false);
      running.add(item[0]);
      started.push(item);
      await tick();
      running.delete(item[0]);
    });
    expect(started.filter((item) => item.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
  });

  it('reads the limit again before each start: narrowed to one, nothing new starts beside a running lane', async () => {
    let limit = 1;
    let active = 0;
    const peaks: number[] = [];
    await runInLanes(
      Array.from({ length: 6 }, (_, i) => [i]),
      { limit: () => limit, stop: () => false },
      async (item) => {
        active += 1;
        peaks.push(active);
        await tick();
        active -= 1;
        if (item === 0) limit = 3;
      },
    );
    expect(peaks[0]).toBe(1);
    expect(Math.max(...peaks)).toBe(3);
  });

  it('starts nothing once stop() says so, and lets what is under way finish', async () => {
    const done: number[] = [];
    let stopping = false;
    await runInLanes(
      Array.from({ length: 10 }, (_, i) => [i]),
      { limit: () => 2, stop: () => stopping },
      async (item) => {
        await tick();
        if (item === 2) stopping = true;
        done.push(item);
      },
    );
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length).toBeLessThanOrEqual(4);
    expect(done).toContain(2);
  });

  it('rethrows the first error once the items under way have finished', async () => {
    const finished: number[] = [];
    const run = runInLanes(
      Array.from({ length: 5 }, (_, i) => [i]),
      { limit: () => 3, stop: () => false },
      async (item) => {
        if (item === 0) throw new Error('claim failed');
        await tick();
        finished.push(item);
      },
    );
    await expect(run).rejects.toThrow('claim failed');
    expect(finished).toEqual([1, 2]);
  });
});
