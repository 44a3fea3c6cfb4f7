import type { RemoteFetchInit, RemoteResponse } from '../sources/closer/remote_client';
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
    const result = await testConnection(draft, { fetch });
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
    const result = await testConnection(draft, { fetch });
    expect(result).toMatchObject({
      ok: true,
      details: { version: 'unknown', searchApi: 'scroll' },
    });
  });

  it('is a verdict, without the password, when credentials or the index are wrong', async () => {
    const denied = await testConnection(draft, {
      fetch: async () =>
        reply(401, { error: { type: 'security_exception', reason: `bad password ${PASSWORD}` } }),
    });
    expect(denied.ok).toBe(false);
    expect(denied.message).toContain('rejected the credentials');
    expect(denied.message).not.toContain(PASSWORD);

    const missing = await testConnection(draft, {
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
    const result = await previewDocuments(draft, { fetch });
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0].index).toBe('logs-closer.security-default');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('answers with a message when the source fails', async () => {
    const result = await previewDocuments(draft, {
      fetch: async () => reply(401, { error: 'nope' }),
    });
    expect(result.documents).toEqual([]);
    expect(result.message).toMatch(/Could not read from the source/);
  });
});
