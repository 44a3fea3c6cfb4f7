/*
 * Freshness: how long after an event appears at the source it is searchable in our data stream,
 * with pollers on a fixed interval (a loop calling pollLumos / pollCloser every `intervalMs`,
 * as Task Manager would; each cycle is started on the interval, not after the previous one).
 * Events are injected at random moments; a watcher searches for each (default refresh interval)
 * until found. Both run at the product defaults (Closer's lag, 5 s, adds directly to freshness).
 * Goals: at most interval + 5 s (Lumos) and interval + 15 s (Closer).
 */
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, SOURCES } from '../common/data_streams';
import type { LumosCheckpoint } from '../server/sources/lumos/checkpoint';
import { memoryCheckpointStore } from '../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../server/sources/closer/checkpoint';
import { closerDocumentId } from '../server/sources/closer/mapper';
import { pollCloser } from '../server/sources/closer/poll';
import { pollLumos } from '../server/sources/lumos/poll';
import { closerTimestamp } from '../dev/closer_corpus/generator';
import { corpusIndexPattern, createCorpusIndices } from '../dev/closer_corpus/seed';
import { eventHash, naiveUtc, seededRandom } from '../dev/lumos_simulator/generate_tenant';
import { startLumosSimulator } from '../dev/lumos_simulator/lumos_simulator';
import type { BenchEs } from './lib/es';
import { load, median } from './lib/machine';
import { loopbackOutbound } from '../server/__mocks__/outbound';

export interface FreshnessResult {
  source: string;
  intervalSeconds: number;
  events: number;
  found: number;
  medianSeconds: number;
  p90Seconds: number;
  maxSeconds: number;
  /** Max minus the interval… */
  maxOverIntervalSeconds: number;
  /** …and what it should stay under. */
  goalOverIntervalSeconds: number;
  load: number;
}

interface Probe {
  id: string;
  index: string;
  field: 'event.id' | '_id';
  appearedAt: number;
  foundAt?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchFreshness(
  es: BenchEs,
  options: { durationMs: number; intervalMs: number }
): Promise<FreshnessResult[]> {
  const esClient = es.client as unknown as ElasticsearchClient;
  const stamp = Date.now().toString(36);
  const random = seededRandom(17);
  const sim = await startLumosSimulator({});
  const prefix = `bench-fresh-${stamp}`;
  await createCorpusIndices({ url: es.url, username: es.username, password: es.password }, prefix);
  const lumosNs = `freshlumos${stamp}`;
  const closerNs = `freshcloser${stamp}`;
  const lumosCheckpoints = memoryCheckpointStore<LumosCheckpoint>();
  const closerCheckpoints = memoryCheckpointStore<CloserCheckpoint>();
  const probes: Record<'lumos' | 'closer', Probe[]> = { lumos: [], closer: [] };

  const pollers: Array<() => Promise<unknown>> = [
    () =>
      pollLumos({ baseUrl: sim.url, namespace: lumosNs, initialWindow: '1h' }, sim.token, {
        esClient,
        outbound: loopbackOutbound,
        checkpoints: lumosCheckpoints,
      }),
    () =>
      pollCloser(
        { url: es.url, index: corpusIndexPattern(prefix), namespace: closerNs, since: '1h' },
        { type: 'basic', username: es.username, password: es.password },
        { esClient, outbound: loopbackOutbound, checkpoints: closerCheckpoints }
      ),
  ];
  const stopAt = Date.now() + options.durationMs;
  let running = true;
  const inFlight = new Set<Promise<unknown>>();
  const schedule = (async () => {
    while (running) {
      const tick = Date.now();
      for (const poll of pollers) {
        const cycle = poll().catch((error: Error) =>
          process.stderr.write(`poll failed: ${error.message}\n`)
        );
        inFlight.add(cycle);
        void cycle.finally(() => inFlight.delete(cycle));
      }
      await sleep(Math.max(0, tick + options.intervalMs - Date.now()));
    }
  })();

  // Injections: random moments, none so late that the next cycle would not run before the end.
  const lastInjection = stopAt - options.intervalMs - 15_000;
  let n = 0;
  const injector = (async () => {
    await sleep(5000);
    while (Date.now() < lastInjection) {
      const now = Date.now();
      const hash = eventHash(9_999, n++);
      sim.addItems([
        {
          event_hash: hash,
          event_began_at: naiveUtc(now),
          event_type: 'USER_LOGIN',
          outcome: 'Succeeded',
          actor: { actor_type: 'Lumos user', email: 'fresh@example.com' },
        },
      ]);
      probes.lumos.push({
        id: hash,
        index: dataStreamName(SOURCES.lumos.dataset, lumosNs),
        field: 'event.id',
        appearedAt: now,
      });
      const id = `fresh-${n}`;
      const source = {
        '@timestamp': closerTimestamp(now),
        message: {
          'event.action': 'agent_login',
          'event.outcome': 'success',
          'source.ip': '/10.1.2.3',
        },
      };
      await es.client.index({ index: `${prefix}-a`, id, document: source });
      // "Appeared" when Closer's index made it searchable (its refresh, default 1 s).
      const appeared = Date.now() + 1000;
      probes.closer.push({
        id: closerDocumentId(`${prefix}-a`, id),
        index: dataStreamName(SOURCES.closer.dataset, closerNs),
        field: '_id',
        appearedAt: appeared,
      });
      await sleep(3000 + random() * 12_000);
    }
  })();

  // Watcher: search for every outstanding probe, four times a second.
  const deadline = stopAt + 2 * options.intervalMs;
  for (;;) {
    const pending = Object.values(probes)
      .flat()
      .filter((p) => p.foundAt === undefined);
    if ((Date.now() > stopAt && pending.length === 0) || Date.now() > deadline) break;
    const byIndex = new Map<string, Probe[]>();
    for (const probe of pending)
      byIndex.set(probe.index, [...(byIndex.get(probe.index) ?? []), probe]);
    for (const [index, list] of byIndex) {
      const field = list[0].field;
      const response = await es.client.search<{ event?: { id?: string } }>({
        index,
        size: list.length,
        query:
          field === '_id'
            ? { ids: { values: list.map((p) => p.id) } }
            : { terms: { 'event.id': list.map((p) => p.id) } },
        _source: ['event.id'],
        ignore_unavailable: true,
        allow_no_indices: true,
      });
      const now = Date.now();
      const found = new Set(
        response.hits.hits.map((h) => (field === '_id' ? h._id : h._source?.event?.id))
      );
      for (const probe of list) if (found.has(probe.id)) probe.foundAt = now;
    }
    await sleep(250);
  }
  running = false;
  await injector;
  await schedule;
  await Promise.all(inFlight);
  await sim.stop();

  return Object.entries(probes).map(([source, list]) => {
    const delays = list
      .filter((p) => p.foundAt !== undefined)
      .map((p) => (p.foundAt! - p.appearedAt) / 1000);
    const sorted = [...delays].sort((a, b) => a - b);
    const max = sorted[sorted.length - 1] ?? NaN;
    return {
      source,
      intervalSeconds: options.intervalMs / 1000,
      events: list.length,
      found: delays.length,
      medianSeconds: Math.round(median(delays) * 10) / 10,
      p90Seconds: Math.round((sorted[Math.floor(sorted.length * 0.9)] ?? NaN) * 10) / 10,
      maxSeconds: Math.round(max * 10) / 10,
      maxOverIntervalSeconds: Math.round((max - options.intervalMs / 1000) * 10) / 10,
      goalOverIntervalSeconds: source === 'lumos' ? 5 : 15,
      load: load(),
    };
  });
}
