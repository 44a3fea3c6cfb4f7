import * as t from 'io-ts';
import { checkedString } from '../decode';
import { jsonDepth, MAX_JSON_DEPTH } from '../json_depth';
import { namespaceError } from '../namespace';
import {
  canonicalDuration,
  canonicalInitialWindow,
  parseDuration,
  parseInitialWindow,
} from '../duration';
import {
  FIELD_MESSAGES,
  fieldMessageText,
  message,
  type FieldMessage,
  type FieldMessageKey,
} from './field_messages';

/*
 * Field codecs shared by the setup forms (messages next to each field) and the HTTP API (400s
 * naming the field). Each message says what is accepted, not just that the value is wrong. The
 * checks return message keys (field_messages.ts): the codecs carry the English text, the browser
 * form translates the same key.
 */

export type FieldCheck = (value: string) => FieldMessage | undefined;

/** The checks by codec name, so the form can translate what a decode error says. */
export const FIELD_CHECKS: Record<string, FieldCheck> = {};

function checkedField(name: string, check: FieldCheck): t.Type<string, string, unknown> {
  FIELD_CHECKS[name] = check;
  return checkedString(name, (value) => {
    const problem = check(value);
    return problem === undefined ? undefined : fieldMessageText(problem);
  });
}

export const ConnectorName = checkedField('ConnectorName', (value) => {
  if (value.trim() === '') return message('nameRequired');
  if (value.length > 100) return message('nameTooLong', { max: 100 });
  return undefined;
});

/**
 * A checked field whose decoded value is rewritten to one spelling (the durations: "1m30s" is
 * stored as "90s", "1M" as "30d"), so what is stored never depends on months, compounds or case
 * and reads back the same in every version of the grammar (common/duration.ts).
 */
function canonicalField(
  name: string,
  check: FieldCheck,
  canonical: (value: string) => string | undefined
): t.Type<string, string, unknown> {
  const checked = checkedField(name, check);
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => checked.is(u) && canonical(u) === u,
    (u, c) => {
      const decoded = checked.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      return t.success(canonical(decoded.right) ?? decoded.right);
    },
    t.identity
  );
}

export const MIN_INTERVAL_MS = 60_000;
export const MAX_INTERVAL_MS = 24 * 3_600_000;

export const PollInterval = canonicalField(
  'PollInterval',
  (value) => {
    const parsed = parseDuration(value);
    if ('error' in parsed) return message('intervalNotDuration');
    if (parsed.ms < MIN_INTERVAL_MS || parsed.ms > MAX_INTERVAL_MS) {
      return message('intervalRange');
    }
    if (parsed.ms % 1000 !== 0) return message('intervalWholeSeconds');
    return undefined;
  },
  canonicalDuration
);

export const Duration = canonicalField(
  'Duration',
  (value) => ('error' in parseDuration(value) ? message('durationFormat') : undefined),
  canonicalDuration
);

/** How far back a new connector reads: a duration or "everything". */
export const InitialWindow = canonicalField(
  'InitialWindow',
  (value) => ('error' in parseInitialWindow(value) ? message('initialWindowFormat') : undefined),
  canonicalInitialWindow
);

/** namespaceError's texts (common/data_streams.ts, also used outside connectors) by key. */
const NAMESPACE_MESSAGES: ReadonlyArray<FieldMessageKey> = [
  'namespaceEmpty',
  'namespaceLowercase',
  'namespaceCharacters',
  'namespaceTooLong',
];

export const Namespace = checkedField('Namespace', (value) => {
  const text = namespaceError(value);
  if (text === undefined) return undefined;
  const key = NAMESPACE_MESSAGES.find((candidate) => FIELD_MESSAGES[candidate] === text);
  return key ? message(key) : message('verbatim', { text });
});

export const MAX_URL_LENGTH = 2048;

/**
 * A base URL (Closer's cluster, Lumos's API, a proxy). The plugin appends its own path and
 * query, so a `?` or `#` in it can only serve to cut that off (`http://x/secret#` would make
 * every request go to exactly `/secret`). Whether the host may be reached is the server's
 * outbound policy (`audit_sources.allowedHosts`), checked on save, test and at connect time.
 */
export const HttpUrl = checkedField('HttpUrl', (value) => {
  if (value.length > MAX_URL_LENGTH) return message('tooLongChars', { max: MAX_URL_LENGTH });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return message('urlInvalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return message('urlProtocol');
  if (url.username || url.password) return message('urlCredentials');
  if (value.includes('?') || value.includes('#')) return message('urlQueryOrFragment');
  return undefined;
});

export const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
export const PEM_END = '-----END CERTIFICATE-----';
/** A CA bundle of a few dozen certificates fits; 1 MB of text to scan per request does not. */
export const MAX_PEM_LENGTH = 64 * 1024;

/**
 * Shape only, found with indexOf (linear; the old `BEGIN[\s\S]+END` regex backtracked for
 * ~70 s on 1 MB). The server also parses every certificate (server/connectors/settings_checks.ts):
 * node:crypto cannot be imported here, common/ is bundled for the browser too. The form adds
 * pemStructureProblem (pem_structure.ts) on top.
 */
export const PemCertificate = checkedField('PemCertificate', (value) => {
  if (value.length > MAX_PEM_LENGTH) return message('tooLargeKib', { max: MAX_PEM_LENGTH / 1024 });
  const begin = value.indexOf(PEM_BEGIN);
  const end = begin < 0 ? -1 : value.indexOf(PEM_END, begin + PEM_BEGIN.length);
  if (end < 0 || value.slice(begin + PEM_BEGIN.length, end).trim() === '') {
    return message('pemShape');
  }
  return undefined;
});

export const CertificateFingerprint = checkedField('CertificateFingerprint', (value) =>
  /^([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/.test(value.trim()) ? undefined : message('fingerprint')
);

export const NonBlankString = checkedField('NonBlankString', (value) =>
  value.trim() === '' ? message('required') : undefined
);

/** Lumos API tokens are prefixed `lsk_` (Lumos developer docs, "Authentication"). */
export const LumosApiToken = checkedField('LumosApiToken', (value) => {
  if (!value.startsWith('lsk_')) return message('tokenPrefix');
  if (!/^lsk_[A-Za-z0-9_-]{8,}$/.test(value)) return message('tokenShape');
  return undefined;
});

/** A query DSL object given as JSON text in the form. */
export const MAX_QUERY_CHARS = 64 * 1024;

export const QueryDslJson = checkedField('QueryDslJson', (value) => {
  // Caps before parsing: the query is serialized into every search of every run, and one too deep
  // for JSON.stringify would fail each of them.
  if (value.length > MAX_QUERY_CHARS)
    return message('tooLargeKib', { max: MAX_QUERY_CHARS / 1024 });
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return message('queryNotObject', { example: '{"term": {"message.user.id": "..."}}' });
    }
    if (jsonDepth(parsed) > MAX_JSON_DEPTH) return message('queryTooDeep', { max: MAX_JSON_DEPTH });
    return Object.keys(parsed).length === 0 ? message('queryEmpty') : undefined;
  } catch (error) {
    return message('queryInvalidJson', { reason: (error as Error).message });
  }
});

export const MAX_INDEX_PATTERN_LENGTH = 1000;

/**
 * Elasticsearch index name, alias or pattern (comma-separated allowed). It becomes a path
 * segment of the request URL, so besides Elasticsearch's own rules nothing in it may act as a
 * dot-segment once a gateway in front of the cluster decodes it: `.`, `..`, and `%` (`%2e%2e`)
 * would step out of the gateway's path prefix.
 */
export const IndexPattern = checkedField('IndexPattern', (value) => {
  if (value.trim() === '') return message('indexRequired');
  if (value.length > MAX_INDEX_PATTERN_LENGTH) {
    return message('indexTooLong', { max: MAX_INDEX_PATTERN_LENGTH });
  }
  if (/[\\/?"<>| #%]/.test(value)) {
    return message('indexCharacters', { characters: '\\ / ? " < > | # %' });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return message('indexControlCharacters');
  for (const part of value.split(',')) {
    const name = part.replace(/^-/, '');
    if (name === '') return message('indexEmptyName');
    if (name === '.' || name === '..') return message('indexDots');
  }
  return undefined;
});
