import type { SavedObjectsClientContract } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { ROUTES } from '../../common/api/routes';
import {
  DATA_VIEW_DEFINITIONS,
  EnsureSavedViewsRequest,
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

/** Creates the object unless one with that id exists (overwrite: false; 409 = already there). */
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
    if (error instanceof Error && SavedObjectsErrorHelpers.isConflictError(error)) return false;
    throw error;
  }
}

export async function ensureSavedViews(
  client: SavedObjectsClientContract,
  request: EnsureSavedViewsRequest
): Promise<SavedViewsResponse> {
  const dataViewIds: Partial<Record<SourceKind, string>> = {};
  for (const { source, id } of request.dataViews) dataViewIds[source] ??= id;
  for (const source of SOURCE_KINDS) {
    const id = (dataViewIds[source] ??= DATA_VIEW_DEFINITIONS[source].id);
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
      definition.id,
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
  return readSavedViews(client, dataViewIds);
}

function requestProblems(request: EnsureSavedViewsRequest): Record<string, string> {
  const problems: Record<string, string> = {};
  request.dataViews.forEach(({ id }, i) => {
    if (!id.trim()) problems[`dataViews.${i}.id`] = 'Data view id must not be empty';
  });
  return problems;
}

/** POST /internal/audit_sources/saved_views */
export function registerCreateSavedViewsRoute({ router, logger }: RouteDependencies) {
  router.post(
    {
      path: ROUTES.savedViews,
      validate: { body: buildRouteValidation(EnsureSavedViewsRequest, requestProblems) },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = (await context.core).savedObjects.client;
      const body: SavedViewsResponse = await ensureSavedViews(client, request.body);
      return response.ok({ body });
    })
  );
}
