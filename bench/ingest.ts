/*
 * End-to-end ingest against the real Elasticsearch: our reader, mapper and writer (pollLumos /
 * pollCloser with a CheckpointStore) against the ceiling, i.e. the same ECS documents, mapped
 * beforehand, bulk-written by a bare loop with the same batch size and concurrency into a fresh
 * namespace. The Lumos simulator runs in a process of its own; the Closer corpus is seeded into
 * the same node beforehand (refresh off while seeding).
 */
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, SOURCES } from '../common/data_streams';
import type { LumosCheckpoint } from '../common/lumos/checkpoint';
import { memoryCheckpointStore } from '../server/ingest/checkpoint_store';
import type { IndexRequest } from '../server/ingest/ecs';
import type { CloserCheckpoint } from '../server/sources/closer/checkpoint';
import { mapCloserRecord } from '../server/sources/closer/mapper';
import { pollCloser } from '../server/sources/closer/poll';
import { mapLumosRecord } from '../server/sources/lumos/mapper';
import { pollLumos } from '../server/sources/lumos/poll';
import { corpusIndexPattern } from '../test/closer_corpus/seed';
import { lazyTenant } from '../test/lumos_simulator/lazy_tenant';
import { countDocs, type BenchEs } from './lib/es';
import { startSimulatorProcess } from './lib/child';
import { closerHitsOf, seedCloser, type SeededCloser } from './lib/closer_seed';
import { load } from './lib/machine';
import { loopbackOutbound } from '../server/__mocks__/outbound';

export interface IngestResult {
  source: 'lumos' | 'closer';
  events: number;
  batchSize: number;
  concurrency: number;
  oursPerSecond: number;
  ceilingPerSecond: number;
  ratio: number;
  oursSeconds: number;
  ceilingSeconds: number;
  indexed: number;
  load: number;
}

export interface IngestOptions {
  events: number;
  batchSize: number;
  concurrency: number;
}

const DAY = 86_400_000;

/** The bare loop: pre-made documents, one bulk after another (or `concurrency` at a time). */
async function ceiling(
  client: Client,
  requests: IndexRequest[],
  options: IngestOptions
): Promise<number> {
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const batch = requests.slice(next, next + options.batchSize);
      next += options.batchSize;
      const response = await client.bulk({
        operations: batch.flatMap((r) => [{ create: { _index: r.index, _id: r.id } }, r.document]),
        filter_path: 'errors,items.*.status',
      });
      if (response.errors) throw new Error('ceiling: bulk reported errors');
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return (Date.now() - started) / 1000;
}

function result(
  source: 'lumos' | 'closer',
  options: IngestOptions,
  oursSeconds: number,
  ceilingSeconds: number,
  indexed: number
): IngestResult {
  const oursPerSecond = Math.round(options.events / oursSeconds);
  const ceilingPerSecond = Math.round(options.events / ceilingSeconds);
  return {
    source,
    events: options.events,
    batchSize: options.batchSize,
    concurrency: options.concurrency,
    oursPerSecond,
    ceilingPerSecond,
    ratio: Math.round((oursPerSecond / ceilingPerSecond) * 100) / 100,
    oursSeconds: Math.round(oursSeconds * 10) / 10,
    ceilingSeconds: Math.round(ceilingSeconds * 10) / 10,
    indexed,
    load: load(),
  };
}

export async function benchLumosIngest(es: BenchEs, options: IngestOptions): Promise<IngestResult> {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const tenant = { count: options.events, seed: 31, start: end - 30 * DAY, end };
  const sim = await startSimulatorProcess({ lazyTenant: tenant, sortOrder: 'oldest-first' });
  const stamp = Date.now().toString(36);
  try {
    // The ceiling's documents: the same items, mapped before the clock starts.
    const lazy = lazyTenant(tenant);
    const context = { namespace: `benchceil${stamp}`, now: new Date() };
    const requests: IndexRequest[] = [];
    for (let i = 0; i < lazy.count; i++) {
      const item = lazy.item(i);
      requests.push(mapLumosRecord(item, JSON.stringify(item), context));
    }
    const ceilingSeconds = await ceiling(es.client, requests, options);
    requests.length = 0;

    const namespace = `benchlumos${stamp}`;
    const started = Date.now();
    const outcome = await pollLumos(
      {
        baseUrl: sim.url,
        namespace,
        initialWindow: '31d',
        maxWindowRecords: 2 * options.batchSize,
      },
      sim.token,
      {
        esClient: es.client as unknown as ElasticsearchClient,
        outbound: loopbackOutbound,
        checkpoints: memoryCheckpointStore<LumosCheckpoint>(),
        writer: { batchSize: options.batchSize, concurrency: options.concurrency },
      }
    );
    const oursSeconds = (Date.now() - started) / 1000;
    if (!outcome.caughtUp) throw new Error('Lumos ingest did not catch up');
    const indexed = await countDocs(es.client, dataStreamName(SOURCES.lumos.dataset, namespace));
    return result('lumos', options, oursSeconds, ceilingSeconds, indexed);
  } finally {
    await sim.stop();
  }
}

export async function benchCloserIngest(
  es: BenchEs,
  options: IngestOptions,
  seeded?: SeededCloser
): Promise<IngestResult> {
  const corpus = seeded ?? (await seedCloser(es, options.events, 'bench-ingest'));
  const stamp = Date.now().toString(36);
  const context = { namespace: `benchceil${stamp}`, now: new Date() };
  const requests: IndexRequest[] = [];
  for (const hit of closerHitsOf(corpus)) requests.push(mapCloserRecord(hit, context));
  const ceilingSeconds = await ceiling(es.client, requests, options);
  requests.length = 0;

  const namespace = `benchcloser${stamp}`;
  const started = Date.now();
  const outcome = await pollCloser(
    {
      url: es.url,
      index: corpusIndexPattern(corpus.prefix),
      namespace,
      since: 0,
      pageSize: options.batchSize,
    },
    { type: 'basic', username: es.username, password: es.password },
    {
      esClient: es.client as unknown as ElasticsearchClient,
      outbound: loopbackOutbound,
      checkpoints: memoryCheckpointStore<CloserCheckpoint>(),
      writer: { batchSize: options.batchSize, concurrency: options.concurrency },
    }
  );
  const oursSeconds = (Date.now() - started) / 1000;
  if (!outcome.caughtUp) throw new Error('Closer ingest did not catch up');
  const indexed = await countDocs(es.client, dataStreamName(SOURCES.closer.dataset, namespace));
  return result('closer', options, oursSeconds, ceilingSeconds, indexed);
}
