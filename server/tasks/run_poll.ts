import { isLeft } from 'fp-ts/Either';
import type { ElasticsearchClient, Logger, SavedObject } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { capHealthMessage, type ConnectorHealth } from '../../common/connectors/health';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import { initialWindowStart } from '../../common/duration';
import { isSourceKind, sourceDefinition, type SourceKind } from '../../common/sources/registry';
import { StateConflictError } from '../connectors/errors';
import { BulkWriteError } from '../ingest/bulk_writer';
import { recordFailure, recordProgress, recordSuccess, type RunCounts } from '../connectors/health';
import { redactingLogger, redactSecrets } from '../connectors/redact';
import { errorMessage } from '../lib/error_message';
import { destinationUnauthenticated, unauthenticatedMessage } from '../connectors/writer_auth';
import { ConnectorStateStore, type StateRepository } from '../connectors/state_store';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from '../saved_objects/constants';
import { canonicalStoredSettings } from '../saved_objects/canonical_durations';
import type { ConnectorAttributes, ConnectorStateAttributes } from '../saved_objects/types';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import type { PollStats } from '../sources/poll_types';
import { serverSource } from '../sources/registry';
import type { ServerSource, SourcePoll } from '../sources/server_source';
import { CONTINUE_BACKFILL_DELAY_MS, taskInterval } from './constants';
import type { LatestTaskStateSchema } from './task_state';

/*
 * One run of a connector's poll task, with every dependency passed in (the SLO health-scan
 * task's run_health_scan.ts and Fleet's unenroll task keep the same split: a small class
 * registers, a pure function runs). It never throws: whatever goes wrong becomes the
 * connector's health, so Task Manager keeps the recurring schedule instead of counting attempts.
 */

export interface PollTaskParams {
  connectorId: string;
  /** The connector's space; absent in tasks scheduled before connectors had one (= default). */
  spaceId?: string;
}

/** A source's poll by kind, in place of the registry's (tests). */
export type Pollers = Partial<Record<SourceKind, SourcePoll>>;

export interface RunPollDependencies {
  /** The decrypted connector, or undefined when it no longer exists. */
  loadConnector(id: string): Promise<SavedObject<ConnectorAttributes> | undefined>;
  /** Internal repository including the state type. */
  stateRepository: StateRepository;
  /** Destination client acting as the connector's API key. */
  esClientFor(connector: ConnectorAttributes): ElasticsearchClient;
  /** Kibana's `areAPIKeysEnabled()`, asked only after a 401 to say why the key was refused. */
  apiKeysEnabled?: () => Promise<boolean>;
  pollers?: Pollers;
  /** Where sources may be reached (`audit_sources.allowedHosts`). */
  outbound: OutboundPolicy;
  logger: Logger;
  /** Task Manager's abort signal (run_signal.ts): aborted on timeout or shutdown. */
  signal: AbortSignal;
  /** Stop starting new pages after this long, so the run ends before the task timeout. */
  budgetMs: number;
  /** Stop after about this many records (a backfill then spans several runs). */
  maxRecordsPerRun?: number;
  /** Delay before the next run when the budget ended this one; CONTINUE_BACKFILL_DELAY_MS. */
  continueDelayMs?: number;
  now?: () => Date;
}

/** Task Manager's run result: `runAt` or `schedule`, never both. */
export type RunPollResult = {
  state: LatestTaskStateSchema;
  shouldDeleteTask?: boolean;
} & ({ runAt?: Date; schedule?: never } | { schedule?: { interval: string }; runAt?: never });

/** How far a decoded checkpoint has read (epoch ms), as its source says. */
function cursorMs(source: ServerSource, checkpoint: unknown): number | undefined {
  const ms = Date.parse(source.cursorOf(checkpoint) ?? '');
  return Number.isNaN(ms) ? undefined : ms;
}

/** cursorMs of a checkpoint as stored (raw); undefined when there is none or it is unreadable. */
function checkpointTime(source: ServerSource, stored: unknown): number | undefined {
  if (stored === undefined || stored === null) return undefined;
  const decoded = source.checkpoint.decode(stored);
  return isLeft(decoded) ? undefined : cursorMs(source, decoded.right);
}

/** Where a connector's first run starts (epoch ms), when it is a fixed duration back. */
function backfillStart(attributes: ConnectorAttributes, nowMs: number): number | undefined {
  const { initialWindow } = attributes.settings;
  const text =
    typeof initialWindow === 'string'
      ? initialWindow
      : sourceDefinition(attributes.kind).defaultInitialWindow;
  const start = initialWindowStart(text, nowMs);
  return typeof start === 'number' ? start : undefined;
}

/**
 * Mirrors each saved checkpoint into health, so the UI sees a backfill advance mid-run. The
 * checkpoint is the one the source saves, decoded already.
 */
function withCursor(
  source: ServerSource,
  checkpoint: unknown,
  health: ConnectorHealth
): ConnectorHealth {
  const ms = cursorMs(source, checkpoint);
  if (ms === undefined) return health;
  const cursor = new Date(ms).toISOString();
  return {
    ...health,
    backfill: { ...health.backfill, from: health.backfill.from ?? cursor, cursor },
  };
}

/**
 * The error.message of the run's first pipeline error, redacted like every other text of the
 * source, when the source reports one (`firstPipelineError`); health caps it.
 */
function firstPipelineError(
  stats: PollStats,
  secrets: ReadonlyArray<string | undefined>
): string | undefined {
  if (!('firstPipelineError' in stats)) return undefined;
  const message = stats.firstPipelineError;
  return typeof message === 'string' && message !== ''
    ? redactSecrets(message, secrets)
    : undefined;
}

function countsOf(stats: PollStats): RunCounts {
  return {
    read: stats.read,
    written: stats.written,
    duplicates: stats.duplicates,
    pipelineErrors: stats.pipelineErrors,
  };
}

/**
 * Whether the destination cluster refused the writer key (403): a ResponseError of the
 * Elasticsearch client (the sources' own clients throw other types), or bulk items refused 403.
 */
function destinationDenied(error: unknown): boolean {
  if (error instanceof BulkWriteError) return error.itemErrors.some((item) => item.status === 403);
  const { name, meta } = (error ?? {}) as { name?: unknown; meta?: { statusCode?: unknown } };
  return name === 'ResponseError' && meta?.statusCode === 403;
}

/**
 * Elasticsearch's own 403 text names the action and the API key, not the data stream or the fix;
 * health is read by whoever has to fix it, so say both.
 */
function deniedMessage(attributes: ConnectorAttributes, original: string): string {
  const stream = dataStreamName(SOURCES[attributes.kind].dataset, attributes.namespace);
  const owner = attributes.apiKeyOwner
    ? `user "${attributes.apiKeyOwner}"`
    : 'the user who last saved this connector';
  return (
    `Elasticsearch refused access to ${stream} (403): the connector writes with an API key of ` +
    `${owner}, who needs the index privileges create_doc, auto_configure and read on it. Grant ` +
    `them, then save the connector again so that its key is granted anew. Elasticsearch said: ${original}`
  );
}

/** Undefined when Kibana cannot tell (Elasticsearch unreachable): the message then covers both. */
async function apiKeysEnabledOrUnknown(deps: RunPollDependencies): Promise<boolean | undefined> {
  if (!deps.apiKeysEnabled) return undefined;
  try {
    return await deps.apiKeysEnabled();
  } catch {
    return undefined;
  }
}

const NO_COUNTS: RunCounts = { read: 0, written: 0, duplicates: 0, pipelineErrors: 0 };

/** Encrypted Saved Objects' EncryptionError (Kibana sets no `name`, only `operation`). */
function isDecryptionFailure(error: unknown): boolean {
  const { operation } = (error ?? {}) as { operation?: unknown };
  return operation === 'decryption' || /unable to decrypt/i.test(errorMessage(error));
}

/** What health says when the connector itself could not be loaded, with what to do. */
export function preRunFailureMessage(error: unknown): string {
  if (isDecryptionFailure(error)) {
    return (
      "Could not decrypt the connector's secrets, so no events are read: the Kibana encryption " +
      'key (xpack.encryptedSavedObjects.encryptionKey) has probably changed. Edit the connector ' +
      'and enter its secrets (token, password or API key) again, or restore the previous key as ' +
      `a decryption-only key. (${errorMessage(error)})`
    );
  }
  return `Could not load the connector before polling: ${errorMessage(error)}`;
}

/** The state's kind, or the connector's when there is no state yet (read raw: no decryption). */
async function kindForState(
  repository: StateRepository,
  connectorId: string
): Promise<SourceKind | undefined> {
  try {
    const state = await repository.get<ConnectorStateAttributes>(
      CONNECTOR_STATE_SAVED_OBJECT_TYPE,
      connectorId
    );
    return state.attributes.kind;
  } catch (error) {
    if (!SavedObjectsErrorHelpers.isNotFoundError(error as Error)) throw error;
  }
  try {
    const connector = await repository.get<{ kind?: unknown }>(
      CONNECTOR_SAVED_OBJECT_TYPE,
      connectorId
    );
    const { kind } = connector.attributes;
    return isSourceKind(kind) ? kind : undefined;
  } catch (error) {
    if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) return undefined;
    throw error;
  }
}

/**
 * A failure before the source could run (the connector cannot be decrypted or read) is failing
 * health like any other, not just a log line: otherwise the app shows the last good run while
 * nothing is read any more.
 */
async function recordPreRunFailure(
  deps: RunPollDependencies,
  connectorId: string,
  message: string,
  startedAt: Date,
  finishedAt: Date
): Promise<void> {
  try {
    const kind = await kindForState(deps.stateRepository, connectorId);
    if (kind === undefined) return;
    const store = new ConnectorStateStore(deps.stateRepository, connectorId, kind, deps.logger);
    await store.load();
    await store.save({
      health: recordFailure(
        store.health,
        {
          startedAt,
          finishedAt,
          counts: NO_COUNTS,
          caughtUp: false,
          cursorMs: checkpointTime(serverSource(kind), store.current().checkpoint),
        },
        message
      ),
    });
  } catch (error) {
    deps.logger.warn(
      `Connector ${connectorId}: could not record the failure in its health: ${errorMessage(error)}`
    );
  }
}

/** One run of one loaded, enabled connector: what every step below needs. */
interface Run {
  connectorId: string;
  attributes: ConnectorAttributes;
  source: ServerSource;
  /** Every secret of the connector and its writer key, for redaction. */
  secrets: Array<string | undefined>;
  store: ConnectorStateStore;
  startedAt: Date;
  now: () => Date;
  deps: RunPollDependencies;
}

/** A first run records where its backfill starts, when that is a fixed duration back. */
async function recordBackfillStart(run: Run): Promise<void> {
  const { store } = run;
  if (store.current().checkpoint !== undefined || store.health.backfill.from !== undefined) return;
  const from = backfillStart(run.attributes, run.startedAt.getTime());
  if (from === undefined) return;
  const health = store.health;
  await store.save({
    health: { ...health, backfill: { ...health.backfill, from: new Date(from).toISOString() } },
  });
}

/** The source's poll with the run's budget, signal and checkpoint store mirrored into health. */
function pollSource(run: Run): ReturnType<SourcePoll> {
  const { attributes, deps, store, startedAt, source } = run;
  // The source reports its counts so far before each checkpoint it saves (`onProgress`); the
  // checkpoint's save then carries them into health, so a backfill's count moves mid-run.
  let progress: RunCounts = NO_COUNTS;
  const mirror = (checkpoint: unknown, health: ConnectorHealth) =>
    recordProgress(withCursor(source, checkpoint, health), startedAt, progress);
  const poll = deps.pollers?.[attributes.kind] ?? source.poll;
  return poll(attributes, {
    onProgress: (stats: PollStats) => {
      progress = countsOf(stats);
    },
    onFirstRecord: async (ms: number) => {
      // An open-ended start ("everything") left `from` unset: the oldest record is where the
      // backfill begins. Without this, the first saved cursor (the end of the first page)
      // would become `from` and the progress bar would start near zero history.
      const health = store.health;
      if (health.backfill.from !== undefined) return;
      await store.save({
        health: { ...health, backfill: { ...health.backfill, from: new Date(ms).toISOString() } },
      });
    },
    esClient: deps.esClientFor(attributes),
    outbound: deps.outbound,
    signal: deps.signal,
    // Sources log remote error text, which may echo a credential.
    logger: redactingLogger(deps.logger, run.secrets),
    now: run.now,
    budget: {
      deadline: startedAt.getTime() + deps.budgetMs,
      ...(deps.maxRecordsPerRun !== undefined && { maxRecords: deps.maxRecordsPerRun }),
    },
    startedAtMs: startedAt.getTime(),
    checkpoints: store.checkpointStore(source.checkpoint, mirror),
  });
}

/** Records the run's success; the next run is at the interval, or soon if the budget cut it. */
async function recordRunSuccess(
  run: Run,
  outcome: Awaited<ReturnType<SourcePoll>>,
  state: LatestTaskStateSchema
): Promise<RunPollResult> {
  const { store, deps } = run;
  const finishedAt = run.now();
  await store.save({
    health: recordSuccess(store.health, {
      startedAt: run.startedAt,
      finishedAt,
      counts: countsOf(outcome.stats),
      caughtUp: outcome.caughtUp,
      cursorMs: checkpointTime(run.source, store.current().checkpoint),
      pipelineError: firstPipelineError(outcome.stats, run.secrets),
    }),
  });
  const { read, written, duplicates } = outcome.stats;
  deps.logger.debug(
    `Connector ${run.connectorId}: read ${read}, wrote ${written}, ${duplicates} duplicates${outcome.caughtUp ? '' : '; backfill continues'}`
  );
  const succeeded = { ...state, consecutiveFailures: 0 };
  if (outcome.caughtUp) return { state: succeeded, schedule: scheduleOf(run) };
  // Not caught up: the budget ended the run on purpose; continue the backfill shortly.
  const delay = deps.continueDelayMs ?? CONTINUE_BACKFILL_DELAY_MS;
  return { state: succeeded, runAt: new Date(finishedAt.getTime() + delay) };
}

function scheduleOf(run: Run): { interval: string } {
  return { interval: taskInterval(run.attributes.interval) };
}

/** Why a run failed, as far as health's message and the log's level care. */
interface FailureCause {
  /** The task's signal: a timeout or Kibana shutting down. */
  cancelled: boolean;
  /** The destination refused the writer key (401). */
  unauthenticated: boolean;
}

/** What health says of a failed run: redacted, then capped (the other order could cut a secret). */
async function runFailureMessage(run: Run, error: unknown, cause: FailureCause): Promise<string> {
  const { attributes, deps } = run;
  let text: string;
  if (cause.cancelled) {
    text =
      'The run was cancelled (task timeout or Kibana shutting down); the next run resumes from the last saved checkpoint';
  } else if (cause.unauthenticated) {
    text = unauthenticatedMessage(
      attributes,
      await apiKeysEnabledOrUnknown(deps),
      errorMessage(error)
    );
  } else if (destinationDenied(error)) {
    text = deniedMessage(attributes, errorMessage(error));
  } else {
    text = errorMessage(error);
  }
  return capHealthMessage(redactSecrets(text, run.secrets));
}

async function recordRunFailure(
  run: Run,
  error: unknown,
  state: LatestTaskStateSchema,
  failuresBefore: number
): Promise<RunPollResult> {
  const { store, connectorId, attributes } = run;
  const { logger, signal } = run.deps;
  if (error instanceof StateConflictError) {
    // Another run (Task Manager re-ran a timed-out task elsewhere) owns the state now.
    logger.warn(`Connector ${connectorId}: ${error.message}; this run stops without recording`);
    return { state, schedule: scheduleOf(run) };
  }
  const cancelled = signal.aborted;
  const unauthenticated = !cancelled && destinationUnauthenticated(error);
  const message = await runFailureMessage(run, error, { cancelled, unauthenticated });
  // Polling goes on at the interval (enabling API keys or restoring a realm then needs no
  // edit), but a refused key repeats the same failure every run: warn when it starts, then
  // keep the log quiet. Health records every run.
  const repeated =
    unauthenticated &&
    store.health.status === 'failing' &&
    store.health.lastError?.message === message;
  try {
    await store.save({
      health: recordFailure(
        store.health,
        {
          startedAt: run.startedAt,
          finishedAt: run.now(),
          counts: NO_COUNTS,
          caughtUp: false,
          cursorMs: checkpointTime(run.source, store.current().checkpoint),
        },
        message,
        cancelled
      ),
    });
  } catch (saveError) {
    logger.warn(
      `Connector ${connectorId}: could not record the run's failure: ${redactSecrets(errorMessage(saveError), run.secrets)}`
    );
  }
  if (cancelled) logger.info(`Connector ${connectorId} ("${attributes.name}"): ${message}`);
  else if (repeated) logger.debug(`Poll of connector ${connectorId} failed again: ${message}`);
  else logger.warn(`Poll of connector ${connectorId} ("${attributes.name}") failed: ${message}`);
  return {
    state: { ...state, consecutiveFailures: failuresBefore + 1 },
    schedule: scheduleOf(run),
  };
}

export async function runPoll(
  params: PollTaskParams,
  taskState: LatestTaskStateSchema,
  deps: RunPollDependencies
): Promise<RunPollResult> {
  const now = deps.now ?? (() => new Date());
  const { logger } = deps;
  const { connectorId } = params;
  const startedAt = now();
  const state: LatestTaskStateSchema = { ...taskState, runs: taskState.runs + 1 };

  let connector: SavedObject<ConnectorAttributes> | undefined;
  try {
    connector = await deps.loadConnector(connectorId);
  } catch (error) {
    // Typically the encryption key changed: nothing to redact yet (we hold no secret).
    const message = capHealthMessage(preRunFailureMessage(error));
    logger.error(`Could not load connector ${connectorId}: ${message}`);
    await recordPreRunFailure(deps, connectorId, message, startedAt, now());
    return { state: { ...state, consecutiveFailures: taskState.consecutiveFailures + 1 } };
  }
  if (!connector || !connector.attributes.enabled) {
    // Deleted or disabled since the task was scheduled: the task has no reason to exist.
    logger.debug(`Connector ${connectorId} is gone or disabled; removing its poll task`);
    return { state, shouldDeleteTask: true };
  }
  if (!isSourceKind(connector.attributes.kind)) {
    // Written by a newer Kibana with a source this one lacks (a rollback): not this version's to
    // run or to remove; the schedule stays for the version that knows it.
    logger.warn(
      `Connector ${connectorId} is of a source this Kibana does not have ("${connector.attributes.kind}"); not polled`
    );
    return { state, schedule: { interval: taskInterval(connector.attributes.interval) } };
  }
  // Durations stored in the grammar before Kibana's are read in canonical spelling.
  const attributes: ConnectorAttributes = {
    ...connector.attributes,
    settings: canonicalStoredSettings(connector.attributes.settings),
  };
  const source = serverSource(attributes.kind);
  const run: Run = {
    connectorId,
    attributes,
    source,
    secrets: [...source.secretValues(attributes), attributes.apiKey],
    store: new ConnectorStateStore(deps.stateRepository, connectorId, attributes.kind, logger),
    startedAt,
    now,
    deps,
  };
  try {
    await run.store.load();
    await recordBackfillStart(run);
    return await recordRunSuccess(run, await pollSource(run), state);
  } catch (error) {
    return recordRunFailure(run, error, state, taskState.consecutiveFailures);
  }
}
