import { prefetched } from './prefetch';

function source(count: number, log: string[], failAt?: number): AsyncIterable<number> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 0; i < count; i++) {
          log.push(`read ${i}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (i === failAt) throw new Error(`read ${i} failed`);
          yield i;
        }
      } finally {
        log.push('closed');
      }
    },
  };
}

describe('prefetched', () => {
  it('reads the next item while the current one is processed, in order', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const item of prefetched(source(3, log))) {
      log.push(`process ${item}`);
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(log).toEqual([
      'read 0',
      'read 1',
      'process 0',
      'read 2',
      'process 1',
      // The source's end is found while the last item is processed.
      'closed',
      'process 2',
    ]);
  });

  it('closes the source when the caller stops early', async () => {
    const log: string[] = [];
    for await (const item of prefetched(source(10, log))) {
      if (item === 1) break;
    }
    expect(log[log.length - 1]).toBe('closed');
    expect(log.filter((l) => l.startsWith('read'))).toHaveLength(3);
  });

  it('passes a read failure on after the items before it', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of prefetched(source(5, log, 2))) seen.push(item);
      })()
    ).rejects.toThrow('read 2 failed');
    expect(seen).toEqual([0, 1]);
    expect(log).toContain('closed');
  });
});
