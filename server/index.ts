import type { PluginInitializerContext } from '@kbn/core/server';

// Kibana imports this module and calls `plugin`; the lazy import keeps Kibana's start-up cheap.
export const plugin = async (initializerContext: PluginInitializerContext) => {
  const { AuditSourcesPlugin } = await import('./plugin');
  return new AuditSourcesPlugin(initializerContext);
};
