import * as t from 'io-ts';
import { SOURCES, dataStreamPattern, type SourceKind } from '../data_streams';

/*
 * Ready-made Discover views over the two data streams: one data view per source and a few saved
 * searches ("Discover sessions", saved-object type `search`) on top of it.
 *
 * Ids are fixed per space (idInSpace), so creating them is idempotent: the browser creates the
 * data views, with the ids the server names, through the optional `dataViews` plugin (get, then
 * createAndSave when missing), then asks the server to
 * create the saved searches (ROUTES.savedViews), because Kibana has no saved-search API a
 * third-party browser bundle can reach without the saved_search plugin's internals.
 *
 *   GET  ROUTES.savedViews  -> SavedViewsResponse   which saved searches exist (read privilege)
 *   POST ROUTES.savedViews  -> SavedViewsResponse   creates the missing ones (write privilege);
 *                              body EnsureSavedViewsRequest
 *
 * See docs/app.md ("Saved views route") for what the server must do.
 */

export interface DataViewDefinition {
  /** Saved-object id of the data view (`index-pattern`). */
  id: string;
  source: SourceKind;
  name: string;
  /** The index pattern (DataViewSpec.title). */
  title: string;
  timeFieldName: '@timestamp';
}

export const DATA_VIEW_DEFINITIONS: Readonly<Record<SourceKind, DataViewDefinition>> = {
  lumos: {
    id: 'audit-sources-lumos',
    source: 'lumos',
    name: 'Audit Sources: Lumos activity logs',
    title: dataStreamPattern(SOURCES.lumos.dataset),
    timeFieldName: '@timestamp',
  },
  closer: {
    id: 'audit-sources-closer',
    source: 'closer',
    name: 'Audit Sources: Closer security logs',
    title: dataStreamPattern(SOURCES.closer.dataset),
    timeFieldName: '@timestamp',
  },
};

export interface SavedViewDefinition {
  /** Saved-object id of the saved search (`search`). */
  id: string;
  source: SourceKind;
  title: string;
  description: string;
  /** KQL; empty for "everything in the data view". */
  query: string;
  columns: string[];
}

export const SAVED_VIEW_DEFINITIONS: readonly SavedViewDefinition[] = [
  {
    id: 'audit-sources-lumos-all-activity',
    source: 'lumos',
    title: 'Lumos: all activity',
    description: 'Every Lumos activity-log event, newest first.',
    query: '',
    columns: ['event.action', 'user.email', 'event.outcome', 'message'],
  },
  {
    id: 'audit-sources-lumos-failed-actions',
    source: 'lumos',
    title: 'Lumos: failed actions',
    description: 'Lumos events whose outcome is failure.',
    query: 'event.outcome:"failure"',
    columns: ['event.action', 'user.email', 'message'],
  },
  {
    id: 'audit-sources-closer-logins',
    source: 'closer',
    title: 'Closer: logins',
    description: 'Closer authentication events: logins, logouts and failed logins.',
    query: 'event.category:"authentication"',
    columns: ['event.action', 'user.id', 'source.ip', 'event.outcome'],
  },
  {
    id: 'audit-sources-closer-configuration-changes',
    source: 'closer',
    title: 'Closer: configuration changes',
    description: 'Closer events that changed the configuration.',
    query: 'event.category:"configuration"',
    columns: ['event.action', 'user.id', 'message'],
  },
];

/**
 * The id of a definition's object in a space. Data views (`multiple`) and saved searches
 * (`multiple-isolated`) have ids unique across all spaces, so one fixed id could exist in one
 * space only. The default space keeps the bare id (what existed before spaces were supported);
 * every other space gets `<id>-<spaceId>`, as Security Solution names its per-space data views.
 * No definition id is a prefix of another of the same type, so these never collide.
 */
export function idInSpace(id: string, spaceId: string): string {
  return spaceId === 'default' ? id : `${id}-${spaceId}`;
}

const SourceKindCodec = t.keyof({ lumos: null, closer: null });

/** Body of POST ROUTES.savedViews. */
export const EnsureSavedViewsRequest = t.exact(
  t.type({
    /**
     * Data-view id to reference per source (normally DATA_VIEW_DEFINITIONS[source].id). The server
     * creates the data view itself when the browser had no dataViews plugin.
     */
    dataViews: t.array(t.type({ source: SourceKindCodec, id: t.string })),
  })
);
export type EnsureSavedViewsRequest = t.TypeOf<typeof EnsureSavedViewsRequest>;

export const SavedViewState = t.type({
  id: t.string,
  source: SourceKindCodec,
  title: t.string,
  description: t.string,
  query: t.string,
  columns: t.array(t.string),
  dataViewId: t.string,
  /** The saved search exists in this space. */
  exists: t.boolean,
});
export type SavedViewState = t.TypeOf<typeof SavedViewState>;

export const DataViewState = t.type({
  id: t.string,
  source: SourceKindCodec,
  name: t.string,
  /** The index pattern. */
  title: t.string,
  /** An `index-pattern` saved object with this id exists in this space. */
  exists: t.boolean,
});
export type DataViewState = t.TypeOf<typeof DataViewState>;

/**
 * Response of GET and POST ROUTES.savedViews: one entry per SAVED_VIEW_DEFINITIONS item, and the
 * data view each source's searches reference (normally the fixed DATA_VIEW_DEFINITIONS id).
 */
export const SavedViewsResponse = t.type({
  views: t.array(SavedViewState),
  dataViews: t.array(DataViewState),
});
export type SavedViewsResponse = t.TypeOf<typeof SavedViewsResponse>;
