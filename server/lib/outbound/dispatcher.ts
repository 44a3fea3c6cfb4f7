/*
 * The one way the plugin opens a connection to a source (Lumos, Closer's Elasticsearch).
 *
 * An undici Agent with our own connector, because each of these must happen in the connector
 * and neither undici's default connector nor its ProxyAgent offers a hook for them:
 *
 * - the target name is resolved here and EVERY address is checked with the outbound policy
 *   before any socket exists; the socket then goes to the checked address, so a DNS answer that
 *   changes after the check (rebinding) is never used;
 * - the TLS peer is verified (tls_trust.ts: CA, pin, host name) after the handshake and before
 *   undici gets the socket, so not one byte of the request (credentials!) reaches a peer that
 *   failed;
 * - through a proxy: the proxy's own addresses are checked with the policy, an HTTP CONNECT
 *   tunnel is opened to the target, and the same TLS trust and pin run over the tunnel. undici's
 *   ProxyAgent hands TLS options to its own connector and gives no way to verify the peer after
 *   the handshake, so a pin could not survive it.
 */
import { lookup as dnsLookup } from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { Agent, errors as undiciErrors, type buildConnector, type Dispatcher } from 'undici';
import { OutboundRefusedError, type OutboundPolicy } from './host_policy';
import {
  normalizeTrust,
  peerTrustError,
  tlsConnectOptions,
  TlsTrustError,
  type TlsTrust,
} from './tls_trust';

/** What the connector needs of the policy (a fake in tests). */
export type AddressPolicy = Pick<OutboundPolicy, 'hostError' | 'addressError'>;

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type OutboundLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface OutboundDispatcherOptions {
  policy: AddressPolicy;
  /** Trust for the target's TLS; nothing: the system CAs. */
  trust?: TlsTrust;
  /** http(s)://[user:password@]host:port of a proxy; targets are reached by CONNECT through it. */
  proxyUrl?: string;
  /** Trust for an https proxy's own TLS; nothing: the system CAs. */
  proxyTrust?: TlsTrust;
  /** Name resolution; default `dns.lookup` with `all: true`. */
  lookup?: OutboundLookup;
  /** Resolution, TCP, CONNECT and TLS handshake together. */
  connectTimeoutMs?: number;
}

/** undici's own default connect timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** A CONNECT answer is a status line and a few headers; more is not a proxy we want. */
export const MAX_PROXY_RESPONSE_BYTES = 16 * 1024;
/** Least time given to one of several addresses of a name before trying the next. */
const MIN_ADDRESS_TIMEOUT_MS = 1000;

const defaultLookup: OutboundLookup = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses)
    );
  });

interface Endpoint {
  /** Name as in the URL, IPv6 without brackets. */
  hostname: string;
  port: number;
}

interface Proxy extends Endpoint {
  https: boolean;
  authorization?: string;
}

function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function authority({ hostname, port }: Endpoint): string {
  return `${net.isIPv6(hostname) ? `[${hostname}]` : hostname}:${port}`;
}

function parseProxy(proxyUrl: string): Proxy {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    throw new OutboundRefusedError('The proxy URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRefusedError(
      `Unsupported proxy protocol ${url.protocol} (use http or https)`
    );
  }
  const https = url.protocol === 'https:';
  let credentials: string | undefined;
  try {
    credentials =
      url.username || url.password
        ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
        : undefined;
  } catch {
    throw new OutboundRefusedError('The proxy credentials are not validly percent-encoded');
  }
  return {
    hostname: bare(url.hostname),
    port: url.port ? Number(url.port) : https ? 443 : 80,
    https,
    ...(credentials
      ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
      : {}),
  };
}

/** Sockets of one connection attempt, destroyed together when it fails or times out. */
class Attempt {
  private readonly sockets: net.Socket[] = [];
  failed = false;

  track<S extends net.Socket>(socket: S): S {
    this.sockets.push(socket);
    if (this.failed) socket.destroy();
    return socket;
  }

  abort(): void {
    this.failed = true;
    for (const socket of this.sockets) socket.destroy();
  }
}

function settle(socket: net.Socket, event: 'connect' | 'secureConnect'): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      socket.off(event, onDone);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const onDone = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('socket closed before the connection was established'));
    };
    socket.once(event, onDone);
    socket.once('error', onError);
    socket.once('close', onClose);
  });
}

class OutboundConnector {
  private readonly trust: TlsTrust;
  private readonly proxyTrust: TlsTrust;
  private readonly proxy?: Proxy;
  private readonly lookup: OutboundLookup;
  private readonly timeoutMs: number;

  constructor(private readonly options: OutboundDispatcherOptions) {
    this.trust = normalizeTrust(options.trust);
    this.proxyTrust = normalizeTrust(options.proxyTrust);
    this.proxy = options.proxyUrl ? parseProxy(options.proxyUrl) : undefined;
    this.lookup = options.lookup ?? defaultLookup;
    this.timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  readonly connect: buildConnector.connector = (opts, callback) => {
    const target: Endpoint = {
      hostname: bare(opts.hostname),
      port: opts.port ? Number(opts.port) : opts.protocol === 'https:' ? 443 : 80,
    };
    const attempt = new Attempt();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        attempt.abort();
        reject(
          new undiciErrors.ConnectTimeoutError(
            `Connect timeout after ${this.timeoutMs} ms (${authority(target)})`
          )
        );
      }, this.timeoutMs);
    });
    Promise.race([this.open(target, opts.protocol === 'https:', attempt), timeout]).then(
      (socket) => {
        clearTimeout(timer);
        callback(null, socket);
      },
      (error: Error) => {
        clearTimeout(timer);
        attempt.abort();
        callback(error, null);
      }
    );
  };

  private async open(target: Endpoint, https: boolean, attempt: Attempt): Promise<net.Socket> {
    const { policy } = this.options;
    const refused = policy.hostError(target.hostname);
    if (refused) throw new OutboundRefusedError(refused);
    let socket: net.Socket;
    if (this.proxy) {
      await this.checkTargetBehindProxy(target);
      socket = await this.tunnel(this.proxy, target, attempt);
    } else {
      socket = await this.tcp(target, attempt);
    }
    return https ? this.secure(socket, target.hostname, this.trust, attempt) : socket;
  }

  /** Every address of `endpoint`, all checked with the policy; refuses if any one is refused. */
  private async checkedAddresses(endpoint: Endpoint): Promise<readonly string[]> {
    const { policy } = this.options;
    const { hostname } = endpoint;
    const addresses = net.isIP(hostname)
      ? [hostname]
      : (await this.lookup(hostname)).map((entry) => entry.address);
    if (addresses.length === 0) throw new Error(`${hostname} did not resolve to any address`);
    for (const address of addresses) {
      const refused = policy.addressError(hostname, address);
      if (refused) throw new OutboundRefusedError(refused);
    }
    return addresses;
  }

  /**
   * The proxy resolves the target, and in many networks only the proxy can. So a name that does
   * not resolve here is left to the proxy (its name passed `hostError`), but a name that resolves
   * here to a refused address is refused: the usual case of a name pointing inside.
   */
  private async checkTargetBehindProxy(target: Endpoint): Promise<void> {
    if (net.isIP(target.hostname)) {
      await this.checkedAddresses(target);
      return;
    }
    let addresses: readonly ResolvedAddress[];
    try {
      addresses = await this.lookup(target.hostname);
    } catch {
      return;
    }
    for (const { address } of addresses) {
      const refused = this.options.policy.addressError(target.hostname, address);
      if (refused) throw new OutboundRefusedError(refused);
    }
  }

  /** TCP to the first checked address that answers. */
  private async tcp(endpoint: Endpoint, attempt: Attempt): Promise<net.Socket> {
    const addresses = await this.checkedAddresses(endpoint);
    // A silent address (e.g. IPv6 without a route) must leave time for the next ones.
    const perAddressMs = Math.max(MIN_ADDRESS_TIMEOUT_MS, this.timeoutMs / addresses.length);
    let lastError: Error | undefined;
    for (const address of addresses) {
      if (attempt.failed) break;
      const socket = attempt.track(net.connect({ host: address, port: endpoint.port }));
      if (addresses.length > 1) {
        socket.setTimeout(perAddressMs, () =>
          socket.destroy(new Error(`${address} did not answer within ${perAddressMs} ms`))
        );
      }
      try {
        await settle(socket, 'connect');
        socket.setTimeout(0);
        // As undici's own connector does.
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 60_000);
        return socket;
      } catch (error) {
        socket.destroy();
        lastError = error as Error;
      }
    }
    throw lastError ?? new Error(`Could not connect to ${authority(endpoint)}`);
  }

  private async secure(
    socket: net.Socket,
    hostname: string,
    trust: TlsTrust,
    attempt: Attempt
  ): Promise<tls.TLSSocket> {
    const secure = attempt.track(
      tls.connect({
        socket,
        // SNI carries names only (RFC 6066); an IP target is checked against the IP SANs.
        ...(net.isIP(hostname) ? {} : { servername: hostname }),
        ...tlsConnectOptions(trust, hostname),
      })
    );
    try {
      await settle(secure, 'secureConnect');
    } catch (error) {
      // Node's own verification (CA, host name) failed: a trust failure, not a network one.
      const verification = secure.authorizationError;
      if (verification) {
        throw new TlsTrustError(`TLS peer ${hostname} refused: ${String(verification)}`);
      }
      throw error;
    }
    const untrusted = peerTrustError(secure, hostname, trust);
    if (untrusted) {
      secure.destroy();
      throw new TlsTrustError(`TLS peer ${hostname} refused: ${untrusted}`);
    }
    return secure;
  }

  private async tunnel(proxy: Proxy, target: Endpoint, attempt: Attempt): Promise<net.Socket> {
    const refused = this.options.policy.hostError(proxy.hostname);
    if (refused) throw new OutboundRefusedError(`Proxy: ${refused}`);
    const tcp = await this.tcp(proxy, attempt);
    const socket = proxy.https
      ? await this.secure(tcp, proxy.hostname, this.proxyTrust, attempt)
      : tcp;
    const head = [
      `CONNECT ${authority(target)} HTTP/1.1`,
      `host: ${authority(target)}`,
      ...(proxy.authorization ? [`proxy-authorization: ${proxy.authorization}`] : []),
      '',
      '',
    ].join('\r\n');
    socket.write(head);
    await readConnectResponse(socket, authority(target));
    return socket;
  }
}

/**
 * Reads the proxy's answer to CONNECT; resolves on 2xx with the socket paused and nothing read
 * beyond the header (a proxy that sends more before we speak is not one we trust).
 */
function readConnectResponse(socket: net.Socket, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.pause();
    };
    const fail = (message: string) => {
      cleanup();
      reject(new Error(message));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => fail(`The proxy closed the connection to ${target}`);
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) {
        if (size > MAX_PROXY_RESPONSE_BYTES) fail('The proxy sent an oversized CONNECT answer');
        return;
      }
      if (end + 4 !== all.length) {
        fail('The proxy sent data before the tunnel was used');
        return;
      }
      const statusLine = all.subarray(0, Math.min(all.indexOf('\r\n'), 200)).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
      if (!match) {
        fail('The proxy did not answer CONNECT with HTTP');
        return;
      }
      const status = Number(match[1]);
      if (status < 200 || status > 299) {
        fail(
          status === 407
            ? `The proxy requires authentication (407) for ${target}`
            : `The proxy refused CONNECT to ${target} (HTTP ${status})`
        );
        return;
      }
      cleanup();
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
  });
}

/**
 * The dispatcher of a source client. Throws OutboundRefusedError for a proxy URL that cannot be
 * used and TlsTrustError for a fingerprint that is not a SHA-256; connections it refuses fail
 * with those errors as the `cause` of fetch's error.
 */
export function createOutboundDispatcher(options: OutboundDispatcherOptions): Dispatcher {
  return new Agent({ connect: new OutboundConnector(options).connect });
}
