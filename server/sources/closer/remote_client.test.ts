import * as t from 'io-ts';
import { AbortedError } from '../../lib/backoff';
import { OutboundPolicy } from '../../lib/outbound/host_policy';
import {
  RemoteAuthError,
  RemoteClient,
  RemoteError,
  type FetchLike,
  type RemoteFetchInit,
} from './remote_client';

interface Scripted {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  error?: Error;
}

function fakeFetch(
  script: Scripted[]
): FetchLike & { calls: Array<{ url: string; init: RemoteFetchInit }> } {
  const calls: Array<{ url: string; init: RemoteFetchInit }> = [];
  const fn = (async (url: string, init: RemoteFetchInit) => {
    calls.push({ url, init });
    const step = script.shift();
    if (!step) throw new Error('unexpected request');
    if (step.error) throw step.error;
    return {
      status: step.status ?? 200,
      headers: { get: (name: string) => step.headers?.[name.toLowerCase()] ?? null },
      text: async () =>
        typeof step.body === 'string' ? step.body : JSON.stringify(step.body ?? {}),
    };
  }) as FetchLike & { calls: typeof calls };
  fn.calls = calls;
  return fn;
}

function client(
  fetch: FetchLike,
  sleeps: number[] = [],
  overrides: Partial<ConstructorParameters<typeof RemoteClient>[0]> = {}
) {
  return new RemoteClient({
    url: 'https://closer.example:9243/',
    credentials: { type: 'basic', username: 'reader', password: 's3cret' },
    requestTimeoutMs: 1000,
    maxRetries: 3,
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
    outbound: overrides.outbound ?? OutboundPolicy.fromConfig(['127.0.0.0/8', '::1', 'localhost']),
  });
}

const Ok = t.type({ ok: t.boolean });

describe('RemoteClient', () => {
  it.each(['https://closer.example/secret#', 'https://closer.example/a?', 'https://h/x?y=1'])(
    'refuses a base URL with a query or fragment (%s): it would pin every request to its path',
    (url) => {
      expect(() => client(fakeFetch([]), [], { url })).toThrow(/must not contain \? or #/);
    }
  );

  it('sends plain JSON with basic auth and decodes the answer', async () => {
    const fetch = fakeFetch([{ body: { ok: true } }]);
    const result = await client(fetch).request('POST', '/closer/_search', {
      body: { size: 1 },
      query: { scroll: '1m' },
      codec: Ok,
    });
    expect(result).toEqual({ status: 200, body: { ok: true } });
    expect(fetch.calls[0].url).toBe('https://closer.example:9243/closer/_search?scroll=1m');
    expect(fetch.calls[0].init.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from('reader:s3cret').toString('base64')}`,
    });
  });

  it('uses ApiKey auth', async () => {
    const fetch = fakeFetch([{ body: { ok: true } }]);
    await client(fetch, [], { credentials: { type: 'api_key', apiKey: 'abc' } }).request(
      'GET',
      '/',
      { codec: Ok }
    );
    expect(fetch.calls[0].init.headers.authorization).toBe('ApiKey abc');
  });

  it.each([401, 403])('stops at once on %i with a clear message and no secret', async (status) => {
    const fetch = fakeFetch([
      {
        status,
        body: {
          error: { type: 'security_exception', reason: 'unable to authenticate user [reader]' },
        },
      },
    ]);
    const sleeps: number[] = [];
    const error = await client(fetch, sleeps)
      .request('GET', '/x', { codec: Ok })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteAuthError);
    expect((error as Error).message).toMatch(
      status === 401 ? /rejected the credentials \(401 security_exception/ : /denied GET \/x \(403/
    );
    expect((error as Error).message).not.toMatch(/s3cret|cmVhZGVy/);
    expect(fetch.calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries 429 honouring Retry-After, and 5xx / network errors with backoff', async () => {
    const fetch = fakeFetch([
      {
        status: 429,
        headers: { 'retry-after': '7' },
        body: { error: { type: 'es_rejected_execution_exception', reason: 'busy' } },
      },
      { status: 503, body: 'Service Unavailable' },
      { error: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }) },
      { body: { ok: true } },
    ]);
    const sleeps: number[] = [];
    const c = client(fetch, sleeps, { backoff: { baseMs: 100, maxMs: 1000 } });
    await expect(c.request('GET', '/x', { codec: Ok })).resolves.toMatchObject({
      body: { ok: true },
    });
    expect(sleeps).toEqual([7000, 100, 200]);
    expect(c.requests).toBe(4);
    expect(c.retries).toBe(3);
  });

  it('gives up after maxRetries with the last error', async () => {
    const fetch = fakeFetch(
      Array.from({ length: 4 }, () => ({ status: 502, body: 'bad gateway' }))
    );
    await expect(client(fetch).request('GET', '/x', { codec: Ok })).rejects.toThrow(
      /answered 502 .*gave up after 3 retries/
    );
  });

  it('does not retry when told the request is not idempotent', async () => {
    const fetch = fakeFetch([{ status: 500, body: {} }]);
    await expect(
      client(fetch).request('POST', '/_search/scroll', { codec: Ok, retry: false })
    ).rejects.toBeInstanceOf(RemoteError);
    expect(fetch.calls).toHaveLength(1);
  });

  it('does not retry client errors, and names the ES error', async () => {
    const fetch = fakeFetch([
      {
        status: 400,
        body: {
          error: { root_cause: [{ type: 'parsing_exception', reason: 'unknown query [nope]' }] },
        },
      },
    ]);
    const error = (await client(fetch)
      .request('POST', '/x', { codec: Ok })
      .catch((e: unknown) => e)) as RemoteError;
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
    expect(error.errorType).toBe('parsing_exception');
    expect(error.message).toMatch(
      /answered 400 to POST \/x: parsing_exception: unknown query \[nope\]/
    );
  });

  it('rejects bodies that are not JSON or do not decode', async () => {
    await expect(
      client(fakeFetch([{ body: '<html>' }])).request('GET', '/x', { codec: Ok })
    ).rejects.toThrow(/not JSON/);
    await expect(
      client(fakeFetch([{ body: { ok: 'yes' } }])).request('GET', '/x', { codec: Ok })
    ).rejects.toThrow(/Unexpected response to GET \/x: unexpected or missing ok$/);
  });

  it('times out a hanging request and retries it', async () => {
    let calls = 0;
    const hanging: FetchLike = (_url, init) => {
      calls++;
      if (calls === 1) {
        return new Promise((_resolve, reject) =>
          init.signal.addEventListener('abort', () => reject(new Error('aborted')))
        );
      }
      return Promise.resolve({
        status: 200,
        headers: { get: () => null },
        text: async () => '{"ok":true}',
      });
    };
    const sleeps: number[] = [];
    await expect(
      client(hanging, sleeps, { requestTimeoutMs: 20 }).request('GET', '/x', { codec: Ok })
    ).resolves.toBeDefined();
    expect(calls).toBe(2);
  });

  it('stops on abort without retrying', async () => {
    const controller = new AbortController();
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal.addEventListener('abort', () => reject(new Error('aborted')))
      );
    const pending = client(fetch).request('GET', '/x', { codec: Ok, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });

  it('refuses credentials in the URL', () => {
    expect(() => client(fakeFetch([]), [], { url: 'https://u:p@h' })).toThrow(/not in the URL/);
  });
});
