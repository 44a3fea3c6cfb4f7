/*
 * A deliberately small Elasticsearch client for Closer's cluster. Not @elastic/elasticsearch:
 * its product check throws on every 2xx without `x-elastic-product` (ES < 7.14) and its
 * `compatible-with` headers get 400/406 from older majors. Plain JSON over fetch works on
 * 6.x through 9.x.
 */
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { Agent, buildConnector, fetch as undiciFetch, ProxyAgent, type Dispatcher } from 'undici';
import { formatDecodeErrors } from '../../../common/decode';
import {
  AbortedError,
  backoffDelay,
  DEFAULT_BACKOFF,
  parseRetryAfter,
  sleep as defaultSleep,
  type BackoffOptions,
} from '../../lib/backoff';
import type { CloserCredentials, CloserTlsOptions } from './config';

export interface RemoteResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface RemoteFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
}

export type FetchLike = (url: string, init: RemoteFetchInit) => Promise<RemoteResponse>;

/** Any failure talking to Closer's cluster. `retryable`: worth trying again later. */
export class RemoteError extends Error {
  constructor(
    message: string,
    public readonly retryable: boolean,
    public readonly status?: number,
    public readonly errorType?: string
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** 401/403: wrong or insufficient credentials. Never retried: more attempts only lock accounts. */
export class RemoteAuthError extends RemoteError {
  constructor(message: string, status: number) {
    super(message, false, status);
    this.name = 'RemoteAuthError';
  }
}

const ErrorBody = t.partial({
  error: t.union([
    t.string,
    t.partial({
      type: t.string,
      reason: t.string,
      root_cause: t.array(t.partial({ type: t.string, reason: t.string })),
    }),
  ]),
});

export interface RemoteClientOptions {
  url: string;
  credentials: CloserCredentials;
  requestTimeoutMs: number;
  maxRetries: number;
  backoff?: BackoffOptions;
  tls?: CloserTlsOptions;
  proxyUrl?: string;
  /** Injected in tests. */
  fetch?: FetchLike;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Longest wait honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
}

export interface RequestOptions<A> {
  body?: unknown;
  query?: Record<string, string>;
  codec: t.Type<A, unknown, unknown>;
  signal?: AbortSignal;
  /** false for requests that are not idempotent (a scroll continuation advances the cursor). */
  retry?: boolean;
  /** Statuses returned as-is instead of thrown (e.g. 404 when clearing an expired scroll). */
  acceptStatus?: readonly number[];
}

export interface RemoteResult<A> {
  status: number;
  body: A;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

function normalizeFingerprint(value: string): string {
  return value.replace(/:/g, '').toLowerCase();
}

/**
 * Pins a certificate by SHA-256 fingerprint (Kibana's `caFingerprint`): the chain is not
 * verified against a CA store, one certificate in it must match.
 */
function fingerprintConnector(expected: string, ca: string | undefined): buildConnector.connector {
  const base = buildConnector({ rejectUnauthorized: false, ...(ca ? { ca } : {}) });
  const want = normalizeFingerprint(expected);
  return (options, callback) => {
    base(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('TLS connection failed'), null);
        return;
      }
      const tls = socket as TLSSocket;
      if (typeof tls.getPeerCertificate !== 'function') {
        callback(null, socket);
        return;
      }
      let cert = tls.getPeerCertificate(true);
      const seen = new Set<string>();
      while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
        seen.add(cert.fingerprint256);
        const digest = createHash('sha256').update(cert.raw).digest('hex');
        if (digest === want) {
          callback(null, socket);
          return;
        }
        cert = cert.issuerCertificate;
      }
      socket.destroy();
      callback(
        new RemoteError(
          'No certificate of the server matches the configured CA fingerprint',
          false
        ),
        null
      );
    });
  };
}

function buildDispatcher(
  tls: CloserTlsOptions | undefined,
  proxyUrl: string | undefined
): Dispatcher | undefined {
  if (proxyUrl) {
    return new ProxyAgent({ uri: proxyUrl, ...(tls?.ca ? { requestTls: { ca: tls.ca } } : {}) });
  }
  if (tls?.caFingerprint)
    return new Agent({ connect: fingerprintConnector(tls.caFingerprint, tls.ca) });
  if (tls?.ca) return new Agent({ connect: { ca: tls.ca } });
  return undefined;
}

function authorization(credentials: CloserCredentials): string | undefined {
  switch (credentials.type) {
    case 'basic':
      return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    case 'api_key':
      return `ApiKey ${credentials.apiKey}`;
    default:
      return undefined;
  }
}

/** The URL without user info, so it can appear in messages. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

function describeError(text: string): { type?: string; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { reason: text.slice(0, 300) || 'no body' };
  }
  const decoded = ErrorBody.decode(json);
  if (isLeft(decoded) || decoded.right.error === undefined) return { reason: text.slice(0, 300) };
  const error = decoded.right.error;
  if (typeof error === 'string') return { reason: error };
  const root = error.root_cause?.[0];
  const reason = error.reason ?? root?.reason ?? 'no reason given';
  return { type: error.type ?? root?.type, reason };
}

export class RemoteClient {
  /** HTTP requests sent, retries included. */
  requests = 0;
  retries = 0;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly dispatcher?: Dispatcher;
  private readonly fetch: FetchLike;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: RemoteClientOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new RemoteError(`Invalid URL for Closer's Elasticsearch`, false);
    }
    if (parsed.username || parsed.password) {
      throw new RemoteError('Put credentials in the credential settings, not in the URL', false);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new RemoteError(`Unsupported protocol ${parsed.protocol} (use http or https)`, false);
    }
    this.base = parsed.toString().replace(/\/+$/, '');
    // Plain JSON both ways: no compatible-with media types, which 6.x/7.x reject.
    this.headers = { accept: 'application/json', 'content-type': 'application/json' };
    const auth = authorization(options.credentials);
    if (auth) this.headers.authorization = auth;
    this.dispatcher = buildDispatcher(options.tls, options.proxyUrl);
    this.fetch = options.fetch ?? (undiciFetch as unknown as FetchLike);
    this.sleep = options.sleep ?? defaultSleep;
  }

  get displayUrl(): string {
    return displayUrl(this.base);
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  async request<A>(
    method: string,
    path: string,
    options: RequestOptions<A>
  ): Promise<RemoteResult<A>> {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const url = `${this.base}${path}${query}`;
    const what = `${method} ${path}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const maxRetries = options.retry === false ? 0 : this.options.maxRetries;
    const { signal } = options;

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new AbortedError();
      const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let failure: RemoteError;
      let retryAfterMs: number | undefined;
      this.requests++;
      try {
        const response = await this.fetch(url, {
          method,
          headers: this.headers,
          body,
          signal: combined,
          ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
        });
        const text = await response.text();
        const { status } = response;
        if ((status >= 200 && status < 300) || options.acceptStatus?.includes(status)) {
          return { status, body: this.parse(text, options.codec, what, status) };
        }
        const detail = describeError(text);
        const summary = `${detail.type ? `${detail.type}: ` : ''}${detail.reason}`;
        if (status === 401 || status === 403) {
          throw new RemoteAuthError(
            status === 401
              ? `Closer's Elasticsearch at ${this.displayUrl} rejected the credentials (401 ${summary}). Check the user/password or API key.`
              : `Closer's Elasticsearch at ${this.displayUrl} denied ${what} (403 ${summary}). The credentials need the "read" privilege on the index.`,
            status
          );
        }
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        failure = new RemoteError(
          `Closer's Elasticsearch answered ${status} to ${what}: ${summary}`,
          RETRYABLE_STATUS.has(status),
          status,
          detail.type
        );
      } catch (error) {
        if (error instanceof RemoteError) throw error;
        if (signal?.aborted) throw new AbortedError();
        const timedOut = timeout.aborted;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        failure = new RemoteError(
          timedOut
            ? `${what} to Closer's Elasticsearch timed out after ${this.options.requestTimeoutMs} ms`
            : `Could not reach Closer's Elasticsearch at ${this.displayUrl} (${what}): ${cause?.code ?? cause?.message ?? (error as Error).message}`,
          true
        );
      }
      if (!failure.retryable) throw failure;
      if (attempt >= maxRetries) {
        throw new RemoteError(
          maxRetries > 0
            ? `${failure.message} (gave up after ${maxRetries} retries)`
            : failure.message,
          true,
          failure.status,
          failure.errorType
        );
      }
      this.retries++;
      const backoff = backoffDelay(
        attempt,
        this.options.backoff ?? DEFAULT_BACKOFF,
        this.options.random
      );
      const delay = Math.max(
        backoff,
        Math.min(retryAfterMs ?? 0, this.options.maxRetryAfterMs ?? 120_000)
      );
      await this.sleep(delay, signal);
    }
  }

  private parse<A>(
    text: string,
    codec: t.Type<A, unknown, unknown>,
    what: string,
    status: number
  ): A {
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new RemoteError(
        `${what} returned ${status} with a body that is not JSON: ${text.slice(0, 200)}`,
        false,
        status
      );
    }
    const decoded = codec.decode(json);
    if (isLeft(decoded)) {
      throw new RemoteError(
        `Unexpected response to ${what}: ${formatDecodeErrors(decoded.left)}`,
        false,
        status
      );
    }
    return decoded.right;
  }
}
