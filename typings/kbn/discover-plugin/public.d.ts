/*
 * Local declarations for `@kbn/discover-plugin/public` (Kibana 9.4.3) — the Discover app locator
 * params only. Mirrors src/platform/plugins/shared/discover/common/app_locator.ts (also exported
 * from `@kbn/discover-plugin/common`; the id constant also lives in `@kbn/deeplinks-analytics`).
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 *
 * No runtime values: use the literal 'DISCOVER_APP_LOCATOR' with share's locator client.
 */

import type { DataViewSpec } from '@kbn/data-views-plugin/public';
import type { LocatorPublic, SerializableRecord } from '@kbn/share-plugin/public';

// src/platform/packages/shared/kbn-es-query (TimeRange, Query, AggregateQuery). Not re-read this
// session; minimal well-known shapes (Kibana's Query.query is `string | { [key: string]: any }`).
export interface TimeRange extends SerializableRecord {
  from: string;
  to: string;
  mode?: 'absolute' | 'relative';
}
export interface Query extends SerializableRecord {
  query: string | SerializableRecord;
  language: string;
}
export interface AggregateQuery extends SerializableRecord {
  esql: string;
}

// src/platform/plugins/shared/discover/common/app_locator.ts
export type DISCOVER_APP_LOCATOR = 'DISCOVER_APP_LOCATOR';

// src/platform/plugins/shared/discover/common/app_locator.ts (DiscoverAppLocatorParams; subset —
// filters, grid, esqlControls, esqlVariables, profileState, tab and other view flags omitted).
// `dataViewSpec` is carried in location state, so it is typed as a spec & SerializableRecord.
export interface DiscoverAppLocatorParams extends SerializableRecord {
  savedSearchId?: string;
  dataViewId?: string;
  dataViewSpec?: DataViewSpec & SerializableRecord;
  timeRange?: TimeRange;
  query?: Query | AggregateQuery;
  columns?: string[];
  sort?: string[][];
  interval?: string;
  breakdownField?: string;
  hideChart?: boolean;
  sampleSize?: number;
  useHash?: boolean;
}
export type DiscoverAppLocator = LocatorPublic<DiscoverAppLocatorParams>;
