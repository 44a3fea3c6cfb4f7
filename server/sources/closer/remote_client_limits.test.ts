/*
 * The Closer client against a real loopback HTTP server: byte caps on what it reads, and what
 * of another service's answer may appear in an error message (status, ES error type and reason,
 * never the raw body).
 */
import * as t from 'io-ts';
import { serveEndless, serveLoopback, stopLoopbackServers } from '../../__mocks__/loopback_server';
import { OutboundPolicy } from '../../lib/outbound/host_policy';
import { RemoteClient, RemoteError, ResponseTooLargeError } from './remote_client';

afterEach(stopLoopbackServers);

const MiB = 1024 * 1024;
const Ok = t.type({ ok: t.boolean });

function client(
  url: string,
  overrides: Partial<ConstructorParameters<typeof RemoteClient>[0]> = {}
) {
  return new RemoteClient({
    url,
    credentials: { type: 'basic', username: 'reader', password: 's3cret' },
    requestTimeoutMs: 10_000,
    maxRetries: 2,
    sleep: async () => undefined,
    // The test servers listen on loopback, which the default policy refuses.
    outbound: OutboundPolicy.fromConfig(['127.0.0.1']),
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(RemoteError);
  return error as RemoteError;
}

describe('RemoteClient reads with a byte cap', () => {
  it('fails an endless 2xx body at the cap, naming the limit, closing the connection, without retry', async () => {
    const remote = await serveEndless({ status: 200, fill: 'x' });
    const c = client(remote.url, { maxResponseBytes: MiB });
    try {
      const error = await failure(c.request('POST', '/closer/_search', { codec: Ok }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(
        "The answer of Closer's Elasticsearch to POST /closer/_search is larger than the 1 MiB limit"
      );
      await remote.closed;
      // Bounded by the cap plus socket buffers; unbounded reading would never get here.
      expect(remote.sent()).toBeLessThan(32 * MiB);
      expect(remote.requests()).toBe(1);
    } finally {
      await c.close();
    }
  });

  it('cuts an endless error body short and still reports the status', async () => {
    const remote = await serveEndless({ status: 500, fill: 'x' });
    const c = client(remote.url, { maxRetries: 0 });
    try {
      const error = await failure(c.request('GET', '/', { codec: Ok }));
      expect(error.status).toBe(500);
      expect(error.message).toBe(
        "Closer's Elasticsearch answered 500 to GET /: not an Elasticsearch error (over 64 KiB, not shown)"
      );
      await remote.closed;
    } finally {
      await c.close();
    }
  });
});

describe('RemoteClient error messages never echo another service', () => {
  const INTERNAL = 'ami-id=ami-0abc; iam/security-credentials/admin AKIAINTERNALSECRET';

  it('does not quote a non-JSON error body', async () => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(INTERNAL);
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.request('GET', '/latest/meta-data', { codec: Ok }));
      expect(error.message).toBe(
        `Closer's Elasticsearch answered 404 to GET /latest/meta-data: not an Elasticsearch error (${INTERNAL.length} bytes, not shown)`
      );
    } finally {
      await c.close();
    }
  });

  it('does not quote a non-JSON 2xx body', async () => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html>${INTERNAL}</html>`);
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.request('GET', '/', { codec: Ok }));
      expect(error.message).toMatch(
        /^GET \/ returned 200 with a body that is not JSON \(\d+ bytes, not shown\)/
      );
      expect(error.message).not.toContain('AKIA');
    } finally {
      await c.close();
    }
  });

  it('does not quote the values of a JSON answer of the wrong shape', async () => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: INTERNAL, Code: 'Success', SecretAccessKey: INTERNAL }));
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.request('GET', '/', { codec: Ok }));
      expect(error.message).toBe('Unexpected response to GET /: unexpected or missing ok');
    } finally {
      await c.close();
    }
  });

  it('does not quote JSON that is not an Elasticsearch error', async () => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: INTERNAL }));
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.request('GET', '/', { codec: Ok }));
      expect(error.message).not.toContain('AKIA');
      expect(error.message).toMatch(/answered 400 to GET \/: not an Elasticsearch error/);
    } finally {
      await c.close();
    }
  });

  it('quotes the Elasticsearch error type and reason, capped', async () => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { type: `${'t'.repeat(500)}`, reason: `${'r'.repeat(5000)}` } })
      );
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.request('GET', '/', { codec: Ok }));
      expect(error.message).toBe(
        `Closer's Elasticsearch answered 400 to GET /: ${'t'.repeat(97)}...: ${'r'.repeat(297)}...`
      );
      expect(error.errorType).toBe(`${'t'.repeat(97)}...`);
    } finally {
      await c.close();
    }
  });
});
