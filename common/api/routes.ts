import * as t from 'io-ts';
import { SOURCE_KINDS } from '../data_streams';

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

/** Query of GET /events: the in-app events table over the data streams. */
export const EventsQuery = t.exact(
  t.partial({
    source: SourceFilter,
    /**
     * `space` (default): only the data streams of the connectors of the current space; `all`:
     * every Audit Sources data stream the user can read.
     */
    scope: t.keyof({ space: null, all: null }),
    /** Only this data stream namespace (`logs-<dataset>-<namespace>`); default: all of them. */
    namespace: t.string,
    /** Date math or ISO, e.g. now-24h. */
    from: t.string,
    to: t.string,
    /** KQL-like free text, matched as a simple query string. */
    query: t.string,
    action: t.string,
    outcome: t.keyof({ success: null, failure: null, unknown: null }),
    user: t.string,
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
    user: t.string,
    sourceIp: t.string,
    message: t.string,
  }),
]);
export type EventRow = t.TypeOf<typeof EventRow>;

export const EventsResponse = t.intersection([
  t.type({ total: t.number, events: t.array(EventRow) }),
  /** Scope `space`: the data streams searched (none when the space has no connector). */
  t.partial({ dataStreams: t.array(t.string) }),
]);
export type EventsResponse = t.TypeOf<typeof EventsResponse>;
