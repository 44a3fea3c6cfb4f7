/*
 * The source misbehaving, for both sources at once in each scenario:
 * - Lumos: 429s, 500s, 503s and truncated JSON on a share of requests, rows served in a new
 *   order on every request, and the same event served twice on different pages;
 * - Closer (its Elasticsearch, through the fault proxy): 500s, 429s, truncated search bodies
 *   and pages whose hits come back out of sort order (so search_after and the cursor see a
 *   "last hit" that is not the last, and pages overlap).
 * Failed cycles are run again, as the next task run would.
 */
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import type { LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
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
import { startEsFaultProxy } from './es_fault_proxy';
import { allIds, compare, expectExact, report, scale, untilCaughtUp } from './harness';
import { loopbackOutbound } from '../../server/__mocks__/outbound';

const DAY = 86_400_000;

describe('faults: the source misbehaving', () => {
  let es: Client;

  beforeAll(async () => {
    es = createTestEsClient();
    await Promise.all([installLumosTemplate(es), installCloserTemplate(es)]);
  });
  afterAll(() => es.close());

  it('lumos/source-faults: 429/500/503, truncated JSON, unstable order, duplicates across pages', async () => {
    const count = scale(2500, 25_000);
    const end = Date.now() - 60_000;
    const sim = await startLumosSimulator({
      tenant: { count, seed: 91, start: end - 10 * DAY, end },
      sortOrder: 'unstable',
      seed: 91,
    });
    const started = Date.now();
    try {
      // Every 25th row served a second time: the copies land on other pages (or windows).
      const rows = sim.rows();
      sim.addItems(rows.filter((_, i) => i % 25 === 0));
      sim.setFaultRates({ status429: 0.08, status500: 0.08, status503: 0.04, retryAfter: '0' });
      let truncated = 0;
      sim.onRequest(({ number }) => {
        if (number % 9 === 0) {
          truncated++;
          sim.injectFaults({ type: 'truncate' });
        }
      });
      const namespace = uniqueNamespace('faultsrclumos');
      const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
      const loop = await untilCaughtUp(
        (signal) =>
          pollLumos(
            {
              baseUrl: sim.url,
              namespace,
              maxWindowRecords: 400,
              backoff: { baseMs: 2, maxMs: 20 },
              maxRetries: 8,
            },
            sim.token,
            {
              esClient: es as unknown as ElasticsearchClient,
              outbound: loopbackOutbound,
              checkpoints,
              signal,
            }
          ),
        { maxCycles: scale(30, 200) }
      );
      sim.onRequest(undefined);
      sim.clearFaults();
      const ids = await allIds(es, dataStreamName(SOURCES.lumos.dataset, namespace), 'event.id');
      const comparison = compare(ids, sim.uniqueIds());
      report(
        'lumos/source-faults',
        comparison,
        loop.retries,
        Date.now() - started,
        `${sim.rows().length - count} duplicate rows served, ${truncated} truncated bodies, ${sim.requests.filter((r) => r.status >= 429).length} error responses, ${loop.failures.length} failed cycles`
      );
      expectExact(comparison);
    } finally {
      await sim.stop();
    }
  });

  it('closer/source-faults: 500/429, truncated bodies, hits out of order', async () => {
    const count = scale(2500, 25_000);
    const prefix = uniqueRemotePrefix();
    const corpus = generateCorpus({
      count,
      start: Date.now() - 5 * 3600_000,
      spanMs: 4 * 3600_000,
      seed: 92,
      uploadChars: 20_000,
    });
    const { url, username, password } = testEsConnection();
    await seedCorpus({ url, username, password }, prefix, corpus, { batchSize: 2000 });
    const proxy = await startEsFaultProxy(url, 92);
    proxy.setRates({
      search500: 0.08,
      search429: 0.08,
      searchTruncated: 0.04,
      searchShuffled: 0.3,
    });
    const started = Date.now();
    const random = seededRandom(93);
    try {
      const namespace = uniqueNamespace('faultsrccloser');
      const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
      const loop = await untilCaughtUp(
        (signal) =>
          pollCloser(
            baseConfig(prefix, namespace, {
              url: proxy.url,
              pageSize: 100 + Math.floor(random() * 200),
              backoff: { baseMs: 5, maxMs: 50 },
              maxRetries: 8,
            }),
            remoteCredentials(),
            {
              esClient: es as unknown as ElasticsearchClient,
              outbound: loopbackOutbound,
              checkpoints,
              signal,
            }
          ),
        { maxCycles: scale(60, 400) }
      );
      proxy.setRates({});
      const ids = await allIds(es, dataStreamName(SOURCES.closer.dataset, namespace));
      const comparison = compare(ids, new Set(expectedIds(prefix, corpus)));
      report(
        'closer/source-faults',
        comparison,
        loop.retries,
        Date.now() - started,
        `${proxy.stats.searchFaults} search faults, ${loop.failures.length} failed cycles`
      );
      expect(proxy.stats.searchFaults).toBeGreaterThan(0);
      expectExact(comparison);
    } finally {
      await proxy.stop();
    }
  });
});
