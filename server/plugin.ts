import type { CoreSetup, CoreStart, Logger, Plugin, PluginInitializerContext } from '@kbn/core/server';

export class AuditSourcesPlugin implements Plugin {
  private readonly logger: Logger;

  constructor(initializerContext: PluginInitializerContext) {
    this.logger = initializerContext.logger.get();
  }

  public setup(_core: CoreSetup) {
    this.logger.debug('Setting up Audit Sources');
  }

  public start(_core: CoreStart) {}

  public stop() {}
}
