/*
 * Local declarations for `@kbn/core/public` (Kibana 9.4.3).
 *
 * Only the subset of the browser core API that this plugin uses, each group citing the Kibana
 * source file it mirrors. Kibana's browser core depends on `@elastic/eui` and `history` types;
 * neither package is installed here, so the few EUI / history shapes needed are declared locally
 * (noted inline). Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 *
 * RUNTIME VALUES a host must provide: DEFAULT_APP_CATEGORIES, AppStatus (enum).
 */

import type { MouseEvent, ReactElement, ReactNode } from 'react';
import type { Observable } from 'rxjs';
import type { AppCategory } from '@kbn/core-application-common';
import type {
  EnvironmentMode,
  LoggerFactory,
  MaybePromise,
  PackageInfo,
  PluginOpaqueId,
} from '@kbn/core/server';

export type { AppCategory } from '@kbn/core-application-common';
// src/core/packages/application/common/src/default_app_categories.ts (RUNTIME VALUE, re-exported
// by @kbn/core/public)
export { DEFAULT_APP_CATEGORIES } from '@kbn/core-application-common';
// The browser plugin context reuses the logging and @kbn/config types declared for the server
// (src/platform/packages/shared/kbn-logging, src/platform/packages/shared/kbn-config/src/types.ts).
export type {
  BuildFlavor,
  EnvironmentMode,
  Logger,
  LoggerFactory,
  PackageInfo,
} from '@kbn/core/server';

// -------------------------------------------------------------------------------------------------
// Plugin definition
// -------------------------------------------------------------------------------------------------

// src/core/packages/plugins/browser/src/plugin_initializer.ts (PluginInitializerContext)
export interface PluginInitializerContext<ConfigSchema extends object = object> {
  readonly opaqueId: PluginOpaqueId;
  readonly env: {
    mode: Readonly<EnvironmentMode>;
    packageInfo: Readonly<PackageInfo>;
    airgapped: boolean;
  };
  readonly logger: LoggerFactory;
  readonly config: {
    get: <T extends object = ConfigSchema>() => T;
  };
}

// src/core/packages/plugins/browser/src/plugin.ts (Plugin). Kibana constrains the dependency maps
// with `Record<string, any>`; `object` here (see core/server.d.ts).
export interface Plugin<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = never,
  TPluginsStart extends object = never,
> {
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  stop?(): MaybePromise<void>;
}

// src/core/packages/plugins/browser/src/plugin_initializer.ts (PluginInitializer: synchronous)
export type PluginInitializer<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = never,
  TPluginsStart extends object = never,
> = (core: PluginInitializerContext) => Plugin<TSetup, TStart, TPluginsSetup, TPluginsStart>;

// src/core/packages/lifecycle/browser/src/core_setup.ts (StartServicesAccessor)
export type StartServicesAccessor<
  TPluginsStart extends object = object,
  TStart = unknown,
> = () => Promise<[CoreStart, TPluginsStart, TStart]>;

// src/core/packages/lifecycle/browser/src/core_setup.ts (CoreSetup; subset)
export interface CoreSetup<TPluginsStart extends object = {}, TStart = unknown> {
  application: ApplicationSetup;
  http: HttpSetup;
  getStartServices: StartServicesAccessor<TPluginsStart, TStart>;
}

// src/core/packages/lifecycle/browser/src/core_start.ts (CoreStart; subset)
export interface CoreStart {
  application: ApplicationStart;
  chrome: ChromeStart;
  http: HttpStart;
  i18n: I18nStart;
  notifications: NotificationsStart;
  overlays: OverlayStart;
  theme: ThemeServiceStart;
  /** Present since 9.1 (PR #212163); preferred over KibanaRenderContextProvider. */
  rendering: RenderingService;
}

// -------------------------------------------------------------------------------------------------
// Mount points
// -------------------------------------------------------------------------------------------------

// src/core/packages/mount-utils/browser (MountPoint / UnmountCallback; not re-read this session —
// the well-known `(element) => unmount` shape)
export type UnmountCallback = () => void;
export type MountPoint<T extends HTMLElement = HTMLElement> = (element: T) => UnmountCallback;

// -------------------------------------------------------------------------------------------------
// Application service
// -------------------------------------------------------------------------------------------------

// src/core/packages/application/browser/src/application.ts (AppStatus). RUNTIME VALUE.
export declare enum AppStatus {
  accessible = 0,
  inaccessible = 1,
}

// src/core/packages/application/browser/src/application.ts (AppDeepLinkLocations, 9.4 values).
// PR #270634 (May 2026, after 9.4) replaces 'sideNav' with 'classicSideNav' / 'solutionSideNav'
// (later 'projectSideNav'); do not use those on 9.4.
export type AppDeepLinkLocations = 'globalSearch' | 'sideNav' | 'home' | 'kibanaOverview';

// src/core/packages/application/browser/src/application.ts (AppNavOptions)
export interface AppNavOptions {
  order?: number;
  tooltip?: string;
  euiIconType?: string;
  icon?: string;
}

// src/core/packages/application/browser/src/application.ts (AppDeepLink)
export type AppDeepLink<Id extends string = string> = {
  id: Id;
  title: string;
  keywords?: string[];
  visibleIn?: AppDeepLinkLocations[];
  category?: AppCategory;
} & AppNavOptions &
  (
    | { path: string; deepLinks?: Array<AppDeepLink<Id>> }
    | { path?: string; deepLinks: Array<AppDeepLink<Id>> }
  );

// src/core/packages/application/browser/src/application.ts (AppUpdater / AppUpdatableFields)
export type AppUpdatableFields = Pick<
  App,
  'status' | 'visibleIn' | 'tooltip' | 'defaultPath' | 'deepLinks'
>;
export type AppUpdater = (app: App) => Partial<AppUpdatableFields> | undefined;

// src/core/packages/application/browser/src/application.ts (App; `capabilities` omitted)
export interface App<HistoryLocationState = unknown> extends AppNavOptions {
  id: string;
  title: string;
  category?: AppCategory;
  status?: AppStatus;
  visibleIn?: AppDeepLinkLocations[];
  defaultPath?: string;
  updater$?: Observable<AppUpdater>;
  chromeless?: boolean;
  mount: AppMount<HistoryLocationState>;
  appRoute?: string;
  exactRoute?: boolean;
  keywords?: string[];
  deepLinks?: AppDeepLink[];
}

// src/core/packages/application/browser/src/app_leave.ts (EUI `buttonColor` omitted; the
// AppLeaveActionType enum is represented by its string values)
export interface AppLeaveDefaultAction {
  type: 'default';
}
export interface AppLeaveConfirmAction {
  type: 'confirm';
  text: string;
  title?: string;
  confirmButtonText?: string;
  callback?: () => void;
}
export type AppLeaveAction = AppLeaveDefaultAction | AppLeaveConfirmAction;
export interface AppLeaveActionFactory {
  confirm(
    text: string,
    title?: string,
    callback?: () => void,
    confirmButtonText?: string
  ): AppLeaveConfirmAction;
  default(): AppLeaveDefaultAction;
}
export type AppLeaveHandler = (
  factory: AppLeaveActionFactory,
  nextAppId?: string
) => AppLeaveAction;

// src/core/packages/application/browser/src/app_mount.ts
export type AppUnmount = () => void;
export type AppMount<HistoryLocationState = unknown> = (
  params: AppMountParameters<HistoryLocationState>
) => AppUnmount | Promise<AppUnmount>;
export interface AppMountParameters<HistoryLocationState = unknown> {
  element: HTMLElement;
  history: ScopedHistory<HistoryLocationState>;
  /** @deprecated Use `history` instead. */
  appBasePath: string;
  onAppLeave: (handler: AppLeaveHandler) => void;
  /** @deprecated (newest main) Use AppMenu from "@kbn/core-chrome-app-menu" instead. */
  setHeaderActionMenu: (menuMount: MountPoint | undefined) => void;
  theme$: Observable<CoreTheme>;
}

// `history` v4 types (ScopedHistory extends `History` from the `history` package, which is not
// installed). Minimal structural subset of @types/history 4.x — NOT Kibana source; replace with the
// real package if it is ever added.
export type LocationState = unknown;
export type Href = string;
export type Action = 'PUSH' | 'POP' | 'REPLACE';
export type UnregisterCallback = () => void;
export interface Location<S = LocationState> {
  pathname: string;
  search: string;
  state: S;
  hash: string;
  key?: string;
}
export interface LocationDescriptorObject<S = LocationState> {
  pathname?: string;
  search?: string;
  state?: S;
  hash?: string;
  key?: string;
}
export type LocationDescriptor<S = LocationState> = string | LocationDescriptorObject<S>;
export type LocationListener<S = LocationState> = (location: Location<S>, action: Action) => void;
export type TransitionPromptHook<S = LocationState> = (
  location: Location<S>,
  action: Action
) => string | false | void;
export interface History<HistoryLocationState = LocationState> {
  length: number;
  action: Action;
  location: Location<HistoryLocationState>;
  push(path: string, state?: HistoryLocationState): void;
  push(location: LocationDescriptorObject<HistoryLocationState>): void;
  replace(path: string, state?: HistoryLocationState): void;
  replace(location: LocationDescriptorObject<HistoryLocationState>): void;
  go(n: number): void;
  goBack(): void;
  goForward(): void;
  block(prompt?: boolean | string | TransitionPromptHook<HistoryLocationState>): UnregisterCallback;
  listen(listener: LocationListener<HistoryLocationState>): UnregisterCallback;
  createHref(location: LocationDescriptorObject<HistoryLocationState>): Href;
}

// src/core/packages/application/browser/src/scoped_history.ts (interface form of the ScopedHistory
// class)
export interface ScopedHistory<
  HistoryLocationState = unknown,
> extends History<HistoryLocationState> {
  createSubHistory(basePath: string): ScopedHistory;
  createHref(
    location: LocationDescriptorObject<HistoryLocationState>,
    options?: { prependBasePath?: boolean }
  ): Href;
}

// src/core/packages/application/browser/src/contracts.ts (ApplicationSetup; registerAppUpdater omitted)
export interface ApplicationSetup {
  register<HistoryLocationState = unknown>(app: App<HistoryLocationState>): void;
}

// src/core/packages/capabilities/common (Capabilities; not read — minimal structural form: every
// section is a record of boolean flags or nested records)
export interface Capabilities {
  navLinks: Record<string, boolean>;
  management: { [sectionId: string]: Record<string, boolean> };
  catalogue: Record<string, boolean>;
  [key: string]: Record<string, boolean | Record<string, boolean>>;
}

// src/core/packages/application/browser/src/contracts.ts (NavigateToAppOptions, NavigateToUrlOptions)
export interface NavigateToAppOptions {
  deepLinkId?: string;
  path?: string;
  state?: unknown;
  replace?: boolean;
  openInNewTab?: boolean;
  skipAppLeave?: boolean;
}
export interface NavigateToUrlOptions {
  skipAppLeave?: boolean;
  forceRedirect?: boolean;
  state?: unknown;
}

// src/core/packages/application/browser/src/contracts.ts (ApplicationStart; subset —
// applications$ and currentLocation$ omitted. Kibana wraps capabilities in RecursiveReadonly.)
export interface ApplicationStart {
  capabilities: Readonly<Capabilities>;
  navigateToApp(appId: string, options?: NavigateToAppOptions): Promise<void>;
  navigateToUrl(url: string, options?: NavigateToUrlOptions): Promise<void>;
  isAppRegistered(appId: string): boolean;
  getUrlForApp(
    appId: string,
    options?: { path?: string; absolute?: boolean; deepLinkId?: string }
  ): string;
  currentAppId$: Observable<string | undefined>;
}

// -------------------------------------------------------------------------------------------------
// HTTP
// -------------------------------------------------------------------------------------------------

// src/core/packages/http/browser/src/types.ts (IBasePath)
export interface IBasePath {
  get: () => string;
  prepend: (url: string) => string;
  remove: (url: string) => string;
  readonly serverBasePath: string;
  readonly assetsHrefBase: string;
  readonly publicBaseUrl?: string;
}

// src/core/packages/http/browser/src/types.ts (HttpHeadersInit — Kibana values are `any`)
export interface HttpHeadersInit {
  [name: string]: string;
}

// src/core/packages/http/browser/src/types.ts (HttpFetchQuery)
export interface HttpFetchQuery {
  [key: string]: string | number | boolean | string[] | number[] | boolean[] | undefined | null;
}

// src/core/packages/http/browser/src/types.ts (HttpRequestInit subset + HttpFetchOptions;
// `context` (KibanaExecutionContext) omitted; `version` is ApiVersion = string)
export interface HttpFetchOptions {
  body?: BodyInit | null;
  cache?: RequestCache;
  credentials?: RequestCredentials;
  headers?: HttpHeadersInit;
  method?: string;
  signal?: AbortSignal | null;
  query?: HttpFetchQuery;
  prependBasePath?: boolean;
  asSystemRequest?: boolean;
  asResponse?: boolean;
  rawResponse?: boolean;
  version?: string;
}
export interface HttpFetchOptionsWithPath extends HttpFetchOptions {
  path: string;
}

// src/core/packages/http/browser/src/types.ts (HttpResponse, HttpHandler)
export interface HttpResponse<TResponseBody = unknown> {
  readonly fetchOptions: Readonly<HttpFetchOptionsWithPath>;
  readonly request: Readonly<Request>;
  readonly response?: Readonly<Response>;
  readonly body?: TResponseBody;
}
export interface HttpHandler {
  <TResponseBody = unknown>(
    path: string,
    options: HttpFetchOptions & { asResponse: true }
  ): Promise<HttpResponse<TResponseBody>>;
  <TResponseBody = unknown>(
    options: HttpFetchOptionsWithPath & { asResponse: true }
  ): Promise<HttpResponse<TResponseBody>>;
  <TResponseBody = unknown>(path: string, options?: HttpFetchOptions): Promise<TResponseBody>;
  <TResponseBody = unknown>(options: HttpFetchOptionsWithPath): Promise<TResponseBody>;
}

// src/core/packages/http/browser/src/types.ts (HttpSetup; subset — staticAssets, anonymousPaths,
// externalUrl, intercept, loading counts omitted)
export interface HttpSetup {
  basePath: IBasePath;
  fetch: HttpHandler;
  delete: HttpHandler;
  get: HttpHandler;
  head: HttpHandler;
  options: HttpHandler;
  patch: HttpHandler;
  post: HttpHandler;
  put: HttpHandler;
}
export type HttpStart = HttpSetup;

// src/core/packages/http/browser/src/types.ts (ResponseErrorBody, IHttpFetchError)
export interface ResponseErrorBody {
  message: string;
  statusCode: number;
  attributes?: Record<string, unknown>;
}
export interface IHttpFetchError<TResponseBody = unknown> extends Error {
  readonly name: string;
  readonly request: Request;
  readonly response?: Response;
  readonly body?: TResponseBody;
}

// -------------------------------------------------------------------------------------------------
// Notifications, overlays, chrome, theme, i18n, rendering
// -------------------------------------------------------------------------------------------------

// src/core/packages/notifications/browser/src/types.ts (ToastInputFields = EuiToast fields minus
// id/text/title, plus title/text as string | MountPoint). EUI is not installed: only the EUI
// fields this plugin may set are declared (from EuiGlobalToastListToast).
export interface ToastInputFields {
  title?: string | MountPoint;
  text?: string | MountPoint;
  color?: 'primary' | 'success' | 'warning' | 'danger';
  iconType?: string;
  toastLifeTimeMs?: number;
  'data-test-subj'?: string;
}
export type Toast = ToastInputFields & { id: string };
export type ToastInput = string | ToastInputFields;
export interface ToastOptions {
  toastLifeTimeMs?: number;
}
export interface ErrorToastOptions extends ToastOptions {
  title: string;
  toastMessage?: string;
}
// src/core/packages/notifications/browser/src/types.ts (IToasts). Kibana types the `options` of
// addInfo/addSuccess/addWarning/addDanger as `any`; ToastOptions here.
export interface IToasts {
  get$: () => Observable<Toast[]>;
  add: (toastOrTitle: ToastInput) => Toast;
  remove: (toastOrId: Toast | string) => void;
  addInfo: (toastOrTitle: ToastInput, options?: ToastOptions) => Toast;
  addSuccess: (toastOrTitle: ToastInput, options?: ToastOptions) => Toast;
  addWarning: (toastOrTitle: ToastInput, options?: ToastOptions) => Toast;
  addDanger: (toastOrTitle: ToastInput, options?: ToastOptions) => Toast;
  addError: (error: Error, options: ErrorToastOptions) => Toast;
}
// src/core/packages/notifications/browser/src/contracts.ts (NotificationsStart; file not read this
// session — `toasts: IToasts` subset only)
export interface NotificationsStart {
  toasts: IToasts;
}

// src/core/packages/overlays/browser/src/modal.ts (OverlayModalConfirmOptions; EUI-typed
// defaultFocusedButton / buttonColor / aria-labelledby omitted)
export interface OverlayModalConfirmOptions {
  title?: string;
  cancelButtonText?: string;
  confirmButtonText?: string;
  className?: string;
  closeButtonAriaLabel?: string;
  'data-test-subj'?: string;
  maxWidth?: boolean | number | string;
}
// src/core/packages/overlays/browser/src/overlays.ts (OverlayStart; subset: openConfirm only)
export interface OverlayStart {
  openConfirm(message: MountPoint | string, options?: OverlayModalConfirmOptions): Promise<boolean>;
}

// src/core/packages/chrome/browser/src/breadcrumb.ts (ChromeBreadcrumb extends EuiBreadcrumb).
// EUI is not installed: EuiBreadcrumb subset declared locally. Kibana types deepLinkId as
// AppDeepLinkId (a string union); `string` here.
export interface ChromeBreadcrumb {
  text: ReactNode;
  href?: string;
  onClick?: (event: MouseEvent<HTMLAnchorElement>) => void;
  'data-test-subj'?: string;
  deepLinkId?: string;
}
// src/core/packages/chrome/browser/src/doc_title.ts
export interface ChromeDocTitle {
  change(newTitle: string | string[]): void;
  reset(): void;
}
// src/core/packages/chrome/browser/src/contracts.ts (ChromeStart; subset. The optional `params`
// (ChromeSetBreadcrumbsParams, project breadcrumbs) argument of setBreadcrumbs is omitted.)
export interface ChromeStart {
  docTitle: ChromeDocTitle;
  setBreadcrumbs(newBreadcrumbs: ChromeBreadcrumb[]): void;
  getBreadcrumbs$(): Observable<ChromeBreadcrumb[]>;
}

// src/core/packages/theme/browser/src/types.ts
export interface CoreTheme {
  readonly darkMode: boolean;
  readonly name: string;
}
export interface ThemeServiceSetup {
  theme$: Observable<CoreTheme>;
  getTheme(): CoreTheme;
}
export type ThemeServiceStart = ThemeServiceSetup;

// src/core/packages/i18n/browser/src/types.ts (Kibana returns JSX.Element)
export interface I18nStart {
  Context: ({ children }: { children: ReactNode }) => ReactElement;
}

// src/core/packages/rendering/browser/src/rendering_service.ts
export interface RenderingService {
  addContext: (element: ReactNode) => ReactElement;
}
