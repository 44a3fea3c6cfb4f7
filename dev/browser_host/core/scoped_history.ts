import type {
  History as BrowserHistory,
  Location as HistoryLocation,
  LocationDescriptorObject as HistoryDescriptor,
} from 'history';
import type {
  Action,
  Href,
  Location,
  LocationDescriptorObject,
  LocationListener,
  ScopedHistory,
  TransitionPromptHook,
  UnregisterCallback,
} from '@kbn/core/public';

/*
 * A small ScopedHistory (src/core/packages/application/browser/src/scoped_history.ts): a view of
 * the browser history under `/app/<id>`, whose locations are relative to that base. Kibana's class
 * also tracks its own stack for go/length; this stand-in delegates those to the parent.
 */
export class HostScopedHistory<S = unknown> implements ScopedHistory<S> {
  constructor(
    private readonly parent: BrowserHistory,
    /** Path under the server base path, e.g. `/app/auditSources`. */
    private readonly basePath: string,
    /** The server base path, prepended by createHref. */
    private readonly serverBasePath: string
  ) {}

  private inScope(pathname: string): boolean {
    return pathname === this.basePath || pathname.startsWith(`${this.basePath}/`);
  }

  private strip(location: HistoryLocation): Location<S> {
    const rest = location.pathname.slice(this.basePath.length);
    return {
      pathname: rest === '' ? '/' : rest,
      search: location.search,
      hash: location.hash,
      state: location.state as S,
      key: location.key,
    };
  }

  private prefix(pathname: string | undefined): string {
    if (!pathname || pathname === '/') return this.basePath;
    return `${this.basePath}${pathname.startsWith('/') ? '' : '/'}${pathname}`;
  }

  private toParent(to: string | LocationDescriptorObject<S>): HistoryDescriptor {
    if (typeof to === 'string') {
      const match = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(to);
      return {
        pathname: this.prefix(match?.[1]),
        search: match?.[2] ?? '',
        hash: match?.[3] ?? '',
      };
    }
    return {
      pathname:
        to.pathname === undefined ? this.parent.location.pathname : this.prefix(to.pathname),
      search: to.search,
      hash: to.hash,
      state: to.state,
    };
  }

  public get length(): number {
    return this.parent.length;
  }

  public get action(): Action {
    return this.parent.action;
  }

  public get location(): Location<S> {
    return this.strip(this.parent.location);
  }

  public push(pathOrLocation: string | LocationDescriptorObject<S>, state?: S): void {
    const target = this.toParent(pathOrLocation);
    this.parent.push(state === undefined ? target : { ...target, state });
  }

  public replace(pathOrLocation: string | LocationDescriptorObject<S>, state?: S): void {
    const target = this.toParent(pathOrLocation);
    this.parent.replace(state === undefined ? target : { ...target, state });
  }

  public go(n: number): void {
    this.parent.go(n);
  }

  public goBack(): void {
    this.parent.goBack();
  }

  public goForward(): void {
    this.parent.goForward();
  }

  public block(prompt?: boolean | string | TransitionPromptHook<S>): UnregisterCallback {
    if (typeof prompt === 'function') {
      return this.parent.block((location, action) => prompt(this.strip(location), action));
    }
    return this.parent.block(prompt);
  }

  public listen(listener: LocationListener<S>): UnregisterCallback {
    return this.parent.listen((location, action) => {
      if (this.inScope(location.pathname)) listener(this.strip(location), action);
    });
  }

  public createHref(
    location: LocationDescriptorObject<S>,
    { prependBasePath = true }: { prependBasePath?: boolean } = {}
  ): Href {
    const target = this.toParent(location);
    const path = `${target.pathname ?? ''}${target.search ?? ''}${target.hash ?? ''}`;
    if (!prependBasePath) return path.slice(this.basePath.length) || '/';
    return `${this.serverBasePath}${path}`;
  }

  public createSubHistory(basePath: string): ScopedHistory {
    return new HostScopedHistory(this.parent, this.prefix(basePath), this.serverBasePath);
  }
}
