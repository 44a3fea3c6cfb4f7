import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import { installIndexTemplates } from '../../server/ingest/index_templates';
import { SOURCE_MAPPERS } from '../../server/sources/mappers';

export const lumosStream = (namespace: string) => dataStreamName(SOURCES.lumos.dataset, namespace);

export async function installLumosTemplate(es: Client): Promise<void> {
  await installIndexTemplates(es as unknown as ElasticsearchClient, [
    { dataset: SOURCES.lumos.dataset, fields: SOURCE_MAPPERS.lumos.fields },
  ]);
}

export interface StoredEvents {
  /** Documents in the stream (all kinds). */
  count: number;
  /** `event.id` of every `event.kind: event` document, with how often each appears. */
  ids: Map<string, number>;
  pipelineErrors: Array<Record<string, unknown>>;
}

/** Everything in a namespace's stream, paged with search_after so any size works. */
export async function storedEvents(es: Client, namespace: string): Promise<StoredEvents> {
  const index = lumosStream(namespace);
  const exists = await es.indices.exists({ index });
  if (!exists) return { count: 0, ids: new Map(), pipelineErrors: [] };
  await es.indices.refresh({ index });
  const ids = new Map<string, number>();
  const pipelineErrors: Array<Record<string, unknown>> = [];
  let count = 0;
  let after: Array<string | number> | undefined;
  for (;;) {
    const response = await es.search<Record<string, Record<string, unknown>>>({
      index,
      size: 5000,
      sort: ['_doc'],
      search_after: after,
      _source: ['event.id', 'event.kind', 'event.original', 'error.message'],
    });
    const hits = response.hits.hits;
    for (const hit of hits) {
      count++;
      const event = hit._source?.event ?? {};
      if (event.kind === 'event') {
        const id = String(event.id);
        ids.set(id, (ids.get(id) ?? 0) + 1);
      } else {
        pipelineErrors.push(hit._source as Record<string, unknown>);
      }
    }
    if (hits.length < 5000) break;
    after = hits[hits.length - 1].sort as Array<string | number>;
  }
  return { count, ids, pipelineErrors };
}

/** Asserts the stream holds exactly `expected` events, each once. */
export function expectExactly(stored: StoredEvents, expected: Set<string>): void {
  const doubled = [...stored.ids].filter(([, n]) => n > 1).map(([id]) => id);
  const missing = [...expected].filter((id) => !stored.ids.has(id));
  const extra = [...stored.ids.keys()].filter((id) => !expected.has(id));
  expect({ doubled: doubled.length, missing: missing.length, extra: extra.length }).toEqual({
    doubled: 0,
    missing: 0,
    extra: 0,
  });
  expect(stored.ids.size).toBe(expected.size);
}
