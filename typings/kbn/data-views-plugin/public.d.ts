/*
 * Local declarations for `@kbn/data-views-plugin/public` (Kibana 9.4.3).
 * Mirrors src/platform/plugins/shared/data_views/{public/types.ts, common/types.ts,
 * common/data_views/data_views.ts, common/data_views/data_view.ts}. Minimal subset.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

// src/platform/plugins/shared/data_views/common/types.ts (DataViewSpec; subset — fields,
// sourceFilters, typeMeta, fieldFormats, runtimeFieldMap, fieldAttrs omitted).
// `title` is the index pattern (e.g. `logs-*,metrics-*`); `name` is the human-readable name.
export type DataViewSpec = {
  id?: string;
  version?: string;
  title?: string;
  timeFieldName?: string;
  type?: string;
  allowNoIndex?: boolean;
  name?: string;
  allowHidden?: boolean;
};

// src/platform/plugins/shared/data_views/common/types.ts (DataViewListItem; typeMeta omitted)
export interface DataViewListItem {
  id: string;
  namespaces?: string[];
  title: string;
  type?: string;
  name?: string;
}

// src/platform/plugins/shared/data_views/common/data_views/data_view.ts (DataView class; only the
// members this plugin reads, declared as an interface)
export interface DataView {
  id?: string;
  title: string;
  name: string;
  timeFieldName: string | undefined;
  getName(): string;
}

// src/platform/plugins/shared/data_views/common/data_views/data_views.ts (DataViewsService methods
// re-exposed as DataViewsServicePublicMethods; subset)
export interface DataViewsServicePublic {
  get(id: string, displayErrors?: boolean, refreshFields?: boolean): Promise<DataView>;
  find(search: string, size?: number): Promise<DataView[]>;
  getIdsWithTitle(refresh?: boolean): Promise<DataViewListItem[]>;
  create(spec: DataViewSpec, skipFetchFields?: boolean, displayErrors?: boolean): Promise<DataView>;
  createAndSave(
    spec: DataViewSpec,
    overwrite?: boolean,
    skipFetchFields?: boolean,
    displayErrors?: boolean
  ): Promise<DataView>;
}

// src/platform/plugins/shared/data_views/public/types.ts
export type DataViewsPublicPluginStart = DataViewsServicePublic;
export type DataViewsContract = DataViewsServicePublic;
export interface DataViewsPublicPluginSetup {
  enableRollups: () => void;
}
