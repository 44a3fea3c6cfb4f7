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
import { CloserHit, CloserMessage, CloserSource } from '../../../common/closer/security_log';
import { documentId } from '../../ingest/document_id';
import { ECS_VERSION, type EcsDocument, type EcsValue, type IndexRequest } from '../../ingest/ecs';
import { pipelineErrorRequest } from '../../ingest/pipeline_error';
import type { MapContext, SourceMapper } from '../source_mapper';
import { lookupAction } from './actions';
import { ECS_EVENT_KINDS, ECS_EVENT_OUTCOMES, repairCategorization } from './ecs_categories';
import { CLOSER_FIELDS } from './fields';
import {
  bodyText,
  DEFAULT_MAX_BODY_CHARS,
  redactBody,
  redactUrl,
  type RedactedBody,
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
  unknownAction: 'closer_unknown_action',
} as const;

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

function toArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

const BODY_KEYS = [
  'http.request.body',
  'http.request.body.content',
  'http.response.body',
  'http.response.body.content',
] as const;

/** `{http: {request: {method: ...}}}` → `{"http.request.method": ...}`; bodies stay leaves. */
function flattenInto(target: Record<string, unknown>, prefix: string, value: unknown): void {
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(BODY_KEYS as readonly string[]).includes(prefix)
  ) {
    for (const [key, item] of Object.entries(value)) flattenInto(target, `${prefix}.${key}`, item);
  } else {
    target[prefix] = value;
  }
}

/**
 * Closer writes dotted keys; should a record arrive already nested (or mixed), flatten it so
 * one decoder serves both. The common, all-dotted case returns the object untouched.
 */
function dottedMessage(message: Record<string, unknown>): Record<string, unknown> {
  let nested = false;
  for (const key in message) {
    const value = message[key];
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(BODY_KEYS as readonly string[]).includes(key)
    ) {
      nested = true;
      break;
    }
  }
  if (!nested) return message;
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) flattenInto(flat, key, value);
  return flat;
}

function bodyOf(message: CloserMessage, which: 'request' | 'response'): string | undefined {
  const content =
    which === 'request'
      ? message['http.request.body.content']
      : message['http.response.body.content'];
  if (content !== undefined && content !== null) return bodyText(content);
  const body = which === 'request' ? message['http.request.body'] : message['http.response.body'];
  if (body === undefined || body === null) return undefined;
  // `{"content": "..."}` as an object is the nested spelling of `.body.content`.
  if (
    typeof body === 'object' &&
    typeof body.content === 'string' &&
    Object.keys(body).length === 1
  ) {
    return body.content;
  }
  return bodyText(body);
}

class UnmappableRecord extends Error {}

function decodeMessage(raw: Record<string, unknown>): CloserMessage {
  const message = dottedMessage(raw);
  if (CloserMessage.is(message)) return message;
  const decoded = CloserMessage.decode(message);
  if (isLeft(decoded))
    throw new UnmappableRecord(`Invalid Closer message: ${formatDecodeErrors(decoded.left)}`);
  return decoded.right;
}

/** `_source` made safe to keep as text: bodies and URL redacted/capped, nothing else touched. */
function redactedSource(
  src: Record<string, unknown>,
  message: Record<string, unknown> | undefined,
  replacements: Record<string, unknown> | undefined
): Record<string, unknown> {
  if (!message || !replacements) return src;
  return { ...src, message: { ...message, ...replacements } };
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

function mapHit(hit: CloserHit, context: MapContext, options: CloserMapOptions): IndexRequest {
  const src = hit._source;
  if (!CloserSource.is(src)) {
    const decoded = CloserSource.decode(src);
    throw new UnmappableRecord(
      isLeft(decoded)
        ? `Invalid Closer _source: ${formatDecodeErrors(decoded.left)}`
        : 'Invalid Closer _source'
    );
  }
  const timestamp = normalizeTimestamp(src['@timestamp']);
  if (timestamp === undefined) {
    throw new UnmappableRecord(`Invalid @timestamp: ${JSON.stringify(src['@timestamp'])}`);
  }
  const message = decodeMessage(src.message);
  const action = message['event.action'];
  if (action === undefined || action === '')
    throw new UnmappableRecord('Missing message.event.action');

  const maxBodyChars = options.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
  const tags: string[] = [CLOSER_TAGS.forwarded, CLOSER_TAGS.dataset];
  // Keys of `message` whose redacted value replaces the original in event.original.
  let replacements: Record<string, unknown> | undefined;
  const replace = (key: string, value: unknown) => {
    (replacements ??= {})[key] = value;
  };

  // Categorization: our table for known actions, Closer's values repaired otherwise.
  const closerKind = toArray(message['event.kind']);
  const closerCategory = toArray(message['event.category']);
  const closerType = toArray(message['event.type']);
  const info = lookupAction(action);
  const categorization = info ?? repairCategorization(closerCategory, closerType);
  if (!info) tags.push(CLOSER_TAGS.unknownAction);
  const kind =
    closerKind.length === 1 &&
    ECS_EVENT_KINDS.has(closerKind[0]) &&
    closerKind[0] !== 'signal' &&
    closerKind[0] !== 'pipeline_error'
      ? closerKind[0]
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
    action,
    dataset: source.dataset,
    module: source.module,
    provider: source.module,
    id: hit._id,
    created: isoOf(context.now),
  };
  if (outcome !== undefined) event.outcome = outcome;

  const document: EcsDocument = {
    '@timestamp': timestamp,
    ecs: { version: ECS_VERSION },
    data_stream: { type: 'logs', dataset: source.dataset, namespace: context.namespace },
    event,
  };

  // source.*
  const rawIp = message['source.ip'];
  let ip: string | undefined;
  if (rawIp !== undefined) {
    const cleaned = cleanSourceIp(rawIp);
    if (cleaned) {
      ip = cleaned.ip;
      const sourceField: Record<string, EcsValue> = { ip, address: ip };
      if (cleaned.domain !== undefined) sourceField.domain = cleaned.domain;
      if (cleaned.port !== undefined) sourceField.port = cleaned.port;
      document.source = sourceField;
    } else {
      tags.push(CLOSER_TAGS.invalidSourceIp);
      document.source = { address: rawIp };
    }
  }

  // url.*
  const rawUrl = message['url.full'];
  let path: string | undefined;
  if (rawUrl !== undefined) {
    const full = redactUrl(rawUrl);
    if (full !== rawUrl) replace('url.full', full);
    const url: Record<string, EcsValue> = { full, original: full };
    const parts = splitUrl(full);
    if (parts) {
      url.scheme = parts.scheme;
      url.domain = parts.domain;
      if (parts.port !== undefined) url.port = parts.port;
      url.path = path = parts.path;
      if (parts.query !== undefined) url.query = parts.query;
      if (parts.fragment !== undefined) url.fragment = parts.fragment;
      if (parts.extension !== undefined) url.extension = parts.extension;
      if (parts.username !== undefined) url.username = parts.username;
    } else {
      tags.push(CLOSER_TAGS.invalidUrl);
    }
    document.url = url;
  }

  // http.*
  const method = message['http.request.method'];
  const requestBody = bodyOf(message, 'request');
  const responseBody = bodyOf(message, 'response');
  if (
    method !== undefined ||
    requestBody !== undefined ||
    status !== undefined ||
    responseBody !== undefined
  ) {
    const request: Record<string, EcsValue> = {};
    const response: Record<string, EcsValue> = {};
    if (method !== undefined) request.method = method;
    const bodyField = (text: string, which: 'request' | 'response'): Record<string, EcsValue> => {
      const safe: RedactedBody = redactBody(text, maxBodyChars);
      if (safe.redacted && !tags.includes(CLOSER_TAGS.bodyRedacted))
        tags.push(CLOSER_TAGS.bodyRedacted);
      if (safe.truncated && !tags.includes(CLOSER_TAGS.bodyTruncated))
        tags.push(CLOSER_TAGS.bodyTruncated);
      if (safe.content !== text) {
        const key =
          message[`http.${which}.body.content`] !== undefined
            ? `http.${which}.body.content`
            : `http.${which}.body`;
        replace(key, safe.content);
      }
      return { content: safe.content, bytes: safe.bytes };
    };
    if (requestBody !== undefined) request.body = bodyField(requestBody, 'request');
    if (status !== undefined) response.status_code = status;
    if (responseBody !== undefined) response.body = bodyField(responseBody, 'response');
    const http: Record<string, EcsValue> = {};
    if (method !== undefined || requestBody !== undefined) http.request = request;
    if (status !== undefined || responseBody !== undefined) http.response = response;
    document.http = http;
  }

  // user.*, related.*
  const userId = message['user.id'];
  const roles = message['user.roles'];
  if (userId !== undefined || roles !== undefined) {
    const user: Record<string, EcsValue> = {};
    if (userId !== undefined) user.id = userId;
    if (roles !== undefined) user.roles = toArray(roles);
    document.user = user;
  }
  if (ip !== undefined || userId !== undefined) {
    const related: Record<string, EcsValue> = {};
    if (ip !== undefined) related.ip = [ip];
    if (userId !== undefined) related.user = [userId];
    document.related = related;
  }

  // closer.security.*: Closer's own values, before repair, and where the record came from.
  const closer: Record<string, EcsValue> = { index: hit._index };
  if (closerKind.length > 0) closer.kind = closerKind;
  if (closerCategory.length > 0) closer.category = closerCategory;
  if (closerType.length > 0) closer.type = closerType;
  if (closerOutcome !== undefined) closer.outcome = closerOutcome;
  if (message['ecs.version'] !== undefined) closer.ecs_version = message['ecs.version'];
  if (rawIp !== undefined && rawIp !== ip) closer.source_ip = rawIp;
  document.closer = { security: closer };

  // A readable line: "Agent's skills changed by user 0000… from 89.187.249.34: PUT /api/… → 204".
  let summary = info ? info.summary : `Closer security event ${action}`;
  if (userId !== undefined) summary += ` by user ${userId}`;
  if (ip !== undefined) summary += ` from ${ip}`;
  if (method !== undefined || path !== undefined)
    summary += `: ${method ?? ''}${method && path ? ' ' : ''}${path ?? ''}`;
  if (status !== undefined) summary += ` → ${status}`;
  document.message = summary;

  if (options.preserveOriginal !== false) {
    event.original = JSON.stringify(redactedSource(src, src.message, replacements));
    tags.push(CLOSER_TAGS.preserveOriginal);
  }
  document.tags = tags;

  return {
    index: dataStreamName(source.dataset, context.namespace),
    id: closerDocumentId(hit._index, hit._id),
    document,
  };
}

/** Best-effort redaction of a record we could not map, so its pipeline_error copy is safe too. */
function safeOriginal(record: unknown): string {
  const hit = record as { _source?: { message?: unknown } } | null;
  const message = hit?._source?.message;
  if (message === null || typeof message !== 'object' || Array.isArray(message))
    return JSON.stringify(record);
  const replacements: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message as Record<string, unknown>)) {
    if ((BODY_KEYS as readonly string[]).includes(key)) {
      const text = bodyText(value);
      if (text !== undefined) replacements[key] = redactBody(text).content;
    } else if (key === 'url.full' && typeof value === 'string') {
      replacements[key] = redactUrl(value);
    }
  }
  const src = hit!._source as Record<string, unknown>;
  return JSON.stringify({
    ...(record as Record<string, unknown>),
    _source: { ...src, message: { ...(message as Record<string, unknown>), ...replacements } },
  });
}

/**
 * Maps a hit `{_index, _id, _source}`; never throws: a hit that does not decode or map becomes
 * an `event.kind: pipeline_error` document keeping the (redacted) record, keyed on the remote
 * index and id when known so a re-read replaces nothing and duplicates nothing.
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
          ? `Invalid Closer search hit: ${formatDecodeErrors(decoded.left)}`
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
          : `Could not map: ${(error as Error).message}`,
      now: context.now,
      timestamp,
      recordKey: isHit ? `${record._index}|${record._id}` : undefined,
    });
    if (isHit) {
      const event = request.document.event as Record<string, EcsValue>;
      event.id = record._id;
      request.document.closer = { security: { index: record._index } };
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
};
