/*
 * Local declarations for `@kbn/core/server` (Kibana 9.4.3).
 *
 * Only the subset of the Kibana server core API that this plugin uses, each group citing the
 * Kibana source file it mirrors. Where Kibana types use `any`, these use `unknown`/`object` (noted
 * inline). Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

import type { Observable } from 'rxjs';
import type { Stream } from 'stream';
import type { URL } from 'url';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { ObjectType, Type } from '@kbn/config-schema';
import type { AppCategory } from '@kbn/core-application-common';

export type { AppCategory } from '@kbn/core-application-common';
// src/core/packages/application/common/src/default_app_categories.ts (RUNTIME VALUE, re-exported
// by @kbn/core/server).
export { DEFAULT_APP_CATEGORIES } from '@kbn/core-application-common';

// -------------------------------------------------------------------------------------------------
// Utility types
// -------------------------------------------------------------------------------------------------

// src/platform/packages/shared/kbn-utility-types (MaybePromise)
export type MaybePromise<T> = T | Promise<T>;

// -------------------------------------------------------------------------------------------------
// Logging
// -------------------------------------------------------------------------------------------------

// src/platform/packages/shared/kbn-logging/src/log_level.ts (LogLevelId)
export type LogLevelId = 'all' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'off';

// src/platform/packages/shared/kbn-logging/src/log_meta.ts — Kibana's LogMeta is a partial ECS
// document; declared here as an open object (subset).
export interface LogMeta {
  [key: string]: unknown;
}

// src/platform/packages/shared/kbn-logging/src/logger.ts
export type LogMessageSource = string | (() => string);

// src/platform/packages/shared/kbn-logging/src/logger.ts (`log(record)` is @internal, omitted)
export interface Logger {
  trace<Meta extends LogMeta = LogMeta>(message: LogMessageSource, meta?: Meta): void;
  debug<Meta extends LogMeta = LogMeta>(message: LogMessageSource, meta?: Meta): void;
  info<Meta extends LogMeta = LogMeta>(message: LogMessageSource, meta?: Meta): void;
  warn<Meta extends LogMeta = LogMeta>(errorOrMessage: LogMessageSource | Error, meta?: Meta): void;
  error<Meta extends LogMeta = LogMeta>(
    errorOrMessage: LogMessageSource | Error,
    meta?: Meta
  ): void;
  fatal<Meta extends LogMeta = LogMeta>(
    errorOrMessage: LogMessageSource | Error,
    meta?: Meta
  ): void;
  isLevelEnabled(level: LogLevelId): boolean;
  get(...childContextPaths: string[]): Logger;
}

// src/platform/packages/shared/kbn-logging/src/logger_factory.ts (file not read this session; the
// `get(...)` signature matches its use in plugins/server/src/types.ts docs)
export interface LoggerFactory {
  /** Returns a Logger instance for the specified context (`plugins.<id>[.sub...]`). */
  get(...contextParts: string[]): Logger;
}

// -------------------------------------------------------------------------------------------------
// Plugin definition
// -------------------------------------------------------------------------------------------------

// src/platform/packages/shared/kbn-config/src/types.ts
export type BuildFlavor = 'serverless' | 'traditional';
export interface PackageInfo {
  version: string;
  branch: string;
  buildNum: number;
  buildSha: string;
  buildShaShort: string;
  buildDate: Date;
  buildFlavor: BuildFlavor;
  dist: boolean;
}
export interface EnvironmentMode {
  name: 'development' | 'production';
  dev: boolean;
  prod: boolean;
}

// src/core/packages/base/common (PluginOpaqueId is `symbol`)
export type PluginOpaqueId = symbol;

// src/core/packages/plugins/server/src/types.ts (PluginConfigSchema, ExposedToBrowserDescriptor)
export type PluginConfigSchema<T> = Type<T>;
export type ExposedToBrowserDescriptor<T> = {
  [Key in keyof T]?: T[Key] extends unknown[] | undefined
    ? boolean
    : T[Key] extends object | undefined
      ? ExposedToBrowserDescriptor<T[Key]> | boolean
      : boolean;
};

// src/core/packages/plugins/server/src/types.ts (PluginConfigDescriptor). Kibana's default is
// `T = any`; here `unknown`. `deprecations`, `dynamicConfig`, `exposeToUsage` omitted (subset).
export interface PluginConfigDescriptor<T = unknown> {
  exposeToBrowser?: ExposedToBrowserDescriptor<T>;
  schema: PluginConfigSchema<T>;
}

// src/core/packages/plugins/server/src/types.ts (PluginInitializerContext). `node` and
// `config.legacy` omitted (subset).
export interface PluginInitializerContext<ConfigSchema = unknown> {
  opaqueId: PluginOpaqueId;
  env: {
    mode: EnvironmentMode;
    packageInfo: Readonly<PackageInfo>;
    instanceUuid: string;
    configs: readonly string[];
    airgapped: boolean;
  };
  logger: LoggerFactory;
  config: {
    create: <T = ConfigSchema>() => Observable<T>;
    get: <T = ConfigSchema>() => T;
  };
}

// src/core/packages/plugins/server/src/types.ts (Plugin). Kibana constrains the dependency maps
// with `Record<string, any>`; `object` is used here so interfaces (which lack an implicit index
// signature) can be passed without `any`.
export interface Plugin<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = {},
  TPluginsStart extends object = {},
> {
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  stop?(): MaybePromise<void>;
}

// src/core/packages/plugins/server/src/types.ts (PluginInitializer). Preboot plugins omitted.
// The runtime awaits the result, so Kibana's in-tree plugins return a Promise.
export type PluginInitializer<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = never,
  TPluginsStart extends object = never,
> = (
  core: PluginInitializerContext
) => Promise<Plugin<TSetup, TStart, TPluginsSetup, TPluginsStart>>;

// -------------------------------------------------------------------------------------------------
// Lifecycle contracts
// -------------------------------------------------------------------------------------------------

// src/core/packages/lifecycle/server/src/core_setup.ts (StartServicesAccessor)
export type StartServicesAccessor<
  TPluginsStart extends object = object,
  TStart = unknown,
> = () => Promise<[CoreStart, TPluginsStart, TStart]>;

// src/core/packages/lifecycle/server/src/core_setup.ts (CoreSetup; subset)
export interface CoreSetup<TPluginsStart extends object = {}, TStart = unknown> {
  elasticsearch: ElasticsearchServiceSetup;
  http: HttpServiceSetup<RequestHandlerContext>;
  savedObjects: SavedObjectsServiceSetup;
  getStartServices: StartServicesAccessor<TPluginsStart, TStart>;
}

// src/core/packages/lifecycle/server/src/core_start.ts (CoreStart; subset)
export interface CoreStart {
  elasticsearch: ElasticsearchServiceStart;
  savedObjects: SavedObjectsServiceStart;
  security: SecurityServiceStart;
}

// -------------------------------------------------------------------------------------------------
// Elasticsearch
// -------------------------------------------------------------------------------------------------

// src/core/packages/elasticsearch/server/src/client/client.ts
export type ElasticsearchClient = Omit<
  Client,
  'connectionPool' | 'serializer' | 'extend' | 'close' | 'diagnostic'
>;

// src/core/packages/elasticsearch/server/src/client/scoped_cluster_client.ts
export interface IScopedClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  readonly asSecondaryAuthUser: ElasticsearchClient;
  readonly asCurrentUser: ElasticsearchClient;
}

// src/core/packages/elasticsearch/server/src/client/types.ts
export interface FakeRequest {
  /** Headers used for authentication against Elasticsearch */
  headers: Headers;
}
export type ScopeableRequest = KibanaRequest | FakeRequest;

// src/core/packages/elasticsearch/server/src/client/cluster_client.ts (IClusterClient). The
// `asScoped(request, { projectRouting: 'space' })` overload is serverless/CPS-only and newer than
// 9.4 in the stored snapshots; omitted.
export interface IClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  asScoped(request: ScopeableRequest): IScopedClusterClient;
}

// src/core/packages/elasticsearch/server/src/contracts.ts (ElasticsearchServiceSetup; subset)
export interface ElasticsearchServiceSetup {
  readonly publicBaseUrl?: string;
}

// src/core/packages/elasticsearch/server/src/contracts.ts (ElasticsearchServiceStart; subset)
export interface ElasticsearchServiceStart {
  readonly client: IClusterClient;
  readonly publicBaseUrl?: string;
}

// src/core/packages/elasticsearch/server/src/request_handler_context.ts
export interface ElasticsearchRequestHandlerContext {
  client: IScopedClusterClient;
}

// -------------------------------------------------------------------------------------------------
// HTTP: router, routes, requests, responses
// -------------------------------------------------------------------------------------------------

// src/core/packages/http/server/src/router/headers.ts (Headers: IncomingHttpHeaders-like record)
export type Headers = { [header: string]: string | string[] | undefined };
export type ResponseHeaders = Record<string, string | string[]>;

// src/core/packages/http/server/src/router/route.ts
export type DestructiveRouteMethod = 'post' | 'put' | 'delete' | 'patch';
export type SafeRouteMethod = 'get' | 'options';
export type RouteMethod = SafeRouteMethod | DestructiveRouteMethod;
export type RouteAccess = 'public' | 'internal';
export type RouteContentType =
  | 'application/json'
  | 'application/*+json'
  | 'application/octet-stream'
  | 'application/x-www-form-urlencoded'
  | 'multipart/form-data'
  | 'text/*';

// src/core/packages/http/server/src/router/route.ts (RouteConfigOptionsBody)
export interface RouteConfigOptionsBody {
  accepts?: RouteContentType | RouteContentType[] | string | string[];
  override?: string;
  maxBytes?: number;
  output?: 'data' | 'stream';
  parse?: boolean | 'gunzip';
}

// src/core/packages/http/server/src/router/route.ts (authz / authc security config)
export type Privilege = string;
export type AllRequiredCondition = Array<Privilege | { anyOf: Privilege[] }>;
export type AnyRequiredCondition = Array<Privilege | { allOf: Privilege[] }>;
export interface PrivilegeSet {
  anyRequired?: AnyRequiredCondition;
  allRequired?: AllRequiredCondition;
}
export type Privileges = Array<Privilege | PrivilegeSet>;
export interface AuthzEnabled {
  requiredPrivileges: Privileges;
}
export interface AuthzDisabled {
  enabled: false;
  reason: string;
}
export interface AuthcEnabled {
  enabled: true;
}
export interface AuthcOptional {
  enabled: 'optional';
  reason: string;
}
export interface AuthcDisabled {
  enabled: false;
  reason: string;
}
// Newest main also has `AuthcMinimal` ({ enabled: 'minimal', reason }); not declared because it is
// not confirmed for 9.4.
export type RouteAuthc = AuthcEnabled | AuthcOptional | AuthcDisabled;
export type RouteAuthz = AuthzEnabled | AuthzDisabled;
export interface RouteSecurity {
  authz: RouteAuthz;
  authc?: RouteAuthc;
}

// src/core/packages/http/server/src/router/route.ts (RouteConfigOptions; subset — deprecated,
// oasOperationObject, excludeFromOAS, discontinued, httpResource, availability omitted)
export interface RouteConfigOptions<Method extends RouteMethod> {
  xsrfRequired?: Method extends 'get' ? never : boolean;
  access?: RouteAccess;
  tags?: readonly string[];
  body?: Method extends 'get' | 'options' ? undefined : RouteConfigOptionsBody;
  timeout?: {
    payload?: Method extends 'get' | 'options' ? undefined : number;
    idleSocket?: number;
  };
  summary?: string;
  description?: string;
}

// src/core/packages/http/server/src/router/route_validator.ts. Kibana extends config-schema's
// SchemaTypeError; declared as an Error subclass here.
export declare class RouteValidationError extends Error {
  constructor(error: Error | string, path?: string[]);
}

// src/core/packages/http/server/src/router/route_validator.ts
export interface RouteValidationResultFactory {
  ok: <T>(value: T) => { value: T };
  badRequest: (error: Error | string, path?: string[]) => { error: RouteValidationError };
}

// src/core/packages/http/server/src/router/route_validator.ts (Kibana types `data` as `any`)
export type RouteValidationFunction<T> = (
  data: unknown,
  validationResult: RouteValidationResultFactory
) => { value: T; error?: never } | { value?: never; error: RouteValidationError };

// src/core/packages/http/server/src/router/route_validator.ts (RouteValidationSpec). Kibana also
// accepts a Zod schema (`ZodType<T>` from @kbn/zod/v4); not declared (this plugin does not use Zod).
export type RouteValidationSpec<T> = ObjectType | Type<T> | RouteValidationFunction<T>;

// src/core/packages/http/server/src/router/route_validator.ts
export interface RouteValidatorConfig<P, Q, B> {
  params?: RouteValidationSpec<P>;
  query?: RouteValidationSpec<Q>;
  body?: RouteValidationSpec<B>;
}
export interface RouteValidatorOptions {
  unsafe?: { params?: boolean; query?: boolean; body?: boolean };
}
export type RouteValidatorFullConfigRequest<P, Q, B> = RouteValidatorConfig<P, Q, B> &
  RouteValidatorOptions;
export type LazyValidator = () => Type<unknown>;
export interface RouteValidatorFullConfigResponse {
  [statusCode: number]: {
    description?: string;
    bodyContentType?: string;
    body?: LazyValidator;
  };
}
export interface RouteValidatorRequestAndResponses<P, Q, B> {
  request: RouteValidatorFullConfigRequest<P, Q, B>;
  response?: RouteValidatorFullConfigResponse;
}
interface NotRouteValidatorFullConfigRequest {
  params?: never;
  query?: never;
  body?: never;
}
export type RouteValidator<P, Q, B> =
  | RouteValidatorFullConfigRequest<P, Q, B>
  | (RouteValidatorRequestAndResponses<P, Q, B> & NotRouteValidatorFullConfigRequest);

// src/core/packages/http/server/src/router/route.ts (RouteConfig). `security` is REQUIRED since
// PR #215180 (9.1); the reference note's `security?` is outdated.
export interface RouteConfig<P, Q, B, Method extends RouteMethod> {
  path: string;
  validate: RouteValidator<P, Q, B> | (() => RouteValidator<P, Q, B>) | false;
  security: RouteSecurity;
  options?: RouteConfigOptions<Method>;
}

// src/core/packages/http/server/src/router/request.ts
export interface KibanaRequestEvents {
  aborted$: Observable<void>;
  completed$: Observable<void>;
}
export interface KibanaRequestAuth {
  isAuthenticated: boolean;
}
// src/core/packages/http/server/src/router/request.ts (KibanaRequestRoute; `options` narrowed to
// the fields this plugin may read)
export interface KibanaRequestRoute<Method extends RouteMethod> {
  path: string;
  method: Method;
  options: {
    readonly access: RouteAccess;
    readonly tags: readonly string[];
    readonly security?: RouteSecurity;
  };
  routePath?: string;
}

// src/core/packages/http/server/src/router/request.ts (KibanaRequest; subset — socket,
// serverTiming, protocol omitted). Kibana's `Method` default is `any`; `RouteMethod` here.
export interface KibanaRequest<
  Params = unknown,
  Query = unknown,
  Body = unknown,
  Method extends RouteMethod = RouteMethod,
> {
  readonly id: string;
  readonly uuid: string;
  readonly url: URL;
  readonly route: KibanaRequestRoute<Method>;
  readonly headers: Headers;
  readonly isSystemRequest: boolean;
  readonly isFakeRequest: boolean;
  readonly isInternalApiRequest: boolean;
  readonly httpVersion: string;
  readonly events: KibanaRequestEvents;
  readonly auth: KibanaRequestAuth;
  readonly rewrittenUrl?: URL;
  readonly apiVersion: string | undefined;
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
}

// src/core/packages/http/server/src/router/response.ts. Kibana: `Record<string, any>` in the payload
// union; `object` here (any JSON-able object, including interface instances).
export type HttpResponsePayload = undefined | string | object | Buffer | Stream;
// src/core/packages/http/server/src/router/response.ts (Kibana: `Record<string, any>`)
export type ResponseErrorAttributes = Record<string, unknown>;
export type ResponseError =
  | string
  | Buffer
  | Stream
  | Error
  | {
      message: string | Error;
      attributes?: ResponseErrorAttributes;
    };
export interface HttpResponseOptions<
  T extends HttpResponsePayload | ResponseError = HttpResponsePayload | ResponseError,
> {
  body?: T;
  headers?: ResponseHeaders;
  bypassErrorFormat?: boolean;
}
// Kibana's default for T is `any`.
export interface IKibanaResponse<
  T extends HttpResponsePayload | ResponseError = HttpResponsePayload | ResponseError,
> {
  readonly status: number;
  readonly payload?: T;
  readonly options: HttpResponseOptions;
}
export interface CustomHttpResponseOptions<T extends HttpResponsePayload | ResponseError> {
  body?: T;
  headers?: ResponseHeaders;
  bypassErrorFormat?: boolean;
  statusCode: number;
}
export type RedirectResponseOptions = HttpResponseOptions & { headers?: ResponseHeaders };
export interface ErrorHttpResponseOptions {
  body?: ResponseError;
  headers?: ResponseHeaders;
}

// src/core/packages/http/server/src/router/response_factory.ts (file() omitted)
export interface KibanaSuccessResponseFactory {
  ok<T extends HttpResponsePayload | ResponseError = HttpResponsePayload>(
    options?: HttpResponseOptions<T>
  ): IKibanaResponse<T>;
  created<T extends HttpResponsePayload | ResponseError = HttpResponsePayload>(
    options?: HttpResponseOptions<T>
  ): IKibanaResponse<T>;
  accepted<T extends HttpResponsePayload | ResponseError = HttpResponsePayload>(
    options?: HttpResponseOptions<T>
  ): IKibanaResponse<T>;
  noContent(options?: HttpResponseOptions): IKibanaResponse;
  multiStatus(options?: HttpResponseOptions): IKibanaResponse;
}
export interface KibanaRedirectionResponseFactory {
  redirected(options: RedirectResponseOptions): IKibanaResponse;
}
export interface KibanaNotModifiedResponseFactory {
  notModified(options: HttpResponseOptions): IKibanaResponse;
}
export interface KibanaErrorResponseFactory {
  badRequest(options?: ErrorHttpResponseOptions): IKibanaResponse;
  unauthorized(options?: ErrorHttpResponseOptions): IKibanaResponse;
  forbidden(options?: ErrorHttpResponseOptions): IKibanaResponse;
  notFound(options?: ErrorHttpResponseOptions): IKibanaResponse;
  conflict(options?: ErrorHttpResponseOptions): IKibanaResponse;
  unprocessableContent(options?: ErrorHttpResponseOptions): IKibanaResponse;
  customError(options: CustomHttpResponseOptions<ResponseError>): IKibanaResponse;
}
export type KibanaResponseFactory = KibanaSuccessResponseFactory &
  KibanaRedirectionResponseFactory &
  KibanaNotModifiedResponseFactory &
  KibanaErrorResponseFactory & {
    custom<T extends HttpResponsePayload | ResponseError>(
      options: CustomHttpResponseOptions<T>
    ): IKibanaResponse;
  };

// src/core/packages/http/server/src/router/request_handler_context.ts (`resolve` omitted: it relies
// on @kbn/utility-types AwaitedProperties; contexts are awaited per part, e.g. `await context.core`)
export interface RequestHandlerContextBase {}

// src/core/packages/http/server/src/router/request_handler.ts. Kibana's `Method` default is `any`
// and the return type is `IKibanaResponse<any>`.
export type RequestHandler<
  P = unknown,
  Q = unknown,
  B = unknown,
  Context extends RequestHandlerContextBase = RequestHandlerContextBase,
  Method extends RouteMethod = RouteMethod,
  ResponseFactory extends KibanaResponseFactory = KibanaResponseFactory,
> = (
  context: Context,
  request: KibanaRequest<P, Q, B, Method>,
  response: ResponseFactory
) => IKibanaResponse | Promise<IKibanaResponse>;

// src/core/packages/http/server/src/router/router.ts
export type RouteRegistrar<
  Method extends RouteMethod,
  Context extends RequestHandlerContextBase = RequestHandlerContextBase,
> = <P, Q, B>(
  route: RouteConfig<P, Q, B, Method>,
  handler: RequestHandler<P, Q, B, Context, Method>
) => void;

// src/core/packages/http/server/src/router/router.ts (IRouter; versioned router, getRoutes and
// handleLegacyErrors omitted)
export interface IRouter<Context extends RequestHandlerContextBase = RequestHandlerContextBase> {
  routerPath: string;
  get: RouteRegistrar<'get', Context>;
  post: RouteRegistrar<'post', Context>;
  put: RouteRegistrar<'put', Context>;
  patch: RouteRegistrar<'patch', Context>;
  delete: RouteRegistrar<'delete', Context>;
}

// src/core/packages/http/server/src/http_contract.ts (HttpServiceSetup; subset)
export interface HttpServiceSetup<
  DefaultRequestHandlerType extends RequestHandlerContextBase = RequestHandlerContextBase,
> {
  createRouter: <
    Context extends DefaultRequestHandlerType = DefaultRequestHandlerType,
  >() => IRouter<Context>;
}

// src/core/packages/http/request-handler-context-server/src/request_handler_context.ts
// (CoreRequestHandlerContext; subset — featureFlags, uiSettings, deprecations, userProfile omitted)
export interface CoreRequestHandlerContext {
  savedObjects: SavedObjectsRequestHandlerContext;
  elasticsearch: ElasticsearchRequestHandlerContext;
  security: SecurityRequestHandlerContext;
}
export interface RequestHandlerContext extends RequestHandlerContextBase {
  core: Promise<CoreRequestHandlerContext>;
}
export type CustomRequestHandlerContext<T> = RequestHandlerContext & {
  [Key in keyof T]: T[Key] extends Promise<unknown> ? T[Key] : Promise<T[Key]>;
};

// -------------------------------------------------------------------------------------------------
// Security (core)
// -------------------------------------------------------------------------------------------------

// src/core/packages/security/common/src/authentication/authenticated_user.ts + user.ts (subset)
export interface UserRealm {
  name: string;
  type: string;
}
export interface AuthenticatedUser {
  username: string;
  email?: string;
  full_name?: string;
  roles: readonly string[];
  enabled: boolean;
  authentication_realm: UserRealm;
  lookup_realm: UserRealm;
  authentication_type: string;
  elastic_cloud_user: boolean;
  profile_uid?: string;
}

// src/core/packages/security/server/src/authentication/api_keys/api_keys.ts (params/results; subset.
// Kibana types role_descriptors/metadata values as `any`.)
export interface CreateRestAPIKeyParams {
  type?: 'rest';
  expiration?: string;
  name: string;
  role_descriptors: Record<string, { [key: string]: unknown }>;
  metadata?: { [key: string]: unknown };
}
export interface GrantAPIKeyResult {
  id: string;
  name: string;
  api_key: string;
}
export interface InvalidateAPIKeysParams {
  ids: string[];
}
export interface InvalidateAPIKeyResult {
  invalidated_api_keys: string[];
  previously_invalidated_api_keys: string[];
  error_count: number;
  error_details?: Array<{
    type?: string;
    reason?: string | null;
    caused_by?: { type?: string; reason?: string | null };
  }>;
}

// src/core/packages/security/server/src/authentication/api_keys/api_keys.ts (NativeAPIKeysType) and
// .../api_keys/index.ts (APIKeysType = NativeAPIKeysType & { uiam }). Subset; the `options`
// argument of grantAsInternalUser, `cloneAsInternalUser` and `uiam` are newer than 9.4 / unused.
export interface APIKeysType {
  areAPIKeysEnabled(): Promise<boolean>;
  grantAsInternalUser(
    request: KibanaRequest,
    createParams: CreateRestAPIKeyParams
  ): Promise<GrantAPIKeyResult | null>;
  invalidateAsInternalUser(params: InvalidateAPIKeysParams): Promise<InvalidateAPIKeyResult | null>;
}

// src/core/packages/security/server/src/authc.ts (CoreAuthenticationService; subset)
export interface CoreAuthenticationService {
  getCurrentUser(request: KibanaRequest): AuthenticatedUser | null;
  apiKeys: APIKeysType;
}

// src/core/packages/security/server/src/contracts.ts (SecurityServiceStart; `audit` omitted)
export interface SecurityServiceStart {
  authc: CoreAuthenticationService;
}

// src/core/packages/security/server/src/request_handler_context.ts (file not read this session;
// `authc.getCurrentUser()` subset)
export interface SecurityRequestHandlerContext {
  authc: {
    getCurrentUser(): AuthenticatedUser | null;
  };
}

// -------------------------------------------------------------------------------------------------
// Saved objects
// -------------------------------------------------------------------------------------------------

// src/core/packages/saved-objects/common/src/saved_objects.ts (SavedObjectsNamespaceType, SavedObjectError)
export type SavedObjectsNamespaceType = 'single' | 'multiple' | 'multiple-isolated' | 'agnostic';
export interface SavedObjectError {
  error: string;
  message: string;
  statusCode: number;
  metadata?: Record<string, unknown>;
}

// src/core/packages/saved-objects/common/src/server_types.ts
export interface SavedObjectReference {
  name: string;
  type: string;
  id: string;
}
// src/core/packages/saved-objects/common/src/server_types.ts (SavedObject; accessControl and the
// deprecated migrationVersion omitted)
export interface SavedObject<T = unknown> {
  id: string;
  type: string;
  version?: string;
  created_at?: string;
  created_by?: string;
  updated_at?: string;
  updated_by?: string;
  error?: SavedObjectError;
  attributes: T;
  references: SavedObjectReference[];
  coreMigrationVersion?: string;
  typeMigrationVersion?: string;
  namespaces?: string[];
  originId?: string;
  managed?: boolean;
}

// src/core/packages/saved-objects/server/src/mapping_definition.ts. Kibana's field mapping is
// `EsMappingProperty & EsMappingPropertyBase & {dynamic?, properties?}` from @elastic/elasticsearch.
export type SavedObjectsFieldMapping = estypes.MappingProperty & {
  dynamic?: false | 'false' | 'strict';
  properties?: Record<estypes.PropertyName, estypes.MappingProperty>;
};
export interface SavedObjectsMappingProperties {
  [field: string]: SavedObjectsFieldMapping;
}
export interface SavedObjectsTypeMappingDefinition {
  dynamic?: false | 'false' | 'strict';
  properties: SavedObjectsMappingProperties;
}

// src/core/packages/saved-objects/server/src/validation.ts
export type SavedObjectsValidationSpec = ObjectType;

// src/core/packages/saved-objects/server/src/model_version/schemas.ts
export type SavedObjectModelVersionForwardCompatibilityFn<InAttrs = unknown, OutAttrs = unknown> = (
  attributes: InAttrs
) => OutAttrs;
export type SavedObjectModelVersionForwardCompatibilitySchema<
  InAttrs = unknown,
  OutAttrs = unknown,
> = ObjectType | SavedObjectModelVersionForwardCompatibilityFn<InAttrs, OutAttrs>;
export interface SavedObjectsModelVersionSchemaDefinitions {
  forwardCompatibility?: SavedObjectModelVersionForwardCompatibilitySchema;
  create?: SavedObjectsValidationSpec;
}

// src/core/packages/saved-objects/server/src/model_version/model_change.ts (subset; Kibana's
// generics default to `any`)
export interface SavedObjectsModelMappingsAdditionChange {
  type: 'mappings_addition';
  addedMappings: SavedObjectsMappingProperties;
}
export interface SavedObjectsModelMappingsDeprecationChange {
  type: 'mappings_deprecation';
  deprecatedMappings: string[];
}
// src/core/packages/saved-objects/server/src/model_version/transformations.ts. The document is
// Kibana's SavedObjectUnsanitizedDoc (src/core/packages/saved-objects/server/src/serialization.ts,
// SavedObjectDoc): subset (migrationVersion, coreMigrationVersion, version, updated_at, created_at,
// managed omitted). The context's `log` (SavedObjectsMigrationLogger) is omitted.
export interface SavedObjectModelTransformationDoc<T = unknown> {
  id: string;
  type: string;
  /** Single-namespace types: the space's namespace (none in the default space). */
  namespace?: string;
  /** Multi-namespace types: the spaces the object is in. */
  namespaces?: string[];
  originId?: string;
  typeMigrationVersion?: string;
  references?: SavedObjectReference[];
  attributes: T;
}
export interface SavedObjectModelTransformationResult<DocAttrs = unknown> {
  document: SavedObjectModelTransformationDoc<DocAttrs>;
}
export interface SavedObjectModelTransformationContext {
  readonly modelVersion: number;
  readonly namespaceType: SavedObjectsNamespaceType;
}
export interface SavedObjectModelDataBackfillResult<DocAttrs = unknown> {
  attributes: Partial<DocAttrs>;
}
export type SavedObjectModelDataBackfillFn<
  InputAttributes = unknown,
  OutputAttributes = unknown,
> = (
  document: SavedObjectModelTransformationDoc<InputAttributes>,
  context: SavedObjectModelTransformationContext
) => SavedObjectModelDataBackfillResult<OutputAttributes>;
export interface SavedObjectsModelDataBackfillChange<
  PreviousAttributes = unknown,
  NewAttributes = unknown,
> {
  type: 'data_backfill';
  backfillFn: SavedObjectModelDataBackfillFn<PreviousAttributes, NewAttributes>;
}
export interface SavedObjectsModelDataRemovalChange {
  type: 'data_removal';
  removedAttributePaths: string[];
}
export type SavedObjectModelUnsafeTransformFn<
  InputAttributes = unknown,
  OutputAttributes = unknown,
> = (
  document: SavedObjectModelTransformationDoc<InputAttributes>,
  context: SavedObjectModelTransformationContext
) => SavedObjectModelTransformationResult<OutputAttributes>;
/**
 * Kibana: "reach out to the Core team if you think you need to use this". Since elastic/kibana
 * #222973 (9.1) `transformFn` receives a cast and returns the transform: write
 * `transformFn: (cast) => cast(fn)`; a transform given directly fails the migration.
 */
export interface SavedObjectsModelUnsafeTransformChange<
  PreviousAttributes = unknown,
  NewAttributes = unknown,
> {
  type: 'unsafe_transform';
  transformFn: (
    cast: <A, B>(
      fn: SavedObjectModelUnsafeTransformFn<A, B>
    ) => SavedObjectModelUnsafeTransformFn<unknown, unknown>
  ) => SavedObjectModelUnsafeTransformFn<unknown, unknown>;
}
export type SavedObjectsModelChange =
  | SavedObjectsModelMappingsAdditionChange
  | SavedObjectsModelMappingsDeprecationChange
  | SavedObjectsModelDataBackfillChange
  | SavedObjectsModelDataRemovalChange
  | SavedObjectsModelUnsafeTransformChange;

// src/core/packages/saved-objects/server/src/model_version/model_version.ts. Newest main adds
// `SavedObjectsFullModelVersion` (schemas required) and a '1'..'40' key union; the 9.4-compatible
// form below (optional schemas, string keys) is accepted by both.
export interface SavedObjectsModelVersion {
  changes: SavedObjectsModelChange[];
  schemas?: SavedObjectsModelVersionSchemaDefinitions;
}
export interface SavedObjectsModelVersionMap {
  [modelVersion: string]: SavedObjectsModelVersion;
}
export type SavedObjectsModelVersionMapProvider = () => SavedObjectsModelVersionMap;

// src/core/packages/saved-objects/server/src/saved_objects_management.ts (subset — onExport,
// onImport, isExportable omitted; Kibana's `Attributes` default is `any`)
export interface SavedObjectsTypeManagementDefinition<Attributes = unknown> {
  importableAndExportable?: boolean;
  displayName?: string;
  visibleInManagement?: boolean;
  defaultSearchField?: string;
  icon?: string;
  getTitle?: (savedObject: SavedObject<Attributes>) => string;
  getEditUrl?: (savedObject: SavedObject<Attributes>) => string;
  getInAppUrl?: (
    savedObject: SavedObject<Attributes>
  ) => { path: string; uiCapabilitiesPath: string } | undefined;
}

// src/core/packages/saved-objects/server/src/saved_objects_type.ts (subset — legacy migrations/
// schemas, convertToMultiNamespaceTypeVersion, excludeOnUpgrade, indexPattern omitted).
// Kibana's `Attributes` default is `any`.
export interface SavedObjectsType<Attributes = unknown> {
  name: string;
  nameAttribute?: string;
  hidden: boolean;
  hiddenFromHttpApis?: boolean;
  namespaceType: SavedObjectsNamespaceType;
  mappings: SavedObjectsTypeMappingDefinition;
  management?: SavedObjectsTypeManagementDefinition<Attributes>;
  modelVersions?: SavedObjectsModelVersionMap | SavedObjectsModelVersionMapProvider;
  getTitle?: (savedObject: Attributes) => string;
}

// src/core/packages/saved-objects/api-server/src/apis/base.ts
export interface SavedObjectsBaseOptions {
  namespace?: string;
}
export type MutatingOperationRefreshSetting = boolean | 'wait_for';
export interface SavedObjectsBulkResponse<T = unknown> {
  saved_objects: Array<SavedObject<T>>;
}

// src/core/packages/saved-objects/api-server/src/apis/create.ts (subset)
export interface SavedObjectsCreateOptions extends SavedObjectsBaseOptions {
  id?: string;
  overwrite?: boolean;
  version?: string;
  references?: SavedObjectReference[];
  refresh?: MutatingOperationRefreshSetting;
  initialNamespaces?: string[];
  managed?: boolean;
}

// src/core/packages/saved-objects/api-server/src/apis/get.ts
export interface SavedObjectsGetOptions extends SavedObjectsBaseOptions {
  migrationVersionCompatibility?: 'compatible' | 'raw';
}

// src/core/packages/saved-objects/api-server/src/apis/bulk_get.ts
export interface SavedObjectsBulkGetObject {
  id: string;
  type: string;
  fields?: string[];
  namespaces?: string[];
}

// src/core/packages/saved-objects/api-server/src/apis/update.ts (subset)
export interface SavedObjectsUpdateOptions<Attributes = unknown> extends SavedObjectsBaseOptions {
  version?: string;
  references?: SavedObjectReference[];
  refresh?: MutatingOperationRefreshSetting;
  upsert?: Attributes;
  retryOnConflict?: number;
  mergeAttributes?: boolean;
}
export interface SavedObjectsUpdateResponse<T = unknown> extends Omit<
  SavedObject<T>,
  'attributes' | 'references'
> {
  attributes: Partial<T>;
  references: SavedObjectReference[] | undefined;
}

// src/core/packages/saved-objects/api-server/src/apis/delete.ts
export interface SavedObjectsDeleteOptions extends SavedObjectsBaseOptions {
  refresh?: MutatingOperationRefreshSetting;
  force?: boolean;
}

// src/core/packages/saved-objects/api-server/src/apis/find.ts (subset — aggs, pit, searchAfter,
// typeToNamespacesMap omitted; `filter` accepts a KQL string only, Kibana also accepts a KueryNode)
export interface SavedObjectsFindOptionsReference {
  type: string;
  id: string;
}
export interface SavedObjectsFindOptions {
  type: string | string[];
  page?: number;
  perPage?: number;
  sortField?: string;
  sortOrder?: estypes.SortOrder;
  fields?: string[];
  search?: string;
  searchFields?: string[];
  rootSearchFields?: string[];
  hasReference?: SavedObjectsFindOptionsReference | SavedObjectsFindOptionsReference[];
  hasReferenceOperator?: 'AND' | 'OR';
  hasNoReference?: SavedObjectsFindOptionsReference | SavedObjectsFindOptionsReference[];
  hasNoReferenceOperator?: 'AND' | 'OR';
  defaultSearchOperator?: 'AND' | 'OR';
  filter?: string;
  namespaces?: string[];
  preference?: string;
}
export interface SavedObjectsFindResult<T = unknown> extends SavedObject<T> {
  score: number;
  sort?: estypes.SortResults;
}
export interface SavedObjectsFindResponse<T = unknown, A = unknown> {
  aggregations?: A;
  saved_objects: Array<SavedObjectsFindResult<T>>;
  total: number;
  per_page: number;
  page: number;
  pit_id?: string;
}

// src/core/packages/saved-objects/api-server/src/apis/create_point_in_time_finder.ts
export type SavedObjectsCreatePointInTimeFinderOptions = Omit<SavedObjectsFindOptions, 'page'>;
export interface ISavedObjectsPointInTimeFinder<T, A> {
  find: () => AsyncGenerator<SavedObjectsFindResponse<T, A>>;
  close: () => Promise<void>;
}

// src/core/packages/saved-objects/api-server/src/saved_objects_client.ts (subset)
export interface SavedObjectsClientContract {
  create<T = unknown>(
    type: string,
    attributes: T,
    options?: SavedObjectsCreateOptions
  ): Promise<SavedObject<T>>;
  get<T = unknown>(
    type: string,
    id: string,
    options?: SavedObjectsGetOptions
  ): Promise<SavedObject<T>>;
  bulkGet<T = unknown>(
    objects: SavedObjectsBulkGetObject[],
    options?: SavedObjectsGetOptions
  ): Promise<SavedObjectsBulkResponse<T>>;
  update<T = unknown>(
    type: string,
    id: string,
    attributes: Partial<T>,
    options?: SavedObjectsUpdateOptions<T>
  ): Promise<SavedObjectsUpdateResponse<T>>;
  delete(type: string, id: string, options?: SavedObjectsDeleteOptions): Promise<{}>;
  find<T = unknown, A = unknown>(
    options: SavedObjectsFindOptions
  ): Promise<SavedObjectsFindResponse<T, A>>;
}

// src/core/packages/saved-objects/api-server/src/saved_objects_repository.ts (not re-read this
// session; assumed to carry the same method subset as the client, minus extra `internalOptions`)
export interface ISavedObjectsRepository {
  create<T = unknown>(
    type: string,
    attributes: T,
    options?: SavedObjectsCreateOptions
  ): Promise<SavedObject<T>>;
  get<T = unknown>(
    type: string,
    id: string,
    options?: SavedObjectsGetOptions
  ): Promise<SavedObject<T>>;
  bulkGet<T = unknown>(
    objects: SavedObjectsBulkGetObject[],
    options?: SavedObjectsGetOptions
  ): Promise<SavedObjectsBulkResponse<T>>;
  update<T = unknown>(
    type: string,
    id: string,
    attributes: Partial<T>,
    options?: SavedObjectsUpdateOptions<T>
  ): Promise<SavedObjectsUpdateResponse<T>>;
  delete(type: string, id: string, options?: SavedObjectsDeleteOptions): Promise<{}>;
  find<T = unknown, A = unknown>(
    options: SavedObjectsFindOptions
  ): Promise<SavedObjectsFindResponse<T, A>>;
}

// src/core/packages/saved-objects/server/src/client_factory.ts (SavedObjectsClientProviderOptions)
export interface SavedObjectsClientProviderOptions {
  excludedExtensions?: string[];
  includedHiddenTypes?: string[];
}

// src/core/packages/saved-objects/server/src/contracts.ts (SavedObjectsServiceSetup; subset)
export interface SavedObjectsServiceSetup {
  registerType: <Attributes = unknown>(type: SavedObjectsType<Attributes>) => void;
}

// src/core/packages/saved-objects/server/src/contracts.ts (SavedObjectsServiceStart; subset. The
// `extensions` argument of the repository factories is omitted. `getUnsafeInternalClient` exists
// in newest main only and is not declared.)
export interface SavedObjectsServiceStart {
  getScopedClient: (
    req: KibanaRequest,
    options?: SavedObjectsClientProviderOptions
  ) => SavedObjectsClientContract;
  createScopedRepository: (
    req: KibanaRequest,
    includedHiddenTypes?: string[]
  ) => ISavedObjectsRepository;
  createInternalRepository: (includedHiddenTypes?: string[]) => ISavedObjectsRepository;
}

// src/core/packages/saved-objects/server/src/request_handler_context.ts (subset)
export interface SavedObjectsRequestHandlerContext {
  client: SavedObjectsClientContract;
  getClient: (options?: SavedObjectsClientProviderOptions) => SavedObjectsClientContract;
}

// src/core/packages/saved-objects/server/src/saved_objects_error_helpers.ts. RUNTIME VALUE (class
// with static helpers). Kibana's DecoratedError extends a Boom error; declared as Error + Boom's
// `output.statusCode` (subset). Kibana types `isSavedObjectsClientError(error: any)`.
export interface DecoratedError extends Error {
  isBoom?: boolean;
  output?: { statusCode: number };
}
export declare class SavedObjectsErrorHelpers {
  static isSavedObjectsClientError(error: unknown): error is DecoratedError;
  static createBadRequestError(reason?: string): DecoratedError;
  static isBadRequestError(error: Error | DecoratedError): boolean;
  static isNotAuthorizedError(error: Error | DecoratedError): boolean;
  static isForbiddenError(error: Error | DecoratedError): boolean;
  static createGenericNotFoundError(type?: string | null, id?: string | null): DecoratedError;
  static isNotFoundError(error: Error | DecoratedError): boolean;
  static createConflictError(type: string, id: string, reason?: string): DecoratedError;
  static isConflictError(error: Error | DecoratedError): boolean;
  static isTooManyRequestsError(error: Error | DecoratedError): boolean;
  static isEsUnavailableError(error: Error | DecoratedError): boolean;
  static isGeneralError(error: Error | DecoratedError): boolean;
}
