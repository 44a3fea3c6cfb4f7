import { isLeft } from 'fp-ts/Either';
import { dataStreamName, SOURCES } from '../../../common/data_streams';
import { formatDecodeErrors } from '../../../common/decode';
import { LumosActivityLog, type LumosActor } from '../../../common/lumos/activity_log';
import { documentId } from '../../ingest/document_id';
import { ECS_VERSION, type EcsDocument, type EcsValue, type IndexRequest } from '../../ingest/ecs';
import type { FieldMap, FieldSpec } from '../../ingest/ecs_field_map';
import { pipelineErrorRequest } from '../../ingest/pipeline_error';
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
 * Maps a decoded item. `original` is its JSON text: kept as `message` (as Elastic does) and
 * `event.original`. Throws when the event time is present but unreadable.
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
    if (Number.isNaN(ms))
      throw new Error(`event_began_at: not a date-time: ${JSON.stringify(began)}`);
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
    message: original,
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

/** Decodes then maps; never throws. */
export function mapLumosRecord(
  record: unknown,
  original: string,
  context: MapContext
): IndexRequest {
  const decoded = LumosActivityLog.decode(record);
  if (isLeft(decoded)) {
    return lumosPipelineError(
      record,
      original,
      `Not a Lumos activity log: ${formatDecodeErrors(decoded.left)}`,
      context
    );
  }
  try {
    return mapActivityLog(decoded.right as LumosActivityLog, original, context);
  } catch (error) {
    return lumosPipelineError(record, original, (error as Error).message, context);
  }
}

export const lumosMapper: SourceMapper = {
  source,
  fields: LUMOS_FIELDS,
  mapRecord: mapLumosRecord,
};
