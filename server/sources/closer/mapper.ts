/*
 * One Closer search hit → one ECS document in `logs-closer.security-<namespace>`.
 *
 * Hot path (a backfill maps every record once; the goal is >100k records/s per core): no deep
 * clones, patterns compiled once at module load, io-ts `.is` guards first and the allocating
 * `decode` only to explain a failure.
 */
import { isLeft } from 'fp-ts/Either';
import { dataStreamName, SOURCES } from '../../../common/data_streams';
import { formatDecodeErrors } from '../../../common/decode';
import { CloserHit, CloserMessage, CloserSource } from './security_log';
import { capText, jsonDepth, MAX_JSON_DEPTH, safeStringify } from '../../lib/bounded_json';
import { documentId } from '../../ingest/document_id';
import { ECS_VERSION, type EcsDocument, type EcsValue, type IndexRequest } from '../../ingest/ecs';
import { pipelineErrorRequest } from '../../ingest/pipeline_error';
import type { MapContext, SourceMapper } from '../source_mapper';
import { lookupAction } from './actions';
import { ECS_EVENT_KINDS, ECS_EVENT_OUTCOMES, repairCategorization } from './ecs_categories';
import { CLOSER_FIELDS } from './fields';
import {
  AS_USUAL,
  bodyText,
  DEFAULT_MAX_BODY_CHARS,
  MAX_URL_CHARS,
  redactBody,
  redactedView,
  redactText,
  redactUrl,
  pathTree,
  type PathNode,
  type RedactedBody,
  type RedactedViewOptions,
} from './redact';
import { cleanSourceIp } from './source_ip';
import { normalizeTimestamp } from './timestamp';
import { splitUrl } from './url_parts';

const source = SOURCES.closer;

export const CLOSER_TAGS = {
  forwarded: 'forwarded',
  dataset: 'closer-security',
  preserveOriginal: 'preserve_original_event',
  invalidSourceIp: 'closer_invalid_source_ip',
  invalidUrl: 'closer_invalid_url',
  bodyRedacted: 'closer_body_redacted',
  bodyTruncated: 'closer_body_truncated',
  urlTruncated: 'closer_url_truncated',
  unknownAction: 'closer_unknown_action',
} as const;

/**
 * Longest `event.original` (and pipeline_error original) kept. Room for two full bodies, the
 * URL and the rest of an honest record, so real originals stay whole (and valid JSON); beyond
 * that it is cut with a marker.
 */
export const MAX_ORIGINAL_CHARS = 65_536;

/** Keyword fields (`ignore_above: 1024`): longer values would not be indexed anyway. */
const MAX_KEYWORD_CHARS = 1024;

/** Values kept of a list field (`event.category`, `user.roles`, ...); honest records have 1-3. */
const MAX_LIST_ITEMS = 16;

/** Longest remote text quoted in `error.message`. */
const MAX_ERROR_CHARS = 1024;

export interface CloserMapOptions {
  /** Longest request/response body kept (characters); longer ones are cut with a marker. */
  maxBodyChars?: number;
  /** Keep the (redacted) `_source` as `event.original`; on by default like the integrations. */
  preserveOriginal?: boolean;
}

/** `_id` of the document for a remote hit: stable across re-reads, retries and overlaps. */
export function closerDocumentId(remoteIndex: string, remoteId: string): string {
  return documentId(source.dataset, `${remoteIndex}|${remoteId}`);
}

function keyword(value: string): string {
  return capText(value, MAX_KEYWORD_CHARS);
}

/** Capped list; the view's own array when already within the caps (it is a fresh copy). */
function keywords(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [keyword(value)];
  let fits = value.length <= MAX_LIST_ITEMS;
  for (let i = 0; fits && i < value.length; i++) fits = value[i].length <= MAX_KEYWORD_CHARS;
  if (fits) return value;
  const list: string[] = [];
  for (let i = 0; i < value.length && i < MAX_LIST_ITEMS; i++) list.push(keyword(value[i]));
  return list;
}

const BODY_KEYS = [
  'http.request.body',
  'http.request.body.content',
  'http.response.body',
  'http.response.body.content',
] as const;
const BODY_KEY_SET: ReadonlySet<string> = new Set(BODY_KEYS);

/** The keys of `message` the mapper reads, and every dotted prefix of them. */
const MESSAGE_KEYS: ReadonlySet<string> = new Set(Object.keys(CloserMessage.props));
const MESSAGE_PREFIXES: ReadonlySet<string> = prefixesOf(MESSAGE_KEYS, false);

function prefixesOf(paths: Iterable<string>, includeSelf: boolean): Set<string> {
  const prefixes = new Set<string>();
  for (const path of paths) {
    let dot = path.indexOf('.');
    while (dot > 0) {
      prefixes.add(path.slice(0, dot));
      dot = path.indexOf('.', dot + 1);
    }
    if (includeSelf) prefixes.add(path);
  }
  return prefixes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Closer writes dotted keys; should a record arrive already nested (or mixed), flatten the
 * keys we read so one decoder serves both (bodies stay leaves). Iterative, and only along the
 * known keys, so the work is bounded whatever the shape. The common, all-dotted case returns the
 * object untouched.
 */
function dottedMessage(message: Record<string, unknown>): Record<string, unknown> {
  let nested = false;
  for (const key of Object.keys(message)) {
    if (isPlainObject(message[key]) && MESSAGE_PREFIXES.has(key) && !BODY_KEY_SET.has(key)) {
      nested = true;
      break;
    }
  }
  if (!nested) return message;
  const flat: Record<string, unknown> = {};
  const stack: Array<[string, Record<string, unknown>]> = [['', message]];
  while (stack.length > 0) {
    const [prefix, node] = stack.pop() as [string, Record<string, unknown>];
    for (const key of Object.keys(node)) {
      if (key.length > 64) continue;
      const path = prefix === '' ? key : `${prefix}.${key}`;
      const value = node[key];
      if (isPlainObject(value) && MESSAGE_PREFIXES.has(path) && !BODY_KEY_SET.has(path))
        stack.push([path, value]);
      else if (MESSAGE_KEYS.has(path)) flat[path] = value;
    }
  }
  return flat;
}

/** `{"content": "..."}` as an object is the nested spelling of `.body.content`. */
function isContentOnly(value: unknown): value is { content: string } {
  if (!isPlainObject(value) || typeof value.content !== 'string') return false;
  const keys = Object.keys(value);
  return keys.length === 1;
}

/** The body text of the (redacted) message and the key its redaction notes are under. */
function bodyOf(
  message: CloserMessage,
  which: 'request' | 'response'
): { text: string; key: string } | undefined {
  const contentKey =
    which === 'request' ? 'http.request.body.content' : 'http.response.body.content';
  const bodyKey = which === 'request' ? 'http.request.body' : 'http.response.body';
  const content = message[contentKey];
  if (content !== undefined && content !== null) {
    const text = bodyText(content);
    return text === undefined ? undefined : { text, key: contentKey };
  }
  const body = message[bodyKey];
  if (body === undefined || body === null) return undefined;
  if (isContentOnly(body)) return { text: body.content, key: contentKey };
  const text = bodyText(body);
  return text === undefined ? undefined : { text, key: bodyKey };
}

/** What redacting the message learnt that the document reports (sizes, tags). */
interface RedactionNotes {
  bodies: Map<string, RedactedBody>;
  urlTruncated: boolean;
}

const ORIGINAL_ROOTS = { source: 'message.', hit: '_source.message.' } as const;
type OriginalRoot = keyof typeof ORIGINAL_ROOTS;

const SPECIAL_PATHS: Record<OriginalRoot, PathNode> = {
  source: pathTree([...BODY_KEYS, 'url.full'].map((key) => `${ORIGINAL_ROOTS.source}${key}`)),
  hit: pathTree([...BODY_KEYS, 'url.full'].map((key) => `${ORIGINAL_ROOTS.hit}${key}`)),
};

/**
 * How a Closer record is redacted, the same for the document and for event.original: bodies by
 * redactBody (capped first), `url.full` by redactUrl (capped first), every other value by key
 * name and text scanning.
 */
function closerViewOptions(
  root: OriginalRoot,
  maxBodyChars: number,
  notes?: RedactionNotes
): RedactedViewOptions {
  const prefixLength = ORIGINAL_ROOTS[root].length;
  return {
    paths: SPECIAL_PATHS[root],
    special(path, value) {
      const key = path.slice(prefixLength);
      if (key === 'url.full') {
        if (typeof value !== 'string') return AS_USUAL;
        if (notes && value.length > MAX_URL_CHARS) notes.urlTruncated = true;
        return redactUrl(value);
      }
      if (value === null || (typeof value !== 'string' && !isPlainObject(value))) return AS_USUAL;
      // `{content}` is walked into (its `.content` is a body key itself); a body object deeper
      // than the limit is walked too, so it is cut off and reported like any other.
      if (isPlainObject(value)) {
        if (
          (isContentOnly(value) && !key.endsWith('.content')) ||
          jsonDepth(value) > MAX_JSON_DEPTH
        )
          return AS_USUAL;
      }
      const safe = redactBody(bodyText(value) ?? '', maxBodyChars);
      notes?.bodies.set(key, safe);
      return safe.content;
    },
  };
}

/** Remote text quoted in an error message: redacted, then capped. */
function quoted(text: string): string {
  return capText(
    redactText(text.length > MAX_ERROR_CHARS ? text.slice(0, MAX_ERROR_CHARS) : text),
    MAX_ERROR_CHARS
  );
}

class UnmappableRecord extends Error {}

function decodeMessage(raw: Record<string, unknown>): CloserMessage {
  const message = dottedMessage(raw);
  if (CloserMessage.is(message)) return message;
  const decoded = CloserMessage.decode(message);
  if (isLeft(decoded))
    throw new UnmappableRecord(
      `Invalid Closer message: ${quoted(formatDecodeErrors(decoded.left))}`
    );
  return decoded.right;
}

let lastNow: Date | undefined;
let lastNowText = '';
function isoOf(now: Date): string {
  if (now !== lastNow) {
    lastNow = now;
    lastNowText = now.toISOString();
  }
  return lastNowText;
}

/** The hit's `_source` and its @timestamp, or UnmappableRecord. */
function decodedSource(hit: CloserHit): { rawSource: CloserSource; timestamp: string } {
  const rawSource = hit._source;
  if (!CloserSource.is(rawSource)) {
    const decoded = CloserSource.decode(rawSource);
    throw new UnmappableRecord(
      isLeft(decoded)
        ? `Invalid Closer _source: ${quoted(formatDecodeErrors(decoded.left))}`
        : 'Invalid Closer _source'
    );
  }
  const timestamp = normalizeTimestamp(rawSource['@timestamp']);
  if (timestamp === undefined) {
    throw new UnmappableRecord(
      `Invalid @timestamp: ${quoted(JSON.stringify(rawSource['@timestamp']))}`
    );
  }
  return { rawSource, timestamp };
}

interface RedactedRecord {
  src: CloserSource;
  message: CloserMessage;
  action: string;
  notes: RedactionNotes;
  maxBodyChars: number;
}

/**
 * One redacted view of the whole _source feeds every field AND event.original, so no path can
 * carry a value the others redacted.
 */
function redactedRecord(rawSource: CloserSource, options: CloserMapOptions): RedactedRecord {
  const maxBodyChars = options.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
  const notes: RedactionNotes = { bodies: new Map(), urlTruncated: false };
  const view = redactedView(rawSource, closerViewOptions('source', maxBodyChars, notes));
  if (view.tooDeep)
    throw new UnmappableRecord(`Closer _source is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const src = view.value as CloserSource;
  const message = decodeMessage(src.message);
  const action = message['event.action'];
  if (action === undefined || action === '')
    throw new UnmappableRecord('Missing message.event.action');
  return { src, message, action, notes, maxBodyChars };
}

/** Closer's own categorization values, kept as they came (closer.security.*). */
interface CloserValues {
  kind: string[];
  category: string[];
  type: string[];
}

/** event.*: our table for known actions, Closer's values repaired otherwise. */
function eventField(
  hit: CloserHit,
  { message, action }: RedactedRecord,
  closer: CloserValues,
  context: MapContext,
  tags: string[]
): { event: Record<string, EcsValue>; info: ReturnType<typeof lookupAction> } {
  const info = lookupAction(action);
  const categorization = info ?? repairCategorization(closer.category, closer.type);
  if (!info) tags.push(CLOSER_TAGS.unknownAction);
  const kind =
    closer.kind.length === 1 &&
    ECS_EVENT_KINDS.has(closer.kind[0]) &&
    closer.kind[0] !== 'signal' &&
    closer.kind[0] !== 'pipeline_error'
      ? closer.kind[0]
      : 'event';

  const status = message['http.response.status_code'];
  const closerOutcome = message['event.outcome'];
  let outcome: string | undefined;
  if (closerOutcome !== undefined && ECS_EVENT_OUTCOMES.has(closerOutcome)) outcome = closerOutcome;
  else if (status !== undefined) outcome = status < 400 ? 'success' : 'failure';

  const event: Record<string, EcsValue> = {
    kind,
    category: categorization.category,
    type: categorization.type,
    action: keyword(action),
    dataset: source.dataset,
    module: source.module,
    provider: source.module,
    id: keyword(hit._id),
    created: isoOf(context.now),
  };
  if (outcome !== undefined) event.outcome = outcome;
  return { event, info };
}

/** source.*, and the cleaned IP (undefined when absent or not an IP). */
function sourceField(
  rawIp: string | undefined,
  tags: string[]
): { field?: Record<string, EcsValue>; ip?: string } {
  if (rawIp === undefined) return {};
  const cleaned = cleanSourceIp(rawIp);
  if (!cleaned) {
    tags.push(CLOSER_TAGS.invalidSourceIp);
    return { field: { address: keyword(rawIp) } };
  }
  const { ip } = cleaned;
  const field: Record<string, EcsValue> = { ip, address: ip };
  if (cleaned.domain !== undefined) field.domain = cleaned.domain;
  if (cleaned.port !== undefined) field.port = cleaned.port;
  return { field, ip };
}

/** url.* (already redacted and capped by the view), and its path for the summary. */
function urlField(
  full: string | undefined,
  notes: RedactionNotes,
  tags: string[]
): { field?: Record<string, EcsValue>; path?: string } {
  if (full === undefined) return {};
  const url: Record<string, EcsValue> = { full, original: full };
  let path: string | undefined;
  const parts = splitUrl(full);
  if (parts) {
    url.scheme = keyword(parts.scheme);
    url.domain = keyword(parts.domain);
    if (parts.port !== undefined) url.port = parts.port;
    url.path = path = parts.path;
    if (parts.query !== undefined) url.query = parts.query;
    if (parts.fragment !== undefined) url.fragment = keyword(parts.fragment);
    if (parts.extension !== undefined) url.extension = keyword(parts.extension);
    if (parts.username !== undefined) url.username = keyword(parts.username);
  } else {
    tags.push(CLOSER_TAGS.invalidUrl);
  }
  if (notes.urlTruncated) tags.push(CLOSER_TAGS.urlTruncated);
  return { field: url, path };
}

/** http.*; the bodies are the view's, already redacted (the notes say what that took). */
function httpField(
  record: RedactedRecord,
  method: string | undefined,
  tags: string[]
): Record<string, EcsValue> | undefined {
  const { message, notes, maxBodyChars } = record;
  const status = message['http.response.status_code'];
  const requestBody = bodyOf(message, 'request');
  const responseBody = bodyOf(message, 'response');
  if (
    method === undefined &&
    requestBody === undefined &&
    status === undefined &&
    responseBody === undefined
  )
    return undefined;
  const request: Record<string, EcsValue> = {};
  const response: Record<string, EcsValue> = {};
  if (method !== undefined) request.method = method;
  const bodyField = (body: { text: string; key: string }): Record<string, EcsValue> => {
    const safe: RedactedBody = notes.bodies.get(body.key) ?? redactBody(body.text, maxBodyChars);
    if (safe.redacted && !tags.includes(CLOSER_TAGS.bodyRedacted))
      tags.push(CLOSER_TAGS.bodyRedacted);
    if (safe.truncated && !tags.includes(CLOSER_TAGS.bodyTruncated))
      tags.push(CLOSER_TAGS.bodyTruncated);
    return { content: safe.content, bytes: safe.bytes };
  };
  if (requestBody !== undefined) request.body = bodyField(requestBody);
  if (status !== undefined) response.status_code = status;
  if (responseBody !== undefined) response.body = bodyField(responseBody);
  const http: Record<string, EcsValue> = {};
  if (method !== undefined || requestBody !== undefined) http.request = request;
  if (status !== undefined || responseBody !== undefined) http.response = response;
  return http;
}

/** user.* and related.*. */
function userFields(
  userId: string | undefined,
  roles: string | string[] | undefined,
  ip: string | undefined
): Record<string, EcsValue> {
  const fields: Record<string, EcsValue> = {};
  if (userId !== undefined || roles !== undefined) {
    const user: Record<string, EcsValue> = {};
    if (userId !== undefined) user.id = userId;
    if (roles !== undefined) user.roles = keywords(roles);
    fields.user = user;
  }
  if (ip !== undefined || userId !== undefined) {
    const related: Record<string, EcsValue> = {};
    if (ip !== undefined) related.ip = [ip];
    if (userId !== undefined) related.user = [userId];
    fields.related = related;
  }
  return fields;
}

/** closer.security.*: Closer's own values, before repair, and where the record came from. */
function closerField(
  hit: CloserHit,
  message: CloserMessage,
  closer: CloserValues,
  ip: string | undefined
): Record<string, EcsValue> {
  const field: Record<string, EcsValue> = { index: keyword(hit._index) };
  if (closer.kind.length > 0) field.kind = closer.kind;
  if (closer.category.length > 0) field.category = closer.category;
  if (closer.type.length > 0) field.type = closer.type;
  const closerOutcome = message['event.outcome'];
  if (closerOutcome !== undefined) field.outcome = keyword(closerOutcome);
  if (message['ecs.version'] !== undefined) field.ecs_version = keyword(message['ecs.version']);
  const rawIp = message['source.ip'];
  if (rawIp !== undefined && rawIp !== ip) field.source_ip = keyword(rawIp);
  return { security: field };
}

/** A readable line: "Agent's skills changed by user 0000… from 89.187.249.34: PUT /api/… → 204". */
function summaryOf(parts: {
  info: ReturnType<typeof lookupAction>;
  action: string;
  userId?: string;
  ip?: string;
  method?: string;
  path?: string;
  status?: number;
}): string {
  const { info, userId, ip, method, path, status } = parts;
  let summary = info ? info.summary : `Closer security event ${parts.action}`;
  if (userId !== undefined) summary += ` by user ${userId}`;
  if (ip !== undefined) summary += ` from ${ip}`;
  if (method !== undefined || path !== undefined)
    summary += `: ${method ?? ''}${method && path ? ' ' : ''}${path ?? ''}`;
  if (status !== undefined) summary += ` → ${status}`;
  return summary;
}

function mapHit(hit: CloserHit, context: MapContext, options: CloserMapOptions): IndexRequest {
  const { rawSource, timestamp } = decodedSource(hit);
  const record = redactedRecord(rawSource, options);
  const { message, notes } = record;
  const tags: string[] = [CLOSER_TAGS.forwarded, CLOSER_TAGS.dataset];
  const closer: CloserValues = {
    kind: keywords(message['event.kind']),
    category: keywords(message['event.category']),
    type: keywords(message['event.type']),
  };
  const { event, info } = eventField(hit, record, closer, context, tags);
  const document: EcsDocument = {
    '@timestamp': timestamp,
    ecs: { version: ECS_VERSION },
    data_stream: { type: 'logs', dataset: source.dataset, namespace: context.namespace },
    event,
  };
  const { field: sourceValue, ip } = sourceField(message['source.ip'], tags);
  if (sourceValue) document.source = sourceValue;
  const { field: url, path } = urlField(message['url.full'], notes, tags);
  if (url) document.url = url;
  const rawMethod = message['http.request.method'];
  const method = rawMethod === undefined ? undefined : keyword(rawMethod);
  const http = httpField(record, method, tags);
  if (http) document.http = http;
  const rawUserId = message['user.id'];
  const userId = rawUserId === undefined ? undefined : keyword(rawUserId);
  Object.assign(document, userFields(userId, message['user.roles'], ip));
  document.closer = closerField(hit, message, closer, ip);
  document.message = summaryOf({
    info,
    action: event.action as string,
    userId,
    ip,
    method,
    path,
    status: message['http.response.status_code'],
  });
  if (options.preserveOriginal !== false) {
    event.original = capText(safeStringify(record.src) ?? '', MAX_ORIGINAL_CHARS);
    tags.push(CLOSER_TAGS.preserveOriginal);
  }
  document.tags = tags;
  return {
    index: dataStreamName(source.dataset, context.namespace),
    id: closerDocumentId(hit._index, hit._id),
    document,
  };
}

/**
 * A record we could not map, made safe to keep: redacted like a mapped one (secret keys
 * anywhere, bodies, URL, every string), subtrees past the depth limit dropped, then capped.
 * Never throws: it runs in the catch path, where a throw would fail the whole page.
 */
function safeOriginal(record: unknown): string {
  try {
    const view = redactedView(record, closerViewOptions('hit', DEFAULT_MAX_BODY_CHARS));
    return capText(safeStringify(view.value) ?? '[unserializable record]', MAX_ORIGINAL_CHARS);
  } catch {
    return '[unserializable record]';
  }
}

/**
 * Maps a hit `{_index, _id, _source}`; never throws: a hit that does not decode or map becomes
 * an `event.kind: pipeline_error` document keeping the (redacted, capped) record, keyed on the
 * remote index and id when known so a re-read replaces nothing and duplicates nothing.
 */
export function mapCloserRecord(
  record: unknown,
  context: MapContext,
  options: CloserMapOptions = {}
): IndexRequest {
  const isHit = CloserHit.is(record);
  try {
    if (!isHit) {
      const decoded = CloserHit.decode(record);
      throw new UnmappableRecord(
        isLeft(decoded)
          ? `Invalid Closer search hit: ${quoted(formatDecodeErrors(decoded.left))}`
          : 'Invalid Closer search hit'
      );
    }
    return mapHit(record, context, options);
  } catch (error) {
    // Anything else thrown is a mapper bug; it still must not lose the record or stop the pull.
    const src = isHit ? (record._source as { '@timestamp'?: unknown } | null) : undefined;
    const rawTimestamp = src && typeof src === 'object' ? src['@timestamp'] : undefined;
    const timestamp =
      typeof rawTimestamp === 'string' || typeof rawTimestamp === 'number'
        ? normalizeTimestamp(rawTimestamp)
        : undefined;
    const request = pipelineErrorRequest({
      source,
      namespace: context.namespace,
      original: safeOriginal(record),
      error:
        error instanceof UnmappableRecord
          ? error.message
          : `Could not map: ${quoted(String((error as Error)?.message))}`,
      now: context.now,
      timestamp,
      recordKey: isHit ? `${record._index}|${record._id}` : undefined,
    });
    if (isHit) {
      const event = request.document.event as Record<string, EcsValue>;
      event.id = keyword(record._id);
      request.document.closer = { security: { index: keyword(record._index) } };
    }
    return request;
  }
}

export const closerMapper: SourceMapper = {
  source,
  fields: CLOSER_FIELDS,
  mapRecord(record, _original, context) {
    return mapCloserRecord(record, context);
  },
  redactUnparsed: redactText,
};
