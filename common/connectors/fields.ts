import { checkedString } from '../decode';
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

export const HttpUrl = checkedString('HttpUrl', (value) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Must be a URL such as https://example.com';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Must be an http:// or https:// URL';
  if (url.username || url.password) return 'Put credentials in their own fields, not in the URL';
  return undefined;
});

export const PemCertificate = checkedString('PemCertificate', (value) =>
  /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(value)
    ? undefined
    : 'Must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)'
);

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
export const QueryDslJson = checkedString('QueryDslJson', (value) => {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return 'Must be a JSON object, e.g. {"term": {"message.user.id": "..."}}';
    }
    return Object.keys(parsed).length === 0 ? 'Must not be empty' : undefined;
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
});

/** Elasticsearch index name, alias or pattern (comma-separated allowed). */
export const IndexPattern = checkedString('IndexPattern', (value) => {
  if (value.trim() === '') return 'Index is required';
  if (/[\\/?"<>| #]/.test(value)) return 'Index cannot contain spaces or \\ / ? " < > | #';
  return undefined;
});
