import * as t from 'io-ts';
import { dataStreamPattern } from '../data_streams';
import { SOURCE_DEFINITIONS, SOURCE_KINDS, type SourceKind } from '../sources/registry';
import type { SavedSearchDefinition } from '../sources/source_definition';

/*
 * Ready-made Discover views over the sources' data streams: one data view per source and the saved
 * searches each source defines ("Discover sessions", saved-object type `search`) on top of it.
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

/** One data view per registered source, over all of its data streams' namespaces. */
export const DATA_VIEW_DEFINITIONS: Readonly<Record<SourceKind, DataViewDefinition>> =
  Object.fromEntries(
    SOURCE_DEFINITIONS.map((source) => [
      source.kind,
      {
        ...source.dataView,
        source: source.kind,
        title: dataStreamPattern(source.dataset),
        timeFieldName: '@timestamp' as const,
      },
    ])
  ) as Record<SourceKind, DataViewDefinition>;

export interface SavedViewDefinition extends SavedSearchDefinition {
  source: SourceKind;
}

/** Every registered source's saved searches, in registry order. */
export const SAVED_VIEW_DEFINITIONS: readonly SavedViewDefinition[] = SOURCE_DEFINITIONS.flatMap(
  (source) => source.savedSearches.map((search) => ({ ...search, source: source.kind }))
);

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

const SourceKindCodec = t.keyof(
  Object.fromEntries(SOURCE_KINDS.map((kind) => [kind, null])) as Record<SourceKind, null>
);

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
