/**
 * Bulk requests in flight at once by default, across pages: one page's write overlaps the next
 * page's read and mapping and the write before it. Two keeps both of Elasticsearch's cores busy
 * on a small node; more only queues in its write thread pool (docs/performance.md, the sweep).
 */
export const DEFAULT_WRITE_CONCURRENCY = 2;

interface Pending {
  written: Promise<void>;
  /** Its write, every earlier turn, then its follow-up: settles when all of that is done. */
  turn: Promise<void>;
}

/**
 * Writes of consecutive pages, up to `depth` in flight, whose follow-ups (a checkpoint save) run
 * in the order the writes were added, each as soon as its own write and every earlier one have
 * succeeded (not only when a later write needs the room: a checkpoint is saved without waiting
 * for the next pages). So a checkpoint never covers a page that is not written, however the
 * writes finish. After a failure nothing new starts: `add` and `drain` reject with the first
 * failed write's error once the writes still in flight have settled, and no later follow-up runs.
 */
export class OrderedWrites {
  private readonly pending: Pending[] = [];
  /** The first write that failed, known as soon as it fails (not only when it is retired). */
  private failure: { error: unknown } | undefined;
  /** Set by `settle`: follow-ups that have not started yet never will. */
  private closed = false;

  constructor(private readonly depth: number) {
    if (!Number.isInteger(depth) || depth < 1) {
      throw new RangeError('Writes in flight must be a whole number of at least 1');
    }
  }

  /** As many in flight as a poll's writer options say (`concurrency`), by default two. */
  static forWriter(writer?: { concurrency?: number }): OrderedWrites {
    return new OrderedWrites(writer?.concurrency ?? DEFAULT_WRITE_CONCURRENCY);
  }

  /** Starts `write` once fewer than `depth` writes are in flight. */
  async add(write: () => Promise<void>, then?: () => Promise<void> | void): Promise<void> {
    while (this.pending.length >= this.depth) await this.retireOldest();
    await this.throwIfFailed();
    const written = write();
    const noteFailure = (error: unknown) => {
      this.failure ??= { error };
    };
    written.catch(noteFailure);
    const previous = this.pending.at(-1)?.turn ?? Promise.resolve();
    const turn = previous
      .then(() => written)
      .then(async () => {
        if (!this.closed) await then?.();
      });
    turn.catch(noteFailure);
    this.pending.push({ written, turn });
  }

  /** Waits for every write and runs every follow-up, in order. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.retireOldest();
    await this.throwIfFailed();
  }

  /**
   * After a failure elsewhere: lets the writes in flight (and a follow-up already running) finish,
   * ignoring how, and starts no follow-up.
   */
  async settle(): Promise<void> {
    this.closed = true;
    const rest = this.pending.splice(0);
    await Promise.all(
      rest.flatMap((p) => [p.written.catch(() => undefined), p.turn.catch(() => undefined)])
    );
  }

  private async retireOldest(): Promise<void> {
    const oldest = this.pending.shift()!;
    try {
      await oldest.turn;
    } catch (error) {
      // A failed write, or a follow-up that failed (a checkpoint that could not be saved): no
      // later follow-up may run after it, so the rest only settle.
      this.failure ??= { error };
      await this.settle();
      throw error;
    }
  }

  /** A write that failed before its turn: nothing new starts, the rest settle, the error goes up. */
  private async throwIfFailed(): Promise<void> {
    if (!this.failure) return;
    await this.settle();
    throw this.failure.error;
  }
}
