import type { SavedObject, SavedObjectsClientContract } from '@kbn/core/server';
import { ROUTES } from '../../common/api/routes';
import {
  DATA_VIEW_DEFINITIONS,
  idInSpace,
  SAVED_VIEW_DEFINITIONS,
  type SavedViewsResponse,
} from '../../common/api/saved_views';
import { SOURCE_KINDS, type SourceKind } from '../../common/data_streams';
import { withErrorHandling } from './error_response';
import { READ_SECURITY } from './security';
import type { RouteDependencies } from './types';

/*
 * Saved-object types of Kibana's data views and saved searches ("Discover sessions"), written and
 * read through the request's own saved-objects client, so Kibana's authorization applies:
 * - `index-pattern`: src/platform/plugins/shared/data_views/server/saved_objects/data_views.ts
 *   (namespaceType 'multiple'), attributes per data_views/common/types.ts DataViewAttributes;
 * - `search`: src/platform/plugins/shared/saved_search/server/saved_objects/search.ts
 *   (namespaceType 'multiple-isolated'), attributes per saved_objects/schema.ts.
 * See docs/app.md ("Saved views route").
 */
export const DATA_VIEW_SO_TYPE = 'index-pattern';
export const SAVED_SEARCH_SO_TYPE = 'search';
/** Reference name the search source's `indexRefName` points at (data-plugin extractReferences). */
export const SEARCH_SOURCE_INDEX_REF = 'kibanaSavedObjectMeta.searchSourceJSON.index';

class SavedObjectReadError extends Error {
  constructor(
    message: string,
    readonly statusCode: number
  ) {
    super(message);
  }
}

/** 404 = missing; any other per-object error (403, 500…) fails the request with its status. */
function exists(object: SavedObject | undefined): boolean {
  if (!object?.error) return Boolean(object);
  if (object.error.statusCode === 404) return false;
  throw new SavedObjectReadError(object.error.message, object.error.statusCode);
}

/**
 * Which data views and saved searches exist in the request's space (one bulkGet through the
 * request's client, which acts in that space), under the space's ids.
 */
export async function readSavedViews(
  client: SavedObjectsClientContract,
  spaceId: string,
  dataViewIds: Partial<Record<SourceKind, string>> = {}
): Promise<SavedViewsResponse> {
  const wantedDataViews = SOURCE_KINDS.map((source) => ({
    source,
    id: dataViewIds[source] ?? idInSpace(DATA_VIEW_DEFINITIONS[source].id, spaceId),
  }));
  const { saved_objects: found } = await client.bulkGet([
    ...SAVED_VIEW_DEFINITIONS.map(({ id }) => ({
      type: SAVED_SEARCH_SO_TYPE,
      id: idInSpace(id, spaceId),
    })),
    ...wantedDataViews.map(({ id }) => ({ type: DATA_VIEW_SO_TYPE, id })),
  ]);
  const searches = found.slice(0, SAVED_VIEW_DEFINITIONS.length);
  const dataViews = found.slice(SAVED_VIEW_DEFINITIONS.length);
  return {
    views: SAVED_VIEW_DEFINITIONS.map((definition, i) => {
      const object = searches[i];
      const saved = exists(object);
      const reference = saved
        ? object.references.find(
            (ref) => ref.type === DATA_VIEW_SO_TYPE && ref.name === SEARCH_SOURCE_INDEX_REF
          )
        : undefined;
      return {
        ...definition,
        id: idInSpace(definition.id, spaceId),
        columns: [...definition.columns],
        dataViewId:
          reference?.id ??
          (wantedDataViews.find((entry) => entry.source === definition.source)?.id as string),
        exists: saved,
      };
    }),
    dataViews: wantedDataViews.map(({ source, id }, i) => ({
      id,
      source,
      name: DATA_VIEW_DEFINITIONS[source].name,
      title: DATA_VIEW_DEFINITIONS[source].title,
      exists: exists(dataViews[i]),
    })),
  };
}

/** GET /internal/audit_sources/saved_views */
export function registerGetSavedViewsRoute({ router, logger, getServices }: RouteDependencies) {
  router.get(
    {
      path: ROUTES.savedViews,
      validate: false,
      security: READ_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = (await context.core).savedObjects.client;
      const { id: spaceId } = (await getServices()).space(request);
      const body: SavedViewsResponse = await readSavedViews(client, spaceId);
      return response.ok({ body });
    })
  );
}
