/*
 * Small hand-written stand-ins for the Kibana core services our server code touches, shaped like
 * Kibana's own loggingSystemMock / httpServiceMock / savedObjectsClientMock / taskManagerMock
 * (which are not on npm). Only core services are mocked: our own logic always runs for real.
 */
import type {
  IKibanaResponse,
  IRouter,
  KibanaRequest,
  KibanaResponseFactory,
  Logger,
  RequestHandler,
  RequestHandlerContext,
  RouteConfig,
  RouteMethod,
  RouteValidationFunction,
  SavedObject,
  SavedObjectsClientContract,
} from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import type { TaskManagerStartContract } from '@kbn/task-manager-plugin/server';

export type MockLogger = jest.Mocked<Logger> & { messages(): string[] };

/** A logger whose every call is captured; `messages()` flattens them for assertions. */
export function createLoggerMock(): MockLogger {
  const logger = {
    trace: jest.fn(),
    debug: jest.fn(),
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    fatal: jest.fn(),
    isLevelEnabled: jest.fn(() => true),
    get: jest.fn(),
  } as unknown as MockLogger;
  logger.get.mockReturnValue(logger);
  logger.messages = () =>
    (['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const).flatMap((level) =>
      logger[level].mock.calls.map((call) =>
        call.map((arg) => (arg instanceof Error ? arg.message : JSON.stringify(arg))).join(' ')
      )
    );
  return logger;
}

export interface RegisteredRoute {
  method: RouteMethod;
  config: RouteConfig<unknown, unknown, unknown, RouteMethod>;
  handler: RequestHandler<unknown, unknown, unknown, RequestHandlerContext, RouteMethod>;
}

export type MockRouter = IRouter<RequestHandlerContext> & {
  routes: RegisteredRoute[];
  getRoute(method: RouteMethod, path: string): RegisteredRoute;
};

export function createRouterMock(): MockRouter {
  const routes: RegisteredRoute[] = [];
  const registrar =
    (method: RouteMethod) =>
    (
      config: RouteConfig<unknown, unknown, unknown, RouteMethod>,
      handler: RegisteredRoute['handler']
    ) => {
      routes.push({ method, config, handler });
    };
  return {
    routerPath: '/',
    routes,
    get: registrar('get'),
    post: registrar('post'),
    put: registrar('put'),
    patch: registrar('patch'),
    delete: registrar('delete'),
    getRoute(method: RouteMethod, path: string) {
      const route = routes.find((r) => r.method === method && r.config.path === path);
      if (!route) throw new Error(`No ${method} ${path}`);
      return route;
    },
  } as unknown as MockRouter;
}

/** Responses as plain `{ status, payload }`, like Kibana's KibanaResponse. */
export function createResponseFactory(): KibanaResponseFactory {
  const make =
    (status: number) =>
    (options: { body?: unknown } = {}): IKibanaResponse =>
      ({ status, payload: options.body, options }) as IKibanaResponse;
  return {
    ok: make(200),
    created: make(201),
    accepted: make(202),
    noContent: make(204),
    multiStatus: make(207),
    redirected: make(302),
    notModified: make(304),
    badRequest: make(400),
    unauthorized: make(401),
    forbidden: make(403),
    notFound: make(404),
    conflict: make(409),
    unprocessableContent: make(422),
    customError: (options: { statusCode: number; body?: unknown }) =>
      ({ status: options.statusCode, payload: options.body, options }) as IKibanaResponse,
    custom: (options: { statusCode: number; body?: unknown }) =>
      ({ status: options.statusCode, payload: options.body, options }) as IKibanaResponse,
  } as unknown as KibanaResponseFactory;
}

export function createRequest<P = unknown, Q = unknown, B = unknown>(
  parts: { params?: P; query?: Q; body?: B; headers?: Record<string, string> } = {}
): KibanaRequest<P, Q, B> {
  return {
    id: 'request-id',
    uuid: 'request-uuid',
    headers: parts.headers ?? { authorization: 'Basic ZWxhc3RpYzpjaGFuZ2VtZQ==' },
    params: parts.params ?? ({} as P),
    query: parts.query ?? ({} as Q),
    body: parts.body ?? ({} as B),
    isFakeRequest: false,
  } as unknown as KibanaRequest<P, Q, B>;
}

/**
 * Runs a route's validation the way Kibana's router does (for function validators), then the
 * handler: a failing validation is a 400 whose message is the validation error's.
 */
export async function callRoute(
  route: RegisteredRoute,
  parts: { params?: unknown; query?: unknown; body?: unknown },
  context: RequestHandlerContext = {} as RequestHandlerContext
): Promise<IKibanaResponse> {
  const validated: Record<string, unknown> = {};
  const validate = route.config.validate;
  for (const key of ['params', 'query', 'body'] as const) {
    const spec = validate ? (validate as Record<string, unknown>)[key] : undefined;
    if (typeof spec !== 'function') {
      validated[key] = parts[key] ?? {};
      continue;
    }
    const result = (spec as RouteValidationFunction<unknown>)(parts[key] ?? {}, {
      ok: (value) => ({ value }),
      badRequest: (error) =>
        ({ error: error instanceof Error ? error : new Error(error) }) as never,
    });
    if (result.error) {
      return createResponseFactory().badRequest({
        body: { message: `[request ${key}]: ${result.error.message}` },
      });
    }
    validated[key] = result.value;
  }
  return route.handler(context, createRequest(validated) as never, createResponseFactory());
}

interface StoredObject {
  attributes: Record<string, unknown>;
  version: number;
  created_at: string;
  updated_at: string;
}

export type MemorySavedObjects = SavedObjectsClientContract & {
  store: Map<string, StoredObject>;
  /** The raw stored attributes, secrets included (what ESO would decrypt). */
  raw(type: string, id: string): Record<string, unknown> | undefined;
};

/**
 * An in-memory saved-objects client with Kibana's observable behaviour for what we use: versions
 * and 409s on stale `version`, 404 errors from SavedObjectsErrorHelpers, `mergeAttributes: false`
 * full replacement, and (like encryptedSavedObjects on a plain client) encrypted attributes
 * stripped from everything it returns.
 */
export function createMemorySavedObjects(
  encrypted: Record<string, readonly string[]> = {},
  now: () => Date = () => new Date('2026-01-01T00:00:00Z')
): MemorySavedObjects {
  const store = new Map<string, StoredObject>();
  const key = (type: string, id: string) => `${type}/${id}`;
  const view = <T>(type: string, id: string, stored: StoredObject): SavedObject<T> => {
    const attributes = { ...stored.attributes };
    for (const name of encrypted[type] ?? []) delete attributes[name];
    return {
      id,
      type,
      version: String(stored.version),
      created_at: stored.created_at,
      updated_at: stored.updated_at,
      attributes: attributes as T,
      references: [],
    };
  };
  const client = {
    store,
    raw: (type: string, id: string) => store.get(key(type, id))?.attributes,
    create: jest.fn(
      async (
        type: string,
        attributes: unknown,
        options: { id?: string; overwrite?: boolean } = {}
      ) => {
        const id = options.id ?? `generated-${store.size + 1}`;
        if (store.has(key(type, id)) && !options.overwrite) {
          throw SavedObjectsErrorHelpers.createConflictError(type, id);
        }
        const at = now().toISOString();
        const stored = {
          attributes: { ...(attributes as object) },
          version: 1,
          created_at: at,
          updated_at: at,
        };
        store.set(key(type, id), stored);
        return view(type, id, stored);
      }
    ),
    get: jest.fn(async (type: string, id: string) => {
      const stored = store.get(key(type, id));
      if (!stored) throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
      return view(type, id, stored);
    }),
    bulkGet: jest.fn(async (objects: Array<{ type: string; id: string }>) => ({
      saved_objects: objects.map(({ type, id }) => {
        const stored = store.get(key(type, id));
        return stored
          ? view(type, id, stored)
          : ({
              id,
              type,
              attributes: {},
              references: [],
              error: { statusCode: 404, error: 'Not Found', message: 'not found' },
            } as SavedObject);
      }),
    })),
    update: jest.fn(
      async (
        type: string,
        id: string,
        attributes: Record<string, unknown>,
        options: { version?: string; mergeAttributes?: boolean } = {}
      ) => {
        const stored = store.get(key(type, id));
        if (!stored) throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
        if (options.version !== undefined && options.version !== String(stored.version)) {
          throw SavedObjectsErrorHelpers.createConflictError(type, id);
        }
        stored.attributes =
          options.mergeAttributes === false
            ? { ...attributes }
            : { ...stored.attributes, ...attributes };
        stored.version++;
        stored.updated_at = now().toISOString();
        return { ...view(type, id, stored), attributes };
      }
    ),
    delete: jest.fn(async (type: string, id: string) => {
      if (!store.delete(key(type, id)))
        throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
      return {};
    }),
    find: jest.fn(async (options: { type: string | string[]; page?: number; perPage?: number }) => {
      const types = Array.isArray(options.type) ? options.type : [options.type];
      const all = [...store.entries()]
        .filter(([k]) => types.includes(k.split('/')[0]))
        .map(([k, stored]) => {
          const [type, id] = k.split('/');
          return { ...view(type, id, stored), score: 1 };
        });
      const perPage = options.perPage ?? 20;
      const page = options.page ?? 1;
      return {
        saved_objects: all.slice((page - 1) * perPage, page * perPage),
        total: all.length,
        per_page: perPage,
        page,
      };
    }),
  };
  return client as unknown as MemorySavedObjects;
}

export type MockTaskManager = jest.Mocked<
  Pick<TaskManagerStartContract, 'ensureScheduled' | 'removeIfExists' | 'runSoon' | 'fetch'>
>;

export function createTaskManagerStartMock(): MockTaskManager {
  return {
    ensureScheduled: jest.fn(async (task) => task),
    removeIfExists: jest.fn(async (_id: string) => undefined),
    runSoon: jest.fn(async (id: string) => ({ id, forced: false })),
    fetch: jest.fn(async () => ({ docs: [] })),
  };
}
