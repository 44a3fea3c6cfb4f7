import { BehaviorSubject } from 'rxjs';
import type { History as BrowserHistory } from 'history';
import type {
  App,
  AppCategory,
  AppUnmount,
  ApplicationSetup,
  ApplicationStart,
  Capabilities,
  IBasePath,
  NavigateToAppOptions,
} from '@kbn/core/public';
import { HostScopedHistory } from './scoped_history';

export interface MountedApp {
  id: string;
  unmount: AppUnmount;
}

/*
 * The application service: registry, capabilities, navigation, and mounting the app whose
 * `/app/<id>` the browser is on, each with its own ScopedHistory.
 */
export class HostApplication {
  public readonly apps = new Map<string, App>();
  public readonly apps$ = new BehaviorSubject<App[]>([]);
  public readonly currentAppId$ = new BehaviorSubject<string | undefined>(undefined);
  private mounted: MountedApp | undefined;
  private mounting: Promise<void> = Promise.resolve();
  private container: HTMLElement | undefined;

  constructor(
    private readonly history: BrowserHistory,
    private readonly basePath: IBasePath,
    private readonly capabilities: Capabilities
  ) {}

  public setup(): ApplicationSetup {
    return {
      register: (app) => {
        if (this.apps.has(app.id))
          throw new Error(`An application is already registered with the id "${app.id}"`);
        this.apps.set(app.id, app as App);
        this.apps$.next([...this.apps.values()]);
      },
    };
  }

  public appIdOf(pathname: string): string | undefined {
    const rest = this.basePath.remove(pathname);
    return /^\/app\/([^/?#]+)/.exec(rest)?.[1];
  }

  public getUrlForApp(appId: string, options: { path?: string; absolute?: boolean } = {}): string {
    const path = options.path
      ? options.path.startsWith('/')
        ? options.path
        : `/${options.path}`
      : '';
    const url = this.basePath.prepend(`/app/${appId}${path === '/' ? '' : path}`);
    return options.absolute ? `${window.location.origin}${url}` : url;
  }

  public start(): ApplicationStart {
    return {
      capabilities: this.capabilities,
      currentAppId$: this.currentAppId$.asObservable(),
      isAppRegistered: (appId) => this.apps.has(appId),
      getUrlForApp: (appId, options) => this.getUrlForApp(appId, options),
      navigateToApp: async (appId: string, options: NavigateToAppOptions = {}) => {
        const url = this.getUrlForApp(appId, { path: options.path });
        if (options.openInNewTab) window.open(url, '_blank');
        else if (options.replace) this.history.replace(this.basePath.remove(url), options.state);
        else this.history.push(this.basePath.remove(url), options.state);
      },
      navigateToUrl: async (url: string) => {
        const target = new URL(url, window.location.href);
        if (target.origin === window.location.origin && this.appIdOf(target.pathname)) {
          this.history.push(
            this.basePath.remove(`${target.pathname}${target.search}${target.hash}`)
          );
        } else {
          window.location.assign(target.href);
        }
      },
    };
  }

  /** Mounts the app of the current location; call on every location change. */
  public sync(container: HTMLElement): Promise<void> {
    this.container = container;
    this.mounting = this.mounting
      .then(() => this.doSync())
      .catch((error) => {
        console.error(error);
      });
    return this.mounting;
  }

  private async doSync(): Promise<void> {
    const container = this.container;
    if (!container) return;
    const appId = this.appIdOf(this.history.location.pathname);
    if (this.mounted && this.mounted.id === appId) return;
    if (this.mounted) {
      this.mounted.unmount();
      this.mounted = undefined;
    }
    container.replaceChildren();
    this.currentAppId$.next(appId);
    const app = appId ? this.apps.get(appId) : undefined;
    if (!app || !appId) {
      container.innerHTML = `<div style="padding:48px;font-family:sans-serif">Application Not Found: <code>${
        appId ?? this.history.location.pathname
      }</code></div>`;
      return;
    }
    if (app.defaultPath && this.history.location.pathname === `/app/${appId}`) {
      this.history.replace(`/app/${appId}${app.defaultPath}`);
    }
    const element = document.createElement('div');
    element.className = 'kbnAppWrapper';
    element.style.cssText = 'flex:1;display:flex;flex-direction:column;min-height:0';
    element.setAttribute('data-test-subj', `kbnAppWrapper app-${appId}`);
    container.appendChild(element);
    const unmount = await app.mount({
      element,
      history: new HostScopedHistory(this.history, `/app/${appId}`, this.basePath.get()),
      appBasePath: this.basePath.prepend(`/app/${appId}`),
      onAppLeave: () => undefined,
      setHeaderActionMenu: () => undefined,
      theme$: new BehaviorSubject({ darkMode: false, name: 'borealis' }).asObservable(),
    });
    this.mounted = { id: appId, unmount };
  }
}

/** Categories in nav order; uncategorised apps last. */
export function groupByCategory(apps: App[]): Array<{ category?: AppCategory; apps: App[] }> {
  const groups = new Map<string, { category?: AppCategory; apps: App[] }>();
  for (const app of apps) {
    const key = app.category?.id ?? '';
    const group = groups.get(key) ?? { category: app.category, apps: [] };
    group.apps.push(app);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({
      ...group,
      apps: group.apps.sort(
        (a, b) => (a.order ?? 0) - (b.order ?? 0) || a.title.localeCompare(b.title)
      ),
    }))
    .sort((a, b) => (a.category?.order ?? Infinity) - (b.category?.order ?? Infinity));
}
