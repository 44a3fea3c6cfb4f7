import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import { writeDocuments } from '../../server/ingest/bulk_writer';
import { documentId } from '../../server/ingest/document_id';
import { ECS_VERSION, type IndexRequest } from '../../server/ingest/ecs';
import {
  detectMappingCapabilities,
  indexTemplateName,
  installIndexTemplates,
} from '../../server/ingest/index_templates';
import { createTestEsClient, uniqueNamespace } from '../../dev/es/test_es';

const source = SOURCES.lumos;
const fields = { 'source.ip': { type: 'ip' as const } };

function event(
  namespace: string,
  n: number,
  overrides: Record<string, unknown> = {}
): IndexRequest {
  return {
    index: dataStreamName(source.dataset, namespace),
    id: documentId(source.dataset, `event-${n}`),
    document: {
      '@timestamp': new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
      ecs: { version: ECS_VERSION },
      data_stream: { type: 'logs', dataset: source.dataset, namespace },
      event: {
        kind: 'event',
        action: 'USER_LOGIN',
        dataset: source.dataset,
        module: source.module,
        original: `{"n":${n}}`,
      },
      source: { ip: '10.0.0.1' },
      related: { ip: ['10.0.0.1'] },
      ...overrides,
    },
  };
}

describe('writing ECS documents to a data stream from our own index template', () => {
  let es: Client;
  let client: ElasticsearchClient;

  beforeAll(async () => {
    es = createTestEsClient();
    client = es as unknown as ElasticsearchClient;
    await installIndexTemplates(client, [{ dataset: source.dataset, fields }]);
  });

  afterAll(() => es.close());

  it('detects that the integ-test distribution lacks the optional field types', async () => {
    await expect(detectMappingCapabilities(client)).resolves.toEqual({
      constantKeyword: false,
      matchOnlyText: false,
      wildcard: false,
    });
  });

  it('installs the template idempotently', async () => {
    await installIndexTemplates(client, [{ dataset: source.dataset, fields }]);
    const { index_templates: templates } = await es.indices.getIndexTemplate({
      name: indexTemplateName(source.dataset),
    });
    expect(templates).toHaveLength(1);
    expect(templates[0].index_template.index_patterns).toEqual(['logs-lumos.activity_logs-*']);
    expect(templates[0].index_template.data_stream).toBeDefined();
  });

  it('creates the data stream on first write, maps ECS types and reads documents back', async () => {
    const namespace = uniqueNamespace();
    const stream = dataStreamName(source.dataset, namespace);
    const requests = Array.from({ length: 25 }, (_, n) => event(namespace, n));

    const result = await writeDocuments(client, requests, { batchSize: 10, refresh: 'wait_for' });
    expect(result).toEqual({ written: 25, duplicates: 0, pipelineErrors: 0, retries: 0 });

    const resolved = await es.indices.resolveIndex({ name: stream });
    expect(resolved.data_streams.map((d) => d.name)).toEqual([stream]);
    expect(resolved.data_streams[0].backing_indices[0]).toMatch(/^\.ds-logs-lumos\.activity_logs-/);

    const mapping = await es.indices.getMapping({ index: stream });
    const properties = Object.values(mapping)[0].mappings.properties!;
    expect(properties['@timestamp']).toEqual({ type: 'date' });
    expect(properties.source).toMatchObject({ properties: { ip: { type: 'ip' } } });
    expect(properties.related).toMatchObject({ properties: { ip: { type: 'ip' } } });

    const hits = await es.search({
      index: stream,
      size: 100,
      sort: [{ '@timestamp': 'asc' }],
      query: { term: { 'source.ip': '10.0.0.0/8' } },
    });
    expect(hits.hits.hits).toHaveLength(25);
    expect(hits.hits.hits[0]._id).toBe(documentId(source.dataset, 'event-0'));
    expect(hits.hits.hits[0]._source).toEqual(requests[0].document);
  });

  it('counts a second write of the same documents as duplicates and indexes nothing new', async () => {
    const namespace = uniqueNamespace();
    const requests = Array.from({ length: 12 }, (_, n) => event(namespace, n));
    await writeDocuments(client, requests, { refresh: 'wait_for' });

    const again = await writeDocuments(client, requests, { batchSize: 5, refresh: 'wait_for' });
    expect(again).toEqual({ written: 0, duplicates: 12, pipelineErrors: 0, retries: 0 });
    const { count } = await es.count({ index: dataStreamName(source.dataset, namespace) });
    expect(count).toBe(12);
  });

  it('indexes a document the mapping rejects as pipeline_error, keeping the original', async () => {
    const namespace = uniqueNamespace();
    const good = event(namespace, 1);
    const bad = event(namespace, 2, { source: { ip: 'not-an-ip' } });

    const result = await writeDocuments(client, [good, bad], { refresh: 'wait_for' });
    expect(result).toEqual({
      written: 2,
      duplicates: 0,
      pipelineErrors: 1,
      retries: 0,
      firstPipelineError: expect.stringMatching(
        /^Elasticsearch rejected the mapped document: document_parsing_exception/
      ),
    });

    const found = await es.search({
      index: dataStreamName(source.dataset, namespace),
      query: { ids: { values: [bad.id] } },
    });
    const stored = found.hits.hits[0];
    const doc = stored._source as Record<string, Record<string, unknown>>;
    expect(doc.event.kind).toBe('pipeline_error');
    expect(doc.event.original).toBe('{"n":2}');
    expect(doc.error.message).toMatch(
      /Elasticsearch rejected the mapped document: document_parsing_exception/
    );
    expect(doc.data_stream).toEqual({ type: 'logs', dataset: source.dataset, namespace });
  });
});
