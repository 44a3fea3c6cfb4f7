import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import { generateCorpus, type CorpusDocument } from '../../dev/closer_corpus/generator';
import { seedCorpus } from '../../dev/closer_corpus/seed';
import { createTestEsClient, testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import {
  baseConfig,
  destinationDocs,
  expectedIds,
  installCloserTemplate,
  remoteCredentials,
  uniqueRemotePrefix,
} from './helpers';
import { loopbackOutbound } from '../../server/__mocks__/outbound';

const COUNT = 3000;

describe('Closer backfill from a real Elasticsearch', () => {
  let es: Client;
  let prefix: string;
  let corpus: CorpusDocument[];

  beforeAll(async () => {
    es = createTestEsClient();
    prefix = uniqueRemotePrefix();
    const start = Date.now() - 3 * 3600_000;
    corpus = generateCorpus({ count: COUNT, start, spanMs: 2 * 3600_000, seed: 42 });
    const { url, username, password } = testEsConnection();
    await Promise.all([
      seedCorpus({ url, username, password }, prefix, corpus),
      installCloserTemplate(es),
    ]);
  });

  afterAll(() => es.close());

  it.each(['auto', 'scroll'] as const)(
    'lands every document exactly once (search api %s) and a second cycle adds nothing',
    async (searchApi) => {
      const namespace = uniqueNamespace('bf');
      const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
      const onFirstRecord = jest.fn(async (_ms: number) => undefined);
      const progress: number[] = [];
      const deps = {
        esClient: es as unknown as ElasticsearchClient,
        outbound: loopbackOutbound,
        checkpoints,
        onFirstRecord,
        onProgress: (stats: { read: number }) => progress.push(stats.read),
      };
      const config = baseConfig(prefix, namespace, { searchApi, pageSize: 250 });

      const first = await pollCloser(config, remoteCredentials(), deps);
      const malformed = corpus.filter((d) => d.malformed).length;
      expect(first.caughtUp).toBe(true);
      expect(first.stats).toMatchObject({
        read: COUNT,
        written: COUNT,
        duplicates: 0,
        pipelineErrors: malformed,
      });
      // The oldest record is where an open-ended backfill begins (health.backfill.from); only
      // the first cycle reports it.
      expect(onFirstRecord.mock.calls).toEqual([
        [Math.min(...corpus.filter((d) => !d.malformed).map((d) => d.timestamp))],
      ]);
      expect(first.checkpoint.searchApi).toBe(searchApi === 'auto' ? 'pit' : 'scroll');
      // One save per page at least: a long backfill resumes from the last written page.
      expect(checkpoints.saves.length).toBeGreaterThanOrEqual(COUNT / 250);
      // Counts so far before every save, growing page by page (health shows them mid-run), and
      // the reason of the first record that could not be mapped.
      expect(progress).toHaveLength(checkpoints.saves.length);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe(COUNT);
      expect(malformed).toBeGreaterThan(0);
      expect(first.stats.firstPipelineError).toEqual(expect.any(String));

      const docs = await destinationDocs(es, namespace);
      expect(docs).toHaveLength(COUNT);
      expect(docs.map((d) => d.id).sort()).toEqual(expectedIds(prefix, corpus));
      expect(docs.filter((d) => d.kind === 'pipeline_error')).toHaveLength(malformed);
      // Nothing silently dropped by ignore_above / ignore_malformed (cleaned IPs, capped bodies).
      expect(docs.filter((d) => d.ignored && d.ignored.length > 0)).toEqual([]);

      const second = await pollCloser(config, remoteCredentials(), deps);
      expect(second.stats.written).toBe(0);
      expect(onFirstRecord).toHaveBeenCalledTimes(1);
      expect(await destinationDocs(es, namespace)).toHaveLength(COUNT);
    }
  );
});
