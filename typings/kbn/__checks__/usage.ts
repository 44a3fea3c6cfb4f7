/*
 * Compile-only check for the local `@kbn/*` declarations (typings/kbn). Never executed: it imports
 * runtime values that exist only inside Kibana. It exercises the declarations the way a plugin
 * would, so `tsc --noEmit` fails if a declaration is unusable.
 */

import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { schema, type TypeOf } from '@kbn/config-schema';
import {
  DEFAULT_APP_CATEGORIES,
  SavedObjectsErrorHelpers,
  type CoreSetup,
  type CoreStart,
  type KibanaRequest,
  type Logger,
  type Plugin,
  type PluginConfigDescriptor,
  type PluginInitializerContext,
  type RequestHandlerContext,
  type RouteValidationFunction,
  type SavedObjectsType,
} from '@kbn/core/server';
import {
  AppStatus,
  type AppMountParameters,
  type CoreSetup as PublicCoreSetup,
  type CoreStart as PublicCoreStart,
  type IHttpFetchError,
  type Plugin as PublicPlugin,
} from '@kbn/core/public';
import {
  TaskCost,
  TaskPriority,
  TaskStatus,
  throwRetryableError,
  throwUnrecoverableError,
  type ConcreteTaskInstance,
  type RunContext,
  type TaskManagerSetupContract,
  type TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import type {
  EncryptedSavedObjectsPluginSetup,
  EncryptedSavedObjectsPluginStart,
} from '@kbn/encrypted-saved-objects-plugin/server';
import type { FeaturesPluginSetup } from '@kbn/features-plugin/server';
import type { SecurityPluginStart } from '@kbn/security-plugin/server';
import type { SharePluginStart } from '@kbn/share-plugin/public';
import type { DiscoverAppLocatorParams } from '@kbn/discover-plugin/public';
import type { DataViewsPublicPluginStart } from '@kbn/data-views-plugin/public';

// --- config descriptor ---------------------------------------------------------------------------
const configSchema = schema.object({
  enabled: schema.boolean({ defaultValue: true }),
  pollInterval: schema.string({ defaultValue: '5m', minLength: 2 }),
  maxPages: schema.number({ defaultValue: 10, min: 1, max: 1000 }),
  mode: schema.oneOf([schema.literal('pull'), schema.literal('push')], { defaultValue: 'pull' }),
  tags: schema.arrayOf(schema.string(), { defaultValue: [] }),
  labels: schema.recordOf(schema.string(), schema.string(), { defaultValue: {} }),
  proxy: schema.maybe(schema.nullable(schema.string())),
});
type ConfigType = TypeOf<typeof configSchema>;
export const config: PluginConfigDescriptor<ConfigType> = {
  schema: configSchema,
  exposeToBrowser: { enabled: true },
};
const _mode: 'pull' | 'push' = ({} as ConfigType).mode;
const _proxy: string | null | undefined = ({} as ConfigType).proxy;

// --- io-ts route validation -----------------------------------------------------------------------
const SourceBody = t.type({
  name: t.string,
  kind: t.union([t.literal('lumos'), t.literal('closer')]),
});
type SourceBody = t.TypeOf<typeof SourceBody>;
const buildRouteValidation =
  <A>(codec: t.Decoder<unknown, A>): RouteValidationFunction<A> =>
  (data, { ok, badRequest }) => {
    const decoded = codec.decode(data);
    return isLeft(decoded) ? badRequest('invalid body') : ok(decoded.right);
  };

// --- saved object type ----------------------------------------------------------------------------
interface SourceAttributes {
  name: string;
  kind: 'lumos' | 'closer';
  token: string;
}
const sourceType: SavedObjectsType<SourceAttributes> = {
  name: 'audit-sources-source',
  hidden: true,
  namespaceType: 'multiple-isolated',
  mappings: {
    dynamic: false,
    properties: { name: { type: 'keyword' }, kind: { type: 'keyword' } },
  },
  management: { importableAndExportable: false, getTitle: (so) => so.attributes.name },
  modelVersions: {
    1: {
      changes: [],
      schemas: {
        forwardCompatibility: schema.object(
          { name: schema.string(), kind: schema.string(), token: schema.string() },
          { unknowns: 'ignore' }
        ),
        create: schema.object({
          name: schema.string(),
          kind: schema.string(),
          token: schema.string(),
        }),
      },
    },
  },
};

// --- task state schema ----------------------------------------------------------------------------
const stateSchemaV1 = schema.object({
  cursor: schema.maybe(schema.string()),
  runs: schema.number(),
});
type TaskStateV1 = TypeOf<typeof stateSchemaV1>;

interface SetupDeps {
  taskManager: TaskManagerSetupContract;
  encryptedSavedObjects: EncryptedSavedObjectsPluginSetup;
  features: FeaturesPluginSetup;
}
interface StartDeps {
  taskManager: TaskManagerStartContract;
  encryptedSavedObjects: EncryptedSavedObjectsPluginStart;
  security?: SecurityPluginStart;
}

export class AuditSourcesPlugin implements Plugin<void, void, SetupDeps, StartDeps> {
  private readonly logger: Logger;

  constructor(private readonly ctx: PluginInitializerContext<ConfigType>) {
    this.logger = ctx.logger.get('server');
  }

  setup(core: CoreSetup<StartDeps>, deps: SetupDeps): void {
    const cfg = this.ctx.config.get();
    this.logger.debug(() => `enabled=${cfg.enabled} dev=${this.ctx.env.mode.dev}`);

    core.savedObjects.registerType(sourceType);
    deps.encryptedSavedObjects.registerType({
      type: sourceType.name,
      attributesToEncrypt: new Set(['token']),
      attributesToIncludeInAAD: new Set(['kind']),
    });

    deps.features.registerKibanaFeature({
      id: 'auditSources',
      name: 'Audit Sources',
      category: DEFAULT_APP_CATEGORIES.management,
      app: ['auditSources'],
      privileges: {
        all: {
          app: ['auditSources'],
          api: ['auditSources-write', 'auditSources-read'],
          savedObject: { all: [sourceType.name], read: [] },
          ui: ['show', 'save'],
        },
        read: {
          app: ['auditSources'],
          api: ['auditSources-read'],
          savedObject: { all: [], read: [sourceType.name] },
          ui: ['show'],
        },
      },
    });

    deps.taskManager.registerTaskDefinitions({
      'auditSources:pull': {
        title: 'Audit Sources pull',
        timeout: '5m',
        maxAttempts: 3,
        cost: TaskCost.Normal,
        priority: TaskPriority.NormalLongRunning,
        stateSchemaByVersion: {
          1: {
            schema: stateSchemaV1,
            up: (state) => ({
              cursor: state.cursor,
              runs: typeof state.runs === 'number' ? state.runs : 0,
            }),
          },
        },
        paramsSchema: schema.object({ sourceId: schema.string() }),
        createTaskRunner: ({ taskInstance, abortController, signal, fakeRequest }: RunContext) => ({
          run: async () => {
            const state = taskInstance.state as TaskStateV1;
            // 9.4 passes abortController, 9.5+ signal: RunContext is the union of both.
            const runSignal = signal ?? abortController?.signal;
            if (runSignal?.aborted) throwRetryableError(new Error('aborted'), true);
            if (fakeRequest?.isFakeRequest === false)
              throwUnrecoverableError(new Error('unexpected'));
            const [coreStart] = await core.getStartServices();
            await coreStart.elasticsearch.client.asInternalUser.info({}, { signal: runSignal });
            const next: TaskStateV1 = { cursor: state.cursor, runs: state.runs + 1 };
            return { state: next };
          },
          cancel: async () => undefined,
        }),
      },
    });

    const router = core.http.createRouter<RequestHandlerContext>();
    router.post(
      {
        path: '/internal/audit_sources/sources',
        validate: { body: buildRouteValidation(SourceBody) },
        security: { authz: { requiredPrivileges: ['auditSources-write'] } },
        options: { access: 'internal', tags: ['audit'], body: { maxBytes: 1024 } },
      },
      async (context, request, response) => {
        const body: SourceBody = request.body;
        const { savedObjects, elasticsearch } = await context.core;
        const client = savedObjects.getClient({ includedHiddenTypes: [sourceType.name] });
        try {
          const so = await client.create<SourceAttributes>(sourceType.name, {
            ...body,
            token: 'x',
          });
          await elasticsearch.client.asCurrentUser.ping();
          return response.ok({ body: { id: so.id } });
        } catch (e) {
          if (e instanceof Error && SavedObjectsErrorHelpers.isConflictError(e)) {
            return response.conflict({ body: e.message });
          }
          return response.customError({ statusCode: 500, body: { message: String(e) } });
        }
      }
    );
    router.get(
      {
        path: '/internal/audit_sources/sources/{id}',
        validate: { params: schema.object({ id: schema.string() }) },
        security: { authz: { enabled: false, reason: 'checked via saved-object RBAC' } },
      },
      async (_context, request, response) => {
        const id: string = request.params.id;
        return id ? response.noContent() : response.notFound();
      }
    );
  }

  start(core: CoreStart, deps: StartDeps): void {
    const eso = deps.encryptedSavedObjects.getClient({ includedHiddenTypes: [sourceType.name] });
    void eso
      .getDecryptedAsInternalUser<SourceAttributes>(sourceType.name, 'id')
      .then((so) => so.attributes.token);
    void deps.taskManager
      .ensureScheduled({
        id: 'auditSources:pull:default',
        taskType: 'auditSources:pull',
        schedule: { interval: '5m' },
        params: { sourceId: 'default' },
        state: { runs: 0 },
      })
      .catch((e: unknown) => this.logger.error(e instanceof Error ? e : String(e)));
    void deps.taskManager
      .get('x')
      .then((task: ConcreteTaskInstance) => task.status === TaskStatus.Idle);
    void core.savedObjects
      .createInternalRepository([sourceType.name])
      .find({ type: sourceType.name, perPage: 10 });
  }

  stop(): void {}
}

// grantAsInternalUser via core security (preferred over the security plugin)
export async function grantKey(
  core: CoreStart,
  request: KibanaRequest
): Promise<string | undefined> {
  if (!(await core.security.authc.apiKeys.areAPIKeysEnabled())) return undefined;
  const key = await core.security.authc.apiKeys.grantAsInternalUser(request, {
    name: 'audit-sources',
    role_descriptors: {},
    metadata: { managed: true },
  });
  if (key) await core.security.authc.apiKeys.invalidateAsInternalUser({ ids: [key.id] });
  return core.security.authc.getCurrentUser(request)?.username;
}

// --- browser plugin -------------------------------------------------------------------------------
interface PublicStartDeps {
  share?: SharePluginStart;
  dataViews?: DataViewsPublicPluginStart;
}

export class AuditSourcesPublicPlugin implements PublicPlugin<void, void, object, PublicStartDeps> {
  setup(core: PublicCoreSetup<PublicStartDeps>): void {
    core.application.register({
      id: 'auditSources',
      title: 'Audit Sources',
      category: DEFAULT_APP_CATEGORIES.management,
      status: AppStatus.accessible,
      visibleIn: ['globalSearch', 'sideNav'],
      mount: async ({ element, history, onAppLeave }: AppMountParameters) => {
        const [coreStart, deps] = await core.getStartServices();
        coreStart.chrome.setBreadcrumbs([
          { text: 'Audit Sources', href: history.createHref({ pathname: '/' }) },
        ]);
        coreStart.chrome.docTitle.change(['Audit Sources']);
        onAppLeave((actions) => actions.default());
        const unlisten = history.listen((location) => location.pathname);
        history.push('/sources');
        element.textContent = coreStart.application.getUrlForApp('auditSources', {
          path: '/sources',
        });
        await openDiscover(coreStart, deps);
        return () => {
          unlisten();
          element.textContent = '';
        };
      },
    });
  }

  start(_core: PublicCoreStart): void {}
}

async function openDiscover(core: PublicCoreStart, deps: PublicStartDeps): Promise<void> {
  try {
    const res = await core.http.get<{ items: string[] }>('/internal/audit_sources/sources', {
      query: { page: 1 },
      version: '1',
    });
    core.notifications.toasts.addSuccess(`${res.items.length} sources`);
  } catch (e) {
    const err = e as IHttpFetchError<{ message: string }>;
    core.notifications.toasts.addError(err, { title: err.body?.message ?? 'Request failed' });
  }
  const dataView = await deps.dataViews?.createAndSave({
    title: 'logs-audit.*',
    name: 'Audit',
    timeFieldName: '@timestamp',
  });
  const locator = deps.share?.url.locators.get<DiscoverAppLocatorParams>('DISCOVER_APP_LOCATOR');
  await locator?.navigate({
    dataViewId: dataView?.id,
    query: { language: 'kuery', query: 'event.kind:"event"' },
    timeRange: { from: 'now-24h', to: 'now' },
    columns: ['message'],
  });
}

void _mode;
void _proxy;
