/*
 * The connector checks the policy before any socket exists. Traffic goes to loopback only;
 * other addresses come from a stubbed `lookup` and must be refused before `net.connect` /
 * `tls.connect` is ever called (spies prove it).
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { fetch, type Dispatcher } from 'undici';
import { createOutboundDispatcher, type OutboundDispatcherOptions } from './dispatcher';
import { OutboundPolicy, OutboundRefusedError } from './host_policy';
import { TlsTrustError } from './tls_trust';

const PUBLIC_ONLY = OutboundPolicy.fromConfig(['*']);
const LOOPBACK = OutboundPolicy.fromConfig(['*', '127.0.0.0/8', '::1']);

const dispatchers: Dispatcher[] = [];
function dispatcher(options: OutboundDispatcherOptions): Dispatcher {
  const d = createOutboundDispatcher({ connectTimeoutMs: 5000, ...options });
  dispatchers.push(d);
  return d;
}

/** The `cause` fetch wraps a connector error in. */
async function causeOf(url: string, d: Dispatcher): Promise<unknown> {
  const error = await fetch(url, { dispatcher: d }).then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(Error);
  return (error as { cause?: unknown }).cause;
}

const stubLookup = (table: Record<string, string[]>) => {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: net.isIP(address) }));
  };
  return Object.assign(lookup, { calls });
};

describe('createOutboundDispatcher: the policy comes before any socket', () => {
  let netSpy: jest.SpyInstance;
  let tlsSpy: jest.SpyInstance;
  beforeEach(() => {
    netSpy = jest.spyOn(net, 'connect');
    tlsSpy = jest.spyOn(tls, 'connect');
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(dispatchers.splice(0).map((d) => d.close()));
  });

  const noSocket = () => {
    expect(netSpy).not.toHaveBeenCalled();
    expect(tlsSpy).not.toHaveBeenCalled();
  };

  it('refuses a name resolving to the metadata address, without connecting', async () => {
    const lookup = stubLookup({ 'innocent.example': ['169.254.169.254'] });
    const cause = await causeOf(
      'https://innocent.example/latest/meta-data/',
      dispatcher({ policy: PUBLIC_ONLY, lookup })
    );
    expect(cause).toBeInstanceOf(OutboundRefusedError);
    expect((cause as Error).message).toMatch(/169\.254\.169\.254.*cloud metadata/);
    expect(lookup.calls).toEqual(['innocent.example']);
    noSocket();
  });

  it('refuses when any one of the resolved addresses is refused', async () => {
    const lookup = stubLookup({ 'mixed.example': ['93.184.216.34', '10.0.0.7'] });
    const cause = await causeOf(
      'http://mixed.example/',
      dispatcher({ policy: PUBLIC_ONLY, lookup })
    );
    expect(cause).toBeInstanceOf(OutboundRefusedError);
    expect((cause as Error).message).toMatch(/10\.0\.0\.7.*private/);
    noSocket();
  });

  it('checks literal IPs without resolving them', async () => {
    const lookup = stubLookup({});
    for (const url of ['http://169.254.169.254/', 'http://[::ffff:169.254.169.254]/']) {
      const cause = await causeOf(url, dispatcher({ policy: PUBLIC_ONLY, lookup }));
      expect(cause).toBeInstanceOf(OutboundRefusedError);
    }
    expect(lookup.calls).toEqual([]);
    noSocket();
  });

  it('refuses loopback unless listed', async () => {
    const cause = await causeOf('http://127.0.0.1:9200/', dispatcher({ policy: PUBLIC_ONLY }));
    expect(cause).toBeInstanceOf(OutboundRefusedError);
    noSocket();
  });

  it('checks the proxy with the policy, by IP and by name', async () => {
    const lookup = stubLookup({ 'proxy.corp.example': ['169.254.169.254'] });
    for (const proxyUrl of ['http://169.254.169.254:3128', 'http://proxy.corp.example:3128']) {
      const cause = await causeOf(
        'https://api.lumos.com/activity_logs',
        dispatcher({ policy: PUBLIC_ONLY, proxyUrl, lookup })
      );
      expect(cause).toBeInstanceOf(OutboundRefusedError);
      expect((cause as Error).message).toMatch(/169\.254\.169\.254/);
    }
    noSocket();
  });

  it('through a proxy, refuses a target name that resolves here to a refused address', async () => {
    const lookup = stubLookup({ 'sneaky.example': ['169.254.169.254'], proxy: ['127.0.0.1'] });
    const cause = await causeOf(
      'http://sneaky.example/',
      dispatcher({ policy: LOOPBACK, proxyUrl: 'http://proxy:3128', lookup })
    );
    expect(cause).toBeInstanceOf(OutboundRefusedError);
    noSocket();
  });

  it('refuses an unusable proxy URL at construction', () => {
    expect(() => createOutboundDispatcher({ policy: LOOPBACK, proxyUrl: 'socks5://x:1' })).toThrow(
      OutboundRefusedError
    );
    expect(() =>
      createOutboundDispatcher({ policy: LOOPBACK, proxyUrl: 'http://%E0%A4%A@proxy:1' })
    ).toThrow(OutboundRefusedError);
    expect(() =>
      createOutboundDispatcher({ policy: LOOPBACK, trust: { caFingerprint: 'AB:CD' } })
    ).toThrow(TlsTrustError);
  });
});

interface Seen {
  url?: string;
  headers: IncomingHttpHeaders;
}

describe('createOutboundDispatcher on loopback', () => {
  let server: Server;
  let port: number;
  const seen: Seen[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, headers: req.headers });
      res.end('ok');
    });
    server.on('connect', (req, socket) => {
      // As a proxy: tunnels every CONNECT to this same server (whatever name was asked for).
      seen.push({ url: `CONNECT ${req.url}`, headers: req.headers });
      const upstream = net.connect(port, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  afterEach(async () => {
    seen.length = 0;
    jest.restoreAllMocks();
    await Promise.all(dispatchers.splice(0).map((d) => d.close()));
  });

  it('connects to the address it checked, with the name in Host', async () => {
    // `rebind.test` does not exist: the request can only arrive if the connector used the
    // checked answer of our lookup, not a second resolution of its own.
    const lookup = stubLookup({ 'rebind.test': ['127.0.0.1'] });
    const netSpy = jest.spyOn(net, 'connect');
    const response = await fetch(`http://rebind.test:${port}/x`, {
      dispatcher: dispatcher({ policy: LOOPBACK, lookup }),
    });
    expect(await response.text()).toBe('ok');
    expect(seen[0].headers.host).toBe(`rebind.test:${port}`);
    expect(lookup.calls).toEqual(['rebind.test']);
    expect(netSpy.mock.calls[0][0]).toMatchObject({ host: '127.0.0.1', port });
  });

  it('tries the next checked address when one does not answer', async () => {
    // Nothing listens on 127.0.0.2 (the server is bound to 127.0.0.1): refused, then the next.
    const lookup = stubLookup({ 'two.test': ['127.0.0.2', '127.0.0.1'] });
    const response = await fetch(`http://two.test:${port}/z`, {
      dispatcher: dispatcher({ policy: LOOPBACK, lookup }),
    });
    expect(await response.text()).toBe('ok');
    expect(seen[0].url).toBe('/z');
  });

  it('tunnels through a proxy with CONNECT and the proxy credentials', async () => {
    const lookup = stubLookup({});
    const d = dispatcher({
      policy: LOOPBACK,
      proxyUrl: `http://us%40er:p%3Ass@127.0.0.1:${port}`,
      lookup,
    });
    // The target does not resolve here: the proxy resolves it (ours maps it to itself).
    const response = await fetch('http://only-the-proxy-knows.test:8080/y', { dispatcher: d });
    expect(await response.text()).toBe('ok');
    expect(seen[0].url).toBe('CONNECT only-the-proxy-knows.test:8080');
    expect(seen[0].headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`
    );
    expect(seen[1]).toMatchObject({ url: '/y' });
    expect(seen[1].headers['proxy-authorization']).toBeUndefined();
  });

  it('fails clearly when the proxy refuses CONNECT', async () => {
    const refusing = createServer();
    refusing.on('connect', (_req, socket) => socket.end('HTTP/1.1 407 Auth\r\n\r\n'));
    refusing.listen(0, '127.0.0.1');
    await once(refusing, 'listening');
    const proxyPort = (refusing.address() as net.AddressInfo).port;
    try {
      const cause = await causeOf(
        `http://127.0.0.1:${port}/`,
        dispatcher({ policy: LOOPBACK, proxyUrl: `http://127.0.0.1:${proxyPort}` })
      );
      expect((cause as Error).message).toMatch(/proxy requires authentication \(407\)/);
    } finally {
      refusing.close();
    }
  });

  it('times out a TLS handshake that never completes', async () => {
    // Accepts TCP, never answers the ClientHello.
    const silent = net.createServer(() => undefined);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const silentPort = (silent.address() as net.AddressInfo).port;
    try {
      const cause = await causeOf(
        `https://127.0.0.1:${silentPort}/`,
        dispatcher({ policy: LOOPBACK, connectTimeoutMs: 200 })
      );
      expect((cause as Error).message).toMatch(/Connect timeout after 200 ms/);
    } finally {
      silent.close();
    }
  });
});
