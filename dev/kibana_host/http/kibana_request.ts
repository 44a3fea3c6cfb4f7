/*
 * KibanaRequest (src/core/packages/http/server/src/router/request.ts; runtime CoreKibanaRequest in
 * router-server-internal/src/request.ts). `isInternalApiRequest` is the presence of the
 * `x-elastic-internal-origin` header, as in Kibana. `url` is the URL after the spaces
 * prefix was removed, `rewrittenUrl` the one the client sent (router-server-internal/src/request.ts
 * reads it from the hapi request's app state).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Subject } from 'rxjs';
import type { Headers, KibanaRequest, RouteMethod, RouteSecurity } from '@kbn/core/server';

export interface RequestInit {
  method: RouteMethod;
  url: URL;
  /**
   * The URL as it came in, when onPreRouting rewrote it (the spaces prefix `/s/<id>` removed):
   * core's on_pre_routing adapter keeps `appState.rewrittenUrl = request.url` before setUrl.
   */
  rewrittenUrl?: URL;
  headers: Headers;
  routePath: string;
  access: 'public' | 'internal';
  tags: readonly string[];
  security?: RouteSecurity;
  params: unknown;
  query: unknown;
  body: unknown;
  isFakeRequest?: boolean;
}

export function createKibanaRequest(init: RequestInit): KibanaRequest {
  const aborted$ = new Subject<void>();
  const completed$ = new Subject<void>();
  const id = randomUUID();
  return {
    id,
    uuid: id,
    url: init.url,
    route: {
      path: init.routePath,
      method: init.method,
      options: { access: init.access, tags: init.tags, security: init.security },
      routePath: init.routePath,
    },
    headers: init.headers,
    isSystemRequest: init.headers['kbn-system-request'] === 'true',
    isFakeRequest: init.isFakeRequest ?? false,
    isInternalApiRequest: 'x-elastic-internal-origin' in init.headers,
    httpVersion: '1.1',
    events: { aborted$: aborted$.asObservable(), completed$: completed$.asObservable() },
    auth: { isAuthenticated: false },
    rewrittenUrl: init.rewrittenUrl,
    apiVersion: undefined,
    params: init.params,
    query: init.query,
    body: init.body,
  };
}

/** Task Manager's fake request (task_running/task_runner.ts getFakeKibanaRequest). */
export function createFakeRequest(headers: Headers): KibanaRequest {
  return createKibanaRequest({
    method: 'get',
    url: new URL('http://localhost/'),
    headers,
    routePath: '/',
    access: 'internal',
    tags: [],
    params: {},
    query: {},
    body: {},
    isFakeRequest: true,
  });
}

export function headersOf(message: IncomingMessage): Headers {
  const headers: Headers = {};
  for (const [key, value] of Object.entries(message.headers)) headers[key] = value;
  return headers;
}
