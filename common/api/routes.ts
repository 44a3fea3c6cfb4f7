import * as t from 'io-ts';
import { SOURCE_KINDS } from '../data_streams';
import { SOURCE_DEFINITIONS } from '../sources/registry';
import { checkedString } from '../decode';

/** Internal HTTP API of the plugin. Browser calls go through core.http with these paths. */
export const API_BASE_PATH = '/internal/audit_sources';

export const ROUTES = {
  connectors: `${API_BASE_PATH}/connectors`,
  connector: `${API_BASE_PATH}/connectors/{id}`,
  testConnection: `${API_BASE_PATH}/connectors/_test`,
  preview: `${API_BASE_PATH}/connectors/_preview`,
  runNow: `${API_BASE_PATH}/connectors/{id}/_run`,
  health: `${API_BASE_PATH}/connectors/{id}/health`,
  events: `${API_BASE_PATH}/events`,
  /** One document of a search hit, by its backing index and id. */
  eventDocument: `${API_BASE_PATH}/events/_doc`,
  eventSuggestions: `${API_BASE_PATH}/events/_suggestions`,
  savedViews: `${API_BASE_PATH}/saved_views`,
} as const;

export function connectorPath(template: string, id: string): string {
  return template.replace('{id}', encodeURIComponent(id));
}

/**
 * API privileges, declared by the `auditSources` Kibana feature: `read` lists and looks,
 * `all` also configures connectors and triggers runs.
 */
export const API_PRIVILEGES = {
  read: 'auditSources-read',
  write: 'auditSources-write',
} as const;

export const ConnectorIdParams = t.exact(t.type({ id: t.string }));

const SourceFilter = t.keyof({
  all: null,
  ...Object.fromEntries(SOURCE_KINDS.map((k) => [k, null])),
} as Record<'all' | (typeof SOURCE_KINDS)[number], null>);

const PositiveIntString = new t.Type<number, string, unknown>(
  'PositiveInteger',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0,
  (u, c) => {
    const n = typeof u === 'string' ? Number(u) : u;
    return typeof n === 'number' && Number.isInteger(n) && n > 0
      ? t.success(n)
      : t.failure(u, c, 'must be a positive whole number');
  },
  String
);

/** A string of at most `max` characters (outside text that reaches Elasticsearch). */
function boundedString(max: number) {
  return checkedString(`String(max ${max})`, (value) =>
    value.length <= max ? undefined : `must be at most ${max} characters`
  );
}

/** Longest search text accepted: a Lucene query is parsed on every shard. */
export const MAX_EVENTS_QUERY_LENGTH = 1000;
/** Longest filter value or suggestion prefix. */
export const MAX_FILTER_LENGTH = 256;

/**
 * The columns the events table sorts by (an allow-list: anything else is a 400). `user` sorts
 * by user.name, then user.id (Closer has only the id); `data_stream` by dataset and namespace.
 */
export const EVENTS_SORT_FIELDS = [
  '@timestamp',
  'event.action',
  'event.outcome',
  'event.kind',
  'user',
  'data_stream',
  'source.ip',
] as const;
export type EventsSortField = (typeof EVENTS_SORT_FIELDS)[number];

const EventsSortField = t.keyof(
  Object.fromEntries(EVENTS_SORT_FIELDS.map((f) => [f, null])) as Record<EventsSortField, null>
);

/** The filters shared by the search and its value suggestions. */
const eventsScopeProps = {
  source: SourceFilter,
  /**
   * `space` (default): only the data streams of the connectors of the current space; `all`:
   * every Audit Sources data stream the user can read.
   */
  scope: t.keyof({ space: null, all: null }),
  /** Only this data stream namespace (`logs-<dataset>-<namespace>`); default: all of them. */
  namespace: boundedString(MAX_FILTER_LENGTH),
  /** Date math or ISO, e.g. now-24h. */
  from: boundedString(MAX_FILTER_LENGTH),
  to: boundedString(MAX_FILTER_LENGTH),
};

/** Query of GET /events: the in-app events table over the data streams. */
export const EventsQuery = t.exact(
  t.partial({
    ...eventsScopeProps,
    /** Lucene syntax (Elasticsearch query_string), e.g. `user.email:alice@example.com`. */
    query: boundedString(MAX_EVENTS_QUERY_LENGTH),
    /** event.action, case-insensitive. */
    action: boundedString(MAX_FILTER_LENGTH),
    outcome: t.keyof({ success: null, failure: null, unknown: null }),
    /** event.kind: mapped events or the records that could not be mapped. */
    kind: t.keyof({ event: null, pipeline_error: null }),
    /** user.name, user.email, user.id or related.user, case-insensitive. */
    user: boundedString(MAX_FILTER_LENGTH),
    sort: EventsSortField,
    order: t.keyof({ asc: null, desc: null }),
    page: PositiveIntString,
    perPage: PositiveIntString,
  })
);
export type EventsQuery = t.TypeOf<typeof EventsQuery>;

export const EventRow = t.intersection([
  t.type({ id: t.string, index: t.string, timestamp: t.string, source: t.string }),
  t.partial({
    action: t.string,
    outcome: t.string,
    kind: t.string,
    /** user.name, else user.email, else user.id. */
    user: t.string,
    sourceIp: t.string,
    message: t.string,
    /** Why a pipeline_error record could not be mapped. */
    errorMessage: t.string,
  }),
]);
export type EventRow = t.TypeOf<typeof EventRow>;

export const EventsResponse = t.intersection([
  t.type({ total: t.number, events: t.array(EventRow) }),
  /** Scope `space`: the data streams searched (none when the space has no connector). */
  t.partial({ dataStreams: t.array(t.string) }),
]);
export type EventsResponse = t.TypeOf<typeof EventsResponse>;

/**
 * A backing index of one of our data streams (`.ds-logs-lumos.activity_logs-prod-2026.01.02-000001`)
 * or the data stream itself: the document route reads nothing else. Linear: one anchored prefix,
 * then one character class.
 */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any registered source's dataset: a fixed alternation of literal names. */
const EVENT_INDEX = new RegExp(
  `^(?:\\.ds-)?logs-(?:${SOURCE_DEFINITIONS.map((source) => escapeRegExp(source.dataset)).join('|')})-[^*\\\\/?"<>|\\s,#:]{1,200}$`
);

const EventIndex = checkedString('EventIndex', (value) =>
  EVENT_INDEX.test(value) ? undefined : 'must be an index of an Audit Sources data stream'
);

/** Query of GET /events/_doc: the hit's `_index` and `_id`. */
export const EventDocumentQuery = t.exact(
  t.type({ index: EventIndex, id: boundedString(MAX_FILTER_LENGTH) })
);
export type EventDocumentQuery = t.TypeOf<typeof EventDocumentQuery>;

/** The full ECS document of one event, as stored (`_source`). */
export const EventDocumentResponse = t.type({
  index: t.string,
  id: t.string,
  document: t.UnknownRecord,
});
export type EventDocumentResponse = t.TypeOf<typeof EventDocumentResponse>;

export const SUGGESTION_FIELDS = ['action', 'user', 'namespace'] as const;
export type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

/** Query of GET /events/_suggestions: values of one filter in the same scope and time range. */
export const EventSuggestionsQuery = t.exact(
  t.intersection([
    t.type({
      field: t.keyof(
        Object.fromEntries(SUGGESTION_FIELDS.map((f) => [f, null])) as Record<SuggestionField, null>
      ),
    }),
    t.partial({ ...eventsScopeProps, prefix: boundedString(MAX_FILTER_LENGTH) }),
  ])
);
export type EventSuggestionsQuery = t.TypeOf<typeof EventSuggestionsQuery>;

export const EventSuggestionsResponse = t.type({ values: t.array(t.string) });
export type EventSuggestionsResponse = t.TypeOf<typeof EventSuggestionsResponse>;
