import type {
  DataView,
  DataViewListItem,
  DataViewSpec,
  DataViewsPublicPluginStart,
} from '@kbn/data-views-plugin/public';

const STORAGE_KEY = 'kbnBrowserHost.dataViews';

function load(): Record<string, DataViewSpec> {
  try {
    return JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<
      string,
      DataViewSpec
    >;
  } catch {
    return {};
  }
}

function toDataView(spec: DataViewSpec): DataView {
  return {
    id: spec.id,
    title: spec.title ?? '',
    name: spec.name ?? spec.title ?? '',
    timeFieldName: spec.timeFieldName,
    getName: () => spec.name ?? spec.title ?? '',
  };
}

/**
 * dataViews start contract stand-in: data views kept in the browser's localStorage (Kibana keeps
 * them as `index-pattern` saved objects). Enough for get / createAndSave idempotency checks.
 */
export function createDataViews(): DataViewsPublicPluginStart & { list(): DataViewSpec[] } {
  const save = (specs: Record<string, DataViewSpec>) =>
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(specs));
  let counter = 0;
  const create = async (spec: DataViewSpec): Promise<DataView> =>
    toDataView({ ...spec, id: spec.id ?? `adhoc-${counter++}` });
  return {
    list: () => Object.values(load()),
    get: async (id) => {
      const spec = load()[id];
      if (!spec) throw new Error(`Could not locate that data view (id: ${id})`);
      return toDataView(spec);
    },
    find: async (search) =>
      Object.values(load())
        .filter((spec) => spec.title === search || spec.name === search)
        .map(toDataView),
    getIdsWithTitle: async (): Promise<DataViewListItem[]> =>
      Object.values(load()).map((spec) => ({
        id: spec.id ?? '',
        title: spec.title ?? '',
        name: spec.name,
      })),
    create,
    createAndSave: async (spec, overwrite = false) => {
      const specs = load();
      const id = spec.id ?? `data-view-${Date.now()}`;
      if (specs[id] && !overwrite) throw new Error(`Duplicate data view: ${id}`);
      specs[id] = { ...spec, id };
      save(specs);
      return toDataView(specs[id]);
    },
  };
}
