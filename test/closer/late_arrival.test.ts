import { pollCloser } from '../../server/sources/closer/poll';
import { generateCorpus, type CorpusDocument } from '../../dev/closer_corpus/generator';
import { seedCorpus } from '../../dev/closer_corpus/seed';
import { uniqueNamespace } from '../../dev/es/test_es';
import {
  baseConfig,
  closerPollDeps,
  closerTestCluster,
  expectedIds,
  remoteCredentials,
  seedTarget,
  uniqueRemotePrefix,
  writtenIds,
} from './helpers';

const MINUTE = 60_000;

/**
 * Documents indexed into Closer's cluster after their window was read. With lag L and overlap
 * O, a cycle starting at N reads [min(cursor, N - L) - O, N - L): a late document is found by
 * the first cycle that starts once it is searchable, if that is within @timestamp + L + O of
 * its stamp, whatever the interval (cursor_edge_cases.test.ts has 1 h and 24 h).
 */
describe('Closer late-arriving documents', () => {
  const cluster = closerTestCluster();

  it('picks up documents indexed late within lag + overlap, and documents the bound', async () => {
    const target = seedTarget();
    const prefix = uniqueRemotePrefix();
    const namespace = uniqueNamespace('late');
    const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
    const onTime = generateCorpus({
      count: 300,
      start: t0,
      spanMs: 10 * MINUTE,
      seed: 7,
      malformedEvery: 0,
      idPrefix: 'on',
    });
    await seedCorpus(target, prefix, onTime);

    let clock = t0 + 11 * MINUTE;
    const deps = closerPollDeps(cluster.es, { now: () => new Date(clock) });
    const config = baseConfig(prefix, namespace, {
      lagMs: MINUTE,
      overlapMs: 10 * MINUTE,
      since: t0,
      pageSize: 100,
    });

    // Cycle 1 at t0+11m reads [t0, t0+10m).
    const first = await pollCloser(config, remoteCredentials(), deps);
    expect(first.stats.written).toBe(300);
    expect(first.checkpoint.until).toBe(new Date(t0 + 10 * MINUTE).toISOString());

    // Indexed now, but stamped inside the window already read: 9m59s and 2m after t0, plus
    // three sharing the millisecond of the last on-time document.
    const lastOnTime = Math.max(...onTime.map((d) => d.timestamp));
    const late: CorpusDocument[] = [
      ...generateCorpus({
        count: 2,
        start: t0 + 9 * MINUTE + 59_000,
        spanMs: 1,
        seed: 8,
        malformedEvery: 0,
        idPrefix: 'late-a',
      }),
      ...generateCorpus({
        count: 3,
        start: lastOnTime,
        spanMs: 0,
        seed: 9,
        malformedEvery: 0,
        burstEvery: 0,
        idPrefix: 'late-b',
      }).map((d) => ({ ...d, timestamp: lastOnTime })),
      ...generateCorpus({
        count: 1,
        start: t0 + 2 * MINUTE,
        spanMs: 1,
        seed: 10,
        malformedEvery: 0,
        idPrefix: 'late-c',
      }),
    ];
    await seedCorpus(target, prefix, late);

    // Cycle 2 at t0+12m reads [t0, t0+11m): the overlap before the cursor (t0+10m).
    clock = t0 + 12 * MINUTE;
    const second = await pollCloser(config, remoteCredentials(), deps);
    expect(second.stats.written).toBe(late.length);
    expect(second.stats.duplicates).toBe(second.stats.read - late.length);

    // Beyond the bound: stamped t0+30s, searchable only after cycle 2 (t0+12m), more than
    // L+O = 11m after its stamp. Cycle 3 at t0+13m reads from t0+11m-10m = t0+1m: missed, as
    // documented.
    const tooLate = generateCorpus({
      count: 1,
      start: t0 + 30_000,
      spanMs: 1,
      seed: 11,
      malformedEvery: 0,
      idPrefix: 'too-late',
    });
    await seedCorpus(target, prefix, tooLate);
    clock = t0 + 13 * MINUTE;
    const third = await pollCloser(config, remoteCredentials(), deps);
    expect(third.stats.written).toBe(0);

    expect(await writtenIds(cluster.es, namespace)).toEqual(
      expectedIds(prefix, [...onTime, ...late])
    );
  });
});
