/*
 * The Closer page reader: the window [from, to) of Closer's index, read page by page in
 * @timestamp order from one snapshot (remote_search.ts), each page carrying the cursor it
 * completes. A transient failure, an expired snapshot or an answer over the byte cap restarts
 * the walk from what is written. See window.ts for the guarantee.
 */
import { SOURCES } from '../../../common/data_streams';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from '../../lib/backoff';
import { retryableNow } from '../../lib/retry_policy';
import type { Logger } from '@kbn/core/server';
import type { IndexRequest } from '../../ingest/ecs';
import { pipelineErrorRequest } from '../../ingest/pipeline_error';
import {
  checkpointPage,
  type MappedRecord,
  type ReaderContext,
  type SourcePage,
} from '../engine/poll_engine';
import type { PollStats } from '../poll_types';
import { redactSecrets } from '../../connectors/redact';
import type { CloserCheckpoint } from './checkpoint';
import type { CloserMapOptions } from './mapper';
import { mapCloserRecord } from './mapper';
import { prefetched } from './prefetch';
import { RemoteError, ResponseTooLargeError, type RemoteClient } from './remote_client';
import { readWindow, type Page, type ResolvedSearchApi } from './remote_search';
import { advanceCursor, hitTimestamp, type WindowPlan } from './window';

const source = SOURCES.closer;

export interface CloserReaderOptions {
  client: RemoteClient;
  plan: WindowPlan;
  index: string;
  namespace: string;
  now: Date;
  /** The saved cursor, when it is for this index. */
  saved: CloserCheckpoint | undefined;
  searchApi: 'auto' | ResolvedSearchApi;
  pageSize: number;
  keepAlive: string;
  filter?: Record<string, unknown>;
  mapping?: CloserMapOptions;
  maxRetries: number;
  backoff?: BackoffOptions;
  signal?: AbortSignal;
  logger?: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** Credential values, redacted from remote text before it is logged. */
  secrets: string[];
  /** The engine's counts (restarts count as retries). */
  stats: PollStats;
}

/** Errors after which reading the window again from the saved position may succeed. */
function isRestartable(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  // An expired PIT/scroll (404 search_context_missing_exception) needs a fresh snapshot.
  return retryableNow(error, {}) || error.errorType === 'search_context_missing_exception';
}

/**
 * A hit too large to read even alone (its answer is over the byte cap), read again without
 * `_source`: a pipeline_error keyed like the mapped record would be, so the connector moves on
 * and the record stays findable by its remote index and id.
 */
function oversizedRecord(hit: unknown, reason: string, namespace: string, now: Date): IndexRequest {
  const { _index, _id } = (hit ?? {}) as { _index?: unknown; _id?: unknown };
  const known = typeof _index === 'string' && typeof _id === 'string';
  const timestamp = hitTimestamp(hit);
  return pipelineErrorRequest({
    source,
    namespace,
    original: JSON.stringify({ _index, _id }),
    error: `${reason}; the record was skipped without its _source`,
    now,
    timestamp: timestamp === undefined ? undefined : new Date(timestamp).toISOString(),
    recordKey: known ? `${_index}|${_id}` : undefined,
  });
}

/** The timestamps of a page sorted by @timestamp ascending (hits without one sort last). */
function pageTimes(hits: readonly unknown[], to: number) {
  let first: number | undefined;
  let last: number | undefined;
  for (const hit of hits) {
    const timestamp = hitTimestamp(hit);
    if (timestamp === undefined) continue;
    first ??= timestamp;
    // Never past the window's end: a remote that sorts a hit outside the range it was asked
    // for must not move the cursor into the future (and skip what lies between).
    last = Math.min(timestamp, to);
  }
  return { first, last };
}

export class CloserReader {
  private readonly previousUntil: number | undefined;
  private until: number | undefined;
  private pageSize: number;
  private api: 'auto' | ResolvedSearchApi;
  /** The search API this cycle used, for the checkpoint. */
  private usedApi: ResolvedSearchApi | undefined;
  /**
   * How far this cycle got: a restart resumes here, not at the saved cursor, so the overlap
   * before the saved cursor is still re-read once per cycle.
   */
  private cycleProgress: number | undefined;

  constructor(private readonly options: CloserReaderOptions) {
    this.previousUntil = options.plan.previousUntil;
    this.until = this.previousUntil;
    this.pageSize = options.pageSize;
    this.api = options.searchApi;
  }

  /**
   * `resumeAt`: how far this cycle got, until it reaches `to`. Saved with every page, so a run
   * stopped by its budget (or killed) is continued there and not wedged in the overlap.
   */
  checkpointOf(until: number, resumeAt?: number): CloserCheckpoint {
    const { saved, index, now } = this.options;
    const api = this.usedApi ?? saved?.searchApi;
    return {
      version: 1,
      until: new Date(until).toISOString(),
      index,
      ...(api ? { searchApi: api } : {}),
      updatedAt: now.toISOString(),
      ...(resumeAt !== undefined ? { resumeFrom: new Date(resumeAt).toISOString() } : {}),
    };
  }

  async *pages(context: ReaderContext): AsyncGenerator<SourcePage<CloserCheckpoint>> {
    const { plan, logger } = this.options;
    let readFrom = plan.from;
    for (let restart = 0; ; restart++) {
      try {
        // The next page is read while this one is mapped and written.
        for await (const page of prefetched(this.window(readFrom))) {
          if (page.oversized !== undefined)
            logger?.warn(`Closer: ${page.oversized}; one record kept as a pipeline_error`);
          yield this.sourcePage(page);
        }
        break;
      } catch (error) {
        // What was yielded is written (or the write's failure goes up from here) before the
        // walk restarts from it.
        await context.drain();
        const halving = error instanceof ResponseTooLargeError && this.pageSize > 1;
        if (this.options.signal?.aborted || !(await this.beforeRestart(error, restart)))
          throw error;
        // Halving the page size is not a retry.
        if (halving) restart--;
        readFrom = this.cycleProgress ?? plan.from;
      }
    }
    this.until = advanceCursor(this.until, plan.to);
    yield checkpointPage(this.checkpointOf(this.until), true);
  }

  private window(from: number): AsyncIterable<Page> {
    const { client, index, plan, filter, keepAlive, signal } = this.options;
    return readWindow(
      client,
      { index, from, to: plan.to, filter, pageSize: this.pageSize, keepAlive, signal },
      this.api,
      (resolved) => {
        this.usedApi = resolved;
        this.api = resolved;
      }
    );
  }

  private sourcePage({ hits, oversized }: Page): SourcePage<CloserCheckpoint> {
    const { namespace, now, mapping, plan } = this.options;
    const { first, last } = pageTimes(hits, plan.to);
    const previousUntil = this.previousUntil;
    const map = (hit: unknown): MappedRecord => {
      const request =
        oversized === undefined
          ? mapCloserRecord(hit, { namespace, now }, mapping)
          : oversizedRecord(hit, oversized, namespace, now);
      const timestamp = hitTimestamp(hit);
      // At the cursor too: a run resumed at `until` re-reads the hits stamped exactly there.
      const maybeWritten =
        previousUntil !== undefined && (timestamp === undefined || timestamp <= previousUntil);
      return { request, maybeWritten };
    };
    let checkpoint: CloserCheckpoint | undefined;
    if (last !== undefined) {
      this.cycleProgress = last;
      this.until = advanceCursor(this.until, last);
      checkpoint = this.checkpointOf(this.until, last);
    }
    return {
      records: hits,
      map,
      checkpoint,
      ...(first !== undefined && this.previousUntil === undefined ? { firstTimestamp: first } : {}),
    };
  }

  /** Whether to read the window again after `error`; halves the page size when it was too big. */
  private async beforeRestart(error: unknown, restart: number): Promise<boolean> {
    const { logger, plan, stats } = this.options;
    const from = () => new Date(this.cycleProgress ?? plan.from).toISOString();
    if (error instanceof ResponseTooLargeError && this.pageSize > 1) {
      // Pages of large records: the same window in smaller pages (at most log2(pageSize)
      // times, not counted as retries).
      this.pageSize = Math.floor(this.pageSize / 2);
      logger?.warn(
        `Closer: ${error.message}; reading again from ${from()} in pages of ${this.pageSize}`
      );
      return true;
    }
    if (!isRestartable(error) || restart >= this.options.maxRetries) return false;
    // Read again from the saved position with a fresh snapshot; already written records come
    // back as duplicates.
    stats.retries++;
    // Remote text: a proxy or server may echo the request's credentials.
    logger?.warn(
      `Closer: ${redactSecrets((error as Error).message, this.options.secrets)}; reading again from ${from()}`
    );
    await sleep(
      backoffDelay(restart, this.options.backoff ?? DEFAULT_BACKOFF),
      this.options.signal
    );
    return true;
  }
}
