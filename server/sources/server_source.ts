import type * as t from 'io-ts';
import type { TestConnectionResponse } from '../../common/connectors/view';
import type {
  AnySourceDefinition,
  SourceSecrets,
  SourceSettings,
} from '../../common/sources/source_definition';
import type { IndexRequest } from '../ingest/ecs';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import type { FetchLike } from '../lib/outbound/fetch_like';
import type { PollDependencies, PollOutcome } from './poll_types';
import type { SourceMapper } from './source_mapper';

/*
 * The server half of a source (the common half is its SourceDefinition): how to read it, map it
 * and probe it. The task runner, the connectors client and the probes reach a source only
 * through this, by kind (server/sources/registry.ts).
 */

/** A connector as a source needs it: where to write, settings, and decrypted secrets. */
export interface SourceConnector {
  namespace: string;
  settings: SourceSettings;
  secrets: SourceSecrets;
}

export interface SourcePollDependencies extends PollDependencies<unknown> {
  /** When the run started (epoch ms): where a first run's window is measured from. */
  startedAtMs: number;
}

export type SourcePoll = (
  connector: SourceConnector,
  deps: SourcePollDependencies
) => Promise<PollOutcome<unknown>>;

export interface ProbeOptions {
  /** Where the probe may connect (`audit_sources.allowedHosts`). */
  outbound: OutboundPolicy;
  now: Date;
  /** Replaces fetch for the remote Elasticsearch client (tests). */
  fetch?: FetchLike;
}

/** Probes are short: one retry, a 20 s timeout per request. */
export const PROBE_TIMEOUT_MS = 20_000;
export const PROBE_RETRIES = 1;
/** Records a preview maps at most. */
export const PREVIEW_LIMIT = 10;

export interface ServerSource {
  definition: AnySourceDefinition;
  mapper: SourceMapper;
  /** The codec of the checkpoint `poll` saves (stored in the connector's state). */
  checkpoint: t.Type<unknown, unknown, unknown>;
  /** The source time (ISO) a decoded checkpoint has read up to: health's backfill cursor. */
  cursorOf(checkpoint: unknown): string | undefined;
  /** Every secret value, and each spelling of it a request carries, for redaction. */
  secretValues(connector: Pick<SourceConnector, 'settings' | 'secrets'>): string[];
  poll: SourcePoll;
  /**
   * "Test connection": resolves with what the source said (ok or not); throws on a failure the
   * caller turns into `ok: false` with the message redacted and capped.
   */
  test(connector: SourceConnector, options: ProbeOptions): Promise<TestConnectionResponse>;
  /** Up to PREVIEW_LIMIT of the newest records, mapped; nothing is written. */
  preview(connector: SourceConnector, options: ProbeOptions): Promise<IndexRequest[]>;
}

/**
 * Erases a source's own settings, secrets and checkpoint types for the registry. Sound because
 * the registry hands a source only connectors decoded with its own definition's codecs, and
 * checkpoints decoded with its own checkpoint codec.
 */
export function defineServerSource<Connector extends SourceConnector, Checkpoint>(source: {
  definition: AnySourceDefinition;
  mapper: SourceMapper;
  checkpoint: t.Type<Checkpoint, unknown, unknown>;
  cursorOf(checkpoint: Checkpoint): string | undefined;
  secretValues(connector: Pick<Connector, 'settings' | 'secrets'>): string[];
  poll(
    connector: Connector,
    deps: PollDependencies<Checkpoint> & { startedAtMs: number }
  ): Promise<PollOutcome<Checkpoint>>;
  test(connector: Connector, options: ProbeOptions): Promise<TestConnectionResponse>;
  preview(connector: Connector, options: ProbeOptions): Promise<IndexRequest[]>;
}): ServerSource {
  return source as unknown as ServerSource;
}
