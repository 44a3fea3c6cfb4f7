import type { SavedObjectsClientContract } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { ROUTES } from '../../common/api/routes';
import {
  DATA_VIEW_DEFINITIONS,
  EnsureSavedViewsRequest,
  idInSpace,
  SAVED_VIEW_DEFINITIONS,
  type DataViewDefinition,
  type SavedViewDefinition,
  type SavedViewsResponse,
} from '../../common/api/saved_views';
import { SOURCE_KINDS, type SourceKind } from '../../common/data_streams';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import {
  DATA_VIEW_SO_TYPE,
  readSavedViews,
  SAVED_SEARCH_SO_TYPE,
  SEARCH_SOURCE_INDEX_REF,
} from './get_saved_views_route';
import { WRITE_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * `index-pattern` attributes (data_views/common/types.ts DataViewAttributes): the serialized maps
 * empty, as the data views service writes a new data view; `allowNoIndex` so it exists before the
 * first event does.
 */
export function dataViewAttributes(definition: DataViewDefinition) {
  return {
    title: definition.title,
    name: definition.name,
    timeFieldName: definition.timeFieldName,
    allowNoIndex: true,
    fields: '[]',
    fieldFormatMap: '{}',
    fieldAttrs: '{}',
    runtimeFieldMap: '{}',
    sourceFilters: '[]',
  };
}

/**
 * `search` attributes for Kibana 9.4: a Discover session with one tab. Only `title`,
 * `description` and `tabs` at the root: valid for the model-version-10 create schema (root
 * attributes optional, `tabs` optional) and for model version 13 (root = exactly title,
 * description, tabs; no `hits`/`version` in tabs). See docs/app.md.
 */
export function savedSearchAttributes(definition: SavedViewDefinition) {
  return {
    title: definition.title,
    description: definition.description,
    tabs: [
      {
        id: `${definition.id}-tab`,
        label: definition.title,
        attributes: {
          columns: [...definition.columns],
          sort: [['@timestamp', 'desc']],
          grid: {},
          hideChart: false,
          isTextBasedQuery: false,
          kibanaSavedObjectMeta: {
            searchSourceJSON: JSON.stringify({
              query: { language: 'kuery', query: definition.query },
              filter: [],
              indexRefName: SEARCH_SOURCE_INDEX_REF,
            }),
          },
        },
      },
    ],
  };
}

/**
 * Creates the object unless it exists in this space. A 409 alone does not say that: ids of these
 * types are unique across spaces, so the id may be taken in another one (copied or shared there,
 * or created by hand). The read in this space decides; if it is not here, that is a 409 that says
 * where to look, rather than a view that always shows as missing.
 */
async function createOnce(
  client: SavedObjectsClientContract,
  type: string,
  id: string,
  attributes: object,
  references: Array<{ type: string; id: string; name: string }> = []
): Promise<boolean> {
  try {
    await client.create(type, attributes, { id, overwrite: false, references });
    return true;
  } catch (error) {
    if (!(error instanceof Error) || !SavedObjectsErrorHelpers.isConflictError(error)) throw error;
  }
  try {
    await client.get(type, id);
    return false;
  } catch (error) {
    if (!(error instanceof Error) || !SavedObjectsErrorHelpers.isNotFoundError(error)) throw error;
  }
  throw SavedObjectsErrorHelpers.createConflictError(
    type,
    id,
    `A ${type} with id "${id}" exists, but not in this space: delete it, or share it to this ` +
      'space in Stack Management → Saved objects, then create the views again'
  );
}

export async function ensureSavedViews(
  client: SavedObjectsClientContract,
  spaceId: string,
  request: EnsureSavedViewsRequest
): Promise<SavedViewsResponse> {
  const dataViewIds: Partial<Record<SourceKind, string>> = {};
  for (const { source, id } of request.dataViews) dataViewIds[source] ??= id;
  for (const source of SOURCE_KINDS) {
    const id = (dataViewIds[source] ??= idInSpace(DATA_VIEW_DEFINITIONS[source].id, spaceId));
    await createOnce(
      client,
      DATA_VIEW_SO_TYPE,
      id,
      dataViewAttributes(DATA_VIEW_DEFINITIONS[source])
    );
  }
  for (const definition of SAVED_VIEW_DEFINITIONS) {
    await createOnce(
      client,
      SAVED_SEARCH_SO_TYPE,
      idInSpace(definition.id, spaceId),
      savedSearchAttributes(definition),
      [
        {
          type: DATA_VIEW_SO_TYPE,
          id: dataViewIds[definition.source] as string,
          name: SEARCH_SOURCE_INDEX_REF,
        },
      ]
    );
  }
  return readSavedViews(client, spaceId, dataViewIds);
}

function requestProblems(request: EnsureSavedViewsRequest): Record<string, string> {
  const problems: Record<string, string> = {};
  request.dataViews.forEach(({ id }, i) => {
    if (!id.trim()) problems[`dataViews.${i}.id`] = 'Data view id must not be empty';
  });
  return problems;
}

/** POST /internal/audit_sources/saved_views */
export function registerCreateSavedViewsRoute({ router, logger, getServices }: RouteDependencies) {
  router.post(
    {
      path: ROUTES.savedViews,
      validate: { body: buildRouteValidation(EnsureSavedViewsRequest, requestProblems) },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = (await context.core).savedObjects.client;
      const { id: spaceId } = (await getServices()).space(request);
      const body: SavedViewsResponse = await ensureSavedViews(client, spaceId, request.body);
      return response.ok({ body });
    })
  );
}
