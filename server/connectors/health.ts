import {
  capHealthMessage,
  MAX_RECENT_RUNS,
  type ConnectorHealth,
  type FailedRecords,
  type RunRecord,
} from '../../common/connectors/health';

/*
 * Pure transitions of a connector's health record. The task runner applies them; keeping them
 * pure (like osquery's buildReconcileRunResult) lets the rules be tested without a task.
 */

export function initialHealth(): ConnectorHealth {
  return {
    status: 'pending',
    totals: { read: 0, written: 0, duplicates: 0, pipelineErrors: 0 },
    backfill: { complete: false },
    recentRuns: [],
  };
}

export interface RunCounts {
  read: number;
  written: number;
  duplicates: number;
  pipelineErrors: number;
}

export interface FinishedRun {
  startedAt: Date;
  finishedAt: Date;
  counts: RunCounts;
  /** The run reached the present. */
  caughtUp: boolean;
  /** Epoch ms the source's checkpoint stood at when the run ended, if any. */
  cursorMs?: number;
  /** error.message of the run's first pipeline error, already redacted. */
  pipelineError?: string;
}

function pushRun(runs: readonly RunRecord[], run: RunRecord): RunRecord[] {
  return [run, ...runs].slice(0, MAX_RECENT_RUNS);
}

function addCounts(totals: RunCounts, counts: RunCounts): RunCounts {
  return {
    read: totals.read + counts.read,
    written: totals.written + counts.written,
    duplicates: totals.duplicates + counts.duplicates,
    pipelineErrors: totals.pipelineErrors + counts.pipelineErrors,
  };
}

function withCursor(health: ConnectorHealth, run: FinishedRun): ConnectorHealth {
  if (run.cursorMs === undefined || Number.isNaN(run.cursorMs)) return health;
  const cursor = new Date(run.cursorMs).toISOString();
  return {
    ...health,
    backfill: { ...health.backfill, from: health.backfill.from ?? cursor, cursor },
    lagMs: Math.max(0, run.finishedAt.getTime() - run.cursorMs),
  };
}

/**
 * The warning rule for records that could not be mapped: a run with pipeline errors opens (or
 * adds to) `failedRecords`; only a clean run, one that wrote new events and had no pipeline
 * error, closes it. A run that wrote nothing new (no new records, or only duplicates) proves
 * nothing about the mapping, so it leaves the warning as it was: otherwise a source with no new
 * data would turn Healthy on the next run while the failed records are still unexplained.
 */
export function nextFailedRecords(
  current: FailedRecords | undefined,
  run: FinishedRun
): FailedRecords | undefined {
  const { pipelineErrors, written } = run.counts;
  if (pipelineErrors > 0) {
    return {
      count: (current?.count ?? 0) + pipelineErrors,
      since: current?.since ?? run.startedAt.toISOString(),
      at: run.finishedAt.toISOString(),
      ...(run.pipelineError !== undefined
        ? { message: capHealthMessage(run.pipelineError) }
        : current?.message !== undefined && { message: current.message }),
    };
  }
  return written > 0 ? undefined : current;
}

/** `health` without the in-progress run: it has ended, its counts go into totals. */
function withoutRunning(health: ConnectorHealth): ConnectorHealth {
  if (health.running === undefined) return health;
  const { running: _ended, ...rest } = health;
  return rest;
}

/** The run in progress, with its counts so far (shown until it ends and adds them to totals). */
export function recordProgress(
  health: ConnectorHealth,
  startedAt: Date,
  counts: RunCounts
): ConnectorHealth {
  return { ...health, running: { startedAt: startedAt.toISOString(), ...counts } };
}

/** A run that completed (reached the present, or stopped at its budget on purpose). */
export function recordSuccess(health: ConnectorHealth, run: FinishedRun): ConnectorHealth {
  const finishedAt = run.finishedAt.toISOString();
  const { failedRecords: _previous, ...next } = withCursor(withoutRunning(health), run);
  const failedRecords = nextFailedRecords(health.failedRecords, run);
  const clean = run.counts.pipelineErrors === 0;
  return {
    ...next,
    // Records that could not be mapped were still indexed (as pipeline_error): worth a look,
    // not a failure.
    status: failedRecords ? 'degraded' : 'healthy',
    ...(failedRecords && { failedRecords }),
    totals: addCounts(health.totals, run.counts),
    backfill: { ...next.backfill, complete: next.backfill.complete || run.caughtUp },
    recentRuns: pushRun(health.recentRuns, {
      startedAt: run.startedAt.toISOString(),
      finishedAt,
      // Not "success" when records failed, nor when the budget cut a backfill short.
      outcome: run.caughtUp && clean ? 'success' : 'partial',
      ...run.counts,
      caughtUp: run.caughtUp,
      ...(!clean && run.pipelineError !== undefined && { pipelineError: run.pipelineError }),
    }),
    lastRunAt: finishedAt,
    lastSuccessAt: finishedAt,
  };
}

/**
 * Every message in `health` capped (capHealthMessage): the state store applies it to every
 * write, so no path can store a source's unbounded error text.
 */
export function withCappedMessages(health: ConnectorHealth): ConnectorHealth {
  const long = (text: string | undefined) => text !== undefined && text !== capHealthMessage(text);
  if (
    !long(health.lastError?.message) &&
    !long(health.failedRecords?.message) &&
    !health.recentRuns.some((run) => long(run.error) || long(run.pipelineError))
  ) {
    return health;
  }
  return {
    ...health,
    ...(health.lastError && {
      lastError: { ...health.lastError, message: capHealthMessage(health.lastError.message) },
    }),
    ...(health.failedRecords?.message !== undefined && {
      failedRecords: {
        ...health.failedRecords,
        message: capHealthMessage(health.failedRecords.message),
      },
    }),
    recentRuns: health.recentRuns.map((run) => ({
      ...run,
      ...(run.error !== undefined && { error: capHealthMessage(run.error) }),
      ...(run.pipelineError !== undefined && {
        pipelineError: capHealthMessage(run.pipelineError),
      }),
    })),
  };
}

/**
 * A run that ended early: `cancelled` (task timeout, Kibana shutting down) is degraded, since the
 * checkpoint kept every written batch and the next run resumes; anything else is failing.
 */
export function recordFailure(
  health: ConnectorHealth,
  run: FinishedRun,
  /** Already redacted: capping first could cut a secret and leave its start unredacted. */
  rawMessage: string,
  cancelled = false
): ConnectorHealth {
  const finishedAt = run.finishedAt.toISOString();
  const next = withCursor(withoutRunning(health), run);
  const message = capHealthMessage(rawMessage);
  return {
    ...next,
    status: cancelled ? 'degraded' : 'failing',
    totals: addCounts(health.totals, run.counts),
    recentRuns: pushRun(health.recentRuns, {
      startedAt: run.startedAt.toISOString(),
      finishedAt,
      outcome: cancelled ? 'partial' : 'failure',
      ...run.counts,
      caughtUp: false,
      error: message,
    }),
    lastRunAt: finishedAt,
    lastError: { message, at: finishedAt },
  };
}
