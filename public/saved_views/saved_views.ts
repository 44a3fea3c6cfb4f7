import type { DataViewsPublicPluginStart } from '@kbn/data-views-plugin/public';
import type { DiscoverAppLocatorParams } from '@kbn/discover-plugin/public';
import type { LocatorPublic, SharePluginStart } from '@kbn/share-plugin/public';
import {
  DATA_VIEW_DEFINITIONS,
  SAVED_VIEW_DEFINITIONS,
  type SavedViewState,
} from '../../common/api/saved_views';
import { SOURCE_KINDS, type SourceKind } from '../../common/data_streams';

/** share's id for Discover's locator (src/platform/plugins/shared/discover/common/app_locator.ts). */
export const DISCOVER_APP_LOCATOR = 'DISCOVER_APP_LOCATOR';

export type DiscoverLocator = LocatorPublic<DiscoverAppLocatorParams>;

export function getDiscoverLocator(
  share: SharePluginStart | undefined
): DiscoverLocator | undefined {
  return share?.url.locators.get<DiscoverAppLocatorParams>(DISCOVER_APP_LOCATOR);
}

/** The views as defined, before the server has said which exist. */
export function definedViews(): SavedViewState[] {
  return SAVED_VIEW_DEFINITIONS.map((definition) => ({
    ...definition,
    columns: [...definition.columns],
    dataViewId: DATA_VIEW_DEFINITIONS[definition.source].id,
    exists: false,
  }));
}

/** The default space's data view ids, until the server has named the current space's. */
export function definedDataViewIds(): Record<SourceKind, string> {
  return Object.fromEntries(
    SOURCE_KINDS.map((source) => [source, DATA_VIEW_DEFINITIONS[source].id])
  ) as Record<SourceKind, string>;
}

/**
 * Creates the data view of each source unless it exists, under the id the server gave for this
 * space (fixed per space: running it twice changes nothing). Returns the ids, for the saved
 * searches to reference.
 */
export async function ensureDataViews(
  dataViews: DataViewsPublicPluginStart,
  ids: Record<SourceKind, string>
): Promise<Array<{ source: SourceKind; id: string; created: boolean }>> {
  const results = [];
  for (const source of SOURCE_KINDS) {
    const definition = DATA_VIEW_DEFINITIONS[source];
    const id = ids[source];
    let created = false;
    try {
      await dataViews.get(id);
    } catch {
      await dataViews.createAndSave(
        {
          id,
          title: definition.title,
          name: definition.name,
          timeFieldName: definition.timeFieldName,
          allowNoIndex: true,
        },
        false,
        true
      );
      created = true;
    }
    results.push({ source, id, created });
  }
  return results;
}

/**
 * Discover locator params for a view: the saved search when it exists, else the same query over
 * its data view (or, when that was never saved, an ad-hoc data view spec).
 */
export function discoverParams(
  view: SavedViewState,
  dataViewSaved: boolean
): DiscoverAppLocatorParams {
  if (view.exists) return { savedSearchId: view.id };
  const definition = DATA_VIEW_DEFINITIONS[view.source];
  return {
    ...(dataViewSaved
      ? { dataViewId: view.dataViewId }
      : {
          dataViewSpec: {
            id: view.dataViewId,
            title: definition.title,
            name: definition.name,
            timeFieldName: definition.timeFieldName,
          },
        }),
    query: { language: 'kuery', query: view.query },
    columns: view.columns,
    timeRange: { from: 'now-7d', to: 'now' },
  };
}
