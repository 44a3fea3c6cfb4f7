/*
 * The sources of the connectors-scale bench, each able to say how many requests it has served:
 * - Lumos: the simulator in a process of its own (bench/lib/sim_process.ts) serving a lazy
 *   tenant; it counts its /activity_logs requests (`/_control/state`).
 * - Closer: a small corpus seeded into the bench's Elasticsearch (as Closer's own cluster), read
 *   through a counting proxy of its own, so the source's requests are told apart from the
 *   destination's.
 * Every event is older than `end`, so once read, a source has nothing new.
 */
import type { SourceKind } from '../../common/data_streams';
import { generateCorpus } from '../../dev/closer_corpus/generator';
import { corpusIndexPattern, seedCorpus } from '../../dev/closer_corpus/seed';
import { startSimulatorProcess } from './child';
import { startCountingProxy } from './connectors_proxy';
import type { BenchEs } from './es';

const DAY = 86_400_000;

export interface BenchSource {
  kind: SourceKind;
  events: number;
  /** `kind`, `settings` and `secrets` of a connector reading this source. */
  connectorBody(): Record<string, unknown>;
  /** Requests the source has answered so far. */
  requests(): Promise<number>;
  stop(): Promise<void>;
}

/** A Lumos tenant of `events` events over the 7 days before `end`. */
export async function lumosSource(events: number, seed: number, end: number): Promise<BenchSource> {
  const sim = await startSimulatorProcess({
    lazyTenant: { count: events, seed, start: end - 7 * DAY, end },
    sortOrder: 'oldest-first',
  });
  return {
    kind: 'lumos',
    events,
    connectorBody: () => ({
      kind: 'lumos',
      settings: { baseUrl: sim.url, initialWindow: '30d' },
      secrets: { apiToken: sim.token },
    }),
    async requests() {
      const response = await fetch(`${sim.url}/_control/state`);
      return ((await response.json()) as { requests: number }).requests;
    },
    stop: () => sim.stop(),
  };
}

/**
 * A Closer index of `events` documents over the 7 days before `end`, in the bench's node, read
 * as its superuser (Basic) through a counting proxy.
 */
export async function closerSource(
  es: BenchEs,
  events: number,
  seed: number,
  end: number,
  name: string
): Promise<BenchSource> {
  const prefix = `benchcloser${name}`;
  await seedCorpus(
    { url: es.url, username: es.username, password: es.password },
    prefix,
    generateCorpus({ count: events, start: end - 7 * DAY, spanMs: 7 * DAY, seed }),
    { refresh: true }
  );
  const proxy = await startCountingProxy(es.url);
  return {
    kind: 'closer',
    events,
    connectorBody: () => ({
      kind: 'closer',
      settings: {
        url: proxy.url,
        authType: 'basic',
        username: es.username,
        index: corpusIndexPattern(prefix),
        initialWindow: '30d',
      },
      secrets: { password: es.password },
    }),
    requests: async () => proxy.snapshot().total,
    async stop() {
      await proxy.stop();
      await es.client.indices.delete({ index: corpusIndexPattern(prefix) }).catch(() => undefined);
    },
  };
}
