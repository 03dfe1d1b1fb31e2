import { oncePerColdStart } from '../../../functions/runtime/cold-start';

describe('oncePerColdStart', () => {
  it('starts once for all invocations, also those that arrive while it starts', async () => {
    const start = jest.fn(async () => ({ started: true }));
    const get = oncePerColdStart(start);
    const [first, second] = await Promise.all([get(), get()]);
    expect(await get()).toBe(first);
    expect(second).toBe(first);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed start: the next invocation tries again', async () => {
    let attempts = 0;
    const get = oncePerColdStart(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('secret not readable yet');
      return 'ready';
    });
    await expect(get()).rejects.toThrow('secret not readable yet');
    await expect(get()).resolves.toBe('ready');
    await expect(get()).resolves.toBe('ready');
    expect(attempts).toBe(2);
  });
});
