import type { PluginInitializerContext } from '@kbn/core/server';
import type { AuditSourcesConfig } from './config';

export { config } from './config';

// Kibana imports this module and calls `plugin`; the lazy import keeps Kibana's start-up cheap.
export const plugin = async (initializerContext: PluginInitializerContext<AuditSourcesConfig>) => {
  const { AuditSourcesPlugin } = await import('./plugin');
  return new AuditSourcesPlugin(initializerContext);
};
