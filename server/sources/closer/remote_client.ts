/*
 * A deliberately small Elasticsearch client for Closer's cluster. Not @elastic/elasticsearch:
 * its product check throws on every 2xx without `x-elastic-product` (ES < 7.14) and its
 * `compatible-with` headers get 400/406 from older majors. Plain JSON over fetch works on
 * 6.x through 9.x.
 */
import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import { AbortedError, gaveUpAfter, parseRetryAfter, type BackoffOptions } from '../../lib/backoff';
import { SourceError, TRANSIENT_STATUSES, withRetries } from '../../lib/retry_policy';
import { createOutboundDispatcher } from '../../lib/outbound/dispatcher';
import { OutboundRefusedError, type OutboundPolicy } from '../../lib/outbound/host_policy';
import { discardBody, isRedirect, redirectMessage } from '../../lib/outbound/redirect';
import { TlsTrustError } from '../../lib/outbound/tls_trust';
import { BodyTooLargeError, formatBytes, readCapped, shapeProblems } from '../../lib/read_capped';
import { ellipsize } from '../../lib/bounded_json';
import { trimTrailingSlashes } from '../../lib/url_path';
import type { CloserCredentials, CloserTlsOptions } from './config';

export type { FetchLike, RemoteFetchInit, RemoteResponse } from '../../lib/outbound/fetch_like';
import type { FetchLike, RemoteResponse } from '../../lib/outbound/fetch_like';

/**
 * Any failure talking to Closer's cluster (the one error model, server/lib/retry_policy.ts);
 * `errorType`: Elasticsearch's error type, when it named one.
 */
export class RemoteError extends SourceError {
  constructor(
    message: string,
    retryable: boolean,
    status?: number,
    public readonly errorType?: string,
    retryAfterMs?: number
  ) {
    super(message, { retryable, status, retryAfterMs, service: "Closer's Elasticsearch" });
    this.name = 'RemoteError';
  }
}

/**
 * A success body over the byte cap. Not retryable as-is (the same request returns the same
 * page); the poll halves the page size and reads the window again.
 */
export class ResponseTooLargeError extends RemoteError {
  constructor(
    what: string,
    public readonly maxBytes: number
  ) {
    super(
      `The answer of Closer's Elasticsearch to ${what} is larger than the ${formatBytes(maxBytes)} limit`,
      false
    );
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * Most bytes read of a 2xx answer: a search page of DEFAULT_PAGE_SIZE (500) hits of a few KiB
 * each is a few MiB; 64 MiB leaves room for large records (a 32 KiB login body each) without
 * letting an endless body fill Kibana's heap.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Error answers are short JSON; more is cut (not failed: the status says enough). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Length of the Elasticsearch error type and reason quoted in messages. */
const MAX_ERROR_TYPE_CHARS = 100;
const MAX_ERROR_REASON_CHARS = 300;

function errorTypeOf(error: SourceError): string | undefined {
  return error instanceof RemoteError ? error.errorType : undefined;
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
  /** Where connections may go (`audit_sources.allowedHosts`), checked at connect time. */
  outbound: OutboundPolicy;
  /** Injected in tests. */
  fetch?: FetchLike;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Longest wait honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
  /** Byte cap of a 2xx answer; MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
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

/**
 * Every connection, proxied or not, goes through the outbound policy and the TLS trust (a pin
 * verified by signature up to the pinned certificate, with the host name).
 */
function outboundDispatcher(options: RemoteClientOptions): Dispatcher {
  try {
    return createOutboundDispatcher({
      policy: options.outbound,
      trust: options.tls,
      proxyUrl: options.proxyUrl,
    });
  } catch (error) {
    throw new RemoteError((error as Error).message, false);
  }
}

/**
 * The message of a connection our dispatcher refused (policy or TLS trust): not retried, the
 * same peer is refused again.
 */
function refusedConnection(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof OutboundRefusedError || cause instanceof TlsTrustError
    ? cause.message
    : undefined;
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

/**
 * Status detail for messages: only the Elasticsearch error `type` and `reason`, capped. The raw
 * body is never quoted: for a URL pointed at another service (an internal one, a metadata
 * endpoint) it would read that service's answer back to whoever set the URL.
 */
function describeError(text: string, truncated: boolean): { type?: string; reason: string } {
  const notEs = {
    reason:
      text === ''
        ? 'no body'
        : `not an Elasticsearch error (${truncated ? `over ${formatBytes(MAX_ERROR_BODY_BYTES)}` : `${Buffer.byteLength(text)} bytes`}, not shown)`,
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return notEs;
  }
  const decoded = ErrorBody.decode(json);
  if (isLeft(decoded) || decoded.right.error === undefined) return notEs;
  const error = decoded.right.error;
  if (typeof error === 'string') return { reason: ellipsize(error, MAX_ERROR_REASON_CHARS) };
  const root = error.root_cause?.[0];
  const reason = ellipsize(
    error.reason ?? root?.reason ?? 'no reason given',
    MAX_ERROR_REASON_CHARS
  );
  const type = error.type ?? root?.type;
  return { type: type === undefined ? undefined : ellipsize(type, MAX_ERROR_TYPE_CHARS), reason };
}

export class RemoteClient {
  /** HTTP requests sent, retries included. */
  requests = 0;
  retries = 0;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly dispatcher?: Dispatcher;
  private readonly fetch: FetchLike;

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
    if (parsed.href.includes('?') || parsed.href.includes('#')) {
      // Our paths are appended to the base: `?`/`#` in it would pin every request to its path
      // (even empty ones, which `search`/`hash` report as '').
      throw new RemoteError('The URL must not contain ? or #', false);
    }
    this.base = trimTrailingSlashes(parsed.toString());
    // Plain JSON both ways: no compatible-with media types, which 6.x/7.x reject.
    this.headers = { accept: 'application/json', 'content-type': 'application/json' };
    const auth = authorization(options.credentials);
    if (auth) this.headers.authorization = auth;
    this.dispatcher = outboundDispatcher(options);
    this.fetch = options.fetch ?? (undiciFetch as unknown as FetchLike);
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
    return withRetries(
      {
        maxRetries,
        backoff: this.options.backoff,
        maxRetryAfterMs: this.options.maxRetryAfterMs,
        signal: options.signal,
        random: this.options.random,
        sleep: this.options.sleep,
      },
      () => this.attempt({ method, url, what, body }, options),
      {
        gaveUp: (last, retries) =>
          retries > 0
            ? new RemoteError(
                `${last.message} (${gaveUpAfter(retries)})`,
                true,
                last.status,
                errorTypeOf(last)
              )
            : last,
        waitTooLong: (last, waitMs) =>
          new RemoteError(
            `Closer's Elasticsearch asked us to wait ${Math.round(waitMs / 1000)} s (${last.status ?? 'no status'} to ${what}, Retry-After); the next run will resume`,
            true,
            last.status,
            errorTypeOf(last),
            waitMs
          ),
        onRetry: () => {
          this.retries++;
        },
      }
    );
  }

  /** One request; a failure worth another try is a retryable RemoteError. */
  private async attempt<A>(
    request: { method: string; url: string; what: string; body?: string },
    options: RequestOptions<A>
  ): Promise<RemoteResult<A>> {
    const { method, url, what, body } = request;
    const { signal } = options;
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    this.requests++;
    try {
      const response = await this.fetch(url, {
        method,
        headers: this.headers,
        body,
        signal: combined,
        ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
        redirect: 'manual',
      });
      const { status } = response;
      if (isRedirect(status)) {
        await discardBody(response);
        throw new RemoteError(
          redirectMessage({
            service: `Closer's Elasticsearch at ${this.displayUrl}`,
            status,
            location: response.headers.get('location'),
            requestUrl: url,
            setting: 'the connector URL',
          }),
          false,
          status
        );
      }
      if ((status >= 200 && status < 300) || options.acceptStatus?.includes(status)) {
        const text = await this.readBody(response, what);
        return { status, body: this.parse(text, options.codec, what, status) };
      }
      throw await this.failure(response, what);
    } catch (error) {
      if (error instanceof RemoteError) throw error;
      if (signal?.aborted) throw new AbortedError();
      const refusal = refusedConnection(error);
      if (refusal) {
        throw new RemoteError(`Closer's Elasticsearch at ${this.displayUrl}: ${refusal}`, false);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RemoteError(
        timeout.aborted
          ? `${what} to Closer's Elasticsearch timed out after ${this.options.requestTimeoutMs} ms`
          : `Could not reach Closer's Elasticsearch at ${this.displayUrl} (${what}): ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        true
      );
    }
  }

  /** The error of a non-2xx answer, naming only Elasticsearch's error type and reason. */
  private async failure(response: RemoteResponse, what: string): Promise<RemoteError> {
    const { status } = response;
    const errorBody = await readCapped(response, {
      maxBytes: MAX_ERROR_BODY_BYTES,
      overflow: 'truncate',
    });
    const detail = describeError(errorBody.text, errorBody.truncated);
    const summary = `${detail.type ? `${detail.type}: ` : ''}${detail.reason}`;
    if (status === 401 || status === 403) {
      return new RemoteAuthError(
        status === 401
          ? `Closer's Elasticsearch at ${this.displayUrl} rejected the credentials (401 ${summary}). Check the user/password or API key.`
          : `Closer's Elasticsearch at ${this.displayUrl} denied ${what} (403 ${summary}). The credentials need the "read" privilege on the index.`,
        status
      );
    }
    return new RemoteError(
      `Closer's Elasticsearch answered ${status} to ${what}: ${summary}`,
      TRANSIENT_STATUSES.has(status),
      status,
      detail.type,
      parseRetryAfter(response.headers.get('retry-after'))
    );
  }

  private async readBody(response: RemoteResponse, what: string): Promise<string> {
    const maxBytes = this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    try {
      return (await readCapped(response, { maxBytes })).text;
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new ResponseTooLargeError(what, maxBytes);
      throw error;
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
        `${what} returned ${status} with a body that is not JSON (${Buffer.byteLength(text)} bytes, not shown): is the URL that of Closer's Elasticsearch?`,
        false,
        status
      );
    }
    const decoded = codec.decode(json);
    if (isLeft(decoded)) {
      throw new RemoteError(
        `Unexpected response to ${what}: ${shapeProblems(decoded.left)}`,
        false,
        status
      );
    }
    return decoded.right;
  }
}
