/*
 * The cursor arithmetic, kept pure so it can be tested without a cluster.
 *
 * A cycle starting at `now` reads [from, to) with to = now - lag and
 * from = min(until, to) - overlap (or `since` on the first run): the overlap is re-read before
 * the saved cursor, not before `to`. So whatever the interval between cycles, a document with
 * @timestamp T that became searchable at S is read by the first cycle starting after S as long
 * as S <= T + lag + overlap: that cycle's `to` is past T (S - lag > T or it was on time), and
 * its `from` is the previous cycle's `to` minus the overlap, which is at most S - lag - overlap.
 * (Re-reading before `to` instead, as earlier versions did, lost every late document once the
 * interval exceeded the overlap: with a 1 h interval the previous cursor is an hour back and
 * `to - overlap` is after it.)
 *
 * A run stopped by its budget saves `resumeFrom`, the timestamp of the last hit it wrote (it is
 * saved with every page, so a killed or failed run leaves it too), and the next run starts
 * exactly there, without the overlap. Re-reading the overlap after a
 * budget stop could wedge a dense backfill: if the overlap before the cursor holds a budget's
 * worth of hits, every run spends its budget inside it and the cursor never moves. Starting at
 * the last hit read instead, each budget-limited run moves forward by at least one page (unless
 * more than a budget's worth of hits share one millisecond). An interrupted overlap re-read
 * resumes where it stopped, so it is still completed; the overlap is re-read again once a run
 * has reached its `to`.
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

/**
 * `resumeFrom`: where the previous run stopped on its budget (undefined when it reached its
 * `to`, or for a checkpoint saved before this field existed).
 */
export function planWindow(
  previousUntil: number | undefined,
  settings: WindowSettings,
  nowMs: number,
  resumeFrom?: number
): WindowPlan | undefined {
  const to = nowMs - settings.lagMs;
  let from: number;
  if (previousUntil === undefined) from = settings.sinceMs;
  else if (resumeFrom !== undefined) from = Math.min(resumeFrom, previousUntil, to);
  else from = Math.min(previousUntil, to) - settings.overlapMs;
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

/**
 * Sort values at or above this are not epoch milliseconds (that would be after the year 33658)
 * but nanoseconds: a `date_nanos` @timestamp sorted without `numeric_type: date` (the scroll
 * path, for clusters that may not know that option).
 */
const NANOS_THRESHOLD = 1e15;

/**
 * The sort value of a hit's @timestamp as epoch ms (floored: "everything before it is done"
 * must stay true), whether the field is `date` (ms) or `date_nanos` (ns).
 */
export function hitTimestamp(hit: unknown): number | undefined {
  const sort = (hit as { sort?: unknown } | null)?.sort;
  if (!Array.isArray(sort)) return undefined;
  const value = sort[0];
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  // A nanosecond value is above 2^53, so the double may be up to 128 ns off: stepping back
  // 256 ns before flooring keeps the cursor at or before the real millisecond.
  const ms = Math.abs(value) >= NANOS_THRESHOLD ? Math.floor((value - 256) / 1e6) : value;
  // Date's range (±8.64e15 ms): beyond it no checkpoint could be written.
  return Math.abs(ms) <= 8.64e15 ? ms : undefined;
}
