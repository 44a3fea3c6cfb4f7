import { eventHash, seededRandom, tenantItem, type ActivityLogItem } from './generate_tenant';

/*
 * A tenant of any size that is never held in memory: item i is computed when asked for, from the
 * seed and i alone, and event times grow with i, so the items of a [since, until) query are an
 * index range found by binary search. The benchmarks serve 1,000,000 events this way; an
 * in-memory tenant of that size needs over a gigabyte and a linear scan per request.
 * Times are whole seconds (no microseconds), which keeps "time grows with i" exact.
 */

export interface LazyTenantOptions {
  count: number;
  seed?: number;
  /** Epoch ms of the oldest event. */
  start: number;
  /** Epoch ms just after the newest event. */
  end: number;
}

export interface LazyTenant {
  readonly count: number;
  /** `event_began_at` of item i as epoch ms. */
  timeOf(i: number): number;
  item(i: number): ActivityLogItem;
  hash(i: number): string;
  /** Items matching the bounds: [first, end) indices. */
  range(
    since: number | undefined,
    until: number | undefined,
    sinceInclusive: boolean,
    untilInclusive: boolean
  ): [number, number];
}

/** First index in [0, count) for which `test` holds, `test` being false then true. */
function firstWhere(count: number, test: (i: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (test(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

export function lazyTenant(options: LazyTenantOptions): LazyTenant {
  const seed = options.seed ?? 1;
  const { count, start } = options;
  const span = Math.max(1, options.end - start);
  const timeOf = (i: number) => Math.floor((start + Math.floor((i * span) / count)) / 1000) * 1000;
  return {
    count,
    timeOf,
    hash: (i) => eventHash(seed, i),
    item: (i) =>
      tenantItem(seededRandom(seed * 7919 + i * 104_729), timeOf(i), eventHash(seed, i), 0),
    range(since, until, sinceInclusive, untilInclusive) {
      const first =
        since === undefined
          ? 0
          : firstWhere(count, (i) => (sinceInclusive ? timeOf(i) >= since : timeOf(i) > since));
      const end =
        until === undefined
          ? count
          : firstWhere(count, (i) => (untilInclusive ? timeOf(i) > until : timeOf(i) >= until));
      return [first, Math.max(first, end)];
    },
  };
}
