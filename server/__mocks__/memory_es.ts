import type { ElasticsearchClient } from '@kbn/core/server';
import { bulkOperations } from './bulk_operations';

/**
 * Just enough of the bulk API (and an `ids` search) for unit tests of the poll cycle: `create` by `_id` into memory,
 * 201 or 409. Integration tests use the real Elasticsearch instead.
 */
export interface MemoryEs {
  client: ElasticsearchClient;
  documents: Map<string, Record<string, unknown>>;
  /** Bulk calls made. */
  calls: number;
  /** Makes the next N bulk calls throw a connection error (not retried by the writer). */
  failNext(count: number): void;
}

export function memoryEs(): MemoryEs {
  const documents = new Map<string, Record<string, unknown>>();
  let failures = 0;
  const state = { calls: 0 };
  const bulk = async (request: { operations?: unknown }) => {
    const operations = bulkOperations(request);
    state.calls++;
    if (failures > 0) {
      failures--;
      throw Object.assign(new Error('simulated bulk failure'), {
        name: 'ResponseError',
        meta: { statusCode: 403 },
      });
    }
    const items: Array<Record<string, { status: number }>> = [];
    for (let i = 0; i < operations.length; i += 2) {
      const action = operations[i] as { create: { _id: string } };
      const id = action.create._id;
      if (documents.has(id)) items.push({ create: { status: 409 } });
      else {
        // The bulk writer sends documents pre-serialized, as the real client accepts.
        const document = operations[i + 1];
        documents.set(
          id,
          (typeof document === 'string' ? JSON.parse(document) : document) as Record<
            string,
            unknown
          >
        );
        items.push({ create: { status: 201 } });
      }
    }
    return { errors: items.some((item) => item.create.status !== 201), items };
  };
  const search = async (request: { query: { ids: { values: string[] } } }) => ({
    hits: {
      hits: request.query.ids.values.filter((id) => documents.has(id)).map((id) => ({ _id: id })),
    },
  });
  return {
    client: { bulk, search } as unknown as ElasticsearchClient,
    documents,
    get calls() {
      return state.calls;
    },
    failNext(count: number) {
      failures = count;
    },
  };
}

/** `event.id`s of the `event.kind: event` documents. */
export function storedEventIds(es: MemoryEs): string[] {
  const ids: string[] = [];
  for (const doc of es.documents.values()) {
    const event = doc.event as { kind?: string; id?: string };
    if (event.kind === 'event' && event.id) ids.push(event.id);
  }
  return ids;
}
