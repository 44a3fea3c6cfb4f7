import type { ElasticsearchClient } from '@kbn/core/server';
import { createLoggerMock } from '../../__mocks__/kibana_core_mocks';
import { loopbackOutbound } from '../../__mocks__/outbound';
import { memoryCheckpointStore } from '../../ingest/checkpoint_store';
import type { CloserCheckpoint } from './checkpoint';
import { pollCloser } from './poll';
import { ResponseTooLargeError, type FetchLike, type RemoteResponse } from './remote_client';

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

/** A cluster whose pages of more than `fits` hits are too large to read. */
function cluster(fits: number) {
  const sizes: number[] = [];
  const fetch: FetchLike = async (url, init) => {
    const { pathname } = new URL(url);
    if (pathname.endsWith('/_pit')) return json({ id: 'pit-1' });
    if (init.method === 'DELETE') return json({});
    const size = (JSON.parse(init.body ?? '{}') as { size: number }).size;
    sizes.push(size);
    return size > fits ? hugeResponse() : json({ pit_id: 'pit-1', hits: { hits: [] } });
  };
  return { fetch, sizes };
}

function poll(fetch: FetchLike, logger = createLoggerMock()) {
  return pollCloser(
    { url: 'http://127.0.0.1:9200', index: 'closer', since: 0, pageSize: 1000 },
    { type: 'none' },
    {
      esClient: {} as ElasticsearchClient,
      outbound: loopbackOutbound,
      checkpoints: memoryCheckpointStore<CloserCheckpoint>(),
      fetch,
      logger,
      now: () => NOW,
    }
  );
}

describe('pollCloser and pages over the byte cap', () => {
  it('reads the window again in halved pages until a page fits', async () => {
    const { fetch, sizes } = cluster(250);
    const logger = createLoggerMock();
    const outcome = await poll(fetch, logger);
    expect(sizes).toEqual([1000, 500, 250]);
    expect(outcome.caughtUp).toBe(true);
    expect(logger.messages().join('\n')).toMatch(/larger than the 64 MiB limit.*in pages of 500/);
  });

  it('fails with the limit named when even one hit does not fit', async () => {
    const { fetch, sizes } = cluster(0);
    const error = await poll(fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toMatch(/larger than the 64 MiB limit/);
    // 1000, 500, ..., 1: bounded by log2 of the page size.
    expect(sizes).toEqual([1000, 500, 250, 125, 62, 31, 15, 7, 3, 1]);
  });
});

describe('pollCloser restart warning', () => {
  it('redacts credentials that a failing remote echoes', async () => {
    const password = 'hunter2-Closer-pw';
    const basic = Buffer.from(`reader:${password}`).toString('base64');
    let searches = 0;
    const fetch: FetchLike = async (url, init) => {
      const { pathname } = new URL(url);
      if (pathname.endsWith('/_pit')) return json({ id: 'pit-1' });
      if (init.method === 'DELETE') return json({});
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
    };
    const logger = createLoggerMock();
    const outcome = await pollCloser(
      {
        url: 'http://127.0.0.1:9200',
        index: 'closer',
        since: 0,
        maxRetries: 1,
        backoff: { baseMs: 1, maxMs: 1 },
      },
      { type: 'basic', username: 'reader', password },
      {
        esClient: {} as ElasticsearchClient,
        outbound: loopbackOutbound,
        checkpoints: memoryCheckpointStore<CloserCheckpoint>(),
        fetch,
        logger,
        now: () => NOW,
      }
    );
    expect(outcome.caughtUp).toBe(true);
    const logged = logger.messages().join('\n');
    expect(logged).toMatch(/proxy_error: upstream refused authorization: Basic /);
    expect(logged).not.toContain(basic);
    expect(logged).not.toContain(password);
  });
});

describe('pollCloser and sort values outside the window', () => {
  it('never moves the cursor past the window end, whatever a hit claims', async () => {
    const fetch: FetchLike = async (url, init) => {
      const { pathname } = new URL(url);
      if (pathname.endsWith('/_pit')) return json({ id: 'pit-1' });
      if (init.method === 'DELETE') return json({});
      const body = JSON.parse(init.body ?? '{}') as { search_after?: unknown };
      const hits = body.search_after
        ? []
        : [{ _index: 'closer', _id: 'far', _source: { message: 'x' }, sort: [9e14, 1] }];
      return json({ pit_id: 'pit-1', hits: { hits } });
    };
    const bulk = jest.fn(async (request: { operations: unknown[] }) => ({
      errors: false,
      items: request.operations
        .filter((_op, i) => i % 2 === 0)
        .map(() => ({ create: { status: 201 } })),
    }));
    const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
    const outcome = await pollCloser(
      { url: 'http://127.0.0.1:9200', index: 'closer', since: 0, pageSize: 1 },
      { type: 'none' },
      {
        esClient: { bulk } as unknown as ElasticsearchClient,
        outbound: loopbackOutbound,
        checkpoints,
        fetch,
        now: () => NOW,
      }
    );
    const windowEnd = NOW.getTime() - 60_000;
    for (const saved of checkpoints.saves) {
      expect(Date.parse(saved.until)).toBeLessThanOrEqual(windowEnd);
    }
    expect(outcome.checkpoint.until).toBe(new Date(windowEnd).toISOString());
  });
});
