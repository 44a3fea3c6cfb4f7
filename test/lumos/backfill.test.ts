import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { type LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import { pollLumos, type LumosConfig } from '../../server/sources/lumos/poll';
import { createTestEsClient, uniqueNamespace } from '../../dev/es/test_es';
import { generateTenant } from '../../dev/lumos_simulator/generate_tenant';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { expectExactly, installLumosTemplate, lumosStream, storedEvents } from './helpers';
import { loopbackOutbound } from '../../server/__mocks__/outbound';

const DAY = 86_400_000;

describe('Lumos activity logs into a real data stream', () => {
  let es: Client;
  let sim: LumosSimulator;
  const now = Date.now();
  const end = now - 60_000;

  beforeAll(async () => {
    es = createTestEsClient();
    await installLumosTemplate(es);
    // Newest-first and both bounds exclusive: the least convenient of the undocumented options.
    sim = await startLumosSimulator({
      tenant: { count: 4000, seed: 2026, start: end - 25 * DAY, end },
      sortOrder: 'newest-first',
      sinceInclusive: false,
      untilInclusive: false,
    });
  });
  afterAll(async () => {
    await sim.stop();
    await es.close();
  });
  afterEach(() => sim.clearFaults());

  const config = (namespace: string): LumosConfig => ({
    baseUrl: sim.url,
    namespace,
    initialWindow: '30d',
    backoff: { baseMs: 5, maxMs: 50 },
  });
  const deps = (checkpoints = memoryCheckpointStore<LumosCheckpoint>()) => ({
    esClient: es as unknown as ElasticsearchClient,
    outbound: loopbackOutbound,
    checkpoints,
  });

  it('backfills several thousand events exactly once; re-reading writes nothing new', async () => {
    const namespace = uniqueNamespace('lumos');
    const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
    const started = Date.now();
    const first = await pollLumos(config(namespace), sim.token, deps(checkpoints));
    const took = Date.now() - started;
    expect(first.caughtUp).toBe(true);
    expect(first.stats.written).toBe(4000);
    expect(first.stats.pipelineErrors).toBe(0);
    expectExactly(await storedEvents(es, namespace), sim.uniqueIds());
    expect((await storedEvents(es, namespace)).count).toBe(4000);
    console.log(`backfill of 4000 events: ${took} ms, ${first.stats.requests} requests`);

    // The same window again, from scratch (no checkpoint): every event is a 409.
    const again = await pollLumos(config(namespace), sim.token, deps());
    expect(again.stats.written).toBe(0);
    expect(again.stats.duplicates).toBeGreaterThanOrEqual(4000);
    // And the next cycle from the checkpoint re-reads only the late-arrival window.
    const next = await pollLumos(config(namespace), sim.token, deps(checkpoints));
    expect(next.stats.written).toBe(0);
    expect(next.stats.read).toBeLessThan(50);
    expectExactly(await storedEvents(es, namespace), sim.uniqueIds());
  });

  it('rides out storms of 429s and 5xx', async () => {
    const namespace = uniqueNamespace('lumos');
    sim.setFaultRates({ status429: 0.25, status500: 0.1, status503: 0.1, retryAfter: '0' });
    const outcome = await pollLumos({ ...config(namespace), maxRetries: 12 }, sim.token, deps());
    expect(outcome.caughtUp).toBe(true);
    expect(outcome.stats.httpRetries).toBeGreaterThan(10);
    expectExactly(await storedEvents(es, namespace), sim.uniqueIds());
  });

  it('fails fast on a bad token with a clear message that does not contain it', async () => {
    const namespace = uniqueNamespace('lumos');
    const before = sim.requests.length;
    const started = Date.now();
    const error = await pollLumos(config(namespace), 'lsk_revoked_token', deps()).catch(
      (e: Error) => e
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Lumos rejected the API token \(HTTP 401/);
    expect((error as Error).message).not.toContain('lsk_revoked_token');
    expect(sim.requests.length - before).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('indexes a malformed item as pipeline_error with its original, and the rest normally', async () => {
    const namespace = uniqueNamespace('lumos');
    const items = generateTenant({ count: 30, seed: 77, start: now - 2 * DAY, end: now - DAY });
    const broken = { ...items[5], event_hash: null, outcome: 7 };
    const small = await startLumosSimulator({
      items: [...items.slice(0, 5), broken, ...items.slice(6)],
    });
    try {
      const outcome = await pollLumos(
        { ...config(namespace), baseUrl: small.url },
        small.token,
        deps()
      );
      expect(outcome.stats.pipelineErrors).toBe(1);
      const stored = await storedEvents(es, namespace);
      expectExactly(stored, small.uniqueIds());
      expect(stored.pipelineErrors).toHaveLength(1);
      const error = stored.pipelineErrors[0] as {
        event: Record<string, unknown>;
        error: Record<string, unknown>;
      };
      expect(error.event.kind).toBe('pipeline_error');
      expect(error.event.original).toBe(JSON.stringify(broken));
      expect(error.error.message).toMatch(/event_hash: expected NonEmptyString, got null/);
    } finally {
      await small.stop();
    }
  });

  it('picks up events that arrive late inside an already-read window', async () => {
    const namespace = uniqueNamespace('lumos');
    const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
    const items = generateTenant({ count: 200, seed: 31, start: now - 3 * DAY, end: now - 60_000 });
    const live = await startLumosSimulator({ items, sortOrder: 'unsorted' });
    try {
      await pollLumos({ ...config(namespace), baseUrl: live.url }, live.token, deps(checkpoints));
      const watermark = Date.parse((await checkpoints.load())!.watermark);
      // Began 40 and 10 minutes before the watermark (already read), recorded only now.
      const late = [
        ...generateTenant({
          count: 2,
          seed: 32,
          start: watermark - 40 * 60_000,
          end: watermark - 39 * 60_000,
        }),
        ...generateTenant({
          count: 2,
          seed: 33,
          start: watermark - 10 * 60_000,
          end: watermark - 9 * 60_000,
        }),
      ];
      live.addItems(late);
      const outcome = await pollLumos(
        { ...config(namespace), baseUrl: live.url, lateArrivalWindow: '1h' },
        live.token,
        deps(checkpoints)
      );
      expect(outcome.stats.written).toBe(4);
      expectExactly(await storedEvents(es, namespace), live.uniqueIds());
    } finally {
      await live.stop();
    }
  });

  it('does not write a second copy of re-read events after the data stream rolled over', async () => {
    const namespace = uniqueNamespace('lumos');
    const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
    // All within the late-arrival window, so the next cycle reads them again.
    const items = generateTenant({
      count: 120,
      seed: 55,
      start: now - 40 * 60_000,
      end: now - 60_000,
    });
    const recent = await startLumosSimulator({ items });
    try {
      await pollLumos(
        { ...config(namespace), baseUrl: recent.url },
        recent.token,
        deps(checkpoints)
      );
      // Cycles are minutes apart, far beyond the 1 s refresh: the check searches refreshed data.
      await es.indices.refresh({ index: lumosStream(namespace) });
      await es.indices.rollover({ alias: lumosStream(namespace) });
      const next = await pollLumos(
        { ...config(namespace), baseUrl: recent.url },
        recent.token,
        deps(checkpoints)
      );
      expect(next.stats.read).toBe(120);
      expect(next.stats.written).toBe(0);
      const stored = await storedEvents(es, namespace);
      expectExactly(stored, recent.uniqueIds());
      expect(stored.count).toBe(120);
    } finally {
      await recent.stop();
    }
  });
});
