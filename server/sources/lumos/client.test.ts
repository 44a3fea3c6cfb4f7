import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../../dev/lumos_simulator/lumos_simulator';
import type { LumosActivityLogPage } from './activity_log';
import { once } from 'node:events';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tlsFixtures } from '../../../test/fixtures/tls_fixtures';
import { OutboundPolicy } from '../../lib/outbound/host_policy';
import { LumosApiError, LumosClient, nextOffset, offsetOfLink } from './client';

/** The simulator listens on loopback, which only an explicit entry opens. */
const outbound = OutboundPolicy.fromConfig(['127.0.0.0/8', '::1', 'localhost']);

/** Test pages skip the codec (and so its Int brand). */
const page = (value: object) => value as LumosActivityLogPage;

const fast = { backoff: { baseMs: 1, maxMs: 5 } };

describe('LumosClient against the simulator', () => {
  let sim: LumosSimulator;
  const end = Date.UTC(2024, 2, 13);
  beforeAll(async () => {
    sim = await startLumosSimulator({
      tenant: { count: 250, seed: 7, start: end - 86_400_000, end },
    });
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.clearFaults();
    sim.requests.length = 0;
  });

  const query = {
    since: '2024-03-12T00:00:00',
    until: '2024-03-13T00:00:00',
    limit: 100,
    offset: 0,
  };
  const client = (overrides: Partial<ConstructorParameters<typeof LumosClient>[0]> = {}) =>
    new LumosClient({ baseUrl: sim.url, token: sim.token, outbound, ...fast, ...overrides });

  it('sends the bearer token and the window, and pages by links.next', async () => {
    const c = client();
    const first = await c.fetchPage(query);
    expect(first.page.items).toHaveLength(100);
    expect(first.page.total).toBe(250);
    expect(first.nextOffset).toBe(100);
    const last = await c.fetchPage({ ...query, offset: 200 });
    expect(last.page.items).toHaveLength(50);
    expect(last.nextOffset).toBeUndefined();
    expect(sim.requests[0].authorization).toBe(`Bearer ${sim.token}`);
    expect(sim.requests[0].query).toEqual({ since: query.since, until: query.until, limit: '100' });
    expect(sim.requests[1].query.offset).toBe('200');
  });

  it('keeps a path prefix of the base URL and never a host from a link', () => {
    const c = new LumosClient({ baseUrl: 'https://gw.example.com/lumos/', token: 't', outbound });
    expect(c.pageUrl({ ...query, offset: 5 })).toBe(
      'https://gw.example.com/lumos/activity_logs?since=2024-03-12T00%3A00%3A00&until=2024-03-13T00%3A00%3A00&limit=100&offset=5'
    );
    expect(offsetOfLink('https://evil.example.com/activity_logs?since=x&offset=300')).toBe(300);
    expect(offsetOfLink('/activity_logs?since=2024-03-12T00%3A00%3A00&limit=100&offset=2')).toBe(2);
    expect(offsetOfLink('/activity_logs')).toBeUndefined();
  });

  it('works out the next offset without links, and never goes backwards', () => {
    const q = { ...query, offset: 100 };
    expect(nextOffset(q, page({ items: [1, 2], total: 150 }))).toBe(102);
    expect(nextOffset(q, page({ items: [1, 2], total: 102 }))).toBeUndefined();
    expect(nextOffset(q, page({ items: [], total: 500 }))).toBeUndefined();
    expect(
      nextOffset(q, { items: [1], links: { next: '/activity_logs?offset=100' } })
    ).toBeUndefined();
    expect(nextOffset(q, page({ items: [1], links: { next: null }, total: 500 }))).toBeUndefined();
  });

  it('rides out 429 (honouring Retry-After) and 5xx', async () => {
    sim.injectFaults(
      { type: 'status', status: 429, retryAfter: '1' },
      { type: 'status', status: 500 },
      { type: 'status', status: 503 },
      { type: 'status', status: 502 }
    );
    const c = client();
    const started = Date.now();
    const { page } = await c.fetchPage(query);
    expect(page.items).toHaveLength(100);
    expect(c.stats).toEqual({ requests: 5, retries: 4 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up after the retry limit with the last status', async () => {
    sim.injectFaults(
      ...Array.from({ length: 3 }, () => ({ type: 'status' as const, status: 500 }))
    );
    await expect(client({ maxRetries: 2 }).fetchPage(query)).rejects.toThrow(
      /Lumos answered HTTP 500; gave up after 2 retries/
    );
  });

  it('stops at once on a long Retry-After instead of sleeping through the task', async () => {
    sim.injectFaults({ type: 'status', status: 429, retryAfter: '3600' });
    await expect(client().fetchPage(query)).rejects.toMatchObject({ kind: 'rate_limited' });
  });

  it('fails fast on a bad token, without retrying and without echoing it', async () => {
    const c = new LumosClient({ baseUrl: sim.url, token: 'lsk_wrong_secret', outbound, ...fast });
    const error = await c.fetchPage(query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LumosApiError);
    expect((error as LumosApiError).kind).toBe('token_rejected');
    expect((error as Error).message).toMatch(
      /Lumos rejected the API token \(HTTP 401: Invalid API token\)/
    );
    expect((error as Error).message).not.toContain('lsk_wrong_secret');
    expect(c.stats.requests).toBe(1);
  });

  it("reports Lumos's 422 detail", async () => {
    await expect(client().fetchPage({ ...query, limit: 500 })).rejects.toThrow(
      'Lumos rejected the request (HTTP 422): query.limit: Input should be less than or equal to 100'
    );
  });

  it('retries a truncated body and names the field of a body that does not decode', async () => {
    sim.injectFaults({ type: 'truncate' });
    const c = client();
    await expect(c.fetchPage(query)).resolves.toBeDefined();
    expect(c.stats.retries).toBe(1);

    sim.injectFaults({ type: 'body', body: JSON.stringify({ items: 'none', total: 'many' }) });
    await expect(client().fetchPage(query)).rejects.toThrow(
      /^Lumos returned an activity-log page we cannot read: unexpected or missing items, total$/
    );
  });

  it('times out a slow response and retries it', async () => {
    sim.injectFaults({ type: 'delay', ms: 400 });
    const c = client({ requestTimeoutMs: 100 });
    await expect(c.fetchPage(query)).resolves.toBeDefined();
    expect(c.stats.retries).toBe(1);
  });

  it('stops when aborted, even while waiting to retry', async () => {
    sim.injectFaults({ type: 'status', status: 429, retryAfter: '30' });
    const controller = new AbortController();
    const pending = client({ signal: controller.signal }).fetchPage(query);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('LumosClient connections (outbound policy and TLS trust)', () => {
  const fixtures = tlsFixtures();
  const query = {
    since: '2024-03-12T00:00:00',
    until: '2024-03-13T00:00:00',
    limit: 10,
    offset: 0,
  };
  let server: HttpsServer;
  let url: string;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    // A Lumos stand-in behind a private CA, on loopback.
    server = createHttpsServer(
      { key: fixtures.genuine.key, cert: fixtures.genuine.chain },
      (req, res) => {
        seen.push(req.headers.authorization);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ items: [], total: 0 }));
      }
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('trusts the configured CA, and refuses a server it did not sign, without retrying', async () => {
    const ok = new LumosClient({
      baseUrl: url,
      token: 'lsk_t',
      caCert: fixtures.ca.cert,
      outbound,
    });
    await expect(ok.fetchPage(query)).resolves.toMatchObject({ page: { items: [] } });
    await ok.close();
    expect(seen).toEqual(['Bearer lsk_t']);

    const other = new LumosClient({
      baseUrl: url,
      token: 'lsk_t',
      caCert: fixtures.otherCa.cert,
      outbound,
      ...fast,
    });
    const error = await other.fetchPage(query).catch((e: unknown) => e);
    await other.close();
    expect(error).toBeInstanceOf(LumosApiError);
    expect((error as Error).message).toMatch(/TLS peer localhost refused/);
    expect(other.stats.requests).toBe(1);
    expect(seen).toEqual(['Bearer lsk_t']);
  });

  it('refuses loopback under the default policy before connecting, without retrying', async () => {
    const c = new LumosClient({
      baseUrl: url,
      token: 'lsk_t',
      caCert: fixtures.ca.cert,
      outbound: OutboundPolicy.fromConfig(['*']),
      ...fast,
    });
    const error = await c.fetchPage(query).catch((e: unknown) => e);
    await c.close();
    expect((error as Error).message).toMatch(/Refused to connect to localhost.*allowedHosts/);
    expect(c.stats.requests).toBe(1);
    expect(seen).toEqual([]);
  });
});
