import type { CoreSetup, CoreStart, Plugin, PluginInitializerContext } from '@kbn/core/public';

export class AuditSourcesPublicPlugin implements Plugin {
  constructor(_initializerContext: PluginInitializerContext) {}

  public setup(_core: CoreSetup) {}

  public start(_core: CoreStart) {}

  public stop() {}
}
