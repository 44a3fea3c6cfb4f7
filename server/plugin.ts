import type {
  CoreSetup,
  CoreStart,
  KibanaRequest,
  Logger,
  Plugin,
  PluginInitializerContext,
} from '@kbn/core/server';
import type {
  EncryptedSavedObjectsPluginSetup,
  EncryptedSavedObjectsPluginStart,
} from '@kbn/encrypted-saved-objects-plugin/server';
import type { FeaturesPluginSetup } from '@kbn/features-plugin/server';
import type { SpacesPluginStart } from '@kbn/spaces-plugin/server';
import type {
  TaskManagerSetupContract,
  TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import type { AuditSourcesConfig } from './config';
import { WriterApiKeys } from './connectors/api_keys';
import { ConnectorsClient } from './connectors/connectors_client';
import { installTemplatesInBackground } from './connectors/install_templates';
import { listSchedulableConnectors } from './connectors/list_schedulable';
import { auditSourcesFeature } from './features';
import { OutboundPolicy } from './lib/outbound/host_policy';
import { requestSpace } from './lib/spaces';
import { registerRoutes, type RouteServices } from './routes';
import { CONNECTOR_SAVED_OBJECT_TYPE, HIDDEN_TYPES, registerSavedObjects } from './saved_objects';
import { PollConnectorTask } from './tasks/poll_task';

export interface AuditSourcesSetupDeps {
  taskManager: TaskManagerSetupContract;
  encryptedSavedObjects: EncryptedSavedObjectsPluginSetup;
  features: FeaturesPluginSetup;
}

export interface AuditSourcesStartDeps {
  taskManager: TaskManagerStartContract;
  encryptedSavedObjects: EncryptedSavedObjectsPluginStart;
  /** Optional: without it every request is in the default space. */
  spaces?: SpacesPluginStart;
}

/** Wiring only: each concern lives in its own folder (cloud_security_posture's plugin.ts shape). */
export class AuditSourcesPlugin implements Plugin<
  void,
  void,
  AuditSourcesSetupDeps,
  AuditSourcesStartDeps
> {
  private readonly logger: Logger;
  private readonly config: AuditSourcesConfig;
  /** `audit_sources.allowedHosts`, for every client the plugin builds. */
  private readonly outbound: OutboundPolicy;
  private pollTask: PollConnectorTask | undefined;
  private resolveServices: ((services: RouteServices) => void) | undefined;
  private readonly services: Promise<RouteServices>;
  private stopTemplates: (() => void) | undefined;

  constructor(initializerContext: PluginInitializerContext<AuditSourcesConfig>) {
    this.logger = initializerContext.logger.get();
    this.config = initializerContext.config.get();
    this.outbound = OutboundPolicy.fromConfig(this.config.allowedHosts);
    this.services = new Promise((resolve) => {
      this.resolveServices = resolve;
    });
  }

  public setup(core: CoreSetup<AuditSourcesStartDeps>, plugins: AuditSourcesSetupDeps) {
    registerSavedObjects(core.savedObjects, plugins.encryptedSavedObjects);
    if (!plugins.encryptedSavedObjects.canEncrypt) {
      this.logger.warn(
        'xpack.encryptedSavedObjects.encryptionKey is not set: connectors cannot be saved until it is'
      );
    }
    plugins.features.registerKibanaFeature(auditSourcesFeature);
    this.pollTask = new PollConnectorTask({
      core,
      taskManager: plugins.taskManager,
      logger: this.logger,
      outbound: this.outbound,
      timeoutMinutes: this.config.taskTimeoutMinutes,
      maxRecordsPerRun: this.config.poll.maxRecordsPerRun,
      continueDelayMs: this.config.poll.continueDelaySeconds * 1000,
    });
    registerRoutes({
      router: core.http.createRouter(),
      logger: this.logger.get('routes'),
      getServices: () => this.services,
    });
  }

  public start(core: CoreStart, plugins: AuditSourcesStartDeps) {
    const scheduler = this.pollTask!.start(plugins.taskManager);
    const keys = new WriterApiKeys(core.security, this.logger.get('api_keys'));
    const encryptedSavedObjects = plugins.encryptedSavedObjects.getClient({
      includedHiddenTypes: [CONNECTOR_SAVED_OBJECT_TYPE],
    });
    const space = (request: KibanaRequest) => requestSpace(plugins.spaces, request);
    this.resolveServices?.({
      outbound: this.outbound,
      space,
      connectorsClient: async (context, request) =>
        new ConnectorsClient({
          savedObjects: (await context.core).savedObjects.getClient({
            includedHiddenTypes: HIDDEN_TYPES,
          }),
          encryptedSavedObjects,
          tasks: scheduler,
          keys,
          request,
          logger: this.logger.get('connectors'),
          outbound: this.outbound,
          space: space(request),
        }),
    });

    const templates = installTemplatesInBackground(
      core.elasticsearch.client.asInternalUser,
      this.logger.get('templates')
    );
    this.stopTemplates = templates.stop;

    // Background: start-up must not wait for Task Manager or the saved-objects index.
    const repository = core.savedObjects.createInternalRepository(HIDDEN_TYPES);
    listSchedulableConnectors(repository)
      .then((connectors) => scheduler.reconcile(connectors))
      .then(({ ensured, removed, failed }) =>
        this.logger.debug(
          `Poll tasks reconciled: ${ensured} ensured, ${removed} removed, ${failed} failed`
        )
      )
      .catch((error: Error) =>
        this.logger.warn(`Could not reconcile the poll tasks: ${error.message}`)
      );
  }

  public stop() {
    this.stopTemplates?.();
  }
}
