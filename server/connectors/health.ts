import {
  capHealthMessage,
  MAX_RECENT_RUNS,
  type ConnectorHealth,
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

/** A run that completed (reached the present, or stopped at its budget on purpose). */
export function recordSuccess(health: ConnectorHealth, run: FinishedRun): ConnectorHealth {
  const finishedAt = run.finishedAt.toISOString();
  const next = withCursor(health, run);
  return {
    ...next,
    // Records that could not be mapped were still indexed (as pipeline_error): worth a look,
    // not a failure.
    status: run.counts.pipelineErrors > 0 ? 'degraded' : 'healthy',
    totals: addCounts(health.totals, run.counts),
    backfill: { ...next.backfill, complete: next.backfill.complete || run.caughtUp },
    recentRuns: pushRun(health.recentRuns, {
      startedAt: run.startedAt.toISOString(),
      finishedAt,
      outcome: run.caughtUp ? 'success' : 'partial',
      ...run.counts,
      caughtUp: run.caughtUp,
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
  if (!long(health.lastError?.message) && !health.recentRuns.some((run) => long(run.error))) {
    return health;
  }
  return {
    ...health,
    ...(health.lastError && {
      lastError: { ...health.lastError, message: capHealthMessage(health.lastError.message) },
    }),
    recentRuns: health.recentRuns.map((run) =>
      run.error === undefined ? run : { ...run, error: capHealthMessage(run.error) }
    ),
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
  const next = withCursor(health, run);
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
