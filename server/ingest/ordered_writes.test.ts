import { OrderedWrites } from './ordered_writes';

/** A write the test finishes by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OrderedWrites', () => {
  it('keeps at most `depth` writes in flight', async () => {
    const writes = new OrderedWrites(2);
    const d = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    await writes.add(async () => {
      started.push(0);
      await d[0].promise;
    });
    await writes.add(async () => {
      started.push(1);
      await d[1].promise;
    });
    const third = writes.add(async () => {
      started.push(2);
      await d[2].promise;
    });
    await tick();
    expect(started).toEqual([0, 1]);
    d[0].resolve();
    await third;
    expect(started).toEqual([0, 1, 2]);
    d[1].resolve();
    d[2].resolve();
    await writes.drain();
  });

  it('runs follow-ups in the order added, even when a later write finishes first', async () => {
    const writes = new OrderedWrites(3);
    const d = [deferred(), deferred(), deferred()];
    const order: string[] = [];
    for (const [i, w] of d.entries()) {
      await writes.add(
        async () => {
          await w.promise;
          order.push(`written ${i}`);
        },
        () => {
          order.push(`saved ${i}`);
        }
      );
    }
    d[2].resolve();
    d[1].resolve();
    await tick();
    expect(order).toEqual(['written 2', 'written 1']);
    d[0].resolve();
    await writes.drain();
    expect(order).toEqual(['written 2', 'written 1', 'written 0', 'saved 0', 'saved 1', 'saved 2']);
  });

  it('after a failed write runs no later follow-up and rejects once the rest have settled', async () => {
    const writes = new OrderedWrites(3);
    const d = [deferred(), deferred(), deferred()];
    const saved: number[] = [];
    let settled = false;
    for (const [i, w] of d.entries()) {
      await writes.add(
        async () => {
          await w.promise;
          if (i === 2) settled = true;
        },
        () => {
          saved.push(i);
        }
      );
    }
    d[0].resolve();
    d[1].reject(new Error('bulk refused'));
    const drained = writes.drain();
    await tick();
    expect(settled).toBe(false);
    d[2].resolve();
    await expect(drained).rejects.toThrow('bulk refused');
    expect(settled).toBe(true);
    expect(saved).toEqual([0]);
  });

  it('runs a follow-up as soon as its write and every earlier one are done, not at the next add', async () => {
    const writes = new OrderedWrites(2);
    const saved: number[] = [];
    await writes.add(
      async () => undefined,
      () => {
        saved.push(0);
      }
    );
    await tick();
    expect(saved).toEqual([0]);
    await writes.drain();
  });

  it('starts no follow-up after settle', async () => {
    const writes = new OrderedWrites(2);
    const slow = deferred();
    const saved: number[] = [];
    await writes.add(
      () => slow.promise,
      () => {
        saved.push(0);
      }
    );
    const settled = writes.settle();
    slow.resolve();
    await settled;
    await tick();
    expect(saved).toEqual([]);
  });

  it('with depth 1 writes strictly one after another', async () => {
    const writes = new OrderedWrites(1);
    let inFlight = 0;
    let most = 0;
    for (let i = 0; i < 5; i++) {
      await writes.add(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await tick();
        inFlight--;
      });
    }
    await writes.drain();
    expect(most).toBe(1);
  });

  it('refuses a depth below 1', () => {
    expect(() => new OrderedWrites(0)).toThrow(RangeError);
    expect(() => new OrderedWrites(1.5)).toThrow(RangeError);
  });
});

describe('OrderedWrites after a failure', () => {
  it('starts nothing new once a write in flight has failed, even before its turn', async () => {
    const writes = new OrderedWrites(2);
    const slow = deferred();
    await writes.add(() => slow.promise);
    await writes.add(async () => {
      throw new Error('bulk refused');
    });
    await tick();
    let started = false;
    const third = writes.add(async () => {
      started = true;
    });
    slow.resolve();
    await expect(third).rejects.toThrow('bulk refused');
    expect(started).toBe(false);
  });

  it('runs no later follow-up when a follow-up fails', async () => {
    const writes = new OrderedWrites(3);
    const saved: number[] = [];
    for (const i of [0, 1, 2]) {
      await writes.add(
        async () => undefined,
        () => {
          if (i === 1) throw new Error('checkpoint not saved');
          saved.push(i);
        }
      );
    }
    await expect(writes.drain()).rejects.toThrow('checkpoint not saved');
    expect(saved).toEqual([0]);
    await expect(writes.drain()).rejects.toThrow('checkpoint not saved');
    expect(saved).toEqual([0]);
  });
});
