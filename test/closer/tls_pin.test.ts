/*
 * A CA-fingerprint pin is as strong as a CA (issue #10, item 5), through `RemoteClient`, the
 * path every Closer request takes. A real local HTTPS "Elasticsearch" serves `GET /` and
 * `POST /closer/_search`; certificates are made with openssl at test time. The attack is a
 * forged leaf whose issuer DN equals the real CA's, presented with the real (public) CA
 * certificate: the previous pin check accepted it and sent the credentials.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo } from 'node:net';
import * as t from 'io-ts';
import { OutboundPolicy } from '../../server/lib/outbound/host_policy';
import {
  RemoteClient,
  RemoteError,
  type RemoteClientOptions,
} from '../../server/sources/closer/remote_client';
import type { CloserTlsOptions } from '../../server/sources/closer/config';
import { fingerprintOf, tlsFixtures, type KeyPair } from '../fixtures/tls_fixtures';

const fixtures = tlsFixtures();
const PASSWORD = 'pin-test-secret';
const LOOPBACK = OutboundPolicy.fromConfig(['127.0.0.0/8', '::1', 'localhost']);
const CA_PIN = fingerprintOf(fixtures.ca.cert);

interface Recorded {
  method?: string;
  url?: string;
  authorization?: string;
}

interface FakeEs {
  url: string;
  port: number;
  requests: Recorded[];
  /** TCP connections accepted. */
  connections: number;
  close(): Promise<void>;
}

async function startFakeEs(identity: KeyPair & { chain: string }): Promise<FakeEs> {
  const requests: Recorded[] = [];
  const server: HttpsServer = createHttpsServer(
    { key: identity.key, cert: identity.chain },
    (req, res) => {
      requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      req.resume();
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url === '/') {
        res.end(JSON.stringify({ cluster_name: 'closer', version: { number: '8.15.0' } }));
      } else if (req.method === 'POST' && req.url === '/closer/_search') {
        res.end(JSON.stringify({ hits: { total: { value: 0, relation: 'eq' }, hits: [] } }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { type: 'not_found', reason: 'no such path' } }));
      }
    }
  );
  const fake = { requests, connections: 0 };
  server.on('connection', () => fake.connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `https://localhost:${port}`,
    port,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  });
}

interface FakeProxy {
  url: string;
  connects: string[];
  close(): Promise<void>;
}

/** A CONNECT-only forward proxy on loopback, as a corporate proxy in front of Closer. */
async function startProxy(): Promise<FakeProxy> {
  const connects: string[] = [];
  const server: HttpServer = createHttpServer((_req, res) => {
    res.statusCode = 405;
    res.end();
  });
  server.on('connect', (req, client, head) => {
    connects.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    // Only loopback targets: the test never sends a packet anywhere else.
    if (host !== 'localhost' && host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = netConnect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

const Root = t.type({ version: t.type({ number: t.string }) });
const Search = t.type({ hits: t.type({ hits: t.array(t.unknown) }) });

const clients: RemoteClient[] = [];
function client(url: string, tls: CloserTlsOptions, overrides: Partial<RemoteClientOptions> = {}) {
  const c = new RemoteClient({
    url,
    credentials: { type: 'basic', username: 'reader', password: PASSWORD },
    requestTimeoutMs: 10_000,
    maxRetries: 0,
    tls,
    outbound: LOOPBACK,
    ...overrides,
  });
  clients.push(c);
  return c;
}

async function search(c: RemoteClient) {
  await c.request('GET', '/', { codec: Root });
  return c.request('POST', '/closer/_search', { body: { size: 0 }, codec: Search });
}

async function refusal(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(RemoteError);
  return error as RemoteError;
}

describe('Closer CA-fingerprint pin (real TLS on loopback)', () => {
  let genuine: FakeEs;
  let forged: FakeEs;
  let wrongHost: FakeEs;
  let signedByLeaf: FakeEs;
  let proxy: FakeProxy;

  beforeAll(async () => {
    [genuine, forged, wrongHost, signedByLeaf, proxy] = await Promise.all([
      startFakeEs(fixtures.genuine),
      startFakeEs(fixtures.forged),
      startFakeEs(fixtures.wrongHost),
      startFakeEs(fixtures.signedByLeaf),
      startProxy(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await Promise.all([genuine, forged, wrongHost, signedByLeaf, proxy].map((s) => s.close()));
  });

  it('accepts the genuine server with the CA fingerprint pinned, by name and by IP', async () => {
    await expect(search(client(genuine.url, { caFingerprint: CA_PIN }))).resolves.toMatchObject({
      status: 200,
    });
    await search(client(`https://127.0.0.1:${genuine.port}`, { caFingerprint: CA_PIN }));
    // Lower case without colons is the same pin.
    const bare = CA_PIN.split(':').join('').toLowerCase();
    await search(client(genuine.url, { caFingerprint: bare }));
    expect(genuine.requests.map((r) => `${r.method} ${r.url}`)).toContain('POST /closer/_search');
    expect(genuine.requests[0].authorization).toMatch(/^Basic /);
  });

  it('accepts a pin of the leaf itself', async () => {
    await search(client(genuine.url, { caFingerprint: fingerprintOf(fixtures.genuine.cert) }));
  });

  it('refuses a forged leaf with the real CA names and certificate, and sends it nothing', async () => {
    const error = await refusal(search(client(forged.url, { caFingerprint: CA_PIN })));
    // First of all: the impostor received no request, so no credentials.
    expect(forged.requests).toEqual([]);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/signature .* does not verify/);
    // It did reach the impostor (TLS ran), and sent it nothing.
    expect(forged.connections).toBeGreaterThan(0);
    expect(forged.requests).toEqual([]);
    expect(error.message).not.toContain(PASSWORD);
  });

  it('refuses the forged chain with the same pin through a proxy too', async () => {
    const error = await refusal(
      search(client(forged.url, { caFingerprint: CA_PIN }, { proxyUrl: proxy.url }))
    );
    expect(error.message).toMatch(/does not verify/);
    expect(proxy.connects).toContain(`localhost:${forged.port}`);
    expect(forged.requests).toEqual([]);
  });

  it('keeps the pin through a CONNECT proxy for the genuine server', async () => {
    proxy.connects.length = 0;
    const before = genuine.requests.length;
    await search(client(genuine.url, { caFingerprint: CA_PIN }, { proxyUrl: proxy.url }));
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(new Set(proxy.connects)).toEqual(new Set([`localhost:${genuine.port}`]));
    expect(genuine.requests.length).toBe(before + 2);
  });

  it('refuses a certificate of the pinned CA for another host name', async () => {
    const error = await refusal(search(client(wrongHost.url, { caFingerprint: CA_PIN })));
    expect(error.message).toMatch(/elsewhere\.example|does not match/i);
    expect(wrongHost.requests).toEqual([]);
    // The same server by IP: the certificate does not name 127.0.0.1 either.
    await refusal(search(client(`https://127.0.0.1:${wrongHost.port}`, { caFingerprint: CA_PIN })));
    expect(wrongHost.requests).toEqual([]);
  });

  it('refuses a chain that reaches the pin only through a certificate that is not a CA', async () => {
    const leafPin = fingerprintOf(fixtures.genuine.cert);
    await refusal(search(client(signedByLeaf.url, { caFingerprint: leafPin })));
    expect(signedByLeaf.requests).toEqual([]);
  });

  it('enforces `ca` and the fingerprint together', async () => {
    // Both right.
    await search(client(genuine.url, { ca: fixtures.ca.cert, caFingerprint: CA_PIN }));
    // The pin matches but `ca` does not: the previous check ignored `ca` here.
    const wrongCa = await refusal(
      search(client(genuine.url, { ca: fixtures.otherCa.cert, caFingerprint: CA_PIN }))
    );
    expect(wrongCa.retryable).toBe(false);
    expect(wrongCa.message).toMatch(/refused/);
    // `ca` verifies but the pin is of another certificate.
    await refusal(
      search(
        client(genuine.url, {
          ca: fixtures.ca.cert,
          caFingerprint: fingerprintOf(fixtures.otherCa.cert),
        })
      )
    );
    // `ca` alone is normal verification: the genuine server passes, the forged one does not.
    await search(client(genuine.url, { ca: fixtures.ca.cert }));
    await refusal(search(client(forged.url, { ca: fixtures.ca.cert })));
    expect(forged.requests).toEqual([]);
  });

  it('refuses a pin that matches nothing in the chain', async () => {
    const error = await refusal(
      search(client(genuine.url, { caFingerprint: fingerprintOf(fixtures.otherCa.cert) }))
    );
    expect(error.message).toMatch(/pinned CA fingerprint/);
  });

  it('without pin or ca, a private CA is not trusted (system CAs)', async () => {
    await refusal(search(client(genuine.url, {})));
  });
});
