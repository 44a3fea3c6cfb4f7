/*
 * End-to-end ingest against the real Elasticsearch, per source:
 * 1. the ceiling: the same ECS documents, mapped and serialized beforehand, written by a bare
 *    bulk loop swept over batch shapes and concurrency (bench/ceiling.ts) on a slice of the
 *    corpus; the best cell and the cell of our default settings are then re-measured at full size;
 * 2. ours: a backfill of the whole corpus at the product's default settings, in a child process
 *    (bench/lib/backfill.ts) that also reports its event-loop delay and memory.
 * The Lumos simulator runs in a process of its own; the Closer corpus is seeded into the same
 * node beforehand (refresh off while seeding).
 */
import type { Client } from '@elastic/elasticsearch';
import { DEFAULT_MAX_BATCH_BYTES } from '../server/ingest/bulk_writer';
import { DEFAULT_WRITE_CONCURRENCY } from '../server/ingest/ordered_writes';
import type { IndexRequest } from '../server/ingest/ecs';
import {
  DEFAULT_KEEP_ALIVE,
  DEFAULT_PAGE_SIZE,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from '../server/sources/closer/config';
import { RemoteClient } from '../server/sources/closer/remote_client';
import { readWindow } from '../server/sources/closer/remote_search';
import { corpusIndexPattern } from '../dev/closer_corpus/seed';
import { loopbackOutbound } from '../server/__mocks__/outbound';
import { mapCloserRecord } from '../server/sources/closer/mapper';
import { DEFAULT_MAX_WINDOW_RECORDS, DEFAULT_WRITE_RECORDS } from '../server/sources/lumos/poll';
import { mapLumosRecord } from '../server/sources/lumos/mapper';
import { lazyTenant, type LazyTenantOptions } from '../dev/lumos_simulator/lazy_tenant';
import { LumosClient, MAX_PAGE_SIZE, type FetchedPage } from '../server/sources/lumos/client';
import { formatLumosTime } from '../server/sources/lumos/event_time';
import { startSimulatorProcess } from './lib/child';
import { dataStreamName, SOURCES, type SourceKind } from '../common/data_streams';
import {
  bestCell,
  measureCeiling,
  ceilingCorpus,
  sweepCeiling,
  sweepShapes,
  type CeilingCell,
  type CeilingShape,
} from './ceiling';
import {
  closerBackfill,
  lumosBackfill,
  lumosTenant,
  type BackfillRun,
  type WriterOverrides,
} from './lib/backfill';
import { closerHitsOf, seedCloser, type SeededCloser } from './lib/closer_seed';
import { countDocs, type BenchEs } from './lib/es';
import { load } from './lib/machine';

export interface IngestResult {
  source: SourceKind;
  events: number;
  /** What "ours" ran with: the product defaults unless the command line overrode them. */
  settings: CeilingShape;
  sweep: { events: number; cells: CeilingCell[] };
  /** The sweep's best shape and our default shape, both re-measured on the whole corpus. */
  best: CeilingCell;
  atOurSettings: CeilingCell;
  ours: BackfillRun & { docsPerSecond: number; mbPerSecond: number };
  /** ours / best, the goal's figure (≥ 0.9). */
  ratio: number;
  /**
   * A bare read of the same corpus with our client and page size, no mapping and no writing:
   * Closer's from the same node, Lumos's from the simulator process on the same two cores. The
   * other half of what bounds ours here.
   */
  sourceRead: { docsPerSecond: number; seconds: number };
  indexed: number;
  load: number;
}

export interface IngestOptions {
  events: number;
  /** Documents per sweep cell. */
  sweepEvents: number;
  quick: boolean;
  writer: WriterOverrides;
}

const stamp = () => Date.now().toString(36);

/** The bulk requests a connector sends: Lumos flushes half a window, Closer writes a page. */
function ourShape(source: SourceKind, writer: WriterOverrides): CeilingShape {
  const perRequest =
    source === 'lumos'
      ? Math.min(writer.batchSize ?? DEFAULT_WRITE_RECORDS, DEFAULT_MAX_WINDOW_RECORDS / 2)
      : (writer.batchSize ?? DEFAULT_PAGE_SIZE);
  return {
    maxDocs: perRequest,
    maxBytes: DEFAULT_MAX_BATCH_BYTES,
    concurrency: writer.concurrency ?? DEFAULT_WRITE_CONCURRENCY,
  };
}

async function measure(
  client: Client,
  source: SourceKind,
  requests: IndexRequest[],
  options: IngestOptions,
  backfill: (namespace: string) => Promise<BackfillRun>
): Promise<Omit<IngestResult, 'sourceRead'>> {
  const corpus = ceilingCorpus(requests);
  const stream = (tag: string) => dataStreamName(SOURCES[source].dataset, `ceil${tag}${stamp()}`);
  process.stderr.write(`${source}: sweeping the ceiling on ${options.sweepEvents} documents\n`);
  const sweepCount = Math.min(options.sweepEvents, corpus.requests.length);
  const cells = await sweepCeiling(
    client,
    corpus,
    sweepCount,
    (i) => stream(`s${i}`),
    sweepShapes(options.quick)
  );
  const settings = ourShape(source, options.writer);
  const full = corpus.requests.length;
  const best = await measureCeiling(client, corpus, full, stream('best'), bestCell(cells));
  const atOurSettings = await measureCeiling(client, corpus, full, stream('ours'), settings);
  const averageBytes = corpus.bytes / full;
  // The corpus goes before our run, so its heap does not slow the bench process meanwhile.
  corpus.requests.length = 0;
  corpus.sizes.length = 0;
  const namespace = `bench${source}${stamp()}`;
  const ours = await backfill(namespace);
  const docsPerSecond = Math.round(full / ours.seconds);
  const indexed = await countDocs(client, dataStreamName(SOURCES[source].dataset, namespace));
  return {
    source,
    events: full,
    settings,
    sweep: { events: sweepCount, cells },
    best,
    atOurSettings,
    ours: {
      ...ours,
      docsPerSecond,
      mbPerSecond: Math.round(((docsPerSecond * averageBytes) / 2 ** 20) * 10) / 10,
    },
    ratio: Math.round((docsPerSecond / best.docsPerSecond) * 100) / 100,
    indexed,
    load: load(),
  };
}

export async function benchLumosIngest(es: BenchEs, options: IngestOptions): Promise<IngestResult> {
  const tenant = lumosTenant(options.events);
  const lazy = lazyTenant(tenant);
  const context = { namespace: 'ceiling', now: new Date() };
  const requests: IndexRequest[] = [];
  for (let i = 0; i < lazy.count; i++) {
    const item = lazy.item(i);
    requests.push(mapLumosRecord(item, JSON.stringify(item), context));
  }
  const result = await measure(es.client, 'lumos', requests, options, (namespace) =>
    lumosBackfill(es, options.events, namespace, options.writer)
  );
  return { ...result, sourceRead: await lumosRead(tenant) };
}

/** Pages through the whole tenant as one window, as a connector reads, and keeps nothing. */
async function lumosRead(tenant: LazyTenantOptions) {
  const sim = await startSimulatorProcess({ lazyTenant: tenant, sortOrder: 'oldest-first' });
  const client = new LumosClient({
    baseUrl: sim.url,
    token: sim.token,
    outbound: loopbackOutbound,
  });
  try {
    const started = process.hrtime.bigint();
    let read = 0;
    const window = {
      since: formatLumosTime(tenant.start - 1000),
      until: formatLumosTime(tenant.end + 1000),
    };
    for (let offset: number | undefined = 0; offset !== undefined;) {
      const { page, nextOffset }: FetchedPage = await client.fetchPage({
        ...window,
        limit: MAX_PAGE_SIZE,
        offset,
      });
      read += page.items.length;
      offset = nextOffset;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { docsPerSecond: Math.round(read / seconds), seconds: Math.round(seconds * 10) / 10 };
  } finally {
    await client.close();
    await sim.stop();
  }
}

export async function benchCloserIngest(
  es: BenchEs,
  options: IngestOptions,
  seeded?: SeededCloser
): Promise<IngestResult> {
  const corpus = seeded ?? (await seedCloser(es, options.events, 'bench-ingest'));
  const context = { namespace: 'ceiling', now: new Date() };
  const requests: IndexRequest[] = [];
  for (const hit of closerHitsOf(corpus)) requests.push(mapCloserRecord(hit, context));
  const result = await measure(es.client, 'closer', requests, options, (namespace) =>
    closerBackfill(es, corpus, options.events, namespace, options.writer)
  );
  return { ...result, sourceRead: await closerRead(es, corpus, options.writer) };
}

/** Reads the whole corpus as a connector would, and does nothing with it. */
async function closerRead(es: BenchEs, corpus: SeededCloser, writer: WriterOverrides) {
  const client = new RemoteClient({
    url: es.url,
    credentials: { type: 'basic', username: es.username, password: es.password },
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    maxRetries: 0,
    outbound: loopbackOutbound,
  });
  const started = process.hrtime.bigint();
  let hits = 0;
  const query = {
    index: corpusIndexPattern(corpus.prefix),
    from: 0,
    to: Date.now(),
    pageSize: writer.batchSize ?? DEFAULT_PAGE_SIZE,
    keepAlive: DEFAULT_KEEP_ALIVE,
  };
  for await (const page of readWindow(client, query, 'pit', () => undefined))
    hits += page.hits.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.close();
  return { docsPerSecond: Math.round(hits / seconds), seconds: Math.round(seconds * 10) / 10 };
}
