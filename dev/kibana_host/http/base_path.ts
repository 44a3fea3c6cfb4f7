/*
 * core's server-side IBasePath (src/core/packages/http/server-internal/src/base_path_service.ts):
 * `get(request)` is the server base path plus what was set for the request (the spaces plugin
 * sets `/s/<id>` in onPreRouting), `prepend`/`remove` only handle the server base path. The host
 * has no `server.basePath` setting, so serverBasePath is ''. Kibana keys the cache by the raw
 * (hapi) request; the host creates more than one KibanaRequest per HTTP request, and records the
 * value on each of them (see server.ts).
 */
import type { KibanaRequest } from '@kbn/core/server';

const requestBasePaths = new WeakMap<object, string>();

export function setRequestBasePath(request: KibanaRequest, requestSpecificBasePath: string): void {
  requestBasePaths.set(request, requestSpecificBasePath);
}

export interface HostBasePath {
  readonly serverBasePath: string;
  readonly publicBaseUrl?: string;
  get(request: KibanaRequest): string;
  prepend(path: string): string;
  remove(path: string): string;
}

export function createBasePath(serverBasePath = ''): HostBasePath {
  return {
    serverBasePath,
    publicBaseUrl: undefined,
    get: (request) => `${serverBasePath}${requestBasePaths.get(request) ?? ''}`,
    prepend: (path) =>
      serverBasePath === '' || !path.startsWith('/') || path.startsWith('//')
        ? path
        : `${serverBasePath}${path}`,
    remove: (path) => {
      if (serverBasePath === '') return path;
      if (path === serverBasePath) return '/';
      return path.startsWith(`${serverBasePath}/`) ? path.slice(serverBasePath.length) : path;
    },
  };
}

/** The host's base path service (serverBasePath ''). */
export const hostBasePath = createBasePath('');
