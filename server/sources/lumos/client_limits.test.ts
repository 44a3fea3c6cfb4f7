/*
 * The Lumos client against a real loopback HTTP server: the byte cap on a page, and what of
 * another service's answer may appear in an error (status and Lumos's `detail`, never raw text).
 */
import { serveEndless, serveLoopback, stopLoopbackServers } from '../../__mocks__/loopback_server';
import { OutboundPolicy } from '../../lib/outbound/host_policy';
import { LumosApiError, LumosClient } from './client';

afterEach(stopLoopbackServers);

const TOKEN = 'lsk_limits_test_token_0123456789';
const INTERNAL = 'iam/security-credentials/admin AKIAINTERNALSECRET';
const query = { since: '2024-03-12T00:00:00', until: '2024-03-13T00:00:00', limit: 100, offset: 0 };

function client(
  baseUrl: string,
  overrides: Partial<ConstructorParameters<typeof LumosClient>[0]> = {}
) {
  return new LumosClient({
    baseUrl,
    token: TOKEN,
    maxRetries: 1,
    backoff: { baseMs: 1, maxMs: 2 },
    // The test server listens on loopback, which the default policy refuses.
    outbound: OutboundPolicy.fromConfig(['127.0.0.1']),
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<LumosApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(LumosApiError);
  return error as LumosApiError;
}

describe('LumosClient reads with a byte cap', () => {
  it('fails an endless page at the cap, naming the limit, without retrying', async () => {
    const remote = await serveEndless({ fill: ' ', prefix: '{"items":[' });
    const c = client(remote.url, { maxPageBytes: 1024 * 1024 });
    try {
      const error = await failure(c.fetchPage(query));
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toBe(
        "Lumos's answer is larger than the 1 MiB limit for one page of activity logs"
      );
      await remote.closed;
      // Bounded by the cap plus socket buffers; unbounded reading would never get here.
      expect(remote.sent()).toBeLessThan(32 * 1024 * 1024);
      expect(remote.requests()).toBe(1);
    } finally {
      await c.close();
    }
  });
});

describe('LumosClient error messages never echo another service', () => {
  it.each([
    [500, 'Lumos answered HTTP 500; gave up after 1 retry'],
    [404, 'Lumos answered HTTP 404'],
    [422, 'Lumos rejected the request (HTTP 422)'],
    [200, 'Lumos returned a body that is not JSON (56 bytes, not shown); gave up after 1 retry'],
  ])('does not quote a non-JSON body (HTTP %i)', async (status, message) => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(`<p>${INTERNAL}</p>`);
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.fetchPage(query));
      expect(error.message).toBe(message);
    } finally {
      await c.close();
    }
  });

  it('does not quote the values of JSON of the wrong shape', async () => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: INTERNAL, AccessKeyId: INTERNAL }));
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.fetchPage(query));
      expect(error.message).not.toContain('AKIA');
      expect(error.message).toMatch(
        /^Lumos returned an activity-log page we cannot read: unexpected or missing items/
      );
    } finally {
      await c.close();
    }
  });

  it("quotes Lumos's detail, capped and without the token", async () => {
    const remote = await serveLoopback((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: `bad token ${TOKEN} ${'d'.repeat(5000)}` }));
    });
    const c = client(remote.url);
    try {
      const error = await failure(c.fetchPage(query));
      expect(error.kind).toBe('token_rejected');
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).toContain(`: bad token [token] ${'d'.repeat(179)}...)`);
    } finally {
      await c.close();
    }
  });
});
