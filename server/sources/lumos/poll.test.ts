import { type LumosCheckpoint } from './checkpoint';
import { memoryCheckpointStore } from '../../ingest/checkpoint_store';
import { generateTenant, naiveUtc } from '../../../dev/lumos_simulator/generate_tenant';
import {
  startLumosSimulator,
  type LumosSimulator,
  type LumosSimulatorOptions,
} from '../../../dev/lumos_simulator/lumos_simulator';
import { memoryEs, storedEventIds, type MemoryEs } from '../../__mocks__/memory_es';
import { OutboundPolicy } from '../../lib/outbound/host_policy';
import { pollLumos, resolveLumosConfig, type LumosConfig } from './poll';

/** The simulator listens on loopback only. */
const LOOPBACK = OutboundPolicy.fromConfig(['127.0.0.1']);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('pollLumos (cursor and windows)', () => {
  let sim: LumosSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  async function setup(options: LumosSimulatorOptions) {
    sim = await startLumosSimulator(options);
    const es = memoryEs();
    const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
    let clock = NOW;
    const config: LumosConfig = {
      baseUrl: sim.url,
      namespace: 'unit',
      initialWindow: '30d',
      maxWindowRecords: 300,
      backoff: { baseMs: 1, maxMs: 5 },
    };
    /** What onProgress reported, in order: the counts before each checkpoint save. */
    const progress: Array<{ written: number; saves: number }> = [];
    const run = (extra: Partial<LumosConfig> = {}, budget?: { maxRecords?: number }) =>
      pollLumos({ ...config, ...extra }, sim!.token, {
        esClient: es.client,
        checkpoints,
        now: () => new Date(clock),
        budget,
        outbound: LOOPBACK,
        onProgress: (stats) =>
          progress.push({ written: stats.written, saves: checkpoints.saves.length }),
      });
    return {
      sim,
      es,
      checkpoints,
      progress,
      run,
      advance(ms: number) {
        clock += ms;
      },
      get clock() {
        return clock;
      },
    };
  }

  function expectExactly(es: MemoryEs, expected: Set<string>) {
    const ids = storedEventIds(es);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(expected);
  }

  const tenant = { count: 1500, seed: 11, start: NOW - 20 * DAY, end: NOW - 60_000 };

  it.each([
    ['oldest-first', true, false],
    ['newest-first', false, false],
    ['unsorted', false, true],
    ['unstable', false, false],
  ] as const)(
    'backfills every event exactly once (%s, since inclusive %p, until inclusive %p)',
    async (sortOrder, sinceInclusive, untilInclusive) => {
      const t = await setup({ tenant, sortOrder, sinceInclusive, untilInclusive });
      const first = await t.run();
      expect(first.caughtUp).toBe(true);
      expect(first.stats.written).toBe(1500);
      expect(first.stats.unverifiedWindows).toBe(0);
      expect(first.checkpoint.watermark).toBe(new Date(NOW).toISOString());
      expectExactly(t.es, t.sim.uniqueIds());
      // Checkpointed after each window, not only at the end.
      expect(t.checkpoints.saves.length).toBeGreaterThan(3);

      t.advance(5 * 60_000);
      const again = await t.run();
      expect(again.stats.written).toBe(0);
      expectExactly(t.es, t.sim.uniqueIds());
    }
  );

  it('splits windows until offset paging over an unstable order is complete', async () => {
    const t = await setup({ tenant: { ...tenant, count: 800 }, sortOrder: 'unstable' });
    const outcome = await t.run({ maxWindowRecords: 1000 });
    expect(outcome.stats.splits).toBeGreaterThan(0);
    expectExactly(t.es, t.sim.uniqueIds());
  });

  it('continues a long backfill over several budget-limited runs', async () => {
    const t = await setup({ tenant });
    const watermarks: string[] = [];
    let runs = 0;
    for (;;) {
      runs++;
      const outcome = await t.run({}, { maxRecords: 200 });
      watermarks.push(outcome.checkpoint.watermark);
      if (outcome.caughtUp) break;
      expect(runs).toBeLessThan(50);
    }
    expect(runs).toBeGreaterThan(3);
    // Every run moved the watermark forward.
    expect([...watermarks].sort()).toEqual(watermarks);
    expect(new Set(watermarks).size).toBe(watermarks.length);
    expectExactly(t.es, t.sim.uniqueIds());
  });

  it('picks up events that arrive late within the late-arrival window, not older ones', async () => {
    const t = await setup({ tenant: { ...tenant, count: 200 } });
    await t.run({ lateArrivalWindow: '1h' });
    const late = generateTenant({
      count: 3,
      seed: 99,
      start: NOW - 50 * 60_000,
      end: NOW - 40 * 60_000,
    });
    const tooLate = generateTenant({
      count: 2,
      seed: 98,
      start: NOW - 3 * 3600_000,
      end: NOW - 2 * 3600_000,
    });
    t.sim.addItems([...late, ...tooLate]);
    t.advance(5 * 60_000);
    const outcome = await t.run({ lateArrivalWindow: '1h' });
    expect(outcome.stats.written).toBe(3);
    const ids = new Set(storedEventIds(t.es));
    for (const item of late) expect(ids.has(item.event_hash as string)).toBe(true);
    for (const item of tooLate) expect(ids.has(item.event_hash as string)).toBe(false);
  });

  it('survives events inserted into the window while it is being paged', async () => {
    const t = await setup({ tenant: { ...tenant, count: 600 }, sortOrder: 'newest-first' });
    let inserted = 0;
    t.sim.onRequest(({ number }) => {
      // Every third request, a new event lands at the head of a window being read.
      if (number % 3 === 0 && inserted < 20) {
        const items = generateTenant({
          count: 1,
          seed: 500 + inserted,
          start: NOW - 2 * DAY,
          end: NOW - DAY,
        });
        t.sim.addItems(items);
        inserted++;
      }
    });
    await t.run({ maxWindowRecords: 1000 });
    t.sim.onRequest(undefined);
    expect(inserted).toBeGreaterThan(0);
    expectExactly(t.es, t.sim.uniqueIds());
  });

  it('writes duplicate rows once and keeps a malformed item as a pipeline_error', async () => {
    const items = generateTenant({ ...tenant, count: 250 });
    const malformed = { ...items[10], event_hash: 12345 };
    {
      const t = await setup({ items: [...items, items[3], items[200], malformed] });
      const outcome = await t.run();
      expect(outcome.stats.pipelineErrors).toBe(1);
      // The reason health shows, and counts reported before every checkpoint, growing.
      expect(outcome.stats.firstPipelineError).toMatch(/event_hash: expected NonEmptyString/);
      expect(t.progress.map((p) => p.saves)).toEqual(t.progress.map((_, i) => i));
      expect(t.progress.length).toBe(t.checkpoints.saves.length);
      expect(t.progress.at(-1)!.written).toBe(outcome.stats.written);
      expectExactly(t.es, t.sim.uniqueIds());
      const errors = [...t.es.documents.values()].filter(
        (doc) => (doc.event as { kind: string }).kind === 'pipeline_error'
      );
      expect(errors).toHaveLength(1);
      expect((errors[0].event as { original: string }).original).toBe(JSON.stringify(malformed));
      expect((errors[0].error as { message: string }).message).toMatch(
        /event_hash: expected NonEmptyString, got 12345/
      );
      expect(errors[0]['@timestamp']).toBe(
        new Date(`${items[10].event_began_at as string}Z`).toISOString()
      );
    }
  });

  it('keeps a page with a 5k-deep and a 1 MB item moving: pipeline_errors, checkpoint saved', async () => {
    const items = generateTenant({ ...tenant, count: 50 });
    // JSON.stringify of this throws (the old poll did so outside any try, on every run).
    let metadata: unknown = {};
    for (let i = 0; i < 5_000; i++) metadata = { a: metadata };
    const deep = { ...items[5], event_hash: 'd'.repeat(64), event_metadata: metadata };
    const huge = { ...items[6], event_hash: 42, blob: 'x'.repeat(1_000_000) };
    const t = await setup({ items: [...items, deep, huge] });
    const outcome = await t.run();
    expect(outcome.caughtUp).toBe(true);
    expect(outcome.stats.pipelineErrors).toBe(2);
    expect(t.checkpoints.saves.length).toBeGreaterThan(0);
    const errors = [...t.es.documents.values()].filter(
      (doc) => (doc.event as { kind: string }).kind === 'pipeline_error'
    );
    const messages = errors.map((doc) => (doc.error as { message: string }).message).sort();
    expect(messages[0]).toMatch(/^Nested deeper than 64 levels/);
    expect(messages[1]).toMatch(/^Not a Lumos activity log: event_hash: expected NonEmptyString/);
    for (const doc of errors) {
      expect((doc.event as { original: string }).original.length).toBeLessThan(33_000);
    }
    // Every ordinary event is written too, once.
    expect(storedEventIds(t.es).length).toBe(50);
    // And the next run is not stuck on them either.
    t.advance(60_000);
    const again = await t.run();
    expect(again.caughtUp).toBe(true);
  });

  it('loses nothing and doubles nothing when aborted at random moments', async () => {
    const t = await setup({ tenant: { ...tenant, count: 1000 }, sortOrder: 'newest-first' });
    t.sim.setFaultRates({ status500: 0.05, slow: 0.2, slowMs: 5 });
    let caughtUp = false;
    let aborts = 0;
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 60 && !caughtUp; i++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), Math.floor(random() * 40));
      try {
        const outcome = await pollLumos(
          {
            baseUrl: t.sim.url,
            namespace: 'unit',
            initialWindow: '30d',
            maxWindowRecords: 200,
            backoff: { baseMs: 1, maxMs: 5 },
          },
          t.sim.token,
          {
            esClient: t.es.client,
            checkpoints: t.checkpoints,
            now: () => new Date(t.clock),
            signal: controller.signal,
            outbound: LOOPBACK,
          }
        );
        caughtUp = outcome.caughtUp;
      } catch (error) {
        expect((error as Error).name).toBe('AbortError');
        aborts++;
      } finally {
        clearTimeout(timer);
      }
    }
    if (!caughtUp) {
      const outcome = await t.run({ maxWindowRecords: 200 });
      caughtUp = outcome.caughtUp;
    }
    expect(aborts).toBeGreaterThan(3);
    expect(caughtUp).toBe(true);
    expectExactly(t.es, t.sim.uniqueIds());
  });

  it('keeps the checkpoint when a write fails, and resumes from it', async () => {
    const t = await setup({ tenant });
    t.es.failNext(1);
    await expect(t.run()).rejects.toThrow(/simulated bulk failure/);
    // Only the empty windows before the first event may have been passed.
    for (const save of t.checkpoints.saves) {
      expect(Date.parse(save.watermark)).toBeLessThanOrEqual(tenant.start);
    }
    const outcome = await t.run();
    expect(outcome.caughtUp).toBe(true);
    expectExactly(t.es, t.sim.uniqueIds());
  });

  it('fails fast on a bad token and leaves the checkpoint alone', async () => {
    const t = await setup({ tenant: { ...tenant, count: 10 } });
    await expect(
      pollLumos({ baseUrl: t.sim.url, namespace: 'unit' }, 'lsk_bad', {
        esClient: t.es.client,
        checkpoints: t.checkpoints,
        outbound: LOOPBACK,
      })
    ).rejects.toThrow(/Lumos rejected the API token/);
    expect(t.checkpoints.saves).toHaveLength(0);
    expect(t.sim.requests).toHaveLength(1);
  });

  it('reads all history with initial window "everything"', async () => {
    const t = await setup({
      tenant: { count: 400, seed: 5, start: Date.UTC(2019, 0, 1), end: NOW - DAY },
    });
    const outcome = await t.run({ initialWindow: 'everything' });
    expect(outcome.caughtUp).toBe(true);
    expectExactly(t.es, t.sim.uniqueIds());
    expect(t.sim.requests[0].query.since).toBe('1970-01-01T00:00:00');
  });

  it('asks with naive UTC bounds, one second before the window', async () => {
    const t = await setup({ tenant: { ...tenant, count: 5 } });
    await t.run({ initialWindow: '2d' });
    expect(t.sim.requests[0].query).toEqual({
      since: naiveUtc(NOW - 2 * DAY - 1000),
      until: naiveUtc(NOW),
      limit: '100',
    });
  });
});

describe('resolveLumosConfig', () => {
  it('accepts Kibana durations and "everything", not the spellings of the old grammar', () => {
    expect(resolveLumosConfig({ namespace: 'a', initialWindow: '180d' }).initialMs).toBe(180 * DAY);
    expect(resolveLumosConfig({ namespace: 'a', initialWindow: '1d12h' }).initialMs).toBe(
      36 * 3600_000
    );
    expect(() => resolveLumosConfig({ namespace: 'a', initialWindow: '36 hours' })).toThrow(
      /initial window: "36 hours" is not a duration/
    );
    expect(resolveLumosConfig({ namespace: 'a', initialWindow: 'everything' }).initialMs).toBe(
      'everything'
    );
  });

  it('says what is accepted', () => {
    expect(() => resolveLumosConfig({ namespace: 'a', initialWindow: '6 months' })).toThrow(
      'Invalid Lumos configuration: initial window: "6 months" is not a duration: use a whole number followed by ms, s, m, h, d, w, M (months) or y (years), or several in a row, or a whole number of milliseconds (e.g. "500ms", "90s", "1m30s", "24h", "30d", "2w"), or "everything"'
    );
    expect(() => resolveLumosConfig({ namespace: 'A-b', pageSize: 500 })).toThrow(
      /namespace: Namespace must be lowercase; page size: must be a whole number from 1 to 100/
    );
  });
});
