/*
 * Two ways the Closer cursor used to go wrong, against the real Elasticsearch:
 * - an index whose @timestamp is `date_nanos`: sort values come back in nanoseconds, and every
 *   checkpoint save threw (RangeError: Invalid time value), so the connector never advanced;
 * - an interval longer than the overlap (1 h, 24 h): a document indexed a few minutes late, into
 *   a window already read, was never read;
 * - a backlog denser than the run budget inside one overlap: every run re-read the overlap before
 *   the cursor, spent its budget there and never moved the cursor (a backfill that never ended).
 */
import type { Client } from '@elastic/elasticsearch';
import { pollCloser } from '../../server/sources/closer/poll';
import { DEFAULT_LAG_MS } from '../../server/sources/closer/config';
import { uniqueNamespace } from '../../dev/es/test_es';
import {
  baseConfig,
  closerPollDeps,
  closerTestCluster,
  expectedIds,
  remoteCredentials,
  seedWellFormed,
  uniqueRemotePrefix,
  writtenIds,
} from './helpers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Both corpus indices created up front with `@timestamp` as date_nanos (seedCorpus keeps them). */
async function createNanosIndices(es: Client, prefix: string): Promise<void> {
  for (const suffix of ['a', 'b']) {
    await es.indices.create({
      index: `${prefix}-${suffix}`,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        properties: {
          '@timestamp': { type: 'date_nanos' },
          message: { type: 'object', dynamic: true },
        },
      },
    });
  }
}

describe('Closer cursor edge cases', () => {
  const cluster = closerTestCluster();

  it.each(['pit', 'scroll'] as const)(
    'reads a date_nanos @timestamp index and saves its cursor in ms (%s)',
    async (searchApi) => {
      const prefix = uniqueRemotePrefix();
      const namespace = uniqueNamespace('nanos');
      await createNanosIndices(cluster.es, prefix);
      const t0 = Date.UTC(2026, 1, 1, 8, 0, 0);
      const docs = await seedWellFormed(prefix, {
        count: 250,
        start: t0,
        spanMs: 30 * MINUTE,
        seed: 21,
        idPrefix: 'ns',
      });

      const deps = closerPollDeps(cluster.es, { now: () => new Date(t0 + HOUR) });
      const { checkpoints } = deps;
      // Pages of 100: the cursor is saved after every page, from the hits' sort values.
      const config = baseConfig(prefix, namespace, { since: t0, pageSize: 100, searchApi });
      const outcome = await pollCloser(config, remoteCredentials(), deps);
      expect(outcome.stats.written).toBe(250);
      expect(outcome.caughtUp).toBe(true);
      // Each page's cursor was an ms timestamp of one of the documents, not a nanosecond count.
      expect(checkpoints.saves.length).toBeGreaterThan(2);
      const untils = checkpoints.saves.map((c) => Date.parse(c.until));
      for (const ms of untils) {
        expect(ms).toBeGreaterThanOrEqual(t0);
        expect(ms).toBeLessThanOrEqual(t0 + HOUR);
      }
      expect(outcome.checkpoint.until).toBe(new Date(t0 + HOUR - DEFAULT_LAG_MS).toISOString());

      expect(await writtenIds(cluster.es, namespace)).toEqual(expectedIds(prefix, docs));
    }
  );

  it.each([
    ['1 h', HOUR],
    ['24 h', 24 * HOUR],
  ])('finds a document indexed a few minutes late with a %s interval', async (_name, interval) => {
    const prefix = uniqueRemotePrefix();
    const namespace = uniqueNamespace('late');
    const lagMs = MINUTE;
    const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);
    const onTime = await seedWellFormed(prefix, {
      count: 50,
      start: t0,
      spanMs: interval / 2,
      seed: 31,
      idPrefix: 'on',
    });

    let clock = t0 + interval;
    const deps = closerPollDeps(cluster.es, { now: () => new Date(clock) });
    // The default overlap (11 min), as a connector runs.
    const config = baseConfig(prefix, namespace, { since: t0, lagMs, pageSize: 100 });
    const first = await pollCloser(config, remoteCredentials(), deps);
    expect(first.stats.written).toBe(50);
    const firstEnd = t0 + interval - lagMs;
    expect(first.checkpoint.until).toBe(new Date(firstEnd).toISOString());

    // Indexed after that cycle, stamped 3 min before its window's end: 3 min late with a
    // 1 min lag, well within lag + overlap.
    const late = await seedWellFormed(prefix, {
      count: 1,
      start: firstEnd - 3 * MINUTE,
      spanMs: 1,
      seed: 32,
      idPrefix: 'late',
    });

    // The next cycle, one interval later.
    clock += interval;
    const second = await pollCloser(config, remoteCredentials(), deps);
    expect(second.stats.written).toBe(1);

    expect(await writtenIds(cluster.es, namespace)).toEqual(
      expectedIds(prefix, [...onTime, ...late])
    );
  });

  it('finishes a backlog denser than the run budget, and a re-read of it cut by the budget', async () => {
    const prefix = uniqueRemotePrefix();
    const namespace = uniqueNamespace('dense');
    const t0 = Date.UTC(2026, 3, 1, 0, 0, 0);
    // 1200 records in 10 minutes: the default overlap (11 min) holds twelve budgets' worth.
    const docs = await seedWellFormed(prefix, {
      count: 1200,
      start: t0,
      spanMs: 10 * MINUTE,
      seed: 41,
      idPrefix: 'dense',
    });

    let clock = t0 + 12 * MINUTE;
    const deps = closerPollDeps(cluster.es, {
      now: () => new Date(clock),
      // The smallest `poll.maxRecordsPerRun` the config allows.
      budget: { maxRecords: 100 },
    });
    const config = baseConfig(prefix, namespace, { since: t0, pageSize: 50 });
    /**
     * Runs until one catches up; the number of runs, or Infinity. A run cut by its budget is
     * scheduled again at once: a second apart.
     */
    const runUntilCaughtUp = async (maxRuns: number) => {
      for (let run = 1; run <= maxRuns; run++) {
        const outcome = await pollCloser(config, remoteCredentials(), deps);
        clock += 1000;
        if (outcome.caughtUp) return run;
      }
      return Infinity;
    };

    // 1200 / 100 = 12 budget-limited runs and one more to reach the end.
    const backfill = await runUntilCaughtUp(20);
    expect(backfill).toBeGreaterThan(10);
    expect(backfill).toBeLessThanOrEqual(14);
    expect(await writtenIds(cluster.es, namespace)).toEqual(expectedIds(prefix, docs));

    // Caught up: the next cycle re-reads the 10 min before the cursor (most of the backlog),
    // the budget cuts that re-read, and the following runs must finish it rather than start
    // it over.
    clock += MINUTE;
    const reread = await runUntilCaughtUp(20);
    expect(reread).toBeGreaterThan(5);
    expect(reread).toBeLessThanOrEqual(14);
    expect(await writtenIds(cluster.es, namespace)).toEqual(expectedIds(prefix, docs));
    expect(deps.checkpoints.saves.at(-1)?.resumeFrom).toBeUndefined();
  });
});
