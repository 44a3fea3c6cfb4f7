import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RemoteFetchInit, RemoteResponse } from '../sources/closer/remote_client';
import { testOutbound as outbound } from '../__mocks__/outbound';
import { previewDocuments, testConnection } from './source_probe';

const PASSWORD = 'closer-Secret-pw';

function reply(status: number, body: unknown): RemoteResponse {
  return {
    status,
    headers: { get: () => null },
    text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

const draft = {
  kind: 'closer' as const,
  namespace: 'default',
  settings: {
    url: 'https://closer.example:9243',
    authType: 'basic' as const,
    username: 'reader',
    index: 'closer',
  },
  secrets: { password: PASSWORD },
};

const hit = {
  _index: 'closer',
  _id: 'h1',
  _source: { '@timestamp': '2026-01-01T00:00:00Z', message: { 'event.action': 'login' } },
};

describe('testConnection (Closer)', () => {
  it('reports version, documents and the search API', async () => {
    const fetch = jest.fn(async (url: string, init: RemoteFetchInit) => {
      if (url.endsWith(':9243/') && init.method === 'GET') {
        return reply(200, { cluster_name: 'c', version: { number: '8.15.0' } });
      }
      if (url.includes('/_pit')) return reply(200, { id: 'pit-1' });
      return reply(200, { hits: { total: { value: 12, relation: 'eq' }, hits: [hit] } });
    });
    const result = await testConnection(draft, { outbound, fetch });
    expect(result).toMatchObject({
      ok: true,
      details: { version: '8.15.0', documents: 12, searchApi: 'pit', index: 'closer' },
    });
  });

  it('goes on without a version when GET / is not allowed or not there', async () => {
    const fetch = jest.fn(async (url: string, init: RemoteFetchInit) => {
      if (init.method === 'GET') return reply(405, { error: 'Incorrect HTTP method' });
      if (url.includes('/_pit')) return reply(404, { error: { type: 'x', reason: 'no pit' } });
      return reply(200, { hits: { total: 3, hits: [] } });
    });
    const result = await testConnection(draft, { outbound, fetch });
    expect(result).toMatchObject({
      ok: true,
      details: { version: 'unknown', searchApi: 'scroll' },
    });
  });

  it('is a verdict, without the password, when credentials or the index are wrong', async () => {
    const denied = await testConnection(draft, {
      outbound,
      fetch: async () =>
        reply(401, { error: { type: 'security_exception', reason: `bad password ${PASSWORD}` } }),
    });
    expect(denied.ok).toBe(false);
    expect(denied.message).toContain('rejected the credentials');
    expect(denied.message).not.toContain(PASSWORD);

    const missing = await testConnection(draft, {
      outbound,
      fetch: async (_url, init) =>
        init.method === 'GET'
          ? reply(200, { version: { number: '8.15.0' } })
          : reply(404, {
              error: { type: 'index_not_found_exception', reason: 'no such index [closer]' },
            }),
    });
    expect(missing).toEqual({
      ok: false,
      message: `Connected to Closer's Elasticsearch, but index "closer" does not exist`,
    });
  });
});

describe('previewDocuments (Closer)', () => {
  it('maps the newest hits without writing anything', async () => {
    const fetch = jest.fn(async () => reply(200, { hits: { hits: [hit] } }));
    const result = await previewDocuments(draft, { outbound, fetch });
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0].index).toBe('logs-closer.security-default');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers with a message when the source fails', async () => {
    const result = await previewDocuments(draft, {
      outbound,
      fetch: async () => reply(401, { error: 'nope' }),
    });
    expect(result.documents).toEqual([]);
    expect(result.message).toMatch(/Could not read from the source/);
  });
});

describe('what the probes read back', () => {
  const INTERNAL = 'internal-Secret-Value-9f2c';

  it('says "1 retry", not "1 retries", when the source keeps failing', async () => {
    const fetch = jest.fn(async () => reply(502, 'Bad gateway'));
    const result = await testConnection(draft, { outbound, fetch });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('gave up after 1 retry');
    expect(result.message).not.toContain('1 retries');
  });

  it('keeps only a sanitized, capped version and cluster name from whatever answers', async () => {
    const fetch = jest.fn(async (url: string, init: RemoteFetchInit) => {
      if (init.method === 'GET') {
        return reply(200, {
          cluster_name: `db-${'A'.repeat(5000)}\u0000${INTERNAL}`,
          version: { number: `${'9'.repeat(500)}${INTERNAL}` },
        });
      }
      if (url.includes('/_pit')) return reply(404, { error: { type: 'x', reason: 'no pit' } });
      return reply(200, {
        hits: { total: 1, hits: [{ _index: 'i', _id: '1', _source: { '@timestamp': INTERNAL } }] },
      });
    });
    const result = await testConnection(draft, { outbound, fetch });
    expect(result.ok).toBe(true);
    expect(String(result.details?.cluster).length).toBeLessThanOrEqual(100);
    expect(String(result.details?.version).length).toBeLessThanOrEqual(40);
    // Not a date: not shown at all.
    expect(result.details?.latest).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(INTERNAL);
  });

  it('shows the newest @timestamp only as a date', async () => {
    const fetch = jest.fn(async (url: string, init: RemoteFetchInit) => {
      if (init.method === 'GET') return reply(200, { version: { number: '8.15.0' } });
      if (url.includes('/_pit')) return reply(404, { error: { type: 'x', reason: 'no pit' } });
      return reply(200, { hits: { total: 1, hits: [hit] } });
    });
    const result = await testConnection(draft, { outbound, fetch });
    expect(result.details?.latest).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([
    ['a non-JSON 200', 200, `<html><body>admin console: ${INTERNAL}</body></html>`],
    ['a non-JSON error', 500, `Internal error while reading ${INTERNAL}`],
    ['an error JSON that is not Elasticsearch', 404, { message: INTERNAL, data: [INTERNAL] }],
  ])('never returns the body of %s', async (_name, status, body) => {
    const fetch = jest.fn(async () => reply(status, body));
    const tested = await testConnection(draft, { outbound, fetch });
    const previewed = await previewDocuments(draft, { outbound, fetch });
    expect(tested.ok).toBe(false);
    expect(JSON.stringify(tested)).not.toContain(INTERNAL);
    expect(JSON.stringify(previewed)).not.toContain(INTERNAL);
  });

  it('caps the message of an Elasticsearch error', async () => {
    const fetch = jest.fn(async () =>
      reply(400, { error: { type: 'parsing_exception', reason: 'r'.repeat(20_000) } })
    );
    const tested = await testConnection(draft, { outbound, fetch });
    const previewed = await previewDocuments(draft, { outbound, fetch });
    expect(tested.message).toContain('parsing_exception');
    expect(tested.message.length).toBeLessThanOrEqual(1000);
    expect(previewed.message!.length).toBeLessThanOrEqual(1000);
  });
});

describe('redirects (real servers on 127.0.0.1)', () => {
  let target: Server;
  let redirector: Server;
  let targetHits = 0;
  let redirectorHits = 0;
  let targetUrl = '';
  let redirectorUrl = '';

  beforeAll(async () => {
    target = createServer((_req, res) => {
      targetHits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ version: { number: '8.15.0' }, items: [], hits: { hits: [] } }));
    });
    targetUrl = await listen(target);
    redirector = createServer((_req, res) => {
      redirectorHits++;
      res.writeHead(302, { location: `${targetUrl}/stolen?x=1` });
      res.end();
    });
    redirectorUrl = await listen(redirector);
  });
  afterAll(async () => {
    await Promise.all([close(target), close(redirector)]);
  });
  beforeEach(() => {
    targetHits = 0;
    redirectorHits = 0;
  });

  it('Closer: a 3xx is a clear, non-retried error and the redirect is not followed', async () => {
    const closer = { ...draft, settings: { ...draft.settings, url: redirectorUrl } };
    const tested = await testConnection(closer, { outbound });
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain(`answered HTTP 302, a redirect to ${targetUrl}`);
    expect(tested.message).toContain('redirects are not followed');
    const previewed = await previewDocuments(closer, { outbound });
    expect(previewed.message).toContain('redirects are not followed');
    expect(targetHits).toBe(0);
    // One request each: not retried.
    expect(redirectorHits).toBe(2);
  });

  it('Lumos: the same, and the token never reaches the redirect target', async () => {
    const lumos = {
      kind: 'lumos' as const,
      namespace: 'default',
      settings: { baseUrl: redirectorUrl },
      secrets: { apiToken: 'lsk_probeRedirectToken' },
    };
    const tested = await testConnection(lumos, { outbound });
    expect(tested.ok).toBe(false);
    expect(tested.message).toMatch(
      /^Lumos answered HTTP 302, a redirect to http:\/\/127\.0\.0\.1:\d+: redirects are not followed; point the base URL/
    );
    expect(targetHits).toBe(0);
    expect(redirectorHits).toBe(1);
  });
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
