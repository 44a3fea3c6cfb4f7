import { isLeft } from 'fp-ts/Either';
import { dataStreamName, SOURCES } from '../../../common/data_streams';
import { formatDecodeErrors } from '../../../common/decode';
import { LumosActivityLog, type LumosActor } from './activity_log';
import {
  capText,
  jsonDepth,
  MAX_JSON_DEPTH,
  safeStringify,
  stringifyDeep,
} from '../../lib/bounded_json';
import { documentId } from '../../ingest/document_id';
import { ECS_VERSION, type EcsDocument, type EcsValue, type IndexRequest } from '../../ingest/ecs';
import type { FieldMap, FieldSpec } from '../../ingest/ecs_field_map';
import { MAX_ORIGINAL_CHARS, pipelineErrorRequest } from '../../ingest/pipeline_error';
import { errorMessage } from '../../lib/error_message';
import type { MapContext, SourceMapper } from '../source_mapper';
import { eventCategory } from './event_category';
import { parseEventTime } from './event_time';
import { pruneEmpty } from './prune';

const source = SOURCES.lumos;
const keyword: FieldSpec = { type: 'keyword', ignore_above: 1024 };

/**
 * The `lumos.*` fields we write, declared as Elastic's fields.yml does (all keyword, including
 * event_began_at, which stays the raw string: the parsed instant is `@timestamp`). The ECS fields
 * we set (`user.*`, `related.user`, `event.category`, ...) are all in BASE_FIELDS already.
 */
export const LUMOS_FIELDS: FieldMap = {
  'lumos.activity_logs.actor.actor_type': keyword,
  'lumos.activity_logs.actor.email': keyword,
  'lumos.activity_logs.actor.family_name': keyword,
  'lumos.activity_logs.actor.given_name': keyword,
  'lumos.activity_logs.event_began_at': keyword,
  'lumos.activity_logs.event_type_user_friendly': keyword,
  'lumos.activity_logs.targets.name': keyword,
  'lumos.activity_logs.targets.target_type': keyword,
  // Free-form per event type: flattened, so one event's shape can never conflict with another's.
  'lumos.activity_logs.event_metadata': { type: 'flattened' },
};

/** Moved to `event.*` by Elastic's pipeline, so not kept under `lumos.activity_logs`. */
const RENAMED_KEYS: ReadonlySet<string> = new Set(['event_hash', 'event_type', 'outcome']);

/** Elastic's mapping, exact and case-sensitive: `Succeeded`, `Failed`, anything else unknown. */
function eventOutcome(outcome: unknown): string {
  if (outcome === 'Succeeded') return 'success';
  if (outcome === 'Failed') return 'failure';
  return 'unknown';
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `user.*` and `related.user` from the actor; a system actor ("Lumos", no email) has none. */
function actorUser(actor: LumosActor | null | undefined): {
  user?: { [key: string]: EcsValue };
  related?: string[];
} {
  if (!actor) return {};
  const email = nonEmptyString(actor.email);
  const given = nonEmptyString(actor.given_name);
  const family = nonEmptyString(actor.family_name);
  const fullName = given && family ? `${given} ${family}` : (given ?? family);
  if (!email && !fullName) return {};
  const user: { [key: string]: EcsValue } = {};
  const related: string[] = [];
  if (email) {
    user.email = email;
    // Lumos identifies people by email; it is the login the other identity sources show too.
    user.name = email;
    related.push(email);
  }
  if (fullName) {
    user.full_name = fullName;
    related.push(fullName);
  }
  return { user, related };
}

/**
 * Maps a decoded item. `original` is its JSON text, kept as `event.original`. `message` is what a
 * person reads in a table: Lumos's own sentence for the event (`event_type_user_friendly`) when
 * the record has one, else the JSON text as Elastic's integration keeps it. Throws when the event
 * time is present but unreadable.
 */
export function mapActivityLog(
  item: LumosActivityLog,
  original: string,
  context: MapContext
): IndexRequest {
  const { namespace, now } = context;
  const created = now.toISOString();

  let timestamp = created;
  const began = item.event_began_at;
  if (began != null && began !== '') {
    const ms = parseEventTime(began);
    if (Number.isNaN(ms)) {
      // Quoted, and cut: the value is remote text of any length.
      throw new Error(`event_began_at: not a date-time: ${JSON.stringify(capText(began, 64))}`);
    }
    timestamp = new Date(ms).toISOString();
  }

  // Everything but the three keys Elastic renames out, pruned of empty values like its script.
  const activityLogs = pruneEmpty(item, RENAMED_KEYS);

  const event: { [key: string]: EcsValue } = {
    kind: 'event',
    id: item.event_hash,
    outcome: eventOutcome(item.outcome),
    type: ['info'],
    created,
    dataset: source.dataset,
    module: source.module,
    original,
  };
  const action = item.event_type;
  // Elastic's prune script removes an empty action too.
  if (typeof action === 'string' && action !== '') {
    event.action = action;
    const category = eventCategory(action);
    if (category) event.category = [category];
  }

  const document: EcsDocument = {
    '@timestamp': timestamp,
    ecs: { version: ECS_VERSION },
    data_stream: { type: 'logs', dataset: source.dataset, namespace },
    event,
    message: nonEmptyString(item.event_type_user_friendly) ?? original,
  };
  const { user, related } = actorUser(item.actor as LumosActor | null | undefined);
  if (user) document.user = user;
  if (related && related.length > 0) document.related = { user: related };
  if (activityLogs !== undefined) document.lumos = { activity_logs: activityLogs };

  return {
    index: dataStreamName(source.dataset, namespace),
    id: documentId(source.dataset, item.event_hash),
    document,
  };
}

/** A record that is not a valid item, as a pipeline_error keyed on its text. */
export function lumosPipelineError(
  record: unknown,
  original: string,
  error: string,
  context: MapContext
): IndexRequest {
  const began = (record as { event_began_at?: unknown } | null)?.event_began_at;
  const ms = typeof began === 'string' ? parseEventTime(began) : NaN;
  return pipelineErrorRequest({
    source,
    namespace: context.namespace,
    original,
    error,
    now: context.now,
    timestamp: Number.isNaN(ms) ? undefined : new Date(ms).toISOString(),
    // Not the event_hash: a record malformed once (a glitch) must not block its good version,
    // which has the event_hash's id.
  });
}

/** One item's outcome on the poll's path. */
export interface MappedLumosItem {
  request: IndexRequest;
  /** A pipeline_error we made (the item could not be mapped), not a mapped event. */
  pipelineError: boolean;
  /**
   * The item's identity within a cycle, to skip it when read again: `event|` and its event_hash
   * when it has a readable one, else `malformed|` and the pipeline_error's id (a hash, so
   * remembering many huge malformed items costs no more than remembering small ones).
   */
  key: string;
}

export const MALFORMED_KEY_PREFIX = 'malformed|';

function malformedItem(
  record: unknown,
  original: string,
  error: string,
  context: MapContext
): MappedLumosItem {
  const request = lumosPipelineError(record, original, error, context);
  return { request, pipelineError: true, key: `${MALFORMED_KEY_PREFIX}${request.id}` };
}

/**
 * The mapping steps, each bounded: the depth check comes first, so decoding, the error text of a
 * decode failure and pruning only ever see values of at most MAX_JSON_DEPTH levels.
 */
function mapChecked(
  record: unknown,
  original: string,
  context: MapContext,
  depth = jsonDepth(record)
): MappedLumosItem {
  if (depth > MAX_JSON_DEPTH) {
    return malformedItem(
      record,
      original,
      `Nested deeper than ${MAX_JSON_DEPTH} levels (the limit for any record): not mapped`,
      context
    );
  }
  const decoded = LumosActivityLog.decode(record);
  if (isLeft(decoded)) {
    const reason = `Not a Lumos activity log: ${formatDecodeErrors(decoded.left)}`;
    return malformedItem(record, original, reason, context);
  }
  // Prefixed so no event_hash can pass for a malformed item's key.
  const key = `event|${decoded.right.event_hash}`;
  try {
    const request = mapActivityLog(decoded.right as LumosActivityLog, original, context);
    return { request, pipelineError: false, key };
  } catch (error) {
    const request = lumosPipelineError(record, original, errorMessage(error), context);
    return { request, pipelineError: true, key };
  }
}

/** Last resort if a step threw anyway: still a bounded pipeline_error, never a throw. */
function unexpectedFailure(
  record: unknown,
  original: string | undefined,
  error: unknown,
  context: MapContext
): MappedLumosItem {
  const text = original ?? stringifyDeep(record, MAX_ORIGINAL_CHARS);
  const request = pipelineErrorRequest({
    source,
    namespace: context.namespace,
    original: text,
    error: `Could not map the record: ${errorMessage(error)}`,
    now: context.now,
  });
  return { request, pipelineError: true, key: `${MALFORMED_KEY_PREFIX}${request.id}` };
}

/**
 * JSON text of a decoded item, for `event.original` and the pipeline_error id. JSON.stringify is
 * recursive and throws on a few thousand levels; such items get the iterative writer.
 */
function itemText(item: unknown, depth: number): string {
  const text = depth <= MAX_JSON_DEPTH ? safeStringify(item) : undefined;
  return text ?? stringifyDeep(item);
}

/**
 * The poll's per-item path, from the decoded JSON value to its index request (a document or a
 * bounded pipeline_error). Never throws, whatever the item's depth, size or shape: a throw here
 * would fail the page on every run and wedge the connector.
 */
export function mapLumosItem(item: unknown, context: MapContext): MappedLumosItem {
  let original: string | undefined;
  try {
    const depth = jsonDepth(item);
    original = itemText(item, depth);
    return mapChecked(item, original, context, depth);
  } catch (error) {
    return unexpectedFailure(item, original, error, context);
  }
}

/** Decodes then maps a record read with its text (the map command); never throws. */
export function mapLumosRecord(
  record: unknown,
  original: string,
  context: MapContext
): IndexRequest {
  try {
    return mapChecked(record, original, context).request;
  } catch (error) {
    return unexpectedFailure(record, original, error, context).request;
  }
}

export const lumosMapper: SourceMapper = {
  source,
  fields: LUMOS_FIELDS,
  mapRecord: mapLumosRecord,
};
