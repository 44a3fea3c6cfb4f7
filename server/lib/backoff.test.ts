import { AbortedError, backoffDelay, gaveUpAfter, parseRetryAfter, sleep } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially between half and all of the ceiling', () => {
    const options = { baseMs: 100, maxMs: 10_000 };
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(800);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(30, { baseMs: 100, maxMs: 5000 }, () => 1)).toBe(5000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
  });

  it('ignores missing or garbage values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('gaveUpAfter', () => {
  it('speaks English for one retry and for many', () => {
    expect(gaveUpAfter(1)).toBe('gave up after 1 retry');
    expect(gaveUpAfter(5)).toBe('gave up after 5 retries');
  });
});
