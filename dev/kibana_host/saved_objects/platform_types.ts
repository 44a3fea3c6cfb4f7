/*
 * Stand-ins for two saved-object types that Kibana's platform plugins own, so plugins running in
 * this host can write data views and saved searches through their saved-objects client, and a
 * subset of the deprecated saved-objects HTTP API the browser host's dataViews / Discover
 * stand-ins read and write them with. Names, namespace types and mappings mirror Kibana 9.4:
 *
 * - `index-pattern`: src/platform/plugins/shared/data_views/server/saved_objects/data_views.ts
 *   (namespaceType 'multiple'; mappings title/type/name; no model versions, legacy migrations only);
 * - `search`: src/platform/plugins/shared/saved_search/server/saved_objects/search.ts
 *   (namespaceType 'multiple-isolated'; mappings title/description). Its `create` schema here is
 *   the intersection of the schemas Kibana 9.4 may carry (saved_objects/schema.ts): model version
 *   10's SO-API workaround (root attributes optional, `tabs` optional) and model version 13
 *   (root = title, description, tabs only; tabs required; no `hits`/`version` in a tab). A
 *   document this host accepts is accepted by either. Only one model version is declared: the
 *   host validates the latest `create` schema and runs no migrations.
 *
 * HTTP API (src/core/packages/saved-objects/server-internal/src/routes/{get,create,find}.ts,
 * subset): `GET /api/saved_objects/{type}/{id}`, `POST /api/saved_objects/{type}/{id}?overwrite`
 * with `{ attributes, references }` (data views only), `GET /api/saved_objects/_find?type=&per_page=`, as the
 * request's user through the scoped client (authorization is the client's, like Kibana's).
 */
import type {
  IRouter,
  KibanaResponseFactory,
  RequestHandlerContext,
  SavedObjectsServiceSetup,
  SavedObjectsType,
} from '@kbn/core/server';
import { schema } from '../runtime/config_schema';
import { SavedObjectsErrorHelpers } from '../runtime/saved_objects_error_helpers';

export const PLATFORM_TYPE_NAMES = ['index-pattern', 'search'] as const;

export const dataViewType: SavedObjectsType = {
  name: 'index-pattern',
  hidden: false,
  namespaceType: 'multiple',
  mappings: {
    dynamic: false,
    properties: {
      title: { type: 'text' },
      type: { type: 'keyword' },
      name: { type: 'text', fields: { keyword: { type: 'keyword' } } },
    },
  },
};

const sortSchema = schema.oneOf(
  [
    schema.arrayOf(schema.arrayOf(schema.string(), { maxSize: 2 })),
    schema.arrayOf(schema.string(), { maxSize: 2 }),
  ],
  { defaultValue: [] }
);

/** Tab attributes both model versions accept (v10 tab ∩ v13 tab), minus visContext. */
const tabAttributes = schema.object({
  columns: schema.arrayOf(schema.string(), { defaultValue: [] }),
  sort: sortSchema,
  grid: schema.object(
    {
      columns: schema.maybe(
        schema.recordOf(schema.string(), schema.object({ width: schema.maybe(schema.number()) }))
      ),
    },
    { defaultValue: {} }
  ),
  rowHeight: schema.maybe(schema.number()),
  rowsPerPage: schema.maybe(schema.number()),
  headerRowHeight: schema.maybe(schema.number()),
  sampleSize: schema.maybe(schema.number({ min: 10, max: 10_000 })),
  density: schema.maybe(
    schema.oneOf([schema.literal('compact'), schema.literal('normal'), schema.literal('expanded')])
  ),
  hideChart: schema.boolean({ defaultValue: false }),
  breakdownField: schema.maybe(schema.string()),
  chartInterval: schema.maybe(schema.string()),
  kibanaSavedObjectMeta: schema.object({ searchSourceJSON: schema.string() }),
  isTextBasedQuery: schema.boolean({ defaultValue: false }),
  usesAdHocDataView: schema.maybe(schema.boolean()),
  controlGroupJson: schema.maybe(schema.string()),
  timeRestore: schema.maybe(schema.boolean()),
  timeRange: schema.maybe(schema.object({ from: schema.string(), to: schema.string() })),
  refreshInterval: schema.maybe(schema.object({ pause: schema.boolean(), value: schema.number() })),
  viewMode: schema.maybe(
    schema.oneOf([
      schema.literal('documents'),
      schema.literal('patterns'),
      schema.literal('aggregated'),
    ])
  ),
  hideAggregatedPreview: schema.maybe(schema.boolean()),
});

export const discoverSessionCreateSchema = schema.object({
  title: schema.string(),
  description: schema.string({ defaultValue: '' }),
  tabs: schema.arrayOf(
    schema.object({ id: schema.string(), label: schema.string(), attributes: tabAttributes }),
    { minSize: 1 }
  ),
});

export const savedSearchType: SavedObjectsType = {
  name: 'search',
  hidden: false,
  namespaceType: 'multiple-isolated',
  mappings: {
    dynamic: false,
    properties: { title: { type: 'text' }, description: { type: 'text' } },
  },
  modelVersions: {
    1: {
      changes: [],
      schemas: {
        forwardCompatibility: discoverSessionCreateSchema.extends({}, { unknowns: 'ignore' }),
        create: discoverSessionCreateSchema,
      },
    },
  },
};

export function registerPlatformTypes(savedObjects: SavedObjectsServiceSetup): void {
  savedObjects.registerType(dataViewType);
  savedObjects.registerType(savedSearchType);
}

function soError(error: unknown, response: KibanaResponseFactory) {
  if (error instanceof Error && SavedObjectsErrorHelpers.isSavedObjectsClientError(error)) {
    const { statusCode, payload } = (
      error as Error & { output: { statusCode: number; payload: { message: string } } }
    ).output;
    return response.customError({ statusCode, body: { message: payload.message } });
  }
  throw error;
}

const typeParam = schema.oneOf([schema.literal('index-pattern'), schema.literal('search')]);
const reference = schema.object({
  name: schema.string(),
  type: schema.string(),
  id: schema.string(),
});

export function registerPlatformRoutes(router: IRouter<RequestHandlerContext>): void {
  const security = {
    authz: { enabled: false as const, reason: 'The saved-objects client authorizes each object' },
  };
  router.get(
    {
      path: '/api/saved_objects/_find',
      validate: {
        query: schema.object({
          type: typeParam,
          per_page: schema.number({ defaultValue: 20, min: 0, max: 1000 }),
        }),
      },
      security,
    },
    async (context, request, response) => {
      try {
        const client = (await context.core).savedObjects.client;
        const result = await client.find({
          type: request.query.type,
          perPage: request.query.per_page,
        });
        return response.ok({ body: result });
      } catch (error) {
        return soError(error, response);
      }
    }
  );
  router.get(
    {
      path: '/api/saved_objects/{type}/{id}',
      validate: { params: schema.object({ type: typeParam, id: schema.string() }) },
      security,
    },
    async (context, request, response) => {
      try {
        const client = (await context.core).savedObjects.client;
        return response.ok({ body: await client.get(request.params.type, request.params.id) });
      } catch (error) {
        return soError(error, response);
      }
    }
  );
  router.post(
    {
      path: '/api/saved_objects/{type}/{id}',
      validate: {
        // Data views only: this host's config-schema has no `any` for nested search attributes.
        params: schema.object({ type: schema.literal('index-pattern'), id: schema.string() }),
        query: schema.object({ overwrite: schema.boolean({ defaultValue: false }) }),
        body: schema.object({
          attributes: schema.recordOf(
            schema.string(),
            schema.oneOf([schema.string(), schema.boolean()])
          ),
          references: schema.maybe(schema.arrayOf(reference)),
        }),
      },
      security,
    },
    async (context, request, response) => {
      try {
        const client = (await context.core).savedObjects.client;
        const created = await client.create(request.params.type, request.body.attributes, {
          id: request.params.id,
          overwrite: request.query.overwrite,
          references: request.body.references ?? [],
        });
        return response.ok({ body: created });
      } catch (error) {
        return soError(error, response);
      }
    }
  );
}
