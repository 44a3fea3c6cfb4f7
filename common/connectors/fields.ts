import { checkedString } from '../decode';
import { jsonDepth, MAX_JSON_DEPTH } from '../json_depth';
import { namespaceError } from '../data_streams';
import { DURATION_HELP, EVERYTHING, parseDuration, parseInitialWindow } from '../duration';

/*
 * Field codecs shared by the setup forms (messages next to each field) and the HTTP API (400s
 * naming the field). Each message says what is accepted, not just that the value is wrong.
 */

export const ConnectorName = checkedString('ConnectorName', (value) => {
  if (value.trim() === '') return 'Name is required';
  if (value.length > 100) return 'Name must be at most 100 characters';
  return undefined;
});

export const MIN_INTERVAL_MS = 60_000;
export const MAX_INTERVAL_MS = 24 * 3_600_000;

export const PollInterval = checkedString('PollInterval', (value) => {
  const parsed = parseDuration(value);
  if ('error' in parsed) return `Interval must be ${DURATION_HELP}`;
  if (parsed.ms < MIN_INTERVAL_MS || parsed.ms > MAX_INTERVAL_MS) {
    return 'Interval must be between 1m and 24h';
  }
  if (parsed.ms % 1000 !== 0) return 'Interval must be whole seconds';
  return undefined;
});

export const Duration = checkedString('Duration', (value) =>
  'error' in parseDuration(value) ? `Must be ${DURATION_HELP}` : undefined
);

/** How far back a new connector reads: a duration or "everything". */
export const InitialWindow = checkedString('InitialWindow', (value) =>
  'error' in parseInitialWindow(value) ? `Must be ${DURATION_HELP}, or "${EVERYTHING}"` : undefined
);

export const Namespace = checkedString('Namespace', (value) => namespaceError(value));

export const MAX_URL_LENGTH = 2048;

/**
 * A base URL (Closer's cluster, Lumos's API, a proxy). The plugin appends its own path and
 * query, so a `?` or `#` in it can only serve to cut that off (`http://x/secret#` would make
 * every request go to exactly `/secret`). Whether the host may be reached is the server's
 * outbound policy (`audit_sources.allowedHosts`), checked on save, test and at connect time.
 */
export const HttpUrl = checkedString('HttpUrl', (value) => {
  if (value.length > MAX_URL_LENGTH) return `Must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Must be a URL such as https://example.com';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Must be an http:// or https:// URL';
  if (url.username || url.password) return 'Put credentials in their own fields, not in the URL';
  if (value.includes('?') || value.includes('#')) {
    return 'Must not contain ? or #: give the base URL only (scheme, host, port and an optional path prefix)';
  }
  return undefined;
});

export const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
export const PEM_END = '-----END CERTIFICATE-----';
/** A CA bundle of a few dozen certificates fits; 1 MB of text to scan per request does not. */
export const MAX_PEM_LENGTH = 64 * 1024;

/**
 * Shape only, found with indexOf (linear; the old `BEGIN[\s\S]+END` regex backtracked for
 * ~70 s on 1 MB). The server also parses every certificate (server/connectors/settings_checks.ts):
 * node:crypto cannot be imported here, common/ is bundled for the browser too.
 */
export const PemCertificate = checkedString('PemCertificate', (value) => {
  if (value.length > MAX_PEM_LENGTH) return `Must be at most ${MAX_PEM_LENGTH / 1024} KiB`;
  const begin = value.indexOf(PEM_BEGIN);
  const end = begin < 0 ? -1 : value.indexOf(PEM_END, begin + PEM_BEGIN.length);
  if (end < 0 || value.slice(begin + PEM_BEGIN.length, end).trim() === '') {
    return 'Must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)';
  }
  return undefined;
});

export const CertificateFingerprint = checkedString('CertificateFingerprint', (value) =>
  /^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/.test(value.trim())
    ? undefined
    : 'Must be a SHA-256 fingerprint: 64 hex digits, colons optional'
);

export const NonBlankString = checkedString('NonBlankString', (value) =>
  value.trim() === '' ? 'Required' : undefined
);

/** Lumos API tokens are prefixed `lsk_` (Lumos developer docs, "Authentication"). */
export const LumosApiToken = checkedString('LumosApiToken', (value) => {
  if (!value.startsWith('lsk_')) return 'Lumos API tokens start with lsk_';
  if (!/^lsk_[A-Za-z0-9_-]{8,}$/.test(value)) {
    return 'Lumos API tokens are lsk_ followed by letters, digits, - or _ (at least 8)';
  }
  return undefined;
});

/** A query DSL object given as JSON text in the form. */
export const MAX_QUERY_CHARS = 64 * 1024;

export const QueryDslJson = checkedString('QueryDslJson', (value) => {
  // Caps before parsing: the query is serialized into every search of every run, and one too deep
  // for JSON.stringify would fail each of them.
  if (value.length > MAX_QUERY_CHARS) return `Must be at most ${MAX_QUERY_CHARS / 1024} KiB`;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return 'Must be a JSON object, e.g. {"term": {"message.user.id": "..."}}';
    }
    if (jsonDepth(parsed) > MAX_JSON_DEPTH) return `Must nest at most ${MAX_JSON_DEPTH} levels`;
    return Object.keys(parsed).length === 0 ? 'Must not be empty' : undefined;
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
});

export const MAX_INDEX_PATTERN_LENGTH = 1000;

/**
 * Elasticsearch index name, alias or pattern (comma-separated allowed). It becomes a path
 * segment of the request URL, so besides Elasticsearch's own rules nothing in it may act as a
 * dot-segment once a gateway in front of the cluster decodes it: `.`, `..`, and `%` (`%2e%2e`)
 * would step out of the gateway's path prefix.
 */
export const IndexPattern = checkedString('IndexPattern', (value) => {
  if (value.trim() === '') return 'Index is required';
  if (value.length > MAX_INDEX_PATTERN_LENGTH) {
    return `Index must be at most ${MAX_INDEX_PATTERN_LENGTH} characters`;
  }
  if (/[\\/?"<>| #%]/.test(value)) return 'Index cannot contain spaces or \\ / ? " < > | # %';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'Index cannot contain control characters';
  for (const part of value.split(',')) {
    const name = part.replace(/^-/, '');
    if (name === '') return 'Index has an empty name between commas';
    if (name === '.' || name === '..') return 'Index names cannot be . or ..';
  }
  return undefined;
});
