/*
 * Serves the Audit Sources app in the Kibana-like browser host against an API:
 *
 *   npx tsx test/browser_host/dev_server.ts --fake                 # in-memory fake API
 *   npx tsx test/browser_host/dev_server.ts --api http://localhost:5620 --username elastic --password changeme
 *
 * Options: --port (5601), --base-path (''), --no-build (reuse build/kibana/auditSources),
 * --dev (unminified host bundles). /internal/* and /api/* go to --api with the given basic-auth
 * credentials (so the browser needs none), or to the fake.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildPlugin } from '../../scripts/build';
import { REPO_ROOT } from './bundles';
import { FakeAuditSourcesApi, type FakeApiOptions } from './fake_api';
import { createBrowserHost } from './index';

export interface DevServerOptions {
  port?: number;
  basePath?: string;
  /** Proxy target for /internal/* and /api/*; omit to use the fake API. */
  apiUrl?: string;
  username?: string;
  password?: string;
  /** Build the plugin first (default true). */
  build?: boolean;
  pluginBuildDir?: string;
  fake?: FakeApiOptions;
  dev?: boolean;
}

export interface DevServer {
  url: string;
  server: Server;
  fake?: FakeAuditSourcesApi;
  close(): Promise<void>;
}

function proxy(
  target: URL,
  auth: string | undefined,
  req: IncomingMessage,
  res: ServerResponse
): void {
  const url = new URL(req.url ?? '/', target);
  const headers = { ...req.headers, host: url.host };
  if (auth) headers.authorization = auth;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    url,
    { method: req.method, headers, rejectUnauthorized: false },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    }
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        statusCode: 502,
        error: 'Bad Gateway',
        message: `API unreachable: ${error.message}`,
      })
    );
  });
  req.pipe(upstream);
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  let pluginBuildDir =
    options.pluginBuildDir ?? path.join(REPO_ROOT, 'build', 'kibana', 'auditSources');
  if (options.build !== false) {
    const built = await buildPlugin({ skipArchive: true, log: () => undefined });
    pluginBuildDir = built.pluginDir;
  }
  const fake = options.apiUrl ? undefined : new FakeAuditSourcesApi(options.fake);
  const host = await createBrowserHost({
    pluginBuildDir,
    basePath: options.basePath,
    dev: options.dev,
    discoverSearch: fake ? (search) => fake.discoverSearch(search) : undefined,
  });
  const target = options.apiUrl ? new URL(options.apiUrl) : undefined;
  const auth =
    options.username !== undefined
      ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
      : undefined;
  const basePath = options.basePath ?? '';
  const server = createServer((req, res) => {
    if (host.handle(req, res)) return;
    const pathname = new URL(req.url ?? '/', 'http://host').pathname.slice(basePath.length);
    if (pathname.startsWith('/internal/') || pathname.startsWith('/api/')) {
      if (fake && fake.handle(req, res)) return;
      if (target) return proxy(target, auth, req, res);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Not Found' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    server,
    fake,
    close: async () => {
      fake?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  startDevServer({
    port: Number(value('port') ?? 5601),
    basePath: value('base-path'),
    apiUrl: args.includes('--fake') ? undefined : value('api'),
    username: value('username'),
    password: value('password'),
    build: !args.includes('--no-build'),
    dev: args.includes('--dev'),
  }).then(
    (dev) =>
      console.log(
        `Audit Sources: ${dev.url}/app/auditSources (${dev.fake ? 'fake API' : `API ${value('api')}`})`
      ),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
