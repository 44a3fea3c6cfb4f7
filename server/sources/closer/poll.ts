/*
 * One poll cycle of the Closer source: read the window [from, now - lag) from Closer's
 * Elasticsearch page by page, map, write with deterministic ids, and move the cursor after
 * every written page. See window.ts for the guarantee and docs/closer.md for the reasoning.
 */
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, DEFAULT_NAMESPACE, SOURCES } from '../../../common/data_streams';
import { AbortedError, backoffDelay, DEFAULT_BACKOFF, sleep } from '../../lib/backoff';
import {
  serializeRequest,
  writeSerialized,
  type SerializedRequest,
} from '../../ingest/bulk_writer';
import { OrderedWrites } from '../../ingest/ordered_writes';
import { forEachYielding } from '../../lib/yielding';
import { retryableNow } from '../../lib/retry_policy';
import type { IndexRequest } from '../../ingest/ecs';
import {
  addWriteResult,
  emptyPollStats,
  type PollDependencies,
  type PollOutcome,
  type PollStats,
} from '../poll_types';
import { type CloserCheckpoint } from './checkpoint';
import {
  DEFAULT_INDEX,
  DEFAULT_KEEP_ALIVE,
  DEFAULT_LAG_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_OVERLAP_MS,
  DEFAULT_PAGE_SIZE,
  DEFAULT_REQUEST_TIMEOUT_MS,
  parseSince,
  type CloserConfig,
  type CloserCredentials,
} from './config';
import { mapCloserRecord } from './mapper';
import { pipelineErrorRequest } from '../../ingest/pipeline_error';
import { prefetched } from './prefetch';
import { redactSecrets } from '../../connectors/redact';
import { RemoteClient, RemoteError, ResponseTooLargeError, type FetchLike } from './remote_client';
import { readWindow, type Page, type ResolvedSearchApi } from './remote_search';
import { advanceCursor, hitTimestamp, planWindow } from './window';

const source = SOURCES.closer;

export interface CloserPollConfig extends CloserConfig {
  /** Destination namespace: `logs-closer.security-<namespace>`. */
  namespace?: string;
}

export interface CloserPollDependencies extends PollDependencies<CloserCheckpoint> {
  /** Replaces fetch for Closer's cluster (tests). */
  fetch?: FetchLike;
}

/** The credential values, for redacting remote text before it is logged. */
function credentialSecrets(credentials: CloserCredentials): string[] {
  switch (credentials.type) {
    case 'basic':
      return [credentials.password];
    case 'api_key':
      return [credentials.apiKey];
    default:
      return [];
  }
}

/** Errors after which reading the window again from the saved position may succeed. */
function isRestartable(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  // An expired PIT/scroll (404 search_context_missing_exception) needs a fresh snapshot.
  return retryableNow(error, {}) || error.errorType === 'search_context_missing_exception';
}

/**
 * Ids among `requests` already in the data stream. `create` + 409 deduplicates only within one
 * backing index; after a rollover a re-read record would be written again, so records the
 * previous cycles may have written are looked up first.
 */
async function existingIds(
  esClient: ElasticsearchClient,
  index: string,
  ids: string[],
  signal?: AbortSignal
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const response = await esClient.search(
    {
      index,
      size: ids.length,
      _source: false,
      query: { ids: { values: ids } },
      ignore_unavailable: true,
      allow_no_indices: true,
    },
    { signal }
  );
  return new Set(
    response.hits.hits.map((hit) => hit._id).filter((id): id is string => typeof id === 'string')
  );
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

export async function pollCloser(
  config: CloserPollConfig,
  credentials: CloserCredentials,
  deps: CloserPollDependencies
): Promise<PollOutcome<CloserCheckpoint>> {
  const now = deps.now?.() ?? new Date();
  const nowMs = now.getTime();
  const index = config.index ?? DEFAULT_INDEX;
  const namespace = config.namespace ?? DEFAULT_NAMESPACE;
  const stream = dataStreamName(source.dataset, namespace);
  let pageSize = config.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxRetries = config.maxRetries ?? DEFAULT_MAX_RETRIES;
  const { signal, logger, budget } = deps;
  const stats: PollStats = emptyPollStats();

  const saved = await deps.checkpoints.load();
  // A cursor for another index pattern says nothing about this one.
  const sameIndex = saved !== undefined && (saved.index === undefined || saved.index === index);
  const previousUntil = sameIndex ? Date.parse(saved.until) : undefined;
  const resumeFrom = sameIndex && saved.resumeFrom ? Date.parse(saved.resumeFrom) : undefined;
  const plan = planWindow(
    previousUntil,
    {
      lagMs: config.lagMs ?? DEFAULT_LAG_MS,
      overlapMs: config.overlapMs ?? DEFAULT_OVERLAP_MS,
      sinceMs: parseSince(config.since ?? 0, nowMs),
    },
    nowMs,
    resumeFrom
  );
  const checkpointOf = (
    until: number,
    api?: ResolvedSearchApi,
    resumeAt?: number
  ): CloserCheckpoint => ({
    version: 1,
    until: new Date(until).toISOString(),
    index,
    ...(api ? { searchApi: api } : saved?.searchApi ? { searchApi: saved.searchApi } : {}),
    updatedAt: now.toISOString(),
    ...(resumeAt !== undefined ? { resumeFrom: new Date(resumeAt).toISOString() } : {}),
  });
  if (!plan) {
    return {
      stats,
      checkpoint: saved ?? checkpointOf(nowMs - (config.lagMs ?? DEFAULT_LAG_MS)),
      caughtUp: true,
    };
  }

  const client = new RemoteClient({
    url: config.url,
    credentials,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    maxRetries,
    backoff: config.backoff,
    tls: config.tls,
    proxyUrl: config.proxyUrl,
    fetch: deps.fetch,
    outbound: deps.outbound,
  });

  let until = previousUntil;
  let api: 'auto' | ResolvedSearchApi = config.searchApi ?? 'auto';
  let usedApi: ResolvedSearchApi | undefined;
  let checkpoint = saved ?? checkpointOf(plan.from);
  let caughtUp = false;
  let stoppedByBudget = false;
  /** Timestamp of the first record of a first cycle, reported through onFirstRecord. */
  let firstTimestamp: number | undefined;
  /**
   * `resumeAt`: how far this cycle got, until it reaches `to`. Saved with every page, so a run
   * stopped by its budget (or killed) is continued there and not wedged in the overlap.
   */
  const save = async (resumeAt?: number) => {
    if (until === undefined) return;
    checkpoint = checkpointOf(until, usedApi, resumeAt);
    deps.onProgress?.(stats);
    await deps.checkpoints.save(checkpoint);
  };
  const budgetExhausted = () =>
    (budget?.maxRecords !== undefined && stats.read >= budget.maxRecords) ||
    (budget?.deadline !== undefined && Date.now() >= budget.deadline);

  // How far this cycle got: a restart resumes here, not at the saved cursor, so the overlap
  // before the saved cursor is still re-read once per cycle.
  let cycleProgress: number | undefined;

  interface MappedPage {
    requests: SerializedRequest[];
    /** Ids that earlier cycles may have written (at or before the previous cursor). */
    maybeWritten: string[];
    /** Sorted by @timestamp ascending (hits without one sort last): the page's oldest record. */
    firstTimestamp?: number;
    lastTimestamp?: number;
  }
  const mapPage = async ({ hits, oversized }: Page): Promise<MappedPage> => {
    const mapped: MappedPage = { requests: [], maybeWritten: [] };
    // Sliced so a page of large records never holds the event loop for long (Kibana's one).
    await forEachYielding(hits, (hit) => {
      const request =
        oversized === undefined
          ? mapCloserRecord(hit, { namespace, now }, config.mapping)
          : oversizedRecord(hit, oversized, namespace, now);
      const timestamp = hitTimestamp(hit);
      // Never past the window's end: a remote that sorts a hit outside the range it was asked
      // for must not move the cursor into the future (and skip what lies between).
      if (timestamp !== undefined) mapped.lastTimestamp = Math.min(timestamp, plan.to);
      mapped.firstTimestamp ??= timestamp;
      // At the cursor too: a run resumed at `until` re-reads the hits stamped exactly there.
      if (previousUntil !== undefined && (timestamp === undefined || timestamp <= previousUntil))
        mapped.maybeWritten.push(request.id);
      // Serialized at once: the document object dies here, not after the page's bulk request.
      mapped.requests.push(serializeRequest(request));
    });
    return mapped;
  };
  const writePage = async ({ requests, maybeWritten }: MappedPage): Promise<void> => {
    const existing = await existingIds(deps.esClient, stream, maybeWritten, signal);
    const fresh = existing.size === 0 ? requests : requests.filter((r) => !existing.has(r.id));
    stats.duplicates += requests.length - fresh.length;
    for (const { pipelineError } of fresh) {
      if (pipelineError === undefined) continue;
      stats.pipelineErrors++;
      stats.firstPipelineError ??= pipelineError;
    }
    const result = await writeSerialized(deps.esClient, fresh, {
      ...deps.writer,
      // The pages in flight are the concurrency; one page's batches go one after another.
      concurrency: 1,
      signal: signal ?? deps.writer?.signal,
    });
    addWriteResult(stats, result);
  };
  /** Runs in page order, once this page and every one before it are written. */
  const pageWritten = async ({ firstTimestamp: first, lastTimestamp }: MappedPage) => {
    if (firstTimestamp === undefined && previousUntil === undefined && first !== undefined) {
      firstTimestamp = first;
      await deps.onFirstRecord?.(first);
    }
    if (lastTimestamp === undefined) return;
    cycleProgress = lastTimestamp;
    until = advanceCursor(until, lastTimestamp);
    await save(cycleProgress);
  };

  logger?.debug(
    `Closer: reading ${index} @timestamp [${new Date(plan.from).toISOString()}, ${new Date(plan.to).toISOString()}) from ${client.displayUrl}`
  );

  try {
    let readFrom = plan.from;
    for (let restart = 0; ; restart++) {
      try {
        const pages = readWindow(
          client,
          {
            index,
            from: readFrom,
            to: plan.to,
            filter: config.query,
            pageSize,
            keepAlive: config.keepAlive ?? DEFAULT_KEEP_ALIVE,
            signal,
          },
          api,
          (resolved) => {
            usedApi = resolved;
            api = resolved;
          }
        );
        // The next page is read while this one is mapped, and up to `depth` pages are written at
        // once; each page's cursor is saved only once it and every page before it are written.
        const writes = OrderedWrites.forWriter(deps.writer);
        try {
          for await (const page of prefetched(pages)) {
            stats.read += page.hits.length;
            if (page.oversized !== undefined)
              logger?.warn(`Closer: ${page.oversized}; one record kept as a pipeline_error`);
            const mapped = await mapPage(page);
            await writes.add(
              () => writePage(mapped),
              () => pageWritten(mapped)
            );
            if (budgetExhausted()) {
              stoppedByBudget = true;
              break;
            }
          }
        } finally {
          await writes.drain();
        }
        break;
      } catch (error) {
        if (signal?.aborted) throw new AbortedError();
        if (error instanceof ResponseTooLargeError && pageSize > 1) {
          // Pages of large records: the same window in smaller pages (at most log2(pageSize)
          // times, not counted as retries).
          pageSize = Math.floor(pageSize / 2);
          readFrom = cycleProgress ?? plan.from;
          restart--;
          logger?.warn(
            `Closer: ${error.message}; reading again from ${new Date(readFrom).toISOString()} in pages of ${pageSize}`
          );
          continue;
        }
        if (!isRestartable(error) || restart >= maxRetries) throw error;
        // Read again from the saved position with a fresh snapshot; already written records
        // come back as duplicates.
        readFrom = cycleProgress ?? plan.from;
        stats.retries++;
        // Remote text: a proxy or server may echo the request's credentials.
        logger?.warn(
          `Closer: ${redactSecrets((error as Error).message, credentialSecrets(credentials))}; reading again from ${new Date(readFrom).toISOString()}`
        );
        await sleep(backoffDelay(restart, config.backoff ?? DEFAULT_BACKOFF), signal);
      }
    }
    if (!stoppedByBudget) {
      until = advanceCursor(until, plan.to);
      await save();
      caughtUp = true;
    }
  } finally {
    stats.requests += client.requests;
    stats.retries += client.retries;
    await client.close();
  }
  logger?.info(
    `Closer: read ${stats.read}, wrote ${stats.written}, ${stats.duplicates} already present, ${stats.pipelineErrors} pipeline errors; cursor ${checkpoint.until}`
  );
  return { stats, checkpoint, caughtUp };
}
