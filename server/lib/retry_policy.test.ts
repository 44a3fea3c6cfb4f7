import { AbortedError } from './backoff';
import { retryableNow, SourceError, TRANSIENT_STATUSES, withRetries } from './retry_policy';

function hooks() {
  return {
    gaveUp: (last: SourceError, retries: number) =>
      new Error(`${last.message}; gave up ${retries}`),
    waitTooLong: (_last: SourceError, waitMs: number) => new Error(`wait ${waitMs}`),
  };
}

describe('withRetries', () => {
  it('retries retryable errors with backoff, waiting what Retry-After asks when given', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetries(
      {
        maxRetries: 3,
        backoff: { baseMs: 100, maxMs: 1000 },
        random: () => 0,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
      async () => {
        calls++;
        if (calls === 1) throw new SourceError('busy', { retryable: true, retryAfterMs: 7000 });
        if (calls < 4) throw new SourceError('down', { retryable: true });
        return 'ok';
      },
      hooks()
    );
    expect(result).toBe('ok');
    expect(sleeps).toEqual([7000, 100, 200]);
  });

  it('never waits less than the backoff, whatever Retry-After says', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await withRetries(
      {
        maxRetries: 2,
        backoff: { baseMs: 100, maxMs: 1000 },
        random: () => 0,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
      async () => {
        calls++;
        if (calls < 3) throw new SourceError('busy', { retryable: true, retryAfterMs: 0 });
        return 'ok';
      },
      hooks()
    );
    // The backoff of attempts 1 and 2 (random 0: the lower half of the jitter).
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after maxRetries, and at once on what is not retryable', async () => {
    const sleep = async () => undefined;
    await expect(
      withRetries(
        { maxRetries: 2, sleep },
        async () => {
          throw new SourceError('down', { retryable: true });
        },
        hooks()
      )
    ).rejects.toThrow('down; gave up 2');
    let calls = 0;
    await expect(
      withRetries(
        { maxRetries: 2, sleep },
        async () => {
          calls++;
          throw new SourceError('denied', { status: 403 });
        },
        hooks()
      )
    ).rejects.toThrow('denied');
    expect(calls).toBe(1);
  });

  it('ends instead of sleeping through a Retry-After over the cap', async () => {
    const sleeps: number[] = [];
    await expect(
      withRetries(
        {
          maxRetries: 5,
          maxRetryAfterMs: 1000,
          sleep: async (ms) => {
            sleeps.push(ms);
          },
        },
        async () => {
          throw new SourceError('slow down', { retryable: true, retryAfterMs: 3_600_000 });
        },
        hooks()
      )
    ).rejects.toThrow('wait 3600000');
    expect(sleeps).toEqual([]);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const pending = withRetries(
      { maxRetries: 5, backoff: { baseMs: 10_000, maxMs: 10_000 }, signal: controller.signal },
      async () => {
        throw new SourceError('down', { retryable: true });
      },
      hooks()
    );
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('retryableNow', () => {
  it('is false for a wait over the cap and for what is not a retryable SourceError', () => {
    expect(retryableNow(new SourceError('x', { retryable: true }), {})).toBe(true);
    expect(
      retryableNow(new SourceError('x', { retryable: true, retryAfterMs: 5000 }), {
        maxRetryAfterMs: 1000,
      })
    ).toBe(false);
    expect(retryableNow(new SourceError('x'), {})).toBe(false);
    expect(retryableNow(new Error('x'), {})).toBe(false);
  });

  it('has one list of transient statuses', () => {
    expect([...TRANSIENT_STATUSES].sort()).toEqual([408, 425, 429, 500, 502, 503, 504]);
  });
});
