import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { type LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import { MAX_ERROR_MESSAGE_CHARS, MAX_ORIGINAL_CHARS } from '../../server/ingest/pipeline_error';
import { OutboundPolicy } from '../../server/lib/outbound/host_policy';
import { pollLumos, type LumosConfig } from '../../server/sources/lumos/poll';
import { createTestEsClient, uniqueNamespace } from '../../dev/es/test_es';
import { generateTenant } from '../../dev/lumos_simulator/generate_tenant';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { installLumosTemplate, lumosStream } from './helpers';

/*
 * Hostile Lumos items through the whole poll into the real Elasticsearch: each ends up as a
 * document or a pipeline_error (ours, or the bulk writer's conversion of ES's 400), the run
 * completes and saves its checkpoint, and the next run is not stuck on them.
 */

const DAY = 86_400_000;

function nested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('hostile Lumos items into a real data stream', () => {
  let es: Client;
  let sim: LumosSimulator;
  const end = Date.now() - 60_000;
  const base = generateTenant({ count: 30, seed: 10, start: end - 2 * DAY, end });
  const at = (n: number) => base[n].event_began_at;
  const hostile: Record<string, Record<string, unknown>> = {
    // Beyond what JSON.stringify can write: ours (MAX_JSON_DEPTH).
    deep5k: { event_metadata: nested(5_000, 'x') },
    // Within our limit, beyond the `flattened` depth_limit (20) of event_metadata.
    metadata20: { event_metadata: nested(19, 'x') },
    metadata21: { event_metadata: nested(21, 'x') },
    metadata60: { event_metadata: nested(60, 'x') },
    // A flattened leaf longer than Lucene's 32,766-byte term limit.
    metadataLeaf40k: { event_metadata: { note: 'é'.repeat(20_000) } },
    // Dynamic object fields under lumos.activity_logs beyond index.mapping.depth.limit (20).
    targets30: { targets: [nested(30, 'x')] },
    // More fields than index.mapping.total_fields.limit (1000).
    fields1500: Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, 'v'])),
    // A keyword far beyond ignore_above, a 1 MB original.
    friendly1mb: { event_type_user_friendly: 'y'.repeat(1_000_000) },
    prototypeType: { event_type: 'constructor' },
  };
  const items: unknown[] = [...base];
  Object.values(hostile).forEach((overrides, i) => {
    items.push({
      ...base[i],
      event_hash: `hostile${i}`.padEnd(64, '0'),
      event_began_at: at(i),
      ...overrides,
    });
  });
  // Prototype keys as data, in every position JSON.parse can put them.
  items.push(
    JSON.parse(
      `{"event_hash":"${'p'.repeat(64)}","event_began_at":"${at(0)}","__proto__":{"x":"1"},` +
        `"constructor":"c","event_metadata":{"__proto__":{"toString":"t"},"hasOwnProperty":1},` +
        `"actor":{"__proto__":{"email":"e@example.com"},"constructor":"a"},"event_type":"__proto__"}`
    )
  );

  beforeAll(async () => {
    es = createTestEsClient();
    await installLumosTemplate(es);
    sim = await startLumosSimulator({ items });
  });
  afterAll(async () => {
    await sim.stop();
    await es.close();
  });

  const config = (namespace: string): LumosConfig => ({
    baseUrl: sim.url,
    namespace,
    initialWindow: '7d',
    backoff: { baseMs: 5, maxMs: 50 },
  });

  it('writes every item as a document or a bounded pipeline_error and keeps polling', async () => {
    const namespace = uniqueNamespace('hostile');
    const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
    const deps = {
      esClient: es as unknown as ElasticsearchClient,
      checkpoints,
      outbound: OutboundPolicy.fromConfig(['127.0.0.1']),
    };
    const first = await pollLumos(config(namespace), sim.token, deps);
    expect(first.caughtUp).toBe(true);
    expect(checkpoints.saves.length).toBeGreaterThan(0);

    const index = lumosStream(namespace);
    await es.indices.refresh({ index });
    const response = await es.search<Record<string, Record<string, unknown>>>({
      index,
      size: 1000,
      _source: ['event.kind', 'event.id', 'event.original', 'error.message'],
    });
    const hits = response.hits.hits;
    expect(hits).toHaveLength(items.length);
    const byOriginalHash = new Map<string, { kind: unknown; message?: string }>();
    for (const hit of hits) {
      const source = hit._source!;
      const kind = source.event.kind;
      expect(['event', 'pipeline_error']).toContain(kind);
      const original = source.event.original as string;
      const hash = /"event_hash":"([^"]{1,64})"/.exec(original.slice(0, 200_000))?.[1] ?? '?';
      const message = (source.error?.message as string | undefined) ?? undefined;
      byOriginalHash.set(hash, { kind, message });
      if (kind === 'pipeline_error') {
        expect(original.length).toBeLessThanOrEqual(MAX_ORIGINAL_CHARS + 100);
        expect(message!.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 100);
      }
    }
    const outcome = (name: string) => {
      const i = Object.keys(hostile).indexOf(name);
      return byOriginalHash.get(`hostile${i}`.padEnd(64, '0'));
    };
    // What each hostile item became, for the record (docs/security.md quotes these).
    for (const name of Object.keys(hostile)) {
      const o = outcome(name);
      console.log(`${name}: ${String(o?.kind)} ${o?.message?.slice(0, 160) ?? ''}`);
    }
    expect(outcome('deep5k')).toMatchObject({ kind: 'pipeline_error' });
    expect(outcome('deep5k')!.message).toMatch(/^Nested deeper than 64 levels/);
    expect(outcome('metadata20')).toMatchObject({ kind: 'event' });
    for (const name of ['metadata21', 'metadata60', 'metadataLeaf40k', 'targets30', 'fields1500']) {
      expect({ name, ...outcome(name) }).toMatchObject({ name, kind: 'pipeline_error' });
      expect(outcome(name)!.message).toMatch(/^Elasticsearch rejected the mapped document: /);
    }
    expect(outcome('friendly1mb')).toMatchObject({ kind: 'event' });
    expect(outcome('prototypeType')).toMatchObject({ kind: 'event' });
    expect(byOriginalHash.get('p'.repeat(64))).toMatchObject({ kind: 'event' });
    expect(first.stats.pipelineErrors).toBe(6);

    // Not wedged: the next run re-reads the late-arrival window and finishes, writing nothing new.
    const second = await pollLumos(config(namespace), sim.token, deps);
    expect(second.caughtUp).toBe(true);
    expect(second.stats.written).toBe(0);
  });
});
