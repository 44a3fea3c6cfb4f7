import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { buildHostBundles, type SharedDepsPlan } from './bundles';
import type { InjectedMetadata } from './core/entry';
import { DISCOVER_SEARCH_PATH } from './core/discover_app';
import { LOGOUT_PATH } from './core/unauthorized_interceptor';
import { FAVICON_SVG, renderLogoutPage, renderPage } from './page';

/*
 * The browser side of the Kibana-like test host. The server host (test/kibana_host) owns the HTTP
 * server, auth and the plugin's API routes; it passes every request to `handle` first, which
 * answers the page, the scripts and the Discover stand-in's search, and returns false for anything
 * else (e.g. /internal/audit_sources/*).
 *
 * Authentication: none here. The server host should answer requests for `/app/*` without valid
 * credentials with 401 + `WWW-Authenticate: Basic realm="Kibana"`; the browser then asks once and
 * sends the same Authorization header with every same-origin fetch (core.http uses
 * credentials: 'same-origin'). See docs/app.md. A 401 from an API call logs out as in Kibana:
 * the page goes to `/logout` (core/unauthorized_interceptor.ts, docs/kibana-host.md).
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
    request: IncomingMessage
  ) => Promise<DiscoverSearchResponse>;
  /** Unminified bundles (debugging). */
  dev?: boolean;
}

export interface BrowserHost {
  /** True when the request was (or is being) answered here. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Kibana shared deps this host could not provide (their packages are not installed). */
  missingSharedDeps: string[];
  metadata: InjectedMetadata;
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
  const basePath = (options.basePath ?? '').replace(/\/$/, '');
  const plugins = (
    Array.isArray(options.pluginBuildDir) ? options.pluginBuildDir : [options.pluginBuildDir]
  ).map(readPlugin);
  const bundles = await buildHostBundles({ minify: !options.dev });
  const metadata: InjectedMetadata = {
    basePath,
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
  const scripts = [
    `${basePath}/bundles/kbn-ui-shared-deps-src/kbn-ui-shared-deps-src.js`,
    ...plugins.map((plugin) => `${basePath}/bundles/plugin/${plugin.id}/${plugin.id}.plugin.js`),
    `${basePath}/bundles/core/core.entry.js`,
  ];

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (basePath && !url.pathname.startsWith(basePath)) return false;
    const pathname = url.pathname.slice(basePath.length) || '/';
    const method = req.method ?? 'GET';

    if (method === 'GET' && pathname === '/') {
      res.writeHead(302, { location: `${basePath}/app/${metadata.defaultAppId}` });
      res.end();
      return true;
    }
    if (method === 'GET' && (pathname === '/app' || pathname.startsWith('/app/'))) {
      send(res, 200, 'text/html; charset=utf-8', renderPage({ metadata, scripts }));
      return true;
    }
    if (method === 'GET' && pathname === LOGOUT_PATH) {
      const page = renderLogoutPage({
        basePath,
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
        .then((body) => search(body as DiscoverSearchRequest, req))
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

  return { handle, missingSharedDeps: bundles.plan.missing, metadata };
}

export type { SharedDepsPlan };
