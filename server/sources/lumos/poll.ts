import { lumosSource } from '../../../common/sources/lumos/definition';
import { dataStreamName, namespaceError, SOURCES } from '../../../common/data_streams';
import type { LumosCheckpoint } from './checkpoint';
import { parseDuration, parseInitialWindow } from '../../../common/duration';
import type { BackoffOptions } from '../../lib/backoff';
import { runPollEngine } from '../engine/poll_engine';
import {
  emptyPollStats,
  type PollDependencies,
  type PollOutcome,
  type PollStats,
} from '../poll_types';
import { LumosClient, MAX_PAGE_SIZE } from './client';
import { LumosReader } from './reader';

/*
 * One poll cycle: read Lumos activity logs in bounded [since, until) windows (reader.ts), write
 * them, and move the checkpoint past each window only once all of it is written (the poll
 * engine). docs/lumos.md explains
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

/** The Lumos definition's (also what `npm run pull` reads by default). */
export const DEFAULT_INITIAL_WINDOW = lumosSource.defaultInitialWindow;
export const DEFAULT_LATE_ARRIVAL_WINDOW = '1h';
/**
 * 2,000 rather than 1,000: measured 25-45 % faster at a few MB more when each window end stalled
 * the pipeline (its writes drained before its checkpoint; the engine now saves it as their
 * follow-up). A crash re-reads at most one window.
 */
export const DEFAULT_MAX_WINDOW_RECORDS = 2000;
/** Records per bulk request (a window's pages are collected up to this). */
export const DEFAULT_WRITE_RECORDS = 500;
/**
 * Ids remembered within a cycle to skip rewriting overlaps (the extra second before a window, the
 * re-reads of a split window): each generation's size (engine/remembered_keys.ts).
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
  // With a record budget, windows also fit in it: a short run still completes (and checkpoints)
  // windows instead of being cut off half-way through one big window.
  const windowLimit =
    budget?.maxRecords !== undefined
      ? Math.min(resolved.maxWindowRecords, Math.max(resolved.pageSize, budget.maxRecords))
      : resolved.maxWindowRecords;
  const reader = new LumosReader({
    client,
    namespace: config.namespace,
    now,
    pageSize: resolved.pageSize,
    windowLimit,
    watermark,
    rereadBefore: stored ? watermark : -Infinity,
    stats,
    logger,
  });
  /*
   * Pages of a window are collected into bulk-sized writes (Lumos pages hold at most 100 items;
   * a bulk request per page would spend most of the time on round trips), and writes run while
   * the next pages are fetched, up to the writer's concurrency at once.
   */
  const collectRecords = Math.max(
    resolved.pageSize,
    Math.min(
      deps.writer?.batchSize ?? DEFAULT_WRITE_RECORDS,
      Math.floor(resolved.maxWindowRecords / 2)
    )
  );
  try {
    return await runPollEngine(
      {
        deps,
        stream: dataStreamName(SOURCES.lumos.dataset, config.namespace),
        stats,
        stored,
        initial: stored ?? { version: 1, watermark: new Date(watermark).toISOString() },
        collectRecords,
        rememberedGeneration: REMEMBERED_GENERATION,
      },
      () => reader.pages(start, cycleEnd)
    );
  } finally {
    stats.requests = client.stats.requests;
    stats.httpRetries = client.stats.retries;
    stats.retries += client.stats.retries;
    await client.close();
  }
}
