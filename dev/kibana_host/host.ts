/*
 * startKibanaHost: a small stand-in for a Kibana 9.4 server that loads a BUILT plugin (its
 * kibana.json and server/index.js) and runs it against a real Elasticsearch with the contracts
 * declared in typings/kbn: http routes with Kibana's checks, ES clients, saved objects, encrypted
 * saved objects (with spaces and model-version migrations), feature privileges, API keys, Task
 * Manager and the spaces plugin. See docs/kibana-host.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Client } from '@elastic/elasticsearch';
import type {
  CoreRequestHandlerContext,
  CoreSetup,
  CoreStart,
  KibanaRequest,
  LogLevelId,
  RequestHandlerContext,
} from '@kbn/core/server';
import {
  createClusterClient,
  createServiceUser,
  type HostClusterClient,
} from './es/cluster_client';
import { EncryptedSavedObjectsService } from './eso/encryption';
import { esoSetup, esoStart } from './eso/plugin';
import { FeaturesService } from './features/features_service';
import { HttpServer, type PageRequestSpace } from './http/server';
import { Router } from './http/router';
import { createLoggerFactory, stdoutSink, type LogSink } from './logging/logger';
import { readManifest } from './plugins/manifest';
import { configAt, loadPlugin, type LoadedPlugin } from './plugins/plugin_loader';
import { installKbnResolver } from './runtime/resolve';
import { registerPlatformRoutes, registerPlatformTypes } from './saved_objects/platform_types';
import { SavedObjectsService } from './saved_objects/service';
import { createApiKeys } from './security/api_keys';
import { Authenticator } from './security/authc';
import { checkPrivileges, isSuperuser, registerFeaturePrivileges } from './security/privileges';
import { TaskManager } from './task_manager/plugin';
import type { RunContextShape } from './task_manager/task_runner';
import { TaskStore } from './task_manager/store';
import { SpacesService } from './spaces/spaces_service';
import { spaceSavedObjectType } from './spaces/space_type';

export { SpacesService } from './spaces/spaces_service';

export const HOST_KIBANA_VERSION = '9.4.3';

export interface KibanaHostOptions {
  esUrl: string;
  /** An ES superuser, used only at start to create the host's service user. */
  esUsername: string;
  esPassword: string;
  /** A built plugin: a directory with kibana.json and server/index.js. */
  pluginDir: string;
  /** kibana.yml-like settings, nested or flat (`xpack.encryptedSavedObjects.encryptionKey`). */
  config?: Record<string, unknown>;
  /** 0 (default) picks a free port; restart() keeps the port it got. */
  port?: number;
  /** Default 500 ms, Kibana 9.4's `MGET_DEFAULT_POLL_INTERVAL` (task_manager/server/config.ts). */
  taskPollIntervalMs?: number;
  /** Default 10, Kibana 9.4's `xpack.task_manager.capacity` default (`DEFAULT_CAPACITY`, same file). */
  taskCapacity?: number;
  /** RunContext given to task runners: 9.4 `abortController` (default) or 9.5+ `signal`. */
  taskRunContextShape?: RunContextShape;
  logSink?: LogSink;
  logLevel?: LogLevelId;
  /** Prefix of the host's system indices (`<prefix>_saved_objects`, `<prefix>_task_manager`). */
  indexPrefix?: string;
  /** Extra index privileges for the service user (asInternalUser). */
  internalUserIndexPrivileges?: Array<{ names: string[]; privileges: string[] }>;
  /** Serves pages the routes don't (the browser host); see HttpServerDeps.pageHandler. */
  pageHandler?: (req: IncomingMessage, res: ServerResponse, space: PageRequestSpace) => boolean;
}

export interface KibanaHost {
  readonly url: string;
  readonly pluginId: string;
  /** Ids of task runs in flight on this host (for tests). */
  readonly runningTaskIds: string[];
  stop(): Promise<void>;
  /** stop() then start again on the same port and indices (abandoned runs stay claimed). */
  restart(): Promise<void>;
}

const PROVIDED_PLUGINS = new Set([
  'taskManager',
  'encryptedSavedObjects',
  'features',
  'security',
  'spaces',
]);

interface Running {
  url: string;
  taskManager: TaskManager;
  stop(): Promise<void>;
}

async function boot(
  options: KibanaHostOptions,
  port: number
): Promise<Running & { pluginId: string }> {
  installKbnResolver();
  const config = options.config ?? {};
  const loggers = createLoggerFactory(options.logSink ?? stdoutSink, options.logLevel ?? 'info');
  const log = loggers.get('kibana-host');
  const prefix = options.indexPrefix ?? '.kibana_host';

  const admin = new Client({
    node: options.esUrl,
    auth: { username: options.esUsername, password: options.esPassword },
  });
  let serviceUser: Awaited<ReturnType<typeof createServiceUser>> | undefined;
  let cluster: HostClusterClient | undefined;
  let http: HttpServer | undefined;
  let taskManager: TaskManager | undefined;
  let plugin: LoadedPlugin | undefined;
  const stop = async () => {
    await Promise.resolve(plugin?.instance.stop?.()).catch((e: Error) => log.error(e));
    await taskManager?.stop();
    await http?.close();
    await cluster?.close();
    await serviceUser?.remove();
    await admin.close();
  };

  try {
    serviceUser = await createServiceUser(admin, options.internalUserIndexPrivileges);
    cluster = createClusterClient(options.esUrl, {
      url: options.esUrl,
      username: serviceUser.username,
      password: serviceUser.password,
    });
    const clusterClient = cluster;

    const encryptionKey = configAt(config, 'xpack.encryptedSavedObjects.encryptionKey');
    if (
      encryptionKey !== undefined &&
      (typeof encryptionKey !== 'string' || encryptionKey.length < 32)
    ) {
      throw new Error(
        '[config validation of [xpack.encryptedSavedObjects].encryptionKey]: value has length [' +
          String(encryptionKey).length +
          '] but it must have a minimum length of [32].'
      );
    }
    const esoLogger = loggers.get('plugins', 'encryptedSavedObjects');
    const eso = new EncryptedSavedObjectsService(encryptionKey as string | undefined, esoLogger);
    if (!eso.canEncrypt) {
      esoLogger.warn(
        'Saved objects encryption key is not set. This will severely limit Kibana functionality. Please set xpack.encryptedSavedObjects.encryptionKey in the kibana.yml or use the bin/kibana-encryption-keys command.'
      );
    }
    const authenticator = new Authenticator(clusterClient);
    const savedObjects = new SavedObjectsService(
      clusterClient,
      `${prefix}_saved_objects`,
      eso,
      authenticator,
      loggers.get('savedobjects-service')
    );
    // The spaces plugin (always enabled here, as in a default Kibana): an application page of an
    // unknown space goes to the space selector (HttpServer, spaceExists).
    const spaces = new SpacesService(savedObjects);
    const features = new FeaturesService();
    taskManager = new TaskManager({
      store: new TaskStore(clusterClient.asInternalUser, `${prefix}_task_manager`, eso),
      logger: loggers.get('plugins', 'taskManager'),
      pollIntervalMs: options.taskPollIntervalMs ?? 500,
      capacity: options.taskCapacity ?? 10,
      runContextShape: options.taskRunContextShape,
      eso,
    });
    const apiKeys = createApiKeys(clusterClient, loggers.get('plugins', 'security', 'api-key'));

    // Filled at start; request contexts only exist once the server listens, after start.
    const started: { core?: CoreStart } = {};
    http = new HttpServer({
      logger: loggers.get('http'),
      authenticator,
      checkPrivileges: (request, actions) => checkPrivileges(clusterClient, request, actions),
      isSuperuser: (request) => isSuperuser(clusterClient, request),
      createContext: (request: KibanaRequest): RequestHandlerContext => ({
        core: Promise.resolve<CoreRequestHandlerContext>({
          savedObjects: {
            client: started.core!.savedObjects.getScopedClient(request),
            getClient: (opts) => started.core!.savedObjects.getScopedClient(request, opts),
          },
          elasticsearch: { client: clusterClient.asScoped(request) },
          security: { authc: { getCurrentUser: () => authenticator.getCurrentUser(request) } },
        }),
      }),
      pageHandler: options.pageHandler,
      spaceExists: (id) => spaces.exists(id),
      status: () => ({
        name: 'kibana-host',
        version: { number: HOST_KIBANA_VERSION, build_snapshot: false },
        status: { overall: { level: 'available', summary: 'All services are available' } },
      }),
    });
    const httpServer = http;

    // Discovery and setup.
    const manifest = readManifest(options.pluginDir, HOST_KIBANA_VERSION);
    if (!manifest.server) throw new Error(`Plugin "${manifest.id}" has no server side`);
    const missing = manifest.requiredPlugins.filter((p) => !PROVIDED_PLUGINS.has(p));
    if (missing.length) {
      throw new Error(
        `Plugin "${manifest.id}" has the following missing or disabled plugin dependencies: [${missing.join(', ')}]`
      );
    }
    const wants = (id: string) =>
      PROVIDED_PLUGINS.has(id) &&
      (manifest.requiredPlugins.includes(id) || manifest.optionalPlugins.includes(id));
    plugin = await loadPlugin(options.pluginDir, manifest, config, loggers, HOST_KIBANA_VERSION);

    let resolveStart!: (value: [CoreStart, object, unknown]) => void;
    const startServices = new Promise<[CoreStart, object, unknown]>((r) => (resolveStart = r));
    const coreSetup: CoreSetup<object, unknown> = {
      elasticsearch: { publicBaseUrl: undefined },
      http: {
        createRouter: <Context extends RequestHandlerContext>() =>
          new Router<Context>('', (route) => httpServer.register(route)),
      },
      savedObjects: savedObjects.setup(),
      getStartServices: () => startServices,
    };
    // Kibana's own `index-pattern` and `search` types and their saved-objects HTTP API (subset).
    registerPlatformTypes(coreSetup.savedObjects);
    registerPlatformRoutes(coreSetup.http.createRouter());
    // x-pack spaces: the `space` type and its HTTP API.
    coreSetup.savedObjects.registerType(spaceSavedObjectType);
    spaces.registerRoutes(coreSetup.http.createRouter());
    const setupDeps: Record<string, unknown> = {};
    if (wants('taskManager')) setupDeps.taskManager = taskManager.setup();
    if (wants('encryptedSavedObjects')) setupDeps.encryptedSavedObjects = esoSetup(eso);
    if (wants('features')) setupDeps.features = features.setup();
    if (wants('security')) setupDeps.security = {};
    if (wants('spaces')) setupDeps.spaces = spaces.setupContract();
    await plugin.instance.setup(coreSetup, setupDeps);

    // Start.
    await registerFeaturePrivileges(clusterClient, features.lock());
    // Mappings, then model-version migrations (a failing transform stops start-up here), then
    // the default space — all before any plugin's start.
    const savedObjectsStart = await savedObjects.start();
    await spaces.start();
    const taskManagerStart = await taskManager.start(apiKeys);
    const coreStart: CoreStart = {
      elasticsearch: { client: clusterClient },
      savedObjects: savedObjectsStart,
      security: {
        authc: { getCurrentUser: (request) => authenticator.getCurrentUser(request), apiKeys },
      },
    };
    started.core = coreStart;
    const startDeps: Record<string, unknown> = {};
    if (wants('taskManager')) startDeps.taskManager = taskManagerStart;
    if (wants('encryptedSavedObjects'))
      startDeps.encryptedSavedObjects = esoStart(eso, savedObjects);
    if (wants('security')) startDeps.security = { authc: coreStart.security.authc };
    if (wants('spaces')) startDeps.spaces = spaces.startContract();
    const pluginStart = await plugin.instance.start(coreStart, startDeps);
    resolveStart([coreStart, startDeps, pluginStart]);

    const url = await httpServer.listen(port);
    log.info(`Kibana host with plugin "${manifest.id}" is available at ${url}`);
    return { url, taskManager, stop, pluginId: manifest.id };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

export async function startKibanaHost(options: KibanaHostOptions): Promise<KibanaHost> {
  let running = await boot(options, options.port ?? 0);
  const pluginId = running.pluginId;
  return {
    get url() {
      return running.url;
    },
    pluginId,
    get runningTaskIds() {
      return running.taskManager.runningTaskIds;
    },
    stop: () => running.stop(),
    async restart() {
      await running.stop();
      running = await boot(options, Number(new URL(running.url).port));
    },
  };
}
