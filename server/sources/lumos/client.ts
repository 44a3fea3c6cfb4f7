import { DEFAULT_LUMOS_BASE_URL } from '../../../common/sources/lumos/definition';
import { isLeft } from 'fp-ts/Either';
import { fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import type { Dispatcher } from 'undici';
import type { Logger } from '@kbn/core/server';
import { formatLumosErrorDetail, LumosActivityLogPage, LumosErrorBody } from './activity_log';
import { AbortedError, gaveUpAfter, parseRetryAfter, type BackoffOptions } from '../../lib/backoff';
import {
  SourceError,
  TRANSIENT_STATUSES,
  withRetries,
  type SourceErrorOptions,
} from '../../lib/retry_policy';
import { BodyTooLargeError, formatBytes, readCapped, shapeProblems } from '../../lib/read_capped';
import { ellipsize } from '../../lib/bounded_json';
import { trimTrailingSlashes } from '../../lib/url_path';
import { createOutboundDispatcher } from '../../lib/outbound/dispatcher';
import { OutboundRefusedError, type OutboundPolicy } from '../../lib/outbound/host_policy';
import { TlsTrustError } from '../../lib/outbound/tls_trust';
import { discardBody, isRedirect, redirectMessage } from '../../lib/outbound/redirect';

/** Lumos's maximum `limit` (the API answers 422 above it). */
export const MAX_PAGE_SIZE = 100;
/**
 * Most bytes read of one page: MAX_PAGE_SIZE items of a few KiB each are well under 1 MiB;
 * 8 MiB leaves room for large items while an endless body cannot fill Kibana's heap.
 */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;
/** Error answers are short; more is cut (the status says enough). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Length of Lumos's `detail` quoted in messages. */
const MAX_DETAIL_CHARS = 200;
/** Elastic's `http_client_timeout` default. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 6;

export type LumosErrorKind =
  | 'token_rejected'
  | 'request_rejected'
  | 'rate_limited'
  | 'unavailable'
  | 'invalid_response'
  | 'http';

/**
 * Every failure of the Lumos side; messages never contain the token. `kind` says which (the
 * tests and logs tell them apart); `retryable` is the policy's (server/lib/retry_policy.ts).
 */
export class LumosApiError extends SourceError {
  constructor(
    public readonly kind: LumosErrorKind,
    message: string,
    status?: number,
    options: Omit<SourceErrorOptions, 'status'> = {}
  ) {
    super(message, { ...options, status, service: 'Lumos' });
    this.name = 'LumosApiError';
  }
}

function kindOf(error: SourceError): LumosErrorKind {
  return error instanceof LumosApiError ? error.kind : 'unavailable';
}

export interface LumosClientOptions {
  /** Default https://api.lumos.com; a path prefix (a gateway) is kept. */
  baseUrl?: string;
  token: string;
  requestTimeoutMs?: number;
  /** Retries of one request on 429, 5xx, timeouts and network errors. */
  maxRetries?: number;
  backoff?: BackoffOptions;
  maxRetryAfterMs?: number;
  /** HTTPS proxy URL (http://user:pass@host:port also works). */
  proxyUrl?: string;
  /** PEM CA certificate(s) trusted for Lumos (and for the proxy's TLS if any). */
  caCert?: string;
  /** Where connections may go (`audit_sources.allowedHosts`), checked at connect time. */
  outbound: OutboundPolicy;
  signal?: AbortSignal;
  logger?: Pick<Logger, 'debug' | 'warn'>;
  random?: () => number;
  /** Byte cap of a 2xx answer; MAX_PAGE_BYTES. */
  maxPageBytes?: number;
}

export interface PageQuery {
  since: string;
  until: string;
  limit: number;
  offset: number;
}

export interface FetchedPage {
  page: LumosActivityLogPage;
  /** Offset of the next page, or undefined at the end. */
  nextOffset: number | undefined;
}

export interface LumosClientStats {
  requests: number;
  retries: number;
}

/**
 * undici's own fetch, the same version as the dispatcher: Node's bundled fetch turns the
 * dispatcher's errors into new ones, losing which connection was refused and why.
 */
type FetchInit = UndiciRequestInit & { dispatcher: Dispatcher };

/** Lumos's own `detail`, capped and without the token (it could be echoed back). */
function cleanDetail(text: string, token: string): string {
  return ellipsize(token ? text.split(token).join('[token]') : text, MAX_DETAIL_CHARS);
}

/** `offset` of a `links.next` value; only the query is read, never the scheme or host. */
export function offsetOfLink(link: string): number | undefined {
  const query = link.indexOf('?');
  if (query < 0) return undefined;
  const value = new URLSearchParams(link.slice(query + 1)).get('offset');
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * One `GET /activity_logs` page at a time, with retries. Paging follows `links.next`, but only
 * its `offset` is taken: the request always goes to our base URL with our own `since`, `until`
 * and `limit`, so neither a foreign host in a link (which would receive the token) nor a link
 * that dropped the window can lead us astray.
 */
export class LumosClient {
  readonly stats: LumosClientStats = { requests: 0, retries: 0 };
  private readonly endpoint: URL;
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: LumosClientOptions) {
    const base = new URL(options.baseUrl ?? DEFAULT_LUMOS_BASE_URL);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new LumosApiError('http', `Lumos URL must be http(s), got ${base.protocol}`);
    }
    base.search = '';
    base.hash = '';
    base.pathname = `${trimTrailingSlashes(base.pathname)}/activity_logs`;
    this.endpoint = base;
    const trust = options.caCert ? { ca: options.caCert } : undefined;
    try {
      this.dispatcher = createOutboundDispatcher({
        policy: options.outbound,
        trust,
        proxyUrl: options.proxyUrl,
        proxyTrust: trust,
      });
    } catch (error) {
      throw new LumosApiError('http', (error as Error).message);
    }
  }

  /** Request URL for a page (exported for tests and logs: it carries no secret). */
  pageUrl(query: PageQuery): string {
    const url = new URL(this.endpoint);
    url.searchParams.set('since', query.since);
    url.searchParams.set('until', query.until);
    url.searchParams.set('limit', String(query.limit));
    // Like Elastic's first request: no offset until the second page.
    if (query.offset > 0) url.searchParams.set('offset', String(query.offset));
    return url.toString();
  }

  async fetchPage(query: PageQuery): Promise<FetchedPage> {
    const body = await this.getJson(this.pageUrl(query));
    const decoded = LumosActivityLogPage.decode(body);
    if (isLeft(decoded)) {
      throw new LumosApiError(
        'invalid_response',
        `Lumos returned an activity-log page we cannot read: ${shapeProblems(decoded.left)}`
      );
    }
    const page = decoded.right;
    return { page, nextOffset: nextOffset(query, page) };
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async getJson(url: string): Promise<unknown> {
    const { logger } = this.options;
    const maxRetries = this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    return withRetries(
      {
        maxRetries,
        backoff: this.options.backoff,
        maxRetryAfterMs: this.options.maxRetryAfterMs,
        signal: this.options.signal,
        random: this.options.random,
      },
      () => this.attempt(url),
      {
        gaveUp: (last, retries) =>
          new LumosApiError(kindOf(last), `${last.message}; ${gaveUpAfter(retries)}`, last.status, {
            retryable: true,
          }),
        waitTooLong: (last, waitMs) =>
          new LumosApiError(
            'rate_limited',
            `Lumos asked us to wait ${Math.round(waitMs / 1000)} s (HTTP ${last.status}, Retry-After); the next run will resume`,
            last.status,
            { retryable: true, retryAfterMs: waitMs }
          ),
        onRetry: (last, attempt, delay) => {
          this.stats.retries++;
          logger?.debug?.(`${last.message}; retry ${attempt + 1}/${maxRetries} in ${delay} ms`);
        },
      }
    );
  }

  /** One request; a failure worth another try is a retryable LumosApiError. */
  private async attempt(url: string): Promise<unknown> {
    const { signal, logger } = this.options;
    const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const init: FetchInit = {
      headers: { authorization: `Bearer ${this.options.token}`, accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      dispatcher: this.dispatcher,
      // A redirect is an error, never followed (server/lib/outbound/redirect.ts).
      redirect: 'manual',
    };
    let status: number;
    let text: string;
    let retryAfter: string | null = null;
    this.stats.requests++;
    try {
      const response = await undiciFetch(url, init);
      status = response.status;
      if (isRedirect(status)) {
        await discardBody(response);
        throw new LumosApiError(
          'http',
          redirectMessage({
            service: 'Lumos',
            status,
            location: response.headers.get('location'),
            requestUrl: url,
            setting: 'the base URL',
          }),
          status
        );
      }
      retryAfter = response.headers.get('retry-after');
      // Read under the same signal: a body that stalls half-way times out too.
      text = await this.readBody(response, status);
    } catch (error) {
      if (signal?.aborted) throw new AbortedError();
      if (error instanceof LumosApiError) throw error;
      // Refused by the outbound policy or the TLS trust: the same peer is refused again.
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof OutboundRefusedError || cause instanceof TlsTrustError) {
        throw new LumosApiError('http', cause.message);
      }
      const reason = timeout.aborted
        ? `no response within ${timeoutMs} ms`
        : `${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ''}`;
      throw new LumosApiError('unavailable', `Lumos did not answer: ${reason}`, undefined, {
        retryable: true,
      });
    }

    if (status >= 200 && status < 300) {
      try {
        return JSON.parse(text);
      } catch {
        // A truncated body is usually a dropped connection: worth another try.
        throw new LumosApiError(
          'invalid_response',
          `Lumos returned a body that is not JSON (${Buffer.byteLength(text)} bytes, not shown)`,
          undefined,
          { retryable: true }
        );
      }
    }
    if (status === 401 || status === 403) {
      throw new LumosApiError(
        'token_rejected',
        `Lumos rejected the API token (HTTP ${status}${this.detail(text)}): check that the token is valid, not revoked, and that its user may read activity logs`,
        status
      );
    }
    if (status === 422 || status === 400) {
      throw new LumosApiError(
        'request_rejected',
        `Lumos rejected the request (HTTP ${status})${this.detail(text)}`,
        status
      );
    }
    if (TRANSIENT_STATUSES.has(status)) {
      throw new LumosApiError(
        status === 429 ? 'rate_limited' : 'unavailable',
        `Lumos answered HTTP ${status}`,
        status,
        { retryable: true, retryAfterMs: parseRetryAfter(retryAfter) }
      );
    }
    logger?.debug?.(`Lumos answered HTTP ${status} for ${url}`);
    throw new LumosApiError('http', `Lumos answered HTTP ${status}${this.detail(text)}`, status);
  }

  /** `: <FastAPI detail>` when the body is FastAPI's error shape, '' otherwise. */
  private detail(text: string): string {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return '';
    }
    const decoded = LumosErrorBody.decode(body);
    return isLeft(decoded)
      ? ''
      : `: ${cleanDetail(formatLumosErrorDetail(decoded.right), this.options.token)}`;
  }

  /**
   * A 2xx body up to the page cap (over it: not retried, the same page would come back); any
   * other body cut at MAX_ERROR_BODY_BYTES, since only its `detail` is ever shown.
   */
  private async readBody(
    response: Parameters<typeof readCapped>[0],
    status: number
  ): Promise<string> {
    if (status < 200 || status >= 300) {
      return (await readCapped(response, { maxBytes: MAX_ERROR_BODY_BYTES, overflow: 'truncate' }))
        .text;
    }
    const maxBytes = this.options.maxPageBytes ?? MAX_PAGE_BYTES;
    try {
      return (await readCapped(response, { maxBytes })).text;
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      throw new LumosApiError(
        'invalid_response',
        `Lumos's answer is larger than the ${formatBytes(maxBytes)} limit for one page of activity logs`,
        status
      );
    }
  }
}

/**
 * Where the next page starts: `links.next`'s offset when present; else, when the server sent no
 * links, offset + items while `total` says more remain. An empty page always ends the walk, and
 * an offset that does not move forward too (a server bug must not loop us forever).
 */
export function nextOffset(query: PageQuery, page: LumosActivityLogPage): number | undefined {
  const count = page.items.length;
  if (count === 0) return undefined;
  const at = page.offset ?? query.offset;
  const next = page.links?.next;
  let candidate: number | undefined;
  if (typeof next === 'string' && next !== '') {
    candidate = offsetOfLink(next) ?? at + count;
  } else if (page.links?.next === null) {
    candidate = undefined;
  } else if (page.total != null && at + count < page.total) {
    candidate = at + count;
  }
  return candidate !== undefined && candidate > query.offset ? candidate : undefined;
}
