/*
 * The source's clock ahead of or behind ours by minutes. Time is simulated: every step is one
 * minute on our clock (deps.now); during it, events appear at the source stamped with the
 * source's clock (ours + skew), then a cycle runs. After the last events, the clock runs on
 * until a cycle has read past them. Ahead: events look like they come from the future and must
 * be read once our clock passes them. Behind: they look late and must be caught by the
 * late-arrival window (Lumos, 1 h) or the overlap (Closer, 10 min).
 */
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import type { LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import { pollLumos } from '../../server/sources/lumos/poll';
import { generateCorpus, type CorpusDocument } from '../../dev/closer_corpus/generator';
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
import { generateTenant } from '../../dev/lumos_simulator/generate_tenant';
import { startLumosSimulator } from '../../dev/lumos_simulator/lumos_simulator';
import { allIds, compare, expectExact, report, scale } from './harness';
import { loopbackOutbound } from '../../server/__mocks__/outbound';

const MINUTE = 60_000;
const SKEWS = [5 * MINUTE, -5 * MINUTE];

describe('faults: clock skew between the source and us', () => {
  let es: Client;
  beforeAll(async () => {
    es = createTestEsClient();
    await Promise.all([installLumosTemplate(es), installCloserTemplate(es)]);
  });
  afterAll(() => es.close());

  const steps = scale(6, 30);
  const perStep = scale(40, 300);
  // Enough further minutes for the clock to pass events 5 minutes ahead, plus lag.
  const drainSteps = 8;

  it.each(SKEWS)('lumos/clock-skew: source clock %p ms off ours', async (skew) => {
    const sim = await startLumosSimulator({ seed: 3 });
    const started = Date.now();
    try {
      const namespace = uniqueNamespace('skewlumos');
      const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
      let ours = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * 3600_000;
      let retries = 0;
      for (let step = 0; step < steps + drainSteps; step++) {
        ours += MINUTE;
        if (step < steps) {
          const sourceNow = ours + skew;
          sim.addItems(
            generateTenant({
              count: perStep,
              seed: 3,
              firstSequence: step * perStep,
              start: sourceNow - MINUTE,
              end: sourceNow,
            })
          );
        }
        const now = ours;
        const outcome = await pollLumos(
          { baseUrl: sim.url, namespace, initialWindow: '10m' },
          sim.token,
          {
            esClient: es as unknown as ElasticsearchClient,
            outbound: loopbackOutbound,
            checkpoints,
            now: () => new Date(now),
          }
        );
        retries += outcome.stats.retries;
      }
      const ids = await allIds(es, dataStreamName(SOURCES.lumos.dataset, namespace), 'event.id');
      const comparison = compare(ids, sim.uniqueIds());
      report(
        `lumos/clock-skew ${skew > 0 ? '+' : ''}${skew / MINUTE}m`,
        comparison,
        retries,
        Date.now() - started
      );
      expectExact(comparison);
    } finally {
      await sim.stop();
    }
  });

  it.each(SKEWS)('closer/clock-skew: source clock %p ms off ours', async (skew) => {
    const prefix = uniqueRemotePrefix();
    const { url, username, password } = testEsConnection();
    const namespace = uniqueNamespace('skewcloser');
    const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
    const seeded: CorpusDocument[] = [];
    const started = Date.now();
    let ours = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * 3600_000;
    let retries = 0;
    for (let step = 0; step < steps + drainSteps; step++) {
      ours += MINUTE;
      if (step < steps) {
        const sourceNow = ours + skew;
        const docs = generateCorpus({
          count: perStep,
          start: sourceNow - MINUTE,
          spanMs: MINUTE,
          seed: step + 1,
          idPrefix: `s${step}-`,
          uploadChars: 2000,
        });
        await seedCorpus({ url, username, password }, prefix, docs, { batchSize: 1000 });
        seeded.push(...docs);
      }
      const now = ours;
      const outcome = await pollCloser(
        baseConfig(prefix, namespace, { since: ours - 10 * MINUTE }),
        remoteCredentials(),
        {
          esClient: es as unknown as ElasticsearchClient,
          outbound: loopbackOutbound,
          checkpoints,
          now: () => new Date(now),
        }
      );
      retries += outcome.stats.retries;
    }
    const ids = await allIds(es, dataStreamName(SOURCES.closer.dataset, namespace));
    const comparison = compare(ids, new Set(expectedIds(prefix, seeded)));
    report(
      `closer/clock-skew ${skew > 0 ? '+' : ''}${skew / MINUTE}m`,
      comparison,
      retries,
      Date.now() - started
    );
    expectExact(comparison);
  });
});
