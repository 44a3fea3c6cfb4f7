import fc from 'fast-check';
import { advanceCursor, hitTimestamp, planWindow, type WindowSettings } from './window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Cycles every `intervalMs` from `firstStart`, each caught up (its cursor ends at its `to`).
 * Returns the first cycle start at which a document stamped `timestamp` and searchable from
 * `searchableAt` on falls in the window read, or undefined when no cycle in `cycles` reads it.
 */
function foundAt(
  settings: WindowSettings,
  intervalMs: number,
  firstStart: number,
  timestamp: number,
  searchableAt: number,
  cycles = 200
): number | undefined {
  let until: number | undefined;
  for (let k = 0; k < cycles; k++) {
    const start = firstStart + k * intervalMs;
    const plan = planWindow(until, settings, start);
    if (!plan) continue;
    if (start >= searchableAt && plan.from <= timestamp && timestamp < plan.to) return start;
    until = Math.max(until ?? plan.to, plan.to);
  }
  return undefined;
}

describe('planWindow and late documents', () => {
  const settings: WindowSettings = { lagMs: MINUTE, overlapMs: 10 * MINUTE, sinceMs: 0 };

  it.each([
    ['1 m', MINUTE],
    ['15 m', 15 * MINUTE],
    ['1 h', HOUR],
    ['24 h', 24 * HOUR],
  ])(
    'finds a document that became searchable 5 min after its @timestamp with a %s interval',
    (_name, interval) => {
      const firstStart = 1_000 * HOUR;
      // Stamped just before the end of the 4th cycle's window (its start - lag) and indexed
      // 5 min later (more than the 1 min lag): that cycle cannot see it, the next one must.
      const timestamp = firstStart + 3 * interval - settings.lagMs - 1;
      const searchableAt = timestamp + 5 * MINUTE;
      expect(foundAt(settings, interval, firstStart, timestamp, searchableAt)).toBeDefined();
    }
  );

  // Property: at any interval from 1 min to 24 h, a document searchable within lag + overlap
  // of its @timestamp is read by a cycle that starts once it is searchable.
  it('never loses a document indexed within lag + overlap, whatever the interval (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MINUTE, max: 24 * HOUR }),
        fc.integer({ min: 0, max: 10 * MINUTE }),
        fc.integer({ min: MINUTE, max: 2 * HOUR }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (interval, lag, overlap, offset, delayShare) => {
          const s: WindowSettings = { lagMs: lag, overlapMs: overlap, sinceMs: 0 };
          const firstStart = 100 * 24 * HOUR;
          const timestamp = firstStart + 2 * interval + offset;
          const delay = Math.floor(delayShare * (lag + overlap));
          expect(foundAt(s, interval, firstStart, timestamp, timestamp + delay)).toBeDefined();
        }
      ),
      { numRuns: 500 }
    );
  });

  it('still ends windows at now - lag and starts a first run at since', () => {
    expect(planWindow(undefined, { ...settings, sinceMs: 1_000 }, 10 * HOUR)).toEqual({
      from: 1_000,
      to: 10 * HOUR - MINUTE,
    });
  });

  it('does not read ahead of now - lag when the cursor is in the future (clock moved back)', () => {
    const plan = planWindow(20 * HOUR, settings, 10 * HOUR);
    expect(plan).toEqual({
      from: 10 * HOUR - MINUTE - 10 * MINUTE,
      to: 10 * HOUR - MINUTE,
      previousUntil: 20 * HOUR,
    });
  });
});

interface SimCheckpoint {
  until: number;
  resumeFrom?: number;
}

/**
 * One run as pollCloser does it, over sorted distinct timestamps `docs`: pages of `pageSize`
 * in [from, to), the cursor and `resumeFrom` saved after each page, a stop once `budget`
 * records are read, `until = to` (and no `resumeFrom`) when the window was read to its end.
 */
function simulateRun(
  docs: readonly number[],
  saved: SimCheckpoint | undefined,
  s: WindowSettings,
  nowMs: number,
  budget: number,
  pageSize: number,
  seen: number[]
): { checkpoint: SimCheckpoint | undefined; caughtUp: boolean } {
  const plan = planWindow(saved?.until, s, nowMs, saved?.resumeFrom);
  if (!plan) return { checkpoint: saved, caughtUp: true };
  const window = docs.filter((ts) => plan.from <= ts && ts < plan.to);
  let checkpoint = saved;
  let read = 0;
  for (let i = 0; i < window.length; i += pageSize) {
    const page = window.slice(i, i + pageSize);
    read += page.length;
    seen.push(...page);
    const last = page[page.length - 1];
    checkpoint = { until: advanceCursor(checkpoint?.until, last), resumeFrom: last };
    if (read >= budget) return { checkpoint, caughtUp: false };
  }
  return { checkpoint: { until: advanceCursor(checkpoint?.until, plan.to) }, caughtUp: true };
}

describe('planWindow after a run stopped by its budget', () => {
  const settings: WindowSettings = { lagMs: MINUTE, overlapMs: 10 * MINUTE, sinceMs: 0 };

  it('goes on from where the run stopped, without re-reading the overlap', () => {
    expect(planWindow(5 * HOUR, settings, 10 * HOUR, 5 * HOUR)).toEqual({
      from: 5 * HOUR,
      to: 10 * HOUR - MINUTE,
      previousUntil: 5 * HOUR,
    });
  });

  it('finishes an overlap re-read the budget cut, from where it was cut', () => {
    // The cycle started at until - overlap and stopped 3 min before until.
    const until = 9 * HOUR;
    expect(planWindow(until, settings, 10 * HOUR, until - 3 * MINUTE)).toMatchObject({
      from: until - 3 * MINUTE,
    });
  });

  it('re-reads the overlap when the checkpoint has no resumeFrom (caught up, or saved before it existed)', () => {
    expect(planWindow(5 * HOUR, settings, 10 * HOUR)).toMatchObject({
      from: 5 * HOUR - 10 * MINUTE,
    });
  });

  it('never starts after the cursor or after now - lag, whatever resumeFrom says', () => {
    expect(planWindow(5 * HOUR, settings, 10 * HOUR, 7 * HOUR)).toMatchObject({ from: 5 * HOUR });
    expect(planWindow(20 * HOUR, settings, 10 * HOUR, 20 * HOUR)).toBeUndefined();
  });

  // Property: a dense backlog (more than a budget's worth of records inside one overlap), read
  // by budget-limited runs, is read to the end in a bounded number of runs, every record
  // included, whether the runs start from `since` or from a caught-up cursor whose overlap
  // re-read is itself cut. (Re-reading the overlap after every budget stop never finished.)
  it('finishes a dense backlog in budget-limited runs (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10 * MINUTE - 1 }), {
          minLength: 1000,
          maxLength: 3000,
        }),
        fc.integer({ min: 100, max: 400 }),
        fc.integer({ min: 2, max: 400 }),
        fc.integer({ min: MINUTE, max: 2 * HOUR }),
        fc.boolean(),
        (offsets, budget, pageSizeWish, overlap, fromCaughtUp) => {
          const t0 = 1_000 * HOUR;
          const docs = offsets.map((o) => t0 + o).sort((a, b) => a - b);
          const pageSize = Math.min(pageSizeWish, budget);
          const s: WindowSettings = { lagMs: MINUTE, overlapMs: overlap, sinceMs: t0 };
          // Caught up just after the backlog: the next cycle re-reads the overlap before it.
          let checkpoint: SimCheckpoint | undefined = fromCaughtUp
            ? { until: t0 + 10 * MINUTE }
            : undefined;
          const seen: number[] = [];
          let nowMs = t0 + HOUR;
          // Each run reads at least `budget - 1` records it had not read (distinct timestamps:
          // only the one at resumeFrom is read twice).
          const maxRuns = Math.ceil(docs.length / (budget - 1)) + 2;
          let caughtUp = false;
          for (let run = 0; run < maxRuns && !caughtUp; run++) {
            ({ checkpoint, caughtUp } = simulateRun(
              docs,
              checkpoint,
              s,
              nowMs,
              budget,
              pageSize,
              seen
            ));
            nowMs += MINUTE;
          }
          expect(caughtUp).toBe(true);
          if (!fromCaughtUp) expect(new Set(seen).size).toBe(docs.length);
          else {
            const reread = docs.filter((ts) => ts >= t0 + 10 * MINUTE - overlap);
            expect(new Set(seen).size).toBe(reread.length);
          }
        }
      ),
      { numRuns: 200 }
    );
  });
});

describe('hitTimestamp', () => {
  it('reads epoch ms sort values as they are', () => {
    expect(hitTimestamp({ sort: [1620206832529, 3] })).toBe(1620206832529);
    expect(hitTimestamp({ sort: [0] })).toBe(0);
  });

  it('turns a date_nanos sort value (nanoseconds) into ms, never after the real millisecond', () => {
    // 2021-05-05T09:27:12.529123456Z as Elasticsearch sends it for a date_nanos field.
    expect(hitTimestamp({ sort: [Number('1620206832529123456')] })).toBe(1620206832529);
    // Exactly on a millisecond: the double is below or above it; never a later millisecond.
    expect(hitTimestamp({ sort: [1620206832529000000] })).toBeLessThanOrEqual(1620206832529);
    expect(hitTimestamp({ sort: [1620206832529000000] })).toBeGreaterThanOrEqual(1620206832528);
    expect(() => new Date(hitTimestamp({ sort: [1.7e18] })!).toISOString()).not.toThrow();
  });

  it('ignores values that are not a timestamp', () => {
    expect(hitTimestamp({ sort: ['x'] })).toBeUndefined();
    expect(hitTimestamp({ sort: [Number.MAX_VALUE] })).toBeUndefined();
    expect(hitTimestamp({ sort: [Infinity] })).toBeUndefined();
    expect(hitTimestamp({})).toBeUndefined();
    expect(hitTimestamp(null)).toBeUndefined();
  });
});
