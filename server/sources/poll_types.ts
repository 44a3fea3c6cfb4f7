import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import type { BulkWriterOptions, WriteResult } from '../ingest/bulk_writer';
import type { CheckpointStore } from '../ingest/checkpoint_store';
import type { OutboundPolicy } from '../lib/outbound/host_policy';

/** What one poll cycle did; printed by `npm run pull`, kept as connector health in Kibana. */
export interface PollStats extends WriteResult {
  /** HTTP requests / searches made to the source. */
  requests: number;
  /** Records read from the source (including ones already written before). */
  read: number;
}

export interface PollBudget {
  /** Stop starting new pages after this time (epoch ms); the checkpoint stays consistent. */
  deadline?: number;
  /** Stop after about this many records; a long backfill then spans several runs. */
  maxRecords?: number;
}

export interface PollDependencies<Checkpoint> {
  /** Destination cluster, with the privileges of whoever configured the source. */
  esClient: ElasticsearchClient;
  checkpoints: CheckpointStore<Checkpoint>;
  /** Where the source client may connect (`audit_sources.allowedHosts`). */
  outbound: OutboundPolicy;
  signal?: AbortSignal;
  logger?: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  now?: () => Date;
  writer?: BulkWriterOptions;
  budget?: PollBudget;
  /**
   * Called once, on a cycle with no stored checkpoint, with the timestamp (epoch ms) of the first
   * record read, before that page's checkpoint is saved. Sources that read in time order (Closer)
   * call it: with an open-ended start ("everything") it is where the backfill really begins,
   * which the connector's health needs for a meaningful progress bar.
   */
  onFirstRecord?: (epochMs: number) => Promise<void>;
  /**
   * The cycle's counts so far, just before each checkpoint is saved: the connector's health
   * shows a backfill's progress while the run is still going.
   */
  onProgress?: (stats: Readonly<PollStats>) => void;
}

export interface PollOutcome<Checkpoint> {
  stats: PollStats;
  checkpoint: Checkpoint;
  /** True when the cycle reached the present; false when the budget cut a backfill short. */
  caughtUp: boolean;
}

export function emptyPollStats(): PollStats {
  return { requests: 0, read: 0, written: 0, duplicates: 0, pipelineErrors: 0, retries: 0 };
}

/** Adds what one write did to a cycle's counts. */
export function addWriteResult(stats: PollStats, result: WriteResult): void {
  stats.written += result.written;
  stats.duplicates += result.duplicates;
  stats.pipelineErrors += result.pipelineErrors;
  stats.retries += result.retries;
  stats.firstPipelineError ??= result.firstPipelineError;
}
