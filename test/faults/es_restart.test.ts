/*
 * The cluster restarts in the middle of a pull: a dedicated node (restart() keeps its data and
 * port) holds both the Closer "remote" index and both destination streams, so the Closer reader
 * loses its PIT and both writers lose their connection. Cycles that fail are run again; the
 * destination must hold exactly the source's records afterwards.
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import type { LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { installIndexTemplates } from '../../server/ingest/index_templates';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import { pollLumos } from '../../server/sources/lumos/poll';
import { SOURCE_MAPPERS } from '../../server/sources/mappers';
import { generateCorpus } from '../../dev/closer_corpus/generator';
import { corpusIndexPattern, seedCorpus } from '../../dev/closer_corpus/seed';
import { expectedIds } from '../closer/helpers';
import { startEs, type RunningEs } from '../../dev/es/es_server';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { allIds, compare, expectExact, report, scale, untilCaughtUp } from './harness';
import { loopbackOutbound } from '../../server/__mocks__/outbound';

const DAY = 86_400_000;

describe('faults: Elasticsearch restarting mid-run', () => {
  let node: RunningEs;
  let es: Client;
  let sim: LumosSimulator;

  beforeAll(async () => {
    node = await startEs({ heap: '512m' });
    es = new Client({
      node: node.url,
      auth: { username: node.username, password: node.password },
      requestTimeout: 10_000,
    });
    await installIndexTemplates(es as unknown as ElasticsearchClient, [
      { dataset: SOURCES.lumos.dataset, fields: SOURCE_MAPPERS.lumos.fields },
      { dataset: SOURCES.closer.dataset, fields: SOURCE_MAPPERS.closer.fields },
    ]);
  }, 180_000);
  afterAll(async () => {
    await sim?.stop();
    await es?.close();
    await node?.stop();
  });

  it('lumos/es-restart and closer/es-restart: both pulls ride out a restart of their cluster', async () => {
    const count = scale(4000, 40_000);
    const end = Date.now() - 60_000;
    // Slow pages so the restart lands in the middle of the Lumos pull.
    sim = await startLumosSimulator({ tenant: { count, seed: 81, start: end - 10 * DAY, end } });
    sim.setFaultRates({ slow: 1, slowMs: scale(15, 5) });
    const prefix = 'closer-restart';
    const corpus = generateCorpus({
      count,
      start: Date.now() - 5 * 3600_000,
      spanMs: 4 * 3600_000,
      seed: 82,
      uploadChars: 20_000,
    });
    await seedCorpus(
      { url: node.url, username: node.username, password: node.password },
      prefix,
      corpus,
      { batchSize: 2000 }
    );
    const esClient = es as unknown as ElasticsearchClient;
    const writer = { backoff: { baseMs: 200, maxMs: 2000 }, maxRetries: 6, batchSize: 250 };
    const started = Date.now();
    const lumosCheckpoints = memoryCheckpointStore<LumosCheckpoint>();
    const closerCheckpoints = memoryCheckpointStore<CloserCheckpoint>();
    const lumos = untilCaughtUp(
      (signal) =>
        pollLumos({ baseUrl: sim.url, namespace: 'restart', maxWindowRecords: 300 }, sim.token, {
          esClient,
          outbound: loopbackOutbound,
          checkpoints: lumosCheckpoints,
          signal,
          writer,
        }),
      { maxCycles: 200, pauseMs: 1000 }
    );
    const closer = untilCaughtUp(
      (signal) =>
        pollCloser(
          {
            url: node.url,
            index: corpusIndexPattern(prefix),
            namespace: 'restart',
            since: 0,
            pageSize: 100,
            backoff: { baseMs: 200, maxMs: 2000 },
            requestTimeoutMs: 10_000,
          },
          { type: 'basic', username: node.username, password: node.password },
          { esClient, outbound: loopbackOutbound, checkpoints: closerCheckpoints, signal, writer }
        ),
      { maxCycles: 200, pauseMs: 1000 }
    );
    // Restart once both have written something.
    const restarts = scale(1, 3);
    for (let r = 0; r < restarts; r++) {
      const deadline = Date.now() + 60_000;
      while (
        (lumosCheckpoints.saves.length <= r * 3 || closerCheckpoints.saves.length <= r * 3) &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await node.restart({ signal: r % 2 === 0 ? 'SIGKILL' : 'SIGTERM' });
    }
    const [lumosLoop, closerLoop] = await Promise.all([lumos, closer]);
    const elapsed = Date.now() - started;

    const lumosIds = await allIds(es, dataStreamName(SOURCES.lumos.dataset, 'restart'), 'event.id');
    const lumosResult = compare(lumosIds, sim.uniqueIds());
    report(
      'lumos/es-restart',
      lumosResult,
      lumosLoop.retries,
      elapsed,
      `${restarts} restart(s), ${lumosLoop.failures.length} failed cycles`
    );
    const closerIds = await allIds(es, dataStreamName(SOURCES.closer.dataset, 'restart'));
    const closerResult = compare(closerIds, new Set(expectedIds(prefix, corpus)));
    report(
      'closer/es-restart',
      closerResult,
      closerLoop.retries,
      elapsed,
      `${restarts} restart(s), ${closerLoop.failures.length} failed cycles`
    );
    expectExact(lumosResult);
    expectExact(closerResult);
  }, 600_000);
});
