import { attemptsFor, retryOnConflict } from '../../../functions/shared/dynamodb/retry-on-conflict';
import { UserInputError, VersionConflictError } from '../../../functions/shared/errors';

const conflict = () => new VersionConflictError('Meeting', 'm1');

describe('retryOnConflict', () => {
  it('runs the step again after a lost conditional write and returns what a later run decides', async () => {
    let runs = 0;
    const result = await retryOnConflict(
      async () => {
        runs += 1;
        if (runs < 3) throw conflict();
        return `run ${runs}`;
      },
      { field: ['input', 'id'] },
    );
    expect(result).toBe('run 3');
  });

  it('gives up after its attempts with VERSION_CONFLICT on the field, and at once when the client named a version', async () => {
    for (const [attempts, expected] of [
      [attemptsFor(undefined), 3],
      [attemptsFor(4), 1],
    ] as const) {
      let runs = 0;
      const outcome = retryOnConflict(
        async () => {
          runs += 1;
          throw conflict();
        },
        { field: ['input', 'id'], attempts },
      );
      await expect(outcome).rejects.toBeInstanceOf(UserInputError);
      await expect(outcome).rejects.toMatchObject({ userErrors: [{ code: 'VERSION_CONFLICT', field: ['input', 'id'] }] });
      expect(runs).toBe(expected);
    }
  });

  it('skips a job step whose attempts ran out (undefined, no error), and tells each run which attempt it is', async () => {
    const seenAttempts: number[] = [];
    const result = await retryOnConflict(
      async (attempt) => {
        seenAttempts.push(attempt);
        throw conflict();
      },
      { skipWhenExhausted: true },
    );
    expect(result).toBeUndefined();
    expect(seenAttempts).toEqual([1, 2, 3]);
  });

  it('returns what a job step decides once a later attempt wins', async () => {
    const result = await retryOnConflict(
      async (attempt) => {
        if (attempt === 1) throw conflict();
        return `attempt ${attempt}`;
      },
      { skipWhenExhausted: true, attempts: 2 },
    );
    expect(result).toBe('attempt 2');
  });

  it('lets any other error through at once', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(
        async () => {
          runs += 1;
          throw new Error('kapot');
        },
        { field: ['input'] },
      ),
    ).rejects.toThrow('kapot');
    await expect(
      retryOnConflict(
        async () => {
          runs += 1;
          throw new Error('stuk');
        },
        { skipWhenExhausted: true },
      ),
    ).rejects.toThrow('stuk');
    expect(runs).toBe(2);
  });
});
