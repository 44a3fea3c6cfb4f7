import type { ElasticsearchClient } from '@kbn/core/server';
import { MAX_CONCURRENCY, writeDocuments } from './bulk_writer';
import type { IndexRequest } from './ecs';
import { bulkOperations } from '../__mocks__/bulk_operations';

interface BulkCall {
  ids: string[];
  documents: unknown[];
  body: unknown;
}

/**
 * A bulk endpoint that answers after `delayMs`, records what it was sent and how many calls
 * overlapped, and can fail (whole request) or 429 items on chosen calls.
 */
function fakeEs(
  options: {
    delayMs?: number;
    failCall?: number;
    item429?: (call: number, position: number) => boolean;
  } = {}
) {
  const calls: BulkCall[] = [];
  const completed: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const bulk = async (request: { operations?: unknown }) => {
    const operations = bulkOperations(request);
    const call = calls.length;
    const ids: string[] = [];
    const documents: unknown[] = [];
    for (let i = 0; i < operations.length; i += 2) {
      ids.push((operations[i] as { create: { _id: string } }).create._id);
      documents.push(operations[i + 1]);
    }
    calls.push({ ids, documents, body: request.operations });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
    inFlight--;
    if (call === options.failCall) {
      throw Object.assign(new Error('forbidden'), { meta: { statusCode: 403 } });
    }
    completed.push(call);
    return {
      errors: false,
      items: ids.map((_id, position) => ({
        create: { status: options.item429?.(call, position) ? 429 : 201 },
      })),
    };
  };
  return {
    client: { bulk } as unknown as ElasticsearchClient,
    calls,
    completed,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

function requests(count: number): IndexRequest[] {
  return Array.from({ length: count }, (_, n) => ({
    index: 'logs-test-default',
    id: `id-${n}`,
    document: { '@timestamp': '2026-01-01T00:00:00.000Z', n },
  }));
}

describe('writeDocuments', () => {
  it('sends each document once, serialized, in order, one batch at a time by default', async () => {
    const es = fakeEs();
    const result = await writeDocuments(es.client, requests(25), { batchSize: 10 });
    expect(result).toEqual({ written: 25, duplicates: 0, pipelineErrors: 0, retries: 0 });
    expect(es.calls.map((c) => c.ids.length)).toEqual([10, 10, 5]);
    expect(es.maxInFlight).toBe(1);
    // NDJSON bytes, which the client sends as they are instead of serializing again.
    expect(Buffer.isBuffer(es.calls[0].body)).toBe(true);
    expect(es.calls[0].documents[3]).toEqual({ '@timestamp': '2026-01-01T00:00:00.000Z', n: 3 });
    expect(es.calls.flatMap((c) => c.ids)).toEqual(requests(25).map((r) => r.id));
  });

  it('keeps up to `concurrency` batches in flight and resolves only after all of them', async () => {
    const es = fakeEs({ delayMs: 20 });
    const result = await writeDocuments(es.client, requests(100), {
      batchSize: 10,
      concurrency: 3,
    });
    expect(result.written).toBe(100);
    expect(es.maxInFlight).toBe(3);
    expect(es.completed).toHaveLength(10);
  });

  it('retries 429 items with concurrency, counting them once each', async () => {
    const es = fakeEs({ item429: (call, position) => call < 2 && position === 0 });
    const result = await writeDocuments(es.client, requests(40), {
      batchSize: 10,
      concurrency: 2,
      backoff: { baseMs: 1, maxMs: 2 },
    });
    expect(result).toEqual({ written: 40, duplicates: 0, pipelineErrors: 0, retries: 2 });
  });

  it('after a failed batch starts nothing new and rejects once the batches in flight settle', async () => {
    const es = fakeEs({ delayMs: 10, failCall: 1 });
    await expect(
      writeDocuments(es.client, requests(100), { batchSize: 10, concurrency: 2 })
    ).rejects.toThrow('forbidden');
    // Calls 0 and 1 ran together, 2 started when 0 finished; nothing after 1 failed.
    expect(es.calls.length).toBeLessThanOrEqual(3);
    // Everything started had finished (written or failed) before the rejection.
    expect(es.completed.length + 1).toBe(es.calls.length);
  });

  it('rejects a concurrency outside 1..MAX_CONCURRENCY', async () => {
    const es = fakeEs();
    for (const concurrency of [0, 1.5, MAX_CONCURRENCY + 1]) {
      await expect(writeDocuments(es.client, requests(1), { concurrency })).rejects.toThrow(
        RangeError
      );
    }
    expect(es.calls).toHaveLength(0);
  });
});
