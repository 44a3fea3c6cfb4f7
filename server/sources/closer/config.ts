import * as t from 'io-ts';
import { decodeOrThrow } from '../../../common/decode';
import { parseDuration } from '../../../common/duration';
import type { BackoffOptions } from '../../lib/backoff';
import type { CloserMapOptions } from './mapper';

/** How to authenticate to Closer's cluster. Never persisted in the checkpoint, never logged. */
export type CloserCredentials =
  | { type: 'basic'; username: string; password: string }
  | { type: 'api_key'; apiKey: string }
  | { type: 'none' };

export type SearchApi = 'auto' | 'pit' | 'scroll';

export interface CloserTlsOptions {
  /** PEM of the CA that signed Closer's certificate. */
  ca?: string;
  /**
   * SHA-256 fingerprint (hex, colons optional) of the CA (or the certificate) to pin: the chain must
   * verify by signature up to it and the leaf must match the host (server/lib/outbound/tls_trust.ts).
   */
  caFingerprint?: string;
}

export interface CloserConfig {
  /** Base URL of Closer's Elasticsearch, e.g. https://logs.closer.app:9243 (no credentials in it). */
  url: string;
  /** Index name, alias or pattern holding the security logs. */
  index?: string;
  /** Extra query DSL clause ANDed to the time range, e.g. a tenant filter. */
  query?: Record<string, unknown>;
  /** Windows end this long before now, so documents still being indexed are not half-read. */
  lagMs?: number;
  /**
   * Every cycle re-reads this much before the saved cursor, to catch late-indexed documents:
   * one searchable within lag + overlap of its @timestamp is read, whatever the interval.
   */
  overlapMs?: number;
  /** Where the first run starts (ISO date or epoch ms); default: all history. */
  since?: string | number;
  /** Hits per page. */
  pageSize?: number;
  /** `auto` uses PIT + search_after where the cluster supports it (≥ 7.12), scroll otherwise. */
  searchApi?: SearchApi;
  /** Keep-alive of a PIT or scroll between two pages. */
  keepAlive?: string;
  requestTimeoutMs?: number;
  /** Retries of one request on 429/5xx/network errors. */
  maxRetries?: number;
  backoff?: BackoffOptions;
  tls?: CloserTlsOptions;
  /** HTTP(S) proxy in front of Closer's cluster. */
  proxyUrl?: string;
  mapping?: CloserMapOptions;
}

export const DEFAULT_INDEX = 'closer';
/**
 * Short, for freshness (a record is searchable here within interval + ~10 s): the overlap, not
 * the lag, is what catches records Closer makes searchable late, so a longer lag only delays.
 */
export const DEFAULT_LAG_MS = 5_000;
/** With the lag, anything searchable within 11 min 5 s of its @timestamp is read (docs/closer.md). */
export const DEFAULT_OVERLAP_MS = 11 * 60_000;
/**
 * Hits per page, also the documents per bulk request. 500 rather than 1,000: the same throughput
 * (two pages are written at once) with half the JavaScript heap per page, which keeps garbage
 * collection pauses in Kibana's event loop short (docs/performance.md).
 */
export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_KEEP_ALIVE = '2m';
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 5;

/** A query DSL clause: one object. Decoded from user input (CLI flag, saved config). */
export const QueryClause = t.refinement(
  t.UnknownRecord,
  (value) => Object.keys(value).length > 0,
  'QueryClause'
);

export function parseQueryFilter(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`The query filter is not JSON: ${(error as Error).message}`);
  }
  return decodeOrThrow(QueryClause, value, 'query filter (expected a query DSL object)');
}

/**
 * `since` as epoch ms: epoch ms (all digits: a bare number is a date here, not a duration), a
 * duration back from now (`7d`, common/duration.ts), or an ISO date.
 */
export function parseSince(value: string | number, now: number): number {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(value)) return Number(value);
  const duration = parseDuration(value);
  if (!('error' in duration)) return now - duration.ms;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed))
    throw new Error(`Invalid start "${value}" (ISO date, epoch ms or a duration like 30d)`);
  return parsed;
}
