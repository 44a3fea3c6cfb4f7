/*
 * Elasticsearch pushing back while both sources are pulled: bulk items rejected with 429 (not
 * indexed), whole bulk requests 429/503, responses lost after the bulk was executed, and on top
 * of that cycles aborted at random moments. Every cycle that fails is simply run again, as the
 * next task run would; the destination must end up holding exactly the source's records.
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type { LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import { pollLumos } from '../../server/sources/lumos/poll';
import { generateCorpus } from '../../dev/closer_corpus/generator';
import { seedCorpus } from '../../dev/closer_corpus/seed';
import {
  baseConfig,
  expectedIds,
  installCloserTemplate,
  remoteCredentials,
  uniqueRemotePrefix,
} from '../closer/helpers';
import { createTestEsClient, testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import { installLumosTemplate } from '../lumos/helpers';
import { seededRandom } from '../../dev/lumos_simulator/generate_tenant';
import { startLumosSimulator } from '../../dev/lumos_simulator/lumos_simulator';
import { startEsFaultProxy, type EsFaultProxy, type EsFaultRates } from './es_fault_proxy';
import { allIds, compare, expectExact, report, scale, untilCaughtUp } from './harness';
import { loopbackOutbound } from '../../server/__mocks__/outbound';

const DAY = 86_400_000;
const RATES: EsFaultRates = {
  bulkItem429: 0.2,
  bulkRequest429: 0.05,
  bulkRequest503: 0.05,
  bulkLostResponse: 0.05,
};
const WRITER = { backoff: { baseMs: 10, maxMs: 200 }, maxRetries: 10, batchSize: 250 };

describe('faults: Elasticsearch rejecting writes', () => {
  let es: Client;
  let proxy: EsFaultProxy;
  let viaProxy: Client;

  beforeAll(async () => {
    es = createTestEsClient();
    proxy = await startEsFaultProxy(testEsConnection().url, 429);
    const { username, password } = testEsConnection();
    // The client's own retries off: every fault reaches our writer, which must cope with it.
    viaProxy = new Client({ node: proxy.url, auth: { username, password }, maxRetries: 0 });
    await Promise.all([installLumosTemplate(es), installCloserTemplate(es)]);
  });
  afterAll(async () => {
    await viaProxy.close();
    await proxy.stop();
    await es.close();
  });

  it('lumos/es-429: 429 items, 429/503 requests, lost responses and aborts', async () => {
    const count = scale(3000, 40_000);
    const end = Date.now() - 60_000;
    const sim = await startLumosSimulator({
      tenant: { count, seed: 71, start: end - 10 * DAY, end },
    });
    const started = Date.now();
    try {
      const namespace = uniqueNamespace('faultlumos');
      const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
      const random = seededRandom(5);
      proxy.setRates(RATES);
      const before = { ...proxy.stats };
      const loop = await untilCaughtUp(
        async (signal) =>
          pollLumos(
            {
              baseUrl: sim.url,
              namespace,
              maxWindowRecords: 500,
              backoff: { baseMs: 5, maxMs: 50 },
            },
            sim.token,
            {
              esClient: viaProxy as unknown as ElasticsearchClient,
              outbound: loopbackOutbound,
              checkpoints,
              signal,
              writer: WRITER,
            }
          ),
        {
          maxCycles: scale(60, 400),
          // Interrupt the first cycles at random moments; later ones run to the end.
          abortAfterMs: (i) =>
            i < scale(8, 60) ? 200 + Math.floor(random() * (400 + 100 * i)) : undefined,
        }
      );
      proxy.setRates({});
      const ids = await allIds(es, dataStreamName(SOURCES.lumos.dataset, namespace), 'event.id');
      const comparison = compare(ids, sim.uniqueIds());
      report(
        'lumos/es-429',
        comparison,
        loop.retries,
        Date.now() - started,
        `${proxy.stats.itemsRejected - before.itemsRejected} items and ${proxy.stats.requestsRejected - before.requestsRejected} requests rejected, ${proxy.stats.lostResponses - before.lostResponses} responses lost, ${loop.aborts} aborts, ${loop.failures.length} failed cycles`
      );
      expect(proxy.stats.itemsRejected - before.itemsRejected).toBeGreaterThan(0);
      expectExact(comparison);
    } finally {
      proxy.setRates({});
      await sim.stop();
    }
  });

  it('closer/es-429: 429 items, 429/503 requests, lost responses and aborts', async () => {
    const count = scale(3000, 40_000);
    const prefix = uniqueRemotePrefix();
    const corpus = generateCorpus({
      count,
      start: Date.now() - 5 * 3600_000,
      spanMs: 4 * 3600_000,
      seed: 72,
      uploadChars: 20_000,
    });
    const { url, username, password } = testEsConnection();
    await seedCorpus({ url, username, password }, prefix, corpus, { batchSize: 2000 });
    const started = Date.now();
    const namespace = uniqueNamespace('faultcloser');
    const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
    const random = seededRandom(6);
    proxy.setRates(RATES);
    const before = { ...proxy.stats };
    try {
      const loop = await untilCaughtUp(
        (signal) =>
          pollCloser(baseConfig(prefix, namespace, { pageSize: 500 }), remoteCredentials(), {
            esClient: viaProxy as unknown as ElasticsearchClient,
            outbound: loopbackOutbound,
            checkpoints,
            signal,
            writer: WRITER,
          }),
        {
          maxCycles: scale(60, 400),
          abortAfterMs: (i) =>
            i < scale(8, 60) ? 150 + Math.floor(random() * (300 + 100 * i)) : undefined,
        }
      );
      proxy.setRates({});
      const ids = await allIds(es, dataStreamName(SOURCES.closer.dataset, namespace));
      const comparison = compare(ids, new Set(expectedIds(prefix, corpus)));
      report(
        'closer/es-429',
        comparison,
        loop.retries,
        Date.now() - started,
        `${proxy.stats.itemsRejected - before.itemsRejected} items and ${proxy.stats.requestsRejected - before.requestsRejected} requests rejected, ${proxy.stats.lostResponses - before.lostResponses} responses lost, ${loop.aborts} aborts, ${loop.failures.length} failed cycles`
      );
      expect(proxy.stats.itemsRejected - before.itemsRejected).toBeGreaterThan(0);
      expectExact(comparison);
    } finally {
      proxy.setRates({});
    }
  });
});
