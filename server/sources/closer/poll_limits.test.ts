import type { ElasticsearchClient } from '@kbn/core/server';
import { createLoggerMock } from '../../__mocks__/kibana_core_mocks';
import { loopbackOutbound } from '../../__mocks__/outbound';
import { memoryCheckpointStore } from '../../ingest/checkpoint_store';
import type { CloserCheckpoint } from './checkpoint';
import { closerDocumentId } from './mapper';
import type { CloserCredentials } from './config';
import { pollCloser, type CloserPollConfig, type CloserPollDependencies } from './poll';
import { ResponseTooLargeError, type FetchLike, type RemoteResponse } from './remote_client';
import { bulkOperations } from '../../__mocks__/bulk_operations';
import { DEFAULT_LAG_MS } from './config';

const NOW = new Date('2026-03-01T12:00:00Z');

/** A response announcing a body far over the cap: refused from its Content-Length, unread. */
function hugeResponse(): RemoteResponse {
  return {
    status: 200,
    headers: { get: (name) => (name === 'content-length' ? String(2 ** 40) : null) },
    body: new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(1024)) }),
    text: async () => {
      throw new Error('must not be buffered');
    },
  };
}

function json(body: unknown): RemoteResponse {
  return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(body) };
}

/** Closer's cluster: opening and closing a PIT always succeed, searches get `search(body)`. */
function searchOnly(search: (body: string) => RemoteResponse): FetchLike {
  return async (url, init) => {
    const { pathname } = new URL(url);
    if (pathname.endsWith('/_pit')) return json({ id: 'pit-1' });
    if (init.method === 'DELETE') return json({});
    return search(init.body ?? '{}');
  };
}

/** A cluster whose pages of more than `fits` hits are too large to read. */
function cluster(fits: number) {
  const sizes: number[] = [];
  const fetch = searchOnly((body) => {
    const size = (JSON.parse(body) as { size: number }).size;
    sizes.push(size);
    return size > fits ? hugeResponse() : json({ pit_id: 'pit-1', hits: { hits: [] } });
  });
  return { fetch, sizes };
}

/** A destination accepting every bulk `create`; `written` holds what it was sent. */
function destination() {
  const written: Array<{ id: string; document: Record<string, unknown> }> = [];
  const bulk = jest.fn(async (request: { operations?: unknown }) => {
    const operations = bulkOperations(request);
    for (let i = 0; i < operations.length; i += 2) {
      const op = operations[i] as { create: { _id: string } };
      // Documents may come pre-serialized.
      const doc = operations[i + 1];
      written.push({
        id: op.create._id,
        document: (typeof doc === 'string' ? JSON.parse(doc) : doc) as Record<string, unknown>,
      });
    }
    return {
      errors: false,
      items: operations.filter((_op, i) => i % 2 === 0).map(() => ({ create: { status: 201 } })),
    };
  });
  return { esClient: { bulk } as unknown as ElasticsearchClient, written };
}

interface PollOptions extends Partial<CloserPollDependencies> {
  config?: Partial<CloserPollConfig>;
  credentials?: CloserCredentials;
}

function poll(fetch: FetchLike, { config, credentials, ...deps }: PollOptions = {}) {
  return pollCloser(
    { url: 'http://127.0.0.1:9200', index: 'closer', since: 0, ...config },
    credentials ?? { type: 'none' },
    {
      esClient: {} as ElasticsearchClient,
      outbound: loopbackOutbound,
      checkpoints: memoryCheckpointStore<CloserCheckpoint>(),
      fetch,
      now: () => NOW,
      ...deps,
    }
  );
}

/** Pages of 1000, as the first read of a window asks. */
function pollPages(fetch: FetchLike, logger = createLoggerMock()) {
  return poll(fetch, { config: { pageSize: 1000 }, logger });
}

describe('pollCloser and pages over the byte cap', () => {
  it('reads the window again in halved pages until a page fits', async () => {
    const { fetch, sizes } = cluster(250);
    const logger = createLoggerMock();
    const outcome = await pollPages(fetch, logger);
    expect(sizes).toEqual([1000, 500, 250]);
    expect(outcome.caughtUp).toBe(true);
    expect(logger.messages().join('\n')).toMatch(/larger than the 64 MiB limit.*in pages of 500/);
  });

  it('fails with the limit named when even one hit without its source does not fit', async () => {
    const { fetch, sizes } = cluster(0);
    const error = await pollPages(fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/larger than the 64 MiB limit/);
    // 1000, 500, ..., 1, then the one hit without _source: bounded by log2 of the page size.
    expect(sizes).toEqual([1000, 500, 250, 125, 62, 31, 15, 7, 3, 1, 1]);
  });
});

interface SearchBody {
  size: number;
  _source?: boolean;
  search_after?: unknown[];
  query: { bool: { filter: Array<{ range?: { '@timestamp': { gte: number } } }> } };
}

describe('pollCloser and a single hit over the byte cap', () => {
  const t0 = Date.parse('2026-03-01T10:00:00Z');
  const remote = ['a', 'big', 'c'].map((id, i) => ({
    _index: 'closer',
    _id: id,
    _source: { '@timestamp': new Date(t0 + i).toISOString(), message: { 'event.action': id } },
    sort: [t0 + i, i],
  }));

  /** PIT search_after over `remote`; any page holding `big` with its _source is too large. */
  function pitCluster() {
    const searches: SearchBody[] = [];
    const fetch = searchOnly((text) => {
      const body = JSON.parse(text) as SearchBody;
      searches.push(body);
      const gte = body.query.bool.filter[0].range?.['@timestamp'].gte ?? 0;
      const after = body.search_after?.[1];
      const page = remote
        .filter((hit) => hit.sort[0] >= gte && (typeof after !== 'number' || hit.sort[1] > after))
        .slice(0, body.size);
      if (body._source !== false && page.some((hit) => hit._id === 'big')) return hugeResponse();
      const hits = body._source === false ? page.map(({ _source, ...rest }) => rest) : page;
      return json({ pit_id: 'pit-1', hits: { hits } });
    });
    return { fetch, searches };
  }

  it('keeps it as a pipeline_error without its source and reads on past it', async () => {
    const { fetch, searches } = pitCluster();
    const { esClient, written } = destination();
    const outcome = await poll(fetch, { config: { pageSize: 2 }, esClient });
    expect(outcome.caughtUp).toBe(true);
    expect(outcome.stats.pipelineErrors).toBe(1);
    expect(outcome.checkpoint.until).toBe(new Date(NOW.getTime() - DEFAULT_LAG_MS).toISOString());
    // Pages of 2 (too large), 1 (`a`, then `big` too large), `big` without _source, then `c`.
    expect(searches.map((b) => [b.size, b._source])).toEqual([
      [2, undefined],
      [1, undefined],
      [1, undefined],
      [1, false],
      [1, undefined],
      [1, undefined],
    ]);
    // Asked again exactly where the too large page was: same position in the same PIT.
    expect(searches[3].search_after).toEqual(searches[2].search_after);
    expect(searches[3].search_after).toEqual(remote[0].sort);
    const byId = new Map(written.map((w) => [w.id, w.document]));
    expect(byId.size).toBe(3);
    const big = byId.get(closerDocumentId('closer', 'big')) as {
      event: { kind: string };
      error: { message: string };
      '@timestamp': string;
    };
    expect(big.event.kind).toBe('pipeline_error');
    expect(big.error.message).toMatch(/larger than the 64 MiB limit/);
    expect(big['@timestamp']).toBe(new Date(t0 + 1).toISOString());
    for (const id of ['a', 'c']) {
      const doc = byId.get(closerDocumentId('closer', id)) as { event: { kind: string } };
      expect(doc.event.kind).toBe('event');
    }
  });
});

describe('pollCloser restart warning', () => {
  it('redacts credentials that a failing remote echoes', async () => {
    const password = 'hunter2-Closer-pw';
    const basic = Buffer.from(`reader:${password}`).toString('base64');
    let searches = 0;
    const fetch = searchOnly(() => {
      searches++;
      if (searches <= 2) {
        return {
          status: 503,
          headers: { get: () => null },
          text: async () =>
            JSON.stringify({
              error: {
                type: 'proxy_error',
                reason: `upstream refused authorization: Basic ${basic} (${password})`,
              },
            }),
        };
      }
      return json({ pit_id: 'pit-1', hits: { hits: [] } });
    });
    const logger = createLoggerMock();
    const outcome = await poll(fetch, {
      config: { maxRetries: 1, backoff: { baseMs: 1, maxMs: 1 } },
      credentials: { type: 'basic', username: 'reader', password },
      logger,
    });
    expect(outcome.caughtUp).toBe(true);
    const logged = logger.messages().join('\n');
    expect(logged).toMatch(/proxy_error: upstream refused authorization: Basic /);
    expect(logged).not.toContain(basic);
    expect(logged).not.toContain(password);
  });
});

describe('pollCloser and sort values outside the window', () => {
  it('never moves the cursor past the window end, whatever a hit claims', async () => {
    const fetch = searchOnly((text) => {
      const body = JSON.parse(text) as { search_after?: unknown };
      const hits = body.search_after
        ? []
        : [{ _index: 'closer', _id: 'far', _source: { message: 'x' }, sort: [9e14, 1] }];
      return json({ pit_id: 'pit-1', hits: { hits } });
    });
    const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
    const { esClient } = destination();
    const outcome = await poll(fetch, { config: { pageSize: 1 }, esClient, checkpoints });
    const windowEnd = NOW.getTime() - DEFAULT_LAG_MS;
    for (const saved of checkpoints.saves) {
      expect(Date.parse(saved.until)).toBeLessThanOrEqual(windowEnd);
    }
    expect(outcome.checkpoint.until).toBe(new Date(windowEnd).toISOString());
  });
});
