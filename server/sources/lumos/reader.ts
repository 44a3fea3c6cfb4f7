/*
 * The Lumos page reader: the window walk over `GET /activity_logs` (docs/lumos.md). The range
 * [start, cycleEnd) is read in windows small enough (by Lumos's own `total`) to page through
 * quickly; a window whose distinct events fall short of `total` is split in two and each half
 * read again, down to one second, and a one-second window is read up to MAX_PASSES times. Only a
 * complete window past the watermark yields a checkpoint (its end), so the watermark never
 * passes an event that was not read.
 */
import type { Logger } from '@kbn/core/server';
import type { LumosCheckpoint } from './checkpoint';
import { checkpointPage, type SourcePage } from '../engine/poll_engine';
import type { FetchedPage, LumosClient } from './client';
import { formatLumosTime } from './event_time';
import { MALFORMED_KEY_PREFIX, mapLumosItem } from './mapper';

/** Extra second asked before each window: covers an exclusive `since` on second-precision times. */
const BOUNDARY_OVERLAP_MS = 1000;
/** Re-reads of an unsplittable (one-second) window before accepting what it returned. */
const MAX_PASSES = 3;

export interface LumosWalkStats {
  pages: number;
  windows: number;
  splits: number;
  unverifiedWindows: number;
}

export interface LumosReaderOptions {
  client: LumosClient;
  namespace: string;
  now: () => Date;
  pageSize: number;
  /** Windows whose `total` exceeds this are split before being read. */
  windowLimit: number;
  /** The watermark the cycle starts from. */
  watermark: number;
  /** Windows starting before this were (at least partly) written by earlier cycles. */
  rereadBefore: number;
  stats: LumosWalkStats;
  logger?: Pick<Logger, 'debug' | 'warn'>;
}

export class LumosReader {
  private watermark: number;
  /** The end of the cycle's range. */
  private end = 0;

  constructor(private readonly options: LumosReaderOptions) {
    this.watermark = options.watermark;
  }

  /** Pages of [from, to), then the checkpoints of its complete windows. */
  async *pages(from: number, to: number): AsyncGenerator<SourcePage<LumosCheckpoint>> {
    this.end = Math.max(to, from);
    yield* this.range(from, this.end);
  }

  private fetch(from: number, to: number, offset: number): Promise<FetchedPage> {
    this.options.stats.pages++;
    return this.options.client.fetchPage({
      since: formatLumosTime(Math.max(0, from - BOUNDARY_OVERLAP_MS)),
      until: formatLumosTime(to),
      limit: this.options.pageSize,
      offset,
    });
  }

  /** Reads [from, to) completely, splitting as needed, then completes it. */
  private async *range(from: number, to: number): AsyncGenerator<SourcePage<LumosCheckpoint>> {
    if (to <= from) return;
    const { stats, logger } = this.options;
    const splittable = to - from > 1000;

    let first: FetchedPage | undefined = await this.fetch(from, to, 0);
    const total = first.page.total;
    if (total != null && total > this.options.windowLimit && splittable) {
      yield* this.split(from, to);
      return;
    }
    // Distinct events seen in this window, over all passes.
    const keys = new Set<string>();
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const fetched = first ?? (await this.fetch(from, to, 0));
      first = undefined;
      const read = yield* this.pass(from, to, fetched, keys);
      // Complete when Lumos does not say (nothing to check against), when we saw at least as many
      // distinct events as it says match, or when one response held the whole window.
      const { total: lastTotal, pages, received } = read;
      if (lastTotal == null || keys.size >= lastTotal || (pages === 1 && received >= lastTotal)) {
        yield* this.complete(to);
        return;
      }
      logger?.debug?.(
        `Lumos window ${formatLumosTime(from)}..${formatLumosTime(to)}: saw ${keys.size} distinct of ${lastTotal} over ${pages} pages; ${splittable ? 'splitting' : 'reading again'}`
      );
      if (splittable) {
        yield* this.split(from, to);
        return;
      }
    }
    stats.unverifiedWindows++;
    logger?.warn?.(
      `Lumos window ${formatLumosTime(from)}..${formatLumosTime(to)} never matched its total after ${MAX_PASSES} reads; accepting the ${keys.size} events seen`
    );
    yield* this.complete(to);
  }

  /** The two halves of [from, to), on whole seconds, each read completely. */
  private async *split(from: number, to: number): AsyncGenerator<SourcePage<LumosCheckpoint>> {
    this.options.stats.splits++;
    const mid = from + Math.floor((to - from) / 2000) * 1000;
    yield* this.range(from, mid);
    yield* this.range(mid, to);
  }

  /** One pass over a window's pages from `fetched`, adding the keys mapped to `keys`. */
  private async *pass(
    from: number,
    to: number,
    fetched: FetchedPage,
    keys: Set<string>
  ): AsyncGenerator<
    SourcePage<LumosCheckpoint>,
    { total?: number | null; pages: number; received: number }
  > {
    // Below the cycle's starting watermark we re-read what earlier cycles wrote.
    const maybeWritten = from < this.options.rereadBefore;
    let current = fetched;
    let pages = 0;
    let received = 0;
    for (;;) {
      pages++;
      received += current.page.items.length;
      // The next page is asked for before this one is written, so the two overlap.
      const next =
        current.nextOffset === undefined ? undefined : this.fetch(from, to, current.nextOffset);
      next?.catch(() => undefined);
      const context = { namespace: this.options.namespace, now: this.options.now() };
      try {
        yield {
          records: current.page.items,
          map: (item) => {
            // Total: any item is a document or a bounded pipeline_error, so no item can fail the page.
            const mapped = mapLumosItem(item, context);
            return {
              request: mapped.request,
              maybeWritten,
              key: mapped.key,
              quietRepeat: mapped.key.startsWith(MALFORMED_KEY_PREFIX),
            };
          },
          onMapped: (mappedKeys) => mappedKeys.forEach((key) => keys.add(key)),
        };
      } finally {
        // Stopped or failed while the next page was in flight: let it settle first.
        if (next !== undefined) await next.catch(() => undefined);
      }
      if (next === undefined) return { total: current.page.total, pages, received };
      current = await next;
    }
  }

  /** The window up to `to` is read: its end becomes the watermark (if it moves it). */
  private async *complete(to: number): AsyncGenerator<SourcePage<LumosCheckpoint>> {
    if (to <= this.watermark) return;
    this.watermark = to;
    this.options.stats.windows++;
    const checkpoint: LumosCheckpoint = {
      version: 1,
      watermark: new Date(to).toISOString(),
      updatedAt: this.options.now().toISOString(),
    };
    yield checkpointPage(checkpoint, to >= this.end);
  }
}
