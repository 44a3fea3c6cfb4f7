/*
 * The HTTP server: route lookup, authentication, Kibana's onPostAuth checks (xsrf, internal-origin
 * restriction, route authz), validation, the handler, and error mapping — in hapi/Kibana order:
 * - xsrf: src/core/packages/http/server-internal/src/lifecycle_handlers.ts createXsrfPostAuthHandler
 * - internal routes: createRestrictInternalRoutesPostAuthHandler (restrictInternalApis, on in 9.x)
 * - authz: x-pack/platform/plugins/shared/security/server/authorization/api_authorization.ts
 *   (`api:<privilege>` checks, 403 "API [GET /path] is unauthorized for user, …")
 * - errors: router-server-internal/src/router.ts handle(): ES 401 → 401, anything else → logged 500.
 * - spaces: before routing, `/s/<id>/<rest>` is handled as `/<rest>` in space `<id>`
 *   (spaces/server/lib/request_interceptors/on_request_interceptor.ts, see spaces_url.ts); every
 *   KibanaRequest made here is given its space (setRequestSpace) and base path (`/s/<id>`), so
 *   authz and saved objects act at that space. After authentication, a space that does not exist
 *   is a 404 for routes (a host rule: Kibana runs the route) and, for `/app*` pages, what spaces'
 *   on_post_auth_interceptor.ts does: 403 without `login:` at the space, then a redirect to the
 *   space selector when the space is missing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { errors as esErrors } from '@elastic/elasticsearch';
import type {
  AuthenticatedUser,
  IKibanaResponse,
  KibanaRequest,
  Logger,
  PrivilegeSet,
  Privileges,
  RequestHandlerContext,
  RouteMethod,
} from '@kbn/core/server';
import type { Authenticator } from '../security/authc';
import { apiAction, LOGIN_ACTION } from '../security/privileges';
import { DEFAULT_SPACE_ID } from '../spaces/namespace';
import { setRequestSpace } from '../spaces/request_space';
import { hostBasePath, setRequestBasePath } from './base_path';
import { parseSpacePrefix } from './spaces_url';
import { ValidationError } from '../runtime/config_schema';
import {
  createKibanaRequest,
  headersOf,
  type RequestInit as KibanaRequestInit,
} from './kibana_request';
import { KibanaResponse, kibanaResponseFactory, toErrorBody } from './response_factory';
import type { RegisteredRoute } from './router';
import { requestValidation, validateRequest } from './route_validator';

export interface HttpServerDeps {
  logger: Logger;
  authenticator: Authenticator;
  /** `{ action: authorized }` for the request's user (application privileges). */
  checkPrivileges: (request: KibanaRequest, actions: string[]) => Promise<Record<string, boolean>>;
  isSuperuser: (request: KibanaRequest) => Promise<boolean>;
  createContext: (request: KibanaRequest) => RequestHandlerContext;
  status: () => object;
  /**
   * Whether a space exists (the spaces service). Absent: every id matching SPACE_ID_PATTERN
   * exists. The default space always exists and is not asked about.
   */
  spaceExists?: (spaceId: string) => Promise<boolean>;
  /**
   * Pages and assets outside the route table (the browser host: `/app/*`, bundles). Asked only
   * after authentication, for requests no route matches; true when it answered. `req.url` is the
   * rewritten URL (without `/s/<id>`, as Kibana also rewrites the raw request's URL); `space` says
   * which space and base path the page is in.
   */
  pageHandler?: (req: IncomingMessage, res: ServerResponse, space: PageRequestSpace) => boolean;
}

/** The space of a page request, as the rendering service sees it. */
export interface PageRequestSpace {
  spaceId: string;
  /** `basePath.get(request)`: the server base path plus `/s/<id>` when the URL had one. */
  basePath: string;
}

/** spaces/common/constants.ts: where on_post_auth_interceptor.ts sends unknown spaces' apps. */
export const SPACE_SELECTOR_PATH = '/spaces/space_selector';

const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

async function readBody(message: IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new HttpError(413, `Payload content length greater than maximum allowed: ${maxBytes}`);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const raw = Buffer.concat(chunks);
  const type = message.headers['content-type'] ?? 'application/json';
  if (/json/i.test(type)) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'Invalid request payload JSON format');
    }
  }
  return /^text\//i.test(type) ? raw.toString('utf8') : raw;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...([] as string[]).concat(existing), value];
  }
  return query;
}

function send(res: ServerResponse, response: IKibanaResponse) {
  const headers = { ...(response.options.headers ?? {}) };
  const payload = response.payload;
  if (response.status >= 400 && !response.options.bypassErrorFormat) {
    res.writeHead(response.status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
    });
    res.end(JSON.stringify(toErrorBody(response.status, payload)));
    return;
  }
  if (payload === undefined || response.status === 204 || response.status === 304) {
    res.writeHead(response.status, headers);
    res.end();
  } else if (payload instanceof Readable) {
    res.writeHead(response.status, headers);
    payload.pipe(res);
  } else if (Buffer.isBuffer(payload)) {
    res.writeHead(response.status, { 'content-type': 'application/octet-stream', ...headers });
    res.end(payload);
  } else if (typeof payload === 'string') {
    res.writeHead(response.status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(payload);
  } else {
    res.writeHead(response.status, {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
    });
    res.end(JSON.stringify(payload));
  }
}

const errorResponse = (status: number, message: string, headers?: Record<string, string>) =>
  new KibanaResponse(status, message, { headers });

/** api_authorization.ts hasRequestedPrivilege, with reserved `superuser`/`operator`. */
async function authorize(
  deps: HttpServerDeps,
  request: KibanaRequest,
  required: Privileges
): Promise<{ authorized: boolean; missing: string[] }> {
  const requested = new Set<string>();
  for (const entry of required) {
    const items: Array<string | { anyOf?: string[]; allOf?: string[] }> =
      typeof entry === 'string'
        ? [entry]
        : [
            ...((entry as PrivilegeSet).allRequired ?? []),
            ...((entry as PrivilegeSet).anyRequired ?? []),
          ];
    for (const item of items) {
      if (typeof item === 'string') requested.add(item);
      else [...(item.anyOf ?? []), ...(item.allOf ?? [])].forEach((p) => requested.add(p));
    }
  }
  // Operator privileges are dropped unless ES has them enabled (they are not, on this host).
  requested.delete('operator');
  const granted: Record<string, boolean> = {};
  const plain = [...requested].filter((p) => p !== 'superuser');
  if (plain.length) {
    const result = await deps.checkPrivileges(request, plain.map(apiAction));
    for (const p of plain) granted[p] = result[apiAction(p)] === true;
  }
  if (requested.has('superuser')) granted.superuser = await deps.isSuperuser(request);
  const has = (p: string) => p === 'operator' || granted[p] === true;
  const ok = required.every((entry) => {
    if (typeof entry === 'string') return has(entry);
    const all = entry.allRequired ?? [];
    const any = entry.anyRequired ?? [];
    return (
      all.every((p) => (typeof p === 'string' ? has(p) : p.anyOf.some(has))) &&
      (!any.length || any.some((p) => (typeof p === 'string' ? has(p) : p.allOf.every(has))))
    );
  });
  return { authorized: ok, missing: Object.keys(granted).filter((k) => !granted[k]) };
}

export class HttpServer {
  private readonly routes: RegisteredRoute[] = [];
  private server?: Server;

  constructor(private readonly deps: HttpServerDeps) {}

  register(route: RegisteredRoute) {
    if (this.routes.some((r) => r.method === route.method && r.path === route.path)) {
      throw new Error(`Route [${route.method}] ${route.path} is already registered`);
    }
    this.routes.push(route);
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => {
      this.dispatch(req, res).catch((error) => {
        this.deps.logger.error(error as Error);
        if (!res.headersSent) send(res, errorResponse(500, 'An internal server error occurred.'));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const address = this.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    return `http://${host}:${actualPort}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse) {
    const received = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toLowerCase() as RouteMethod;
    const headers = headersOf(req);

    // onPreRouting (spaces): `/s/<id>/<rest>` is `/<rest>` in space <id>.
    const prefix = parseSpacePrefix(received.pathname, hostBasePath.serverBasePath);
    if (!prefix.valid) return send(res, errorResponse(404, 'Not Found'));
    const { spaceId } = prefix;
    let url = received;
    let rewrittenUrl: URL | undefined;
    if (prefix.explicit) {
      url = new URL(received.href);
      url.pathname = prefix.pathname;
      rewrittenUrl = received;
      // core's on_pre_routing also rewrites the raw request (`request.raw.req.url = url`).
      req.url = `${url.pathname}${url.search}`;
    }
    const makeRequest = (init: Omit<KibanaRequestInit, 'url' | 'headers' | 'method'>) => {
      const request = createKibanaRequest({ ...init, method, url, rewrittenUrl, headers });
      setRequestSpace(request, spaceId);
      setRequestBasePath(request, prefix.spaceBasePath);
      return request;
    };
    let existence: Promise<boolean> | undefined;
    const spaceExists = () =>
      (existence ??=
        spaceId === DEFAULT_SPACE_ID || !this.deps.spaceExists
          ? Promise.resolve(true)
          : this.deps.spaceExists(spaceId));

    if (method === 'get' && url.pathname === '/api/status') {
      const probe = makeRequest({
        routePath: '/api/status',
        access: 'public',
        tags: [],
        params: {},
        query: {},
        body: {},
      });
      const user = await this.deps.authenticator.authenticate(probe);
      if (!user) return send(res, this.unauthorized());
      return send(res, kibanaResponseFactory.ok({ body: this.deps.status() }));
    }

    let route: RegisteredRoute | undefined;
    let match: RegExpExecArray | null = null;
    for (const candidate of this.routes) {
      if (candidate.method !== method) continue;
      match = candidate.matcher.exec(url.pathname);
      if (match) {
        route = candidate;
        break;
      }
    }
    if (!route || !match) {
      const pages = this.deps.pageHandler;
      if (pages && !/^\/(internal|api)\//.test(url.pathname)) {
        const probe = makeRequest({
          routePath: url.pathname,
          access: 'public',
          tags: [],
          params: {},
          query: {},
          body: {},
        });
        if (!(await this.deps.authenticator.authenticate(probe))) {
          return send(res, this.unauthorized());
        }
        // spaces on_post_auth_interceptor.ts, `isRequestingApplication`: spacesClient.get(id)
        // through the security wrapper checks `login:` at the space (403), then reads it (404 →
        // redirect to the space selector).
        if (url.pathname.startsWith('/app')) {
          const privileges = await this.deps.checkPrivileges(probe, [LOGIN_ACTION]);
          if (privileges[LOGIN_ACTION] !== true) {
            this.deps.logger.debug(`User unauthorized for space "${spaceId}".`);
            return send(res, kibanaResponseFactory.forbidden());
          }
          if (!(await spaceExists())) {
            this.deps.logger.debug(
              `Unable to navigate to space "${spaceId}", redirecting to Space Selector.`
            );
            return send(
              res,
              kibanaResponseFactory.redirected({
                headers: { location: `${hostBasePath.serverBasePath}${SPACE_SELECTOR_PATH}` },
              })
            );
          }
        }
        const space = { spaceId, basePath: hostBasePath.get(probe) };
        if (pages(req, res, space)) return;
      }
      return send(res, errorResponse(404, 'Not Found'));
    }

    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      if (match![i + 1] !== undefined) params[name] = decodeURIComponent(match![i + 1]);
    });
    const options = route.config.options ?? {};
    const security = route.config.security;
    const base = {
      routePath: route.path,
      access: options.access ?? ('internal' as const),
      tags: options.tags ?? [],
      security,
    };
    const rawRequest = makeRequest({ ...base, params, query: queryOf(url), body: {} });

    // Authentication (authc.enabled: false skips it, 'optional' tolerates no credentials).
    const authc = security.authc?.enabled ?? true;
    let user: AuthenticatedUser | null = null;
    if (authc !== false) {
      user = await this.deps.authenticator.authenticate(rawRequest);
      if (!user && authc === true) return send(res, this.unauthorized());
    }
    // As Kibana: routes run in a space that does not exist (saved objects then find nothing
    // there); only application pages check the space (above).

    let body: unknown;
    try {
      body = method === 'get' ? undefined : await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof HttpError) return send(res, errorResponse(error.status, error.message));
      throw error;
    }

    // onPostAuth: xsrf, then the internal-origin restriction, then authz.
    if (method !== 'get' && options.xsrfRequired !== false) {
      if (!('kbn-xsrf' in headers) && !('kbn-version' in headers)) {
        return send(res, errorResponse(400, 'Request must contain a kbn-xsrf header.'));
      }
    }
    if (base.access === 'internal' && !rawRequest.isInternalApiRequest) {
      const message = `uri [${url.pathname}] with method [${method}] exists but is not available with the current configuration`;
      this.deps.logger
        .get('server', 'kbn-internal-api-restricted')
        .error(
          `Access to uri [${url.pathname}] with method [${method}] is not available with the current configuration`
        );
      return send(res, errorResponse(400, message));
    }
    if (user && 'requiredPrivileges' in security.authz) {
      const { authorized, missing } = await authorize(
        this.deps,
        rawRequest,
        security.authz.requiredPrivileges
      );
      if (!authorized) {
        const message = `API [${method.toUpperCase()} ${url.pathname}${url.search}] is unauthorized for user, this action is granted by the Kibana privileges [${missing}]`;
        this.deps.logger.get('security', 'api-authorization').warn(message);
        return send(res, kibanaResponseFactory.forbidden({ body: { message } }));
      }
    }

    let validated;
    try {
      validated = validateRequest(requestValidation(route.config.validate), {
        params,
        query: queryOf(url),
        body,
      });
    } catch (error) {
      if (error instanceof ValidationError) return send(res, errorResponse(400, error.message));
      throw error;
    }
    const request = makeRequest({ ...base, ...validated });
    (request.auth as { isAuthenticated: boolean }).isAuthenticated = user !== null;
    if (user) this.deps.authenticator.remember(request, user);

    let response: IKibanaResponse;
    try {
      response = await route.handler(
        this.deps.createContext(request),
        request,
        kibanaResponseFactory
      );
      if (!(response instanceof KibanaResponse)) {
        throw new Error(
          `Unexpected result from Route Handler. Expected KibanaResponse, but given: ${typeof response}.`
        );
      }
    } catch (error) {
      if (error instanceof esErrors.ResponseError && error.statusCode === 401) {
        this.deps.logger.error('401 Unauthorized', { error: { message: error.message } });
        const header = error.headers?.['www-authenticate'];
        return send(
          res,
          errorResponse(401, error.message, {
            'www-authenticate':
              typeof header === 'string' ? header : 'Basic realm="Authorization Required"',
          })
        );
      }
      this.deps.logger.error('500 Server Error', {
        error: { message: (error as Error).message, stack_trace: (error as Error).stack },
        http: { request: { method, path: url.pathname } },
      });
      return send(res, errorResponse(500, 'An internal server error occurred.'));
    }
    send(res, response);
  }

  private unauthorized() {
    return errorResponse(401, 'Unauthorized', { 'www-authenticate': 'Basic realm="kibana"' });
  }
}
