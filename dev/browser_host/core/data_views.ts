import type { HttpSetup } from '@kbn/core/public';
import type {
  DataView,
  DataViewListItem,
  DataViewSpec,
  DataViewsPublicPluginStart,
} from '@kbn/data-views-plugin/public';

/** An `index-pattern` saved object as the saved-objects HTTP API returns it. */
interface DataViewObject {
  id: string;
  attributes: { title?: string; name?: string; timeFieldName?: string };
}

export const SAVED_OBJECTS_API = '/api/saved_objects';

function toDataView(spec: DataViewSpec): DataView {
  return {
    id: spec.id,
    title: spec.title ?? '',
    name: spec.name ?? spec.title ?? '',
    timeFieldName: spec.timeFieldName,
    getName: () => spec.name || spec.title || '',
  };
}

const fromObject = (object: DataViewObject): DataView =>
  toDataView({ id: object.id, ...object.attributes });

/**
 * dataViews start contract stand-in: data views are `index-pattern` saved objects on the server,
 * read and written as the browser's user through the host's saved-objects HTTP API (Kibana's
 * data views service does the same through its own routes). Enough for get / createAndSave
 * idempotency checks and the Discover stand-in.
 */
export function createDataViews(http: HttpSetup): DataViewsPublicPluginStart {
  let counter = 0;
  const find = async () =>
    (
      await http.get<{ saved_objects: DataViewObject[] }>(`${SAVED_OBJECTS_API}/_find`, {
        query: { type: 'index-pattern', per_page: 1000 },
      })
    ).saved_objects;
  return {
    get: async (id) =>
      fromObject(
        await http.get<DataViewObject>(
          `${SAVED_OBJECTS_API}/index-pattern/${encodeURIComponent(id)}`
        )
      ),
    find: async (search) =>
      (await find())
        .filter(({ attributes }) => attributes.title === search || attributes.name === search)
        .map(fromObject),
    getIdsWithTitle: async (): Promise<DataViewListItem[]> =>
      (await find()).map(({ id, attributes }) => ({
        id,
        title: attributes.title ?? '',
        name: attributes.name,
      })),
    create: async (spec) => toDataView({ ...spec, id: spec.id ?? `adhoc-${counter++}` }),
    createAndSave: async (spec, overwrite = false) => {
      const id = spec.id ?? `data-view-${Date.now()}`;
      const attributes: Record<string, string | boolean> = {
        title: spec.title ?? '',
        fields: '[]',
        fieldFormatMap: '{}',
        runtimeFieldMap: '{}',
      };
      if (spec.name) attributes.name = spec.name;
      if (spec.timeFieldName) attributes.timeFieldName = spec.timeFieldName;
      if (spec.allowNoIndex !== undefined) attributes.allowNoIndex = spec.allowNoIndex;
      return fromObject(
        await http.post<DataViewObject>(
          `${SAVED_OBJECTS_API}/index-pattern/${encodeURIComponent(id)}`,
          { query: { overwrite }, body: JSON.stringify({ attributes }) }
        )
      );
    },
  };
}
