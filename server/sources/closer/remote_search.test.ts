import { OutboundPolicy } from '../../lib/outbound/host_policy';
import { RemoteClient, RemoteError, type FetchLike, type RemoteFetchInit } from './remote_client';
import { readWindow, PartialResultsError, type Page, type WindowQuery } from './remote_search';

type Handler = (
  method: string,
  path: string,
  body: Record<string, unknown> | undefined
) => { status?: number; body: unknown };

function server(handler: Handler) {
  const calls: string[] = [];
  const fetch: FetchLike = async (url: string, init: RemoteFetchInit) => {
    const { pathname, search } = new URL(url);
    calls.push(`${init.method} ${pathname}${search}`);
    const response = handler(init.method, pathname, init.body ? JSON.parse(init.body) : undefined);
    return {
      status: response.status ?? 200,
      headers: { get: () => null },
      text: async () => JSON.stringify(response.body),
    };
  };
  const client = new RemoteClient({
    url: 'http://old:9200',
    credentials: { type: 'none' },
    requestTimeoutMs: 1000,
    maxRetries: 0,
    fetch,
    // The fake fetch never connects; the policy is there because every client has one.
    outbound: OutboundPolicy.fromConfig(['127.0.0.0/8', '::1', 'localhost']),
  });
  return { client, calls };
}

const q: WindowQuery = { index: 'closer', from: 0, to: 100, pageSize: 2, keepAlive: '1m' };
const hit = (n: number) => ({
  _index: 'closer',
  _type: 'entry',
  _id: `h${n}`,
  _source: {},
  sort: [n, n],
});

async function collect(pages: AsyncGenerator<Page>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages) for (const h of page.hits) ids.push((h as { _id: string })._id);
  return ids;
}

describe('readWindow', () => {
  it('falls back to a sorted scroll on 6.x (no _pit endpoint; hits.total a number; _type)', async () => {
    const pages = [[hit(1), hit(2)], [hit(3)], []];
    const { client, calls } = server((method, path, body) => {
      if (path.endsWith('/_pit'))
        return {
          status: 400,
          body: { error: { type: 'parse_exception', reason: 'request body is required' } },
        };
      if (method === 'DELETE') return { body: { succeeded: true } };
      if (path === '/closer/_search') {
        expect(body).toMatchObject({ sort: [{ '@timestamp': { order: 'asc' } }, '_doc'] });
        expect(body).toMatchObject({
          query: {
            bool: {
              filter: [{ range: { '@timestamp': { gte: 0, lt: 100, format: 'epoch_millis' } } }],
            },
          },
        });
      }
      return {
        body: {
          _scroll_id: 's1',
          timed_out: false,
          _shards: { failed: 0 },
          hits: { total: 3, hits: pages.shift() },
        },
      };
    });
    let used = '';
    expect(await collect(readWindow(client, q, 'auto', (api) => (used = api)))).toEqual([
      'h1',
      'h2',
      'h3',
    ]);
    expect(used).toBe('scroll');
    expect(calls).toEqual([
      'POST /closer/_pit?keep_alive=1m',
      'POST /closer/_search?scroll=1m',
      'POST /_search/scroll',
      'POST /_search/scroll',
      'DELETE /_search/scroll',
    ]);
  });

  it('uses PIT + search_after with _shard_doc on >= 7.12 and closes the PIT', async () => {
    const pages = [[hit(1), hit(2)], [hit(3)]];
    const searchAfter: unknown[] = [];
    const { client, calls } = server((method, path, body) => {
      if (path.endsWith('/_pit')) return { body: { id: 'pit-1' } };
      if (method === 'DELETE') return { body: { succeeded: true } };
      searchAfter.push(body?.search_after);
      expect(body).toMatchObject({
        pit: { id: 'pit-1', keep_alive: '1m' },
        // numeric_type: a date_nanos @timestamp pages in exact epoch ms (see readWindowWithPit).
        sort: [
          { '@timestamp': { order: 'asc', numeric_type: 'date' } },
          { _shard_doc: { order: 'asc' } },
        ],
      });
      return {
        body: {
          pit_id: 'pit-1',
          hits: { total: { value: 3, relation: 'eq' }, hits: pages.shift() },
        },
      };
    });
    let used = '';
    expect(await collect(readWindow(client, q, 'auto', (api) => (used = api)))).toEqual([
      'h1',
      'h2',
      'h3',
    ]);
    expect(used).toBe('pit');
    expect(searchAfter).toEqual([undefined, [2, 2]]);
    expect(calls[calls.length - 1]).toBe('DELETE /_pit');
  });

  it('falls back to scroll on 7.10/7.11 where PIT exists but _shard_doc does not', async () => {
    const { client, calls } = server((method, path) => {
      if (path.endsWith('/_pit')) return { body: { id: 'pit-1' } };
      if (method === 'DELETE') return { body: {} };
      if (path === '/_search')
        return {
          status: 400,
          body: {
            error: {
              type: 'illegal_argument_exception',
              reason: 'No mapping found for [_shard_doc] in order to sort on',
            },
          },
        };
      return { body: { _scroll_id: 's', hits: { total: 0, hits: [] } } };
    });
    let used = '';
    expect(await collect(readWindow(client, q, 'auto', (api) => (used = api)))).toEqual([]);
    expect(used).toBe('scroll');
    expect(calls).toContain('DELETE /_pit');
  });

  it('refuses partial results', async () => {
    const { client } = server((method, path) => {
      if (path.endsWith('/_pit')) return { status: 405, body: {} };
      if (method === 'DELETE') return { body: {} };
      return {
        body: {
          _scroll_id: 's',
          _shards: { total: 2, failed: 1 },
          hits: { total: 1, hits: [hit(1)] },
        },
      };
    });
    await expect(collect(readWindow(client, q, 'auto', () => undefined))).rejects.toBeInstanceOf(
      PartialResultsError
    );
  });

  it('does not fall back when the index is missing, or when PIT was demanded', async () => {
    const missing = server(() => ({
      status: 404,
      body: { error: { type: 'index_not_found_exception', reason: 'no such index [closer]' } },
    }));
    await expect(collect(readWindow(missing.client, q, 'auto', () => undefined))).rejects.toThrow(
      /index_not_found_exception/
    );
    const old = server(() => ({ status: 400, body: {} }));
    await expect(collect(readWindow(old.client, q, 'pit', () => undefined))).rejects.toBeInstanceOf(
      RemoteError
    );
  });

  it('forced scroll never probes PIT', async () => {
    const { client, calls } = server(() => ({ body: { _scroll_id: 's', hits: { hits: [] } } }));
    await collect(readWindow(client, q, 'scroll', () => undefined));
    expect(calls[0]).toBe('POST /closer/_search?scroll=1m');
  });
});

describe('readWindow refuses oversized pages', () => {
  const many = (count: number) => Array.from({ length: count }, (_, i) => hit(i));

  it.each([
    ['pit', true],
    ['scroll', false],
  ])(
    'fails a %s page with more hits than asked for, before anything is yielded',
    async (_api, pit) => {
      const { client } = server((method, path) => {
        if (path.endsWith('/_pit'))
          return pit ? { body: { id: 'pit-1' } } : { status: 404, body: {} };
        if (method === 'DELETE') return { body: {} };
        return { body: { pit_id: 'pit-1', _scroll_id: 's1', hits: { hits: many(10_000) } } };
      });
      const yielded: Page[] = [];
      const error = await (async () => {
        for await (const page of readWindow(client, q, 'auto', () => undefined)) yielded.push(page);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect((error as RemoteError).retryable).toBe(false);
      expect((error as Error).message).toBe(
        "Closer's Elasticsearch returned 10000 hits for a page of 2; the page was refused"
      );
      expect(yielded).toEqual([]);
    }
  );
});
