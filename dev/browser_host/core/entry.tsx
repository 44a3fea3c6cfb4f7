import React from 'react';
import { render } from 'react-dom';
import { BehaviorSubject } from 'rxjs';
import { createBrowserHistory } from 'history';
import { EuiProvider } from '@elastic/eui';
import type {
  Capabilities,
  ChromeBreadcrumb,
  ChromeStart,
  CoreSetup,
  CoreStart,
  CoreTheme,
  Logger,
  Plugin,
  PluginInitializerContext,
} from '@kbn/core/public';
import { HostApplication } from './application';
import { I18nProvider } from './kbn_i18n_react';
import { Chrome } from './chrome';
import { createDataViews } from './data_views';
import { discoverStandInApp } from './discover_app';
import { createBasePath, createHttp } from './http';
import { createShare } from './share';
import { createToasts } from './toasts';
import { createUnauthorizedInterceptor } from './unauthorized_interceptor';

/** What the page embeds as JSON in #kbn-injected-metadata (see ../page.ts). */
export interface InjectedMetadata {
  /**
   * `http.basePath.get(request)` of the page request: serverBasePath plus `/s/<id>` in a
   * non-default space (rendering_service.tsx); core.http prepends it and history uses it.
   */
  basePath: string;
  /** The server base path, without the space (assets are served from here). */
  serverBasePath: string;
  version: string;
  defaultAppId: string;
  userName: string;
  /** Whether the host serves DISCOVER_SEARCH_PATH for the Discover stand-in. */
  hostSearch: boolean;
  plugins: Array<{ id: string; requiredPlugins: string[]; optionalPlugins: string[] }>;
}

interface KbnBundles {
  get(key: string): unknown;
  has(key: string): boolean;
  define(key: string, bundleRequire: (id: string) => unknown, moduleId: string): void;
}

declare global {
  interface Window {
    __kbnBundles__: KbnBundles;
  }
}

type AnyPlugin = Plugin<unknown, unknown, object, object>;

/** DEFAULT_APP_CATEGORIES as core exports it (src/core/packages/application/common). */
export const DEFAULT_APP_CATEGORIES = Object.freeze({
  kibana: { id: 'kibana', label: 'Analytics', euiIconType: 'logoKibana', order: 1000 },
  enterpriseSearch: {
    id: 'enterpriseSearch',
    label: 'Search',
    order: 2000,
    euiIconType: 'logoEnterpriseSearch',
  },
  observability: {
    id: 'observability',
    label: 'Observability',
    euiIconType: 'logoObservability',
    order: 3000,
  },
  security: { id: 'securitySolution', label: 'Security', order: 4000, euiIconType: 'logoSecurity' },
  management: { id: 'management', label: 'Management', order: 5000, euiIconType: 'managementApp' },
});

export const AppStatus = { accessible: 0, inaccessible: 1, 0: 'accessible', 1: 'inaccessible' };

function consoleLogger(context: string): Logger {
  const prefix = `[${context}]`;
  const logger: Logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: (message) => console.info(prefix, message),
    warn: (message) => console.warn(prefix, message),
    error: (message) => console.error(prefix, message),
    fatal: (message) => console.error(prefix, message),
    isLevelEnabled: () => true,
    get: (...paths) => consoleLogger([context, ...paths].join('.')),
  };
  return logger;
}

function readMetadata(): InjectedMetadata {
  const element = document.getElementById('kbn-injected-metadata');
  if (!element?.textContent) throw new Error('#kbn-injected-metadata is missing');
  return JSON.parse(element.textContent) as InjectedMetadata;
}

/** Loads the plugins the way Kibana's browser core does: plugin() → setup → start. */
export async function __kbnBootstrap__(): Promise<void> {
  const metadata = readMetadata();
  const basePath = createBasePath(metadata.basePath, metadata.serverBasePath);
  const history = createBrowserHistory({ basename: metadata.basePath });
  const capabilities: Capabilities = {
    navLinks: {},
    management: {},
    catalogue: {},
  };
  const application = new HostApplication(history, basePath, capabilities);
  const http = createHttp(basePath);
  // What the security plugin's setup does: any 401 from an API call ends the session.
  http.intercept(
    createUnauthorizedInterceptor({
      basePath: metadata.basePath,
      location: () => window.location,
      navigate: (url) => window.location.assign(url),
    })
  );
  const toasts = createToasts();
  const breadcrumbs$ = new BehaviorSubject<ChromeBreadcrumb[]>([]);
  const chrome: ChromeStart = {
    docTitle: {
      change: (title) => {
        document.title = [...(Array.isArray(title) ? title : [title]), 'Elastic'].join(' - ');
      },
      reset: () => {
        document.title = 'Elastic';
      },
    },
    setBreadcrumbs: (crumbs) => breadcrumbs$.next(crumbs),
    getBreadcrumbs$: () => breadcrumbs$.asObservable(),
  };
  const theme$ = new BehaviorSubject<CoreTheme>({ darkMode: false, name: 'borealis' });
  const applicationStart = application.start();
  const coreStart: CoreStart = {
    application: applicationStart,
    chrome,
    http,
    i18n: { Context: ({ children }) => <>{children}</> },
    notifications: { toasts },
    overlays: {
      openConfirm: async (message) =>
        window.confirm(typeof message === 'string' ? message : 'Are you sure?'),
    },
    theme: { theme$: theme$.asObservable(), getTheme: () => theme$.getValue() },
    rendering: {
      // What KibanaRenderContextProvider gives an app: EUI (Borealis), theme and i18n.
      addContext: (element) => (
        <EuiProvider colorMode="light" globalStyles={false} utilityClasses={false}>
          <I18nProvider>{element}</I18nProvider>
        </EuiProvider>
      ),
    },
  };

  // Platform plugins this host stands in for.
  const dataViews = createDataViews(http);
  const builtIn: Record<string, { setup: unknown; start: unknown }> = {
    share: { setup: {}, start: createShare(applicationStart) },
    dataViews: { setup: { enableRollups: () => undefined }, start: dataViews },
    discover: { setup: {}, start: {} },
  };
  application.setup().register(discoverStandInApp(http, dataViews, metadata.hostSearch));

  const loaded: Array<{ id: string; deps: string[]; instance: AnyPlugin }> = [];
  for (const plugin of metadata.plugins) {
    const key = `plugin/${plugin.id}/public`;
    if (!window.__kbnBundles__.has(key)) throw new Error(`Plugin bundle [${key}] is not loaded`);
    const exports = window.__kbnBundles__.get(key) as {
      plugin?: (context: PluginInitializerContext) => AnyPlugin;
    };
    if (typeof exports.plugin !== 'function') {
      throw new Error(`Definition of plugin "${plugin.id}" should be a function.`);
    }
    const context: PluginInitializerContext = {
      opaqueId: Symbol(plugin.id),
      env: {
        mode: { name: 'production', dev: false, prod: true },
        packageInfo: {
          version: metadata.version,
          branch: metadata.version.split('.').slice(0, 2).join('.'),
          buildNum: 1,
          buildSha: 'browser-host',
          buildShaShort: 'browser',
          buildDate: new Date(0),
          buildFlavor: 'traditional',
          dist: true,
        },
        airgapped: true,
      },
      logger: { get: (...parts) => consoleLogger(['plugins', plugin.id, ...parts].join('.')) },
      config: { get: <T extends object>() => ({}) as T },
    };
    loaded.push({
      id: plugin.id,
      deps: [...plugin.requiredPlugins, ...plugin.optionalPlugins],
      instance: exports.plugin(context),
    });
  }

  const contracts: Record<string, { setup?: unknown; start?: unknown }> = { ...builtIn };
  let resolveStart: (value: [CoreStart, object, unknown]) => void = () => undefined;
  const startServices = new Map<string, Promise<[CoreStart, object, unknown]>>();
  const starters = new Map<string, typeof resolveStart>();
  for (const { id } of loaded) {
    startServices.set(
      id,
      new Promise((resolve) => {
        resolveStart = resolve;
      })
    );
    starters.set(id, resolveStart);
  }
  const depsOf = (deps: string[], phase: 'setup' | 'start') =>
    Object.fromEntries(
      deps.filter((dep) => contracts[dep]).map((dep) => [dep, contracts[dep][phase]])
    );

  for (const { id, deps, instance } of loaded) {
    const coreSetup: CoreSetup<object, unknown> = {
      application: application.setup(),
      http,
      getStartServices: () => startServices.get(id) as Promise<[CoreStart, object, unknown]>,
    };
    contracts[id] = {
      setup: instance.setup(coreSetup as CoreSetup<never, unknown>, depsOf(deps, 'setup') as never),
    };
  }
  for (const { id, deps, instance } of loaded) {
    const depsStart = depsOf(deps, 'start');
    const start = instance.start(coreStart, depsStart as never);
    contracts[id].start = start;
    starters.get(id)?.([coreStart, depsStart, start]);
  }

  const root = document.getElementById('kibana-body');
  if (!root) throw new Error('#kibana-body is missing');
  const navigate = (appId: string) => void applicationStart.navigateToApp(appId);
  let container: HTMLElement | undefined;
  const sync = () => {
    if (container) void application.sync(container);
  };
  if (!application.appIdOf(basePath.prepend(history.location.pathname))) {
    history.replace(`/app/${metadata.defaultAppId}`);
  }
  history.listen(sync);
  // Kibana resets the chrome when another app mounts; the new app sets its own.
  application.currentAppId$.subscribe((appId) => {
    breadcrumbs$.next(appId === 'discover' ? [{ text: 'Discover' }] : []);
    chrome.docTitle.reset();
  });
  render(
    <EuiProvider colorMode="light">
      <Chrome
        apps$={application.apps$.asObservable()}
        currentAppId$={application.currentAppId$.asObservable()}
        breadcrumbs$={breadcrumbs$.asObservable()}
        toasts={toasts}
        getUrlForApp={(appId) => applicationStart.getUrlForApp(appId)}
        navigate={navigate}
        userName={metadata.userName}
        onAppContainer={(element) => {
          container = element;
          sync();
        }}
      />
    </EuiProvider>,
    root
  );
}
