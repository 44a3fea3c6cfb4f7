/*
 * The one poll engine. A source contributes a page reader (how to walk its API) and a mapper; the
 * engine owns the rest of a cycle: the budget, mapping, the rollover duplicate check, writing,
 * the counts, pipeline-error counting, checkpoint saving, onProgress and onFirstRecord.
 * docs/poll-engine.md states the rules; the short version:
 *
 * - A page's checkpoint is saved only once that page and every page before it are written
 *   (OrderedWrites), so a checkpoint never covers an unwritten record, however writes finish.
 * - Records that an earlier cycle may have written are first looked up in every backing index
 *   of the stream; a failed lookup fails the cycle (see `existingIds`).
 * - The budget only stops the cycle after a page that carries a checkpoint (and is not the
 *   reader's last): the work done is always saved, and a small budget still moves a long
 *   backfill forward.
 */
import type { ElasticsearchClient } from '@kbn/core/server';
import { AbortedError } from '../../lib/backoff';
import { forEachYielding } from '../../lib/yielding';
import {
  serializeRequest,
  writeSerialized,
  type SerializedRequest,
} from '../../ingest/bulk_writer';
import type { IndexRequest } from '../../ingest/ecs';
import { OrderedWrites } from '../../ingest/ordered_writes';
import { addWriteResult, type PollDependencies, type PollStats } from '../poll_types';
import { rememberedKeys, type RememberedKeys } from './remembered_keys';

/** One record as the source's mapper made it. */
export interface MappedRecord {
  request: IndexRequest;
  /**
   * An earlier cycle may have written it (it lies in what this cycle re-reads): looked up in the
   * stream's backing indices before it is written.
   */
  maybeWritten: boolean;
  /**
   * Set by sources that re-read within a cycle (Lumos's overlaps and re-reads): a record whose
   * key was already mapped in this cycle is skipped (counted as a duplicate unless
   * `quietRepeat`), the writer's 409 doing the same beyond the remembered generations.
   */
  key?: string;
  /** A repeat of this record is not counted as a duplicate (a malformed item keyed on its text). */
  quietRepeat?: boolean;
}

/** What a page reader yields. */
export interface SourcePage<Checkpoint> {
  /** The records as read (raw), mapped by `map`. */
  records: readonly unknown[];
  /** Maps one record of this page. */
  map: (record: unknown) => MappedRecord;
  /** The checkpoint this page completes; saved once it and every earlier page are written. */
  checkpoint?: Checkpoint;
  /**
   * The source time (epoch ms) of the page's oldest record, for sources that read in time
   * order: on a cycle with no stored checkpoint, the first one is reported (onFirstRecord).
   */
  firstTimestamp?: number;
  /** The reader's last page: the cycle reaches its end with it, whatever the budget. */
  last?: boolean;
  /** Called with the mapped keys of the page (Lumos's completeness check counts them). */
  onMapped?: (keys: readonly string[]) => void;
}

/** A page without records that completes a checkpoint (the end of a walk). */
export function checkpointPage<Checkpoint>(
  checkpoint: Checkpoint,
  last = false
): SourcePage<Checkpoint> {
  return {
    last,
    records: [],
    map: () => {
      throw new Error('A checkpoint page has no records');
    },
    checkpoint,
  };
}

/** What the engine offers a reader while it walks. */
export interface ReaderContext {
  /**
   * Waits until every page yielded so far is written and its checkpoint saved (rejecting with a
   * write's failure): a reader that restarts its walk resumes from what is really written.
   */
  drain(): Promise<void>;
}

export interface EngineOptions<Checkpoint, Stats extends PollStats> {
  deps: PollDependencies<Checkpoint>;
  /** The destination data stream (for the duplicate check). */
  stream: string;
  /** The cycle's counts; source-specific fields are the reader's. */
  stats: Stats;
  /** The stored checkpoint, if any (a first cycle reports onFirstRecord). */
  stored: Checkpoint | undefined;
  /** Returned when the cycle saves none. */
  initial: Checkpoint;
  /** Records collected from consecutive pages into one write; 0: one write per page. */
  collectRecords?: number;
  /** Bound of each generation of remembered keys (when the mapper sets `key`). */
  rememberedGeneration?: number;
}

export interface EngineOutcome<Checkpoint, Stats extends PollStats> {
  stats: Stats;
  checkpoint: Checkpoint;
  /** True when the reader reached its end; false when the budget stopped the cycle. */
  caughtUp: boolean;
}

interface PendingWrite {
  requests: SerializedRequest[];
  maybeWritten: string[];
}

/**
 * `_id`s among `ids` already in any backing index of the stream. `create` only detects a
 * duplicate within the current write index: after a rollover, a re-read record would otherwise
 * be written a second time. A failed lookup fails the cycle (the checkpoint stays where it was,
 * the next run reads again): writing without it could break exactly-once, and the writer key
 * has `read` on the stream (docs/privileges.md), so it fails only when the cluster does.
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

function budgetSpent(deps: PollDependencies<unknown>, stats: PollStats): boolean {
  const { budget } = deps;
  if (!budget) return false;
  if (budget.deadline !== undefined && Date.now() >= budget.deadline) return true;
  return budget.maxRecords !== undefined && stats.read >= budget.maxRecords;
}

class PollEngine<Checkpoint, Stats extends PollStats> {
  private readonly writes: OrderedWrites;
  private readonly remembered: RememberedKeys;
  private pending: PendingWrite = { requests: [], maybeWritten: [] };
  private checkpoint: Checkpoint | undefined;
  private firstReported: boolean;

  constructor(private readonly options: EngineOptions<Checkpoint, Stats>) {
    this.writes = OrderedWrites.forWriter(options.deps.writer);
    this.remembered = rememberedKeys(options.rememberedGeneration);
    this.checkpoint = options.stored;
    this.firstReported = options.stored !== undefined;
  }

  readonly context: ReaderContext = { drain: () => this.drain() };

  /** Runs the reader's pages to its end or the budget. */
  async run(
    pages: AsyncIterable<SourcePage<Checkpoint>>
  ): Promise<EngineOutcome<Checkpoint, Stats>> {
    const { deps, stats } = this.options;
    let caughtUp = true;
    try {
      for await (const page of pages) {
        await this.add(page);
        if (page.checkpoint !== undefined && !page.last && budgetSpent(deps, stats)) {
          caughtUp = false;
          break;
        }
      }
      await this.drain();
    } catch (error) {
      // A read failed after earlier pages were handed over (a window's checkpoint waits for its
      // write while the next window is fetched): let those writes finish and their checkpoints
      // be saved, so the next run resumes after them. After a failed write this rejects at once
      // and saves nothing more; the error reported stays the first one.
      if (!deps.signal?.aborted) await this.writes.drain().catch(() => undefined);
      await this.writes.settle();
      // One error type for an abort, whichever layer (fetch, sleep, the ES client) noticed it.
      if (deps.signal?.aborted) throw new AbortedError();
      throw error;
    }
    return { stats, checkpoint: this.checkpoint ?? this.options.initial, caughtUp };
  }

  private async drain(): Promise<void> {
    await this.flush();
    await this.writes.drain();
  }

  private async add(page: SourcePage<Checkpoint>): Promise<void> {
    await this.mapInto(page);
    const { firstTimestamp, checkpoint } = page;
    const reportFirst = !this.firstReported && firstTimestamp !== undefined;
    if (reportFirst) this.firstReported = true;
    const collect = this.options.collectRecords ?? 0;
    if (checkpoint === undefined && !reportFirst && this.pending.requests.length < collect) return;
    await this.flush(async () => {
      // Only once this page and every one before it are written.
      if (reportFirst) await this.options.deps.onFirstRecord?.(firstTimestamp);
      if (checkpoint === undefined) return;
      this.options.deps.onProgress?.(this.options.stats);
      await this.options.deps.checkpoints.save(checkpoint);
      this.checkpoint = checkpoint;
    });
    if (checkpoint !== undefined) this.remembered.rotate();
  }

  /** Maps a page into the pending write; sliced so a page never holds the event loop for long. */
  private async mapInto(page: SourcePage<Checkpoint>): Promise<void> {
    const { stats } = this.options;
    const keys: string[] = [];
    stats.read += page.records.length;
    await forEachYielding(page.records, (record) => {
      const mapped = page.map(record);
      if (mapped.key !== undefined) {
        keys.push(mapped.key);
        if (this.remembered.has(mapped.key)) {
          // Read twice in this cycle (an overlap, or offsets shifting under us): already written.
          if (!mapped.quietRepeat) stats.duplicates++;
          return;
        }
        this.remembered.add(mapped.key);
      }
      // Serialized at once: the document object dies here, not after the bulk request.
      const request = serializeRequest(mapped.request);
      this.pending.requests.push(request);
      if (mapped.maybeWritten) this.pending.maybeWritten.push(request.id);
    });
    page.onMapped?.(keys);
  }

  /** Starts the pending write (and its follow-up) once fewer than the writer's depth are in flight. */
  private async flush(then?: () => Promise<void>): Promise<void> {
    const batch = this.pending;
    this.pending = { requests: [], maybeWritten: [] };
    if (batch.requests.length === 0 && then === undefined) return;
    await this.writes.add(() => this.write(batch), then);
  }

  private async write({ requests, maybeWritten }: PendingWrite): Promise<void> {
    const { deps, stats, stream } = this.options;
    const signal = deps.signal ?? deps.writer?.signal;
    const existing = await existingIds(deps.esClient, stream, maybeWritten, signal);
    const fresh = existing.size === 0 ? requests : requests.filter((r) => !existing.has(r.id));
    stats.duplicates += requests.length - fresh.length;
    if (fresh.length === 0) return;
    // The writes in flight are the concurrency; one write's batches go one after another.
    const result = await writeSerialized(deps.esClient, fresh, {
      ...deps.writer,
      concurrency: 1,
      signal,
    });
    addWriteResult(stats, result);
  }
}

/**
 * Runs one cycle: `read` is the source's page reader, given the engine's context. Resolves with
 * the counts, the checkpoint now stored and whether the reader reached its end; rejects (the
 * stored checkpoint covering only written pages) on a read, write or save failure, or an abort.
 */
export function runPollEngine<Checkpoint, Stats extends PollStats>(
  options: EngineOptions<Checkpoint, Stats>,
  read: (context: ReaderContext) => AsyncIterable<SourcePage<Checkpoint>>
): Promise<EngineOutcome<Checkpoint, Stats>> {
  const engine = new PollEngine(options);
  return engine.run(read(engine.context));
}
