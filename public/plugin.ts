import type {
  AppMountParameters,
  CoreSetup,
  CoreStart,
  Plugin,
  PluginInitializerContext,
} from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import { PLUGIN_ID } from '../common/constants';
import { MANAGEMENT_APP_CATEGORY } from './application/app_category';
import type { AuditSourcesSetupDeps, AuditSourcesStartDeps } from './types';

export class AuditSourcesPublicPlugin implements Plugin<
  void,
  void,
  AuditSourcesSetupDeps,
  AuditSourcesStartDeps
> {
  constructor(_initializerContext: PluginInitializerContext) {}

  public setup(core: CoreSetup<AuditSourcesStartDeps>, _plugins: AuditSourcesSetupDeps) {
    core.application.register({
      id: PLUGIN_ID,
      title: i18n.translate('auditSources.app.title', { defaultMessage: 'Audit Sources' }),
      category: MANAGEMENT_APP_CATEGORY,
      euiIconType: 'logstashInput',
      order: 5500,
      keywords: ['lumos', 'closer', 'audit', 'connectors', 'ingest'],
      async mount(params: AppMountParameters) {
        // The application code is only evaluated when the app is first opened.
        const [{ renderApp }, [coreStart, depsStart]] = await Promise.all([
          import('./application/render_app'),
          core.getStartServices(),
        ]);
        return renderApp(coreStart, depsStart, params);
      },
    });
  }

  public start(_core: CoreStart, _plugins: AuditSourcesStartDeps) {}

  public stop() {}
}
