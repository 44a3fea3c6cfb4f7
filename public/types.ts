import type { DataViewsPublicPluginStart } from '@kbn/data-views-plugin/public';
import type { SharePluginStart } from '@kbn/share-plugin/public';

/** Optional plugins (kibana.jsonc optionalPlugins): each may be absent at run time. */
export interface AuditSourcesStartDeps {
  share?: SharePluginStart;
  dataViews?: DataViewsPublicPluginStart;
  /** Only its presence matters: Discover itself is opened through share's locator. */
  discover?: object;
}

export type AuditSourcesSetupDeps = object;
