import { dataStreamName, namespaceError, SOURCES } from '../../../common/data_streams';
import type { LumosCheckpoint } from '../../../common/lumos/checkpoint';
import { parseDuration, parseInitialWindow } from '../../../common/duration';
import { AbortedError, type BackoffOptions } from '../../lib/backoff';
import {
  serializeRequest,
  writeSerialized,
  type SerializedRequest,
} from '../../ingest/bulk_writer';
import { OrderedWrites } from '../../ingest/ordered_writes';
import {
  addWriteResult,
  emptyPollStats,
  type PollDependencies,
  type PollOutcome,
  type PollStats,
} from '../poll_types';
import { LumosClient, MAX_PAGE_SIZE, type FetchedPage } from './client';
import { formatLumosTime } from './event_time';
import { MALFORMED_KEY_PREFIX, mapLumosItem } from './mapper';

/*
 * One poll cycle: read Lumos activity logs in bounded [since, until) windows, write them, and
 * move the checkpoint past each window only once all of it is written. docs/lumos.md explains
 * the design and states the exact guarantee; the short version:
 *
 * - `until` of the whole cycle is fixed when it starts; the range [watermark - lateArrival, until)
 *   is cut into windows small enough (by Lumos's own `total`) to page through quickly.
 * - A window is read completely before the watermark passes it: we page with offset until the
 *   end, then check that we saw as many distinct events as Lumos says match (`total`). Offset
 *   paging over a live table can skip rows when the order is unstable or rows move; a window
 *   that fails the check is split in two and each half read again, down to one second.
 * - Every request asks one second before the window (`since` inclusivity is undocumented);
 *   events in overlaps are written again as `create` with the same `_id` and count as duplicates.
 * - The watermark (the end of the last complete window) is saved after each window, so a crash
 *   re-reads at most one window plus the late-arrival window.
 */

export interface LumosConfig {
  /** Default https://api.lumos.com. */
  baseUrl?: string;
  namespace: string;
  /** How far back the first cycle reads: a duration ("30d", "180d", "12h") or "everything". */
  initialWindow?: string;
  /**
   * How long after `event_began_at` an event may appear in the API and still be picked up: each
   * cycle re-reads this much before the watermark. Default "1h".
   */
  lateArrivalWindow?: string;
  /** `limit` per request, at most 100 (Lumos's maximum). */
  pageSize?: number;
  /** Windows whose `total` exceeds this are split before being read. */
  maxWindowRecords?: number;
  requestTimeoutMs?: number;
  maxRetries?: number;
  backoff?: BackoffOptions;
  maxRetryAfterMs?: number;
  proxyUrl?: string;
  caCert?: string;
}

export const DEFAULT_INITIAL_WINDOW = '30d';
export const DEFAULT_LATE_ARRIVAL_WINDOW = '1h';
/**
 * 2,000 rather than 1,000: a window's writes must drain before its checkpoint, so each window end
 * stalls the pipeline; twice the window measured 25-45 % faster at a few MB more.
 */
export const DEFAULT_MAX_WINDOW_RECORDS = 2000;
/** Records per bulk request (a window's pages are collected up to this). */
export const DEFAULT_WRITE_RECORDS = 500;
/** Extra second asked before each window: covers an exclusive `since` on second-precision times. */
const BOUNDARY_OVERLAP_MS = 1000;
/** Re-reads of an unsplittable (one-second) window before accepting what it returned. */
const MAX_PASSES = 3;
/**
 * Ids remembered within a cycle to skip rewriting overlaps (the extra second before a window, the
 * re-reads of a split window). Only neighbouring windows overlap, so two generations of this many
 * are enough; beyond them ES's 409 does the same job. Bounded so a backfill of millions of events
 * keeps a flat memory profile: 200k remembered 128-hex hashes held ~40 MB.
 */
const REMEMBERED_GENERATION = 5_000;

export interface LumosPollStats extends PollStats {
  /** Pages fetched (excluding retries). */
  pages: number;
  /** Windows completed past the previous watermark. */
  windows: number;
  /** Windows split because they were too large or failed the completeness check. */
  splits: number;
  /** One-second windows accepted although they never matched Lumos's `total`. */
  unverifiedWindows: number;
  /** Retries of Lumos requests (also counted in `retries`). */
  httpRetries: number;
}

export type LumosPollOutcome = PollOutcome<LumosCheckpoint> & { stats: LumosPollStats };

/** Thrown inside a cycle to stop between windows when the budget is spent. */
class BudgetExhausted extends Error {}

export interface ResolvedLumosConfig {
  initialMs: number | 'everything';
  lateArrivalMs: number;
  pageSize: number;
  maxWindowRecords: number;
}

/** Validates a config; the message names the setting and what it accepts. */
export function resolveLumosConfig(config: LumosConfig): ResolvedLumosConfig {
  const problems: string[] = [];
  const namespace = namespaceError(config.namespace);
  if (namespace) problems.push(`namespace: ${namespace}`);
  const initial = parseInitialWindow(config.initialWindow ?? DEFAULT_INITIAL_WINDOW);
  if ('error' in initial) problems.push(`initial window: ${initial.error}`);
  const late = parseDuration(config.lateArrivalWindow ?? DEFAULT_LATE_ARRIVAL_WINDOW);
  if ('error' in late) problems.push(`late-arrival window: ${late.error}`);
  const pageSize = config.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    problems.push(`page size: must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const maxWindowRecords = config.maxWindowRecords ?? DEFAULT_MAX_WINDOW_RECORDS;
  if (!Number.isInteger(maxWindowRecords) || maxWindowRecords < pageSize) {
    problems.push('max window records: must be a whole number no smaller than the page size');
  }
  if (problems.length > 0 || 'error' in initial || 'error' in late) {
    throw new Error(`Invalid Lumos configuration: ${problems.join('; ')}`);
  }
  return { initialMs: initial.ms, lateArrivalMs: late.ms, pageSize, maxWindowRecords };
}

/** Two generations of ids: the current one and the one before, rotated at window boundaries. */
function rememberedIds() {
  let current = new Set<string>();
  let previous = new Set<string>();
  return {
    has: (id: string) => current.has(id) || previous.has(id),
    add: (id: string) => {
      current.add(id);
    },
    /** Called when a window completes; starts a new generation once this one is big enough. */
    rotate: () => {
      if (current.size < REMEMBERED_GENERATION) return;
      previous = current;
      current = new Set();
    },
  };
}

function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * Runs one cycle. Resolves with what it did and the checkpoint now stored; rejects (leaving the
 * stored checkpoint at the last complete window) on a Lumos error, a write failure or an abort.
 */
export async function pollLumos(
  config: LumosConfig,
  token: string,
  deps: PollDependencies<LumosCheckpoint>
): Promise<LumosPollOutcome> {
  const resolved = resolveLumosConfig(config);
  const now = deps.now ?? (() => new Date());
  const { logger, signal, budget } = deps;
  const stats: LumosPollStats = {
    ...emptyPollStats(),
    pages: 0,
    windows: 0,
    splits: 0,
    unverifiedWindows: 0,
    httpRetries: 0,
  };

  const cycleEnd = floorToSecond(now().getTime());
  const stored = await deps.checkpoints.load();
  let watermark: number;
  let start: number;
  if (stored) {
    watermark = Date.parse(stored.watermark);
    // The late-arrival window is re-read every cycle; that is how late events get in.
    start = Math.max(0, watermark - resolved.lateArrivalMs);
  } else {
    watermark =
      resolved.initialMs === 'everything' ? 0 : floorToSecond(cycleEnd - resolved.initialMs);
    start = watermark;
  }
  // Windows starting before this were (at least partly) written by earlier cycles.
  const rereadBefore = stored ? watermark : -Infinity;
  let checkpoint: LumosCheckpoint = stored ?? {
    version: 1,
    watermark: new Date(watermark).toISOString(),
  };

  const client = new LumosClient({
    baseUrl: config.baseUrl,
    token,
    requestTimeoutMs: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    backoff: config.backoff,
    maxRetryAfterMs: config.maxRetryAfterMs,
    proxyUrl: config.proxyUrl,
    caCert: config.caCert,
    outbound: deps.outbound,
    signal,
    logger,
  });
  const remembered = rememberedIds();

  const fetchWindowPage = async (from: number, to: number, offset: number) => {
    const page = await client.fetchPage({
      since: formatLumosTime(Math.max(0, from - BOUNDARY_OVERLAP_MS)),
      until: formatLumosTime(to),
      limit: resolved.pageSize,
      offset,
    });
    stats.pages++;
    return page;
  };

  const budgetSpent = (): boolean => {
    if (!budget) return false;
    if (budget.deadline !== undefined && Date.now() >= budget.deadline) return true;
    return budget.maxRecords !== undefined && stats.read >= budget.maxRecords;
  };

  /**
   * `_id`s among `ids` already in any backing index of the stream. `create` only detects a
   * duplicate within the current write index: after a rollover, re-reading the late-arrival
   * window would otherwise write a second copy of its events into the new backing index.
   */
  let existenceCheckWarned = false;
  const existingIds = async (ids: string[]): Promise<Set<string>> => {
    let response;
    try {
      response = await deps.esClient.search(
        {
          index: dataStreamName(SOURCES.lumos.dataset, config.namespace),
          query: { ids: { values: ids } },
          size: ids.length,
          _source: false,
          ignore_unavailable: true,
          allow_no_indices: true,
        },
        { signal }
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      // Best effort: a brand-new stream's shard may not be searchable yet (no rollover can have
      // happened then), or the user may lack read rights. `create` still dedupes within the
      // write index.
      if (!existenceCheckWarned) {
        existenceCheckWarned = true;
        logger?.warn?.(
          `Could not check for already-written Lumos events: ${(error as Error).message}`
        );
      }
      return new Set();
    }
    return new Set(response.hits.hits.map((hit) => hit._id as string));
  };

  interface Prepared {
    requests: SerializedRequest[];
    malformed: SerializedRequest[];
  }

  /** Maps one page, adding the keys of its items to `keys`; skips items seen before. */
  const prepare = (items: readonly unknown[], keys: Set<string>): Prepared => {
    const context = { namespace: config.namespace, now: now() };
    const requests: SerializedRequest[] = [];
    const malformed: SerializedRequest[] = [];
    for (const item of items) {
      stats.read++;
      // Total: any item is a document or a bounded pipeline_error, so no item can fail the page.
      const mapped = mapLumosItem(item, context);
      keys.add(mapped.key);
      if (remembered.has(mapped.key)) {
        // Read twice in this cycle (an overlap, or offsets shifting under us): already written.
        if (!mapped.key.startsWith(MALFORMED_KEY_PREFIX)) stats.duplicates++;
        continue;
      }
      remembered.add(mapped.key);
      // Serialized at once: the document object dies here, not after the bulk request.
      (mapped.pipelineError ? malformed : requests).push(serializeRequest(mapped.request));
    }
    return { requests, malformed };
  };

  /** Writes mapped pages; below the starting watermark, first drops ids the stream already has. */
  const write = async ({ requests, malformed }: Prepared, rereading: boolean): Promise<void> => {
    let fresh = requests;
    if (rereading && fresh.length > 0) {
      const present = await existingIds(fresh.map((r) => r.id));
      if (present.size > 0) {
        stats.duplicates += present.size;
        fresh = fresh.filter((r) => !present.has(r.id));
      }
    }
    // The writes in flight are the concurrency; one write's batches go one after another.
    const writerOptions = { ...deps.writer, concurrency: 1, signal };
    if (fresh.length > 0)
      addWriteResult(stats, await writeSerialized(deps.esClient, fresh, writerOptions));
    if (malformed.length > 0) {
      const result = await writeSerialized(deps.esClient, malformed, writerOptions);
      // Ours, not Elasticsearch's rejections: every newly written one is a pipeline error.
      addWriteResult(stats, {
        ...result,
        pipelineErrors: result.written,
        firstPipelineError: result.written > 0 ? malformed[0].pipelineError : undefined,
      });
    }
  };

  /*
   * Pages of a window are collected into bulk-sized writes (Lumos pages hold at most 100 items;
   * a bulk request per page would spend most of the time on round trips), and writes run while
   * the next pages are fetched, up to the writer's concurrency at once. A window is completed (its
   * checkpoint saved) only after `drain`, so the checkpoint still covers only written events.
   */
  const flushAt = Math.max(
    resolved.pageSize,
    Math.min(
      deps.writer?.batchSize ?? DEFAULT_WRITE_RECORDS,
      Math.floor(resolved.maxWindowRecords / 2)
    )
  );
  const windowWriter = (rereading: boolean) => {
    let buffer: Prepared = { requests: [], malformed: [] };
    const writes = OrderedWrites.forWriter(deps.writer);
    const flush = async () => {
      const batch = buffer;
      buffer = { requests: [], malformed: [] };
      if (batch.requests.length === 0 && batch.malformed.length === 0) return;
      await writes.add(() => write(batch, rereading));
    };
    return {
      async add(prepared: Prepared) {
        buffer.requests.push(...prepared.requests);
        buffer.malformed.push(...prepared.malformed);
        if (buffer.requests.length + buffer.malformed.length >= flushAt) await flush();
      },
      async drain() {
        await flush();
        await writes.drain();
      },
      /** After a failure elsewhere: let the writes in flight finish before the error goes up. */
      settle: () => writes.settle(),
    };
  };

  // With a record budget, windows also fit in it: a short run still completes (and checkpoints)
  // windows instead of being cut off half-way through one big window.
  const windowLimit =
    budget?.maxRecords !== undefined
      ? Math.min(resolved.maxWindowRecords, Math.max(resolved.pageSize, budget.maxRecords))
      : resolved.maxWindowRecords;
  let progressed = 0;
  const complete = async (to: number) => {
    if (to <= watermark) return;
    watermark = to;
    checkpoint = {
      version: 1,
      watermark: new Date(to).toISOString(),
      updatedAt: now().toISOString(),
    };
    deps.onProgress?.(stats);
    await deps.checkpoints.save(checkpoint);
    progressed++;
    stats.windows++;
    remembered.rotate();
  };

  /** Reads [from, to) completely, splitting as needed, then completes it. */
  const processRange = async (from: number, to: number): Promise<void> => {
    if (to <= from) return;
    // The budget only stops new progress, and never before the first window past the watermark:
    // a small budget must still move a long backfill forward.
    if (to > watermark && progressed > 0 && budgetSpent()) throw new BudgetExhausted();
    const splittable = to - from > 1000;
    const mid = () => from + Math.floor((to - from) / 2000) * 1000;

    let first: FetchedPage | undefined = await fetchWindowPage(from, to, 0);
    const total = first.page.total;
    if (total != null && total > windowLimit && splittable) {
      stats.splits++;
      const m = mid();
      await processRange(from, m);
      await processRange(m, to);
      return;
    }

    // Distinct events seen in this window, over all passes.
    const keys = new Set<string>();
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      let fetched: FetchedPage = first ?? (await fetchWindowPage(from, to, 0));
      first = undefined;
      let pages = 0;
      let received = 0;
      // Below the cycle's starting watermark we re-read what earlier cycles wrote.
      const writer = windowWriter(from < rereadBefore);
      try {
        for (;;) {
          pages++;
          received += fetched.page.items.length;
          // The next page is asked for before this one is written, so the two overlap.
          const next =
            fetched.nextOffset === undefined
              ? undefined
              : fetchWindowPage(from, to, fetched.nextOffset);
          next?.catch(() => undefined);
          try {
            await writer.add(prepare(fetched.page.items, keys));
          } catch (error) {
            await next?.catch(() => undefined);
            throw error;
          }
          if (next === undefined) break;
          fetched = await next;
        }
        await writer.drain();
      } catch (error) {
        await writer.settle();
        throw error;
      }
      const lastTotal = fetched.page.total;
      // Complete when Lumos does not say (nothing to check against), when we saw at least as many
      // distinct events as it says match, or when one response held the whole window.
      if (lastTotal == null || keys.size >= lastTotal || (pages === 1 && received >= lastTotal)) {
        await complete(to);
        return;
      }
      logger?.debug?.(
        `Lumos window ${formatLumosTime(from)}..${formatLumosTime(to)}: saw ${keys.size} distinct of ${lastTotal} over ${pages} pages; ${splittable ? 'splitting' : 'reading again'}`
      );
      if (splittable) {
        stats.splits++;
        const m = mid();
        await processRange(from, m);
        await processRange(m, to);
        return;
      }
    }
    stats.unverifiedWindows++;
    logger?.warn?.(
      `Lumos window ${formatLumosTime(from)}..${formatLumosTime(to)} never matched its total after ${MAX_PASSES} reads; accepting the ${keys.size} events seen`
    );
    await complete(to);
  };

  let caughtUp = true;
  try {
    await processRange(start, Math.max(cycleEnd, start));
  } catch (error) {
    // One error type for an abort, whichever layer (fetch, sleep, the ES client) noticed it.
    if (signal?.aborted) throw new AbortedError();
    if (!(error instanceof BudgetExhausted)) throw error;
    caughtUp = false;
  } finally {
    stats.requests = client.stats.requests;
    stats.httpRetries = client.stats.retries;
    stats.retries += client.stats.retries;
    await client.close();
  }
  return { stats, checkpoint, caughtUp };
}
