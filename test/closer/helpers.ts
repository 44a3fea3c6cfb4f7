import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { randomBytes } from 'node:crypto';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import { installIndexTemplates } from '../../server/ingest/index_templates';
import { loopbackOutbound } from '../../server/__mocks__/outbound';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import type { CloserCredentials } from '../../server/sources/closer/config';
import { closerDocumentId } from '../../server/sources/closer/mapper';
import type { CloserPollConfig, CloserPollDependencies } from '../../server/sources/closer/poll';
import { SOURCE_MAPPERS } from '../../server/sources/mappers';
import {
  generateCorpus,
  type CorpusDocument,
  type CorpusOptions,
} from '../../dev/closer_corpus/generator';
import {
  corpusIndexName,
  corpusIndexPattern,
  seedCorpus,
  type SeedTarget,
} from '../../dev/closer_corpus/seed';
import { createTestEsClient, testEsConnection } from '../../dev/es/test_es';

/** The remote "Closer" indices live in the test cluster too, under a name of their own. */
export function uniqueRemotePrefix(): string {
  return `closer-${randomBytes(4).toString('hex')}`;
}

export function remoteCredentials(): CloserCredentials {
  const { username, password } = testEsConnection();
  return { type: 'basic', username, password };
}

export function baseConfig(
  prefix: string,
  namespace: string,
  overrides: Partial<CloserPollConfig> = {}
): CloserPollConfig {
  return {
    url: testEsConnection().url,
    index: corpusIndexPattern(prefix),
    namespace,
    since: 0,
    pageSize: 200,
    backoff: { baseMs: 50, maxMs: 500 },
    ...overrides,
  };
}

export async function installCloserTemplate(es: Client): Promise<void> {
  await installIndexTemplates(es as unknown as ElasticsearchClient, [
    { dataset: SOURCES.closer.dataset, fields: SOURCE_MAPPERS.closer.fields },
  ]);
}

export function expectedIds(prefix: string, docs: readonly CorpusDocument[]): string[] {
  return docs.map((d) => closerDocumentId(corpusIndexName(prefix, d), d.id)).sort();
}

export interface DestinationDoc {
  id: string;
  kind: string;
  ignored?: string[];
}

const MAX_DOCS = 10_000;

/** Every document of the namespace's data stream; ids repeat if something was duplicated. */
export async function destinationDocs(es: Client, namespace: string): Promise<DestinationDoc[]> {
  const index = dataStreamName(SOURCES.closer.dataset, namespace);
  await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const response = await es.search<{ event?: { kind?: string } }>({
    index,
    size: MAX_DOCS,
    _source: ['event.kind'],
    track_total_hits: true,
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  const total = response.hits.total;
  const count = typeof total === 'number' ? total : (total?.value ?? 0);
  if (count > MAX_DOCS) throw new Error(`More than ${MAX_DOCS} documents: use a smaller corpus`);
  return response.hits.hits.map((hit) => ({
    id: hit._id!,
    kind: hit._source?.event?.kind ?? '',
    ignored: hit._ignored,
  }));
}

/**
 * The test cluster, as both Closer's cluster and the destination, for one test file: a client
 * opened and the Closer index template installed before its tests, closed after them.
 */
export function closerTestCluster(): { readonly es: Client } {
  const cluster = {} as { es: Client };
  beforeAll(async () => {
    cluster.es = createTestEsClient();
    await installCloserTemplate(cluster.es);
  });
  afterAll(() => cluster.es.close());
  return cluster;
}

/** Where seedCorpus writes the remote indices: the test cluster. */
export function seedTarget(): SeedTarget {
  const { url, username, password } = testEsConnection();
  return { url, username, password };
}

/** Generates documents none of which is malformed and indexes them under `prefix`. */
export async function seedWellFormed(
  prefix: string,
  options: Omit<CorpusOptions, 'malformedEvery'>
): Promise<CorpusDocument[]> {
  const docs = generateCorpus({ ...options, malformedEvery: 0 });
  await seedCorpus(seedTarget(), prefix, docs);
  return docs;
}

/**
 * pollCloser's dependencies against the test cluster: loopback allowed, checkpoints in memory
 * (their `saves` inspectable), plus `extra`.
 */
export function closerPollDeps<Extra extends Partial<CloserPollDependencies>>(
  es: Client,
  extra: Extra
) {
  return {
    esClient: es as unknown as ElasticsearchClient,
    outbound: loopbackOutbound,
    checkpoints: memoryCheckpointStore<CloserCheckpoint>(),
    ...extra,
  };
}

/** The ids in the namespace's data stream, sorted, to compare with `expectedIds`. */
export async function writtenIds(es: Client, namespace: string): Promise<string[]> {
  return (await destinationDocs(es, namespace)).map((d) => d.id).sort();
}
