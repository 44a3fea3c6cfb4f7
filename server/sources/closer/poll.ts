/*
 * One poll cycle of the Closer source: read the window [from, now - lag) from Closer's
 * Elasticsearch page by page (reader.ts), and let the poll engine map, write with deterministic
 * ids, and move the cursor after every written page. See window.ts for the guarantee and
 * docs/closer.md for the reasoning.
 */
import { dataStreamName, DEFAULT_NAMESPACE, SOURCES } from '../../../common/data_streams';
import { runPollEngine } from '../engine/poll_engine';
import {
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
import { CloserReader } from './reader';
import { RemoteClient, type FetchLike } from './remote_client';
import { planWindow } from './window';

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

export async function pollCloser(
  config: CloserPollConfig,
  credentials: CloserCredentials,
  deps: CloserPollDependencies
): Promise<PollOutcome<CloserCheckpoint>> {
  const now = deps.now?.() ?? new Date();
  const nowMs = now.getTime();
  const index = config.index ?? DEFAULT_INDEX;
  const namespace = config.namespace ?? DEFAULT_NAMESPACE;
  const { signal, logger } = deps;
  const stats: PollStats = emptyPollStats();

  const saved = await deps.checkpoints.load();
  // A cursor for another index pattern says nothing about this one.
  const sameIndex = saved !== undefined && (saved.index === undefined || saved.index === index);
  const previousUntil = sameIndex ? Date.parse(saved.until) : undefined;
  const resumeFrom = sameIndex && saved.resumeFrom ? Date.parse(saved.resumeFrom) : undefined;
  const lagMs = config.lagMs ?? DEFAULT_LAG_MS;
  const plan = planWindow(
    previousUntil,
    {
      lagMs,
      overlapMs: config.overlapMs ?? DEFAULT_OVERLAP_MS,
      sinceMs: parseSince(config.since ?? 0, nowMs),
    },
    nowMs,
    resumeFrom
  );
  if (!plan) {
    const checkpoint: CloserCheckpoint = saved ?? {
      version: 1,
      until: new Date(nowMs - lagMs).toISOString(),
      index,
      updatedAt: now.toISOString(),
    };
    return { stats, checkpoint, caughtUp: true };
  }

  const remote = new RemoteClient({
    url: config.url,
    credentials,
    requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    backoff: config.backoff,
    tls: config.tls,
    proxyUrl: config.proxyUrl,
    fetch: deps.fetch,
    outbound: deps.outbound,
  });
  const walk = new CloserReader({
    client: remote,
    plan,
    index,
    namespace,
    now,
    saved,
    searchApi: config.searchApi ?? 'auto',
    pageSize: config.pageSize ?? DEFAULT_PAGE_SIZE,
    keepAlive: config.keepAlive ?? DEFAULT_KEEP_ALIVE,
    filter: config.query,
    mapping: config.mapping,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    backoff: config.backoff,
    signal,
    logger,
    secrets: credentialSecrets(credentials),
    stats,
  });
  let outcome: PollOutcome<CloserCheckpoint>;
  logger?.debug(
    `Closer: reading ${index} @timestamp [${new Date(plan.from).toISOString()}, ${new Date(plan.to).toISOString()}) from ${remote.displayUrl}`
  );
  try {
    outcome = await runPollEngine(
      {
        deps,
        stream: dataStreamName(source.dataset, namespace),
        stats,
        stored: saved,
        initial: saved ?? walk.checkpointOf(plan.from),
      },
      (context) => walk.pages(context)
    );
  } finally {
    stats.requests += remote.requests;
    stats.retries += remote.retries;
    await remote.close();
  }
  logger?.info(
    `Closer: read ${stats.read}, wrote ${stats.written}, ${stats.duplicates} already present, ${stats.pipelineErrors} pipeline errors; cursor ${outcome.checkpoint.until}`
  );
  return outcome;
}
