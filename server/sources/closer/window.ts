/*
 * The cursor arithmetic, kept pure so it can be tested without a cluster.
 *
 * A cycle starting at `now` reads [from, to) with to = now - lag and
 * from = min(until, to - overlap) (or `since` on the first run). Every document with
 * @timestamp < to that is searchable when the window's snapshot opens is read; the overlap makes
 * each cycle re-read the last `overlap` before `to`, so a document indexed late is still found
 * by any cycle that starts after it became searchable and no later than @timestamp + lag + overlap.
 */

export interface WindowPlan {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /** The saved cursor the cycle starts from (undefined on a first run). */
  previousUntil?: number;
}

export interface WindowSettings {
  lagMs: number;
  overlapMs: number;
  /** First-run start, epoch ms. */
  sinceMs: number;
}

export function planWindow(
  previousUntil: number | undefined,
  settings: WindowSettings,
  nowMs: number
): WindowPlan | undefined {
  const to = nowMs - settings.lagMs;
  const from =
    previousUntil === undefined
      ? settings.sinceMs
      : Math.min(previousUntil, to - settings.overlapMs);
  if (!(from < to)) return undefined;
  return { from, to, previousUntil };
}

/**
 * After a page sorted by @timestamp whose last hit has timestamp `lastTimestamp`, everything
 * strictly before it is written (hits sharing that timestamp may continue on the next page).
 * The cursor never moves backwards: a re-read of the overlap must not undo progress.
 */
export function advanceCursor(until: number | undefined, lastTimestamp: number): number {
  return until === undefined ? lastTimestamp : Math.max(until, lastTimestamp);
}

/** The sort value of a hit's @timestamp (epoch ms for a `date` field). */
export function hitTimestamp(hit: unknown): number | undefined {
  const sort = (hit as { sort?: unknown } | null)?.sort;
  if (Array.isArray(sort) && typeof sort[0] === 'number' && Number.isFinite(sort[0]))
    return sort[0];
  return undefined;
}
