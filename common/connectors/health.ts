import * as t from 'io-ts';

/*
 * What the app shows about a connector's runs. Kept beside the connector (not in task state) so
 * it survives restarts and task re-creation, and readable without decrypting anything.
 */

export const HealthStatus = t.keyof(
  { pending: null, healthy: null, degraded: null, failing: null, disabled: null },
  'HealthStatus'
);
export type HealthStatus = t.TypeOf<typeof HealthStatus>;

export const RunRecord = t.intersection([
  t.type({
    startedAt: t.string,
    finishedAt: t.string,
    outcome: t.keyof({ success: null, partial: null, failure: null }),
    read: t.number,
    written: t.number,
    duplicates: t.number,
    pipelineErrors: t.number,
    /** The cycle reached the present (false: a backfill budget cut it short). */
    caughtUp: t.boolean,
  }),
  t.partial({
    error: t.string,
    /** Why the first record of this run that could not be mapped failed (its error.message). */
    pipelineError: t.string,
  }),
]);
export type RunRecord = t.TypeOf<typeof RunRecord>;

const Counts = t.type({
  read: t.number,
  written: t.number,
  duplicates: t.number,
  pipelineErrors: t.number,
});

/**
 * Records that could not be mapped (indexed as `event.kind: pipeline_error`) since the last clean
 * run, i.e. the last run that wrote new events and had no pipeline error. While it is set, health
 * is at best degraded (server/connectors/health.ts says why).
 */
export const FailedRecords = t.intersection([
  t.type({
    /** Pipeline errors written since the last clean run. */
    count: t.number,
    /** When the first run with pipeline errors since the last clean run started (ISO). */
    since: t.string,
    /** When the latest run with pipeline errors finished (ISO). */
    at: t.string,
  }),
  /** The first error.message of the latest run with pipeline errors, capped and redacted. */
  t.partial({ message: t.string }),
]);
export type FailedRecords = t.TypeOf<typeof FailedRecords>;

/** The run in progress: its counts so far, mirrored into health each time it saves a checkpoint. */
export const RunningRun = t.intersection([t.type({ startedAt: t.string }), Counts]);
export type RunningRun = t.TypeOf<typeof RunningRun>;

export const ConnectorHealth = t.intersection([
  t.type({
    status: HealthStatus,
    totals: Counts,
    backfill: t.intersection([
      t.type({ complete: t.boolean }),
      t.partial({
        /** Where the backfill started (ISO), fixed at the first run. */
        from: t.string,
        /** How far it has got (ISO): the source's checkpoint. */
        cursor: t.string,
      }),
    ]),
    recentRuns: t.array(RunRecord),
  }),
  t.partial({
    lastRunAt: t.string,
    lastSuccessAt: t.string,
    lastError: t.type({ message: t.string, at: t.string }),
    /** Time between now and the checkpoint at the end of the last run, in ms. */
    lagMs: t.number,
    /** When the next run is due (from Task Manager). */
    nextRunAt: t.string,
    failedRecords: FailedRecords,
    /** Set while a run is in progress (cleared when it ends); its counts are not in totals yet. */
    running: RunningRun,
  }),
]);
export type ConnectorHealth = t.TypeOf<typeof ConnectorHealth>;

/** Runs kept per connector for the detail page. */
export const MAX_RECENT_RUNS = 20;

/**
 * Longest error text stored in health (lastError, each run's error) and so returned to the
 * browser. Longer text is cut, after redaction, so a source cannot grow the state document.
 */
export const MAX_HEALTH_MESSAGE_CHARS = 1024;

/** `message` cut to MAX_HEALTH_MESSAGE_CHARS, saying that it was. */
export function capHealthMessage(message: string): string {
  if (message.length <= MAX_HEALTH_MESSAGE_CHARS) return message;
  const marker = ' [cut]';
  return `${message.slice(0, MAX_HEALTH_MESSAGE_CHARS - marker.length)}${marker}`;
}

/** Backfill progress between 0 and 1: how much of [from, now] the cursor has covered. */
export function backfillProgress(health: ConnectorHealth, now: number): number {
  const { backfill } = health;
  if (backfill.complete) return 1;
  if (!backfill.from || !backfill.cursor) return 0;
  const from = Date.parse(backfill.from);
  const cursor = Date.parse(backfill.cursor);
  if (!(now > from)) return 0;
  return Math.min(1, Math.max(0, (cursor - from) / (now - from)));
}
