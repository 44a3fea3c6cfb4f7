import type { PluginInitializerContext } from '@kbn/core/public';
import { AuditSourcesPublicPlugin } from './plugin';

export function plugin(initializerContext: PluginInitializerContext) {
  return new AuditSourcesPublicPlugin(initializerContext);
}
