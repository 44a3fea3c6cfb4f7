import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { buildHostBundles, type SharedDepsPlan } from './bundles';
import type { InjectedMetadata } from './core/entry';
import { DISCOVER_SEARCH_PATH } from './core/discover_app';
import { LOGOUT_PATH } from './core/unauthorized_interceptor';
import { FAVICON_SVG, renderLogoutPage, renderPage, renderSpaceSelectorPage } from './page';

/*
 * The browser side of the Kibana-like test host. The server host (dev/kibana_host) owns the HTTP
 * server, auth and the plugin's API routes; it passes every request to `handle` first, which
 * answers the page, the scripts and the Discover stand-in's search, and returns false for anything
 * else (e.g. /internal/audit_sources/*).
 *
 * Authentication: none here. The server host should answer requests for `/app/*` without valid
 * credentials with 401 + `WWW-Authenticate: Basic realm="Kibana"`; the browser then asks once and
 * sends the same Authorization header with every same-origin fetch (core.http uses
 * credentials: 'same-origin'). See docs/app.md. A 401 from an API call logs out as in Kibana:
 * the page goes to `/logout` (core/unauthorized_interceptor.ts, docs/kibana-host.md).
 *
 * Spaces: a page is in a space. The Kibana host strips `/s/<id>` from the URL before calling
 * `handle` (spaces' on_request_interceptor.ts) and passes the space; standing alone (dev_server.ts)
 * `handle` reads the prefix itself. The injected metadata then carries `basePath` =
 * serverBasePath + `/s/<id>` and `serverBasePath` without it, as core's rendering_service.tsx
 * does (`basePath: http.basePath.get(request)`, `serverBasePath: http.basePath.serverBasePath`):
 * core.http, navigation and links stay in the space, the scripts are served from serverBasePath.
 */

export interface DiscoverSearchRequest {
  /** Index pattern of the data view, e.g. logs-lumos.activity_logs-*. */
  index: string;
  /** KQL of the saved search; simple `field:"value"` forms are also valid Lucene query_string. */
  query: string;
  size: number;
}

export interface DiscoverSearchResponse {
  total: number;
  hits: Array<{ _index: string; _id: string; _source: Record<string, unknown> }>;
}

/** The space a page request is in (the Kibana host's PageRequestSpace). */
export interface PageSpace {
  spaceId: string;
  /** The request's base path: serverBasePath plus `/s/<id>` when the URL had one. */
  basePath: string;
}

/** spaces/common/constants.ts ENTER_SPACE_PATH and the space selector app's path. */
export const ENTER_SPACE_PATH = '/spaces/enter';
export const SPACE_SELECTOR_PATH = '/spaces/space_selector';

/** spaces_url_parser.ts: `/s/<id>` right after the server base path; ids as space_schema.ts. */
const SPACE_PREFIX = /^\/s\/([^/]+)(\/.*)?$/;
const SPACE_ID = /^[a-z0-9_-]+$/;

export interface BrowserHostOptions {
  /** Staged plugin directories (`build/kibana/<id>`), each with kibana.json and target/public. */
  pluginBuildDir: string | string[];
  /** Server base path, '' or e.g. '/kbn'. */
  basePath?: string;
  /** App opened for `/` (default: the first plugin's id). */
  defaultAppId?: string;
  kibanaVersion?: string;
  userName?: string;
  /**
   * Search for the Discover stand-in. Without it the stand-in reads the plugin's events API.
   * The request carries the browser's credentials: `request` is passed for scoping.
   */
  discoverSearch?: (
    search: DiscoverSearchRequest,
    request: IncomingMessage,
    space: PageSpace
  ) => Promise<DiscoverSearchResponse>;
  /** Unminified bundles (debugging). */
  dev?: boolean;
}

export interface BrowserHost {
  /**
   * True when the request was (or is being) answered here. `space`: the page's space, from the
   * Kibana host (which has already removed `/s/<id>` from `req.url`); without it `req.url` is
   * read for a `/s/<id>` prefix (an invalid id is not answered here).
   */
  handle(req: IncomingMessage, res: ServerResponse, space?: PageSpace): boolean;
  /** Kibana shared deps this host could not provide (their packages are not installed). */
  missingSharedDeps: string[];
  /** The metadata of pages in the default space. */
  metadata: InjectedMetadata;
  /** The metadata a page in `space` is rendered with. */
  metadataFor(space: PageSpace): InjectedMetadata;
  /** The space and remaining path of a URL path (the standalone reading of `/s/<id>`). */
  resolveSpace(pathname: string): { space: PageSpace; pathname: string } | undefined;
}

interface PluginBuild {
  id: string;
  requiredPlugins: string[];
  optionalPlugins: string[];
  bundle: string;
}

function readPlugin(dir: string): PluginBuild {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'kibana.json'), 'utf8')) as {
    id: string;
    requiredPlugins?: string[];
    optionalPlugins?: string[];
  };
  return {
    id: manifest.id,
    requiredPlugins: manifest.requiredPlugins ?? [],
    optionalPlugins: manifest.optionalPlugins ?? [],
    bundle: path.join(dir, 'target', 'public', `${manifest.id}.plugin.js`),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export async function createBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const serverBasePath = (options.basePath ?? '').replace(/\/$/, '');
  const plugins = (
    Array.isArray(options.pluginBuildDir) ? options.pluginBuildDir : [options.pluginBuildDir]
  ).map(readPlugin);
  const bundles = await buildHostBundles({ minify: !options.dev });
  const metadata: InjectedMetadata = {
    basePath: serverBasePath,
    serverBasePath,
    version: options.kibanaVersion ?? '9.4.3',
    defaultAppId: options.defaultAppId ?? plugins[0]?.id ?? 'discover',
    userName: options.userName ?? 'elastic',
    hostSearch: Boolean(options.discoverSearch),
    plugins: plugins.map(({ id, requiredPlugins, optionalPlugins }) => ({
      id,
      requiredPlugins,
      optionalPlugins,
    })),
  };
  const metadataFor = (space: PageSpace): InjectedMetadata => ({
    ...metadata,
    basePath: space.basePath,
  });
  // Static assets are not space-scoped (rendering_service.tsx: staticAssetsHrefBase).
  const scripts = [
    `${serverBasePath}/bundles/kbn-ui-shared-deps-src/kbn-ui-shared-deps-src.js`,
    ...plugins.map(
      (plugin) => `${serverBasePath}/bundles/plugin/${plugin.id}/${plugin.id}.plugin.js`
    ),
    `${serverBasePath}/bundles/core/core.entry.js`,
  ];

  const resolveSpace = (fullPath: string): { space: PageSpace; pathname: string } | undefined => {
    if (serverBasePath && fullPath !== serverBasePath && !fullPath.startsWith(`${serverBasePath}/`))
      return undefined;
    const pathname = fullPath.slice(serverBasePath.length) || '/';
    const match = SPACE_PREFIX.exec(pathname);
    if (!match) return { space: { spaceId: 'default', basePath: serverBasePath }, pathname };
    if (!SPACE_ID.test(match[1])) return undefined;
    return {
      space: { spaceId: match[1], basePath: `${serverBasePath}/s/${match[1]}` },
      pathname: match[2] || '/',
    };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, given?: PageSpace): boolean => {
    const url = new URL(req.url ?? '/', 'http://host');
    let space: PageSpace;
    let pathname: string;
    if (given) {
      if (
        serverBasePath &&
        url.pathname !== serverBasePath &&
        !url.pathname.startsWith(`${serverBasePath}/`)
      ) {
        return false;
      }
      space = given;
      pathname = url.pathname.slice(serverBasePath.length) || '/';
    } else {
      const resolved = resolveSpace(url.pathname);
      if (!resolved) return false;
      ({ space, pathname } = resolved);
    }
    const method = req.method ?? 'GET';
    const appHome = `${space.basePath}/app/${metadata.defaultAppId}`;

    // Kibana: `/` (or a space's root) → /spaces/enter → the default route, in the space.
    if (method === 'GET' && (pathname === '/' || pathname === ENTER_SPACE_PATH)) {
      res.writeHead(302, { location: appHome });
      res.end();
      return true;
    }
    if (method === 'GET' && (pathname === '/app' || pathname.startsWith('/app/'))) {
      send(
        res,
        200,
        'text/html; charset=utf-8',
        renderPage({ metadata: metadataFor(space), scripts })
      );
      return true;
    }
    if (method === 'GET' && pathname === SPACE_SELECTOR_PATH) {
      const page = renderSpaceSelectorPage({
        defaultSpaceUrl: `${serverBasePath}/app/${metadata.defaultAppId}`,
      });
      send(res, 200, 'text/html; charset=utf-8', page);
      return true;
    }
    if (method === 'GET' && pathname === LOGOUT_PATH) {
      const page = renderLogoutPage({
        basePath: space.basePath,
        msg: url.searchParams.get('msg') ?? '',
        next: url.searchParams.get('next') ?? '',
      });
      send(res, 200, 'text/html; charset=utf-8', page);
      return true;
    }
    if (
      method === 'GET' &&
      pathname === '/bundles/kbn-ui-shared-deps-src/kbn-ui-shared-deps-src.js'
    ) {
      send(res, 200, 'application/javascript; charset=utf-8', bundles.sharedDeps);
      return true;
    }
    if (method === 'GET' && pathname === '/bundles/core/core.entry.js') {
      send(res, 200, 'application/javascript; charset=utf-8', bundles.core);
      return true;
    }
    if (method === 'GET' && pathname === '/bundles/favicon.svg') {
      send(res, 200, 'image/svg+xml', FAVICON_SVG);
      return true;
    }
    const pluginMatch = /^\/bundles\/plugin\/([^/]+)\/([^/]+)\.plugin\.js$/.exec(pathname);
    if (method === 'GET' && pluginMatch) {
      const plugin = plugins.find((p) => p.id === pluginMatch[1] && p.id === pluginMatch[2]);
      if (!plugin) return false;
      // Read on every request: a rebuild shows up on reload.
      send(res, 200, 'application/javascript; charset=utf-8', readFileSync(plugin.bundle));
      return true;
    }
    if (method === 'POST' && pathname === DISCOVER_SEARCH_PATH && options.discoverSearch) {
      const search = options.discoverSearch;
      readJson(req)
        .then((body) => search(body as DiscoverSearchRequest, req, space))
        .then((result) => send(res, 200, 'application/json', JSON.stringify(result)))
        .catch((error: Error) =>
          send(
            res,
            500,
            'application/json',
            JSON.stringify({
              statusCode: 500,
              error: 'Internal Server Error',
              message: error.message,
            })
          )
        );
      return true;
    }
    return false;
  };

  return { handle, missingSharedDeps: bundles.plan.missing, metadata, metadataFor, resolveSpace };
}

export type { SharedDepsPlan };
