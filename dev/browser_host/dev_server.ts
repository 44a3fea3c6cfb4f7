/*
 * Serves the Audit Sources app in the Kibana-like browser host against an API:
 *
 *   npx tsx dev/browser_host/dev_server.ts --api http://127.0.0.1:5601 --username elastic --password …
 *
 * Options: --port (5602), --base-path (''), --no-build (reuse build/kibana/auditSources),
 * --dev (unminified host bundles). /internal/* and /api/* go to --api (a running host, e.g. from
 * `npm start`) with the given basic-auth credentials, so the browser needs none. For the whole
 * stack in one process use `npm start` (dev/stack/demo_stack.ts), which mounts the browser host
 * in the Kibana host itself.
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
import { ArgsError, parseArgs } from '../../scripts/lib/args';
import { REPO_ROOT } from './bundles';
import { createBrowserHost } from './index';

export interface DevServerOptions {
  port?: number;
  basePath?: string;
  /** Proxy target for /internal/* and /api/*. */
  apiUrl: string;
  username?: string;
  password?: string;
  /** Build the plugin first (default true). */
  build?: boolean;
  pluginBuildDir?: string;
  dev?: boolean;
}

export interface DevServer {
  url: string;
  server: Server;
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

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  let pluginBuildDir =
    options.pluginBuildDir ?? path.join(REPO_ROOT, 'build', 'kibana', 'auditSources');
  if (options.build !== false) {
    const built = await buildPlugin({ skipArchive: true, log: () => undefined });
    pluginBuildDir = built.pluginDir;
  }
  const host = await createBrowserHost({
    pluginBuildDir,
    basePath: options.basePath,
    dev: options.dev,
  });
  const target = new URL(options.apiUrl);
  const auth =
    options.username !== undefined
      ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
      : undefined;
  const basePath = options.basePath ?? '';
  const server = createServer((req, res) => {
    if (host.handle(req, res)) return;
    // `/s/<id>/internal/…` goes to the API as it is: the host there reads the space.
    const pathname = host.resolveSpace(new URL(req.url ?? '/', 'http://host').pathname)?.pathname;
    if (pathname?.startsWith('/internal/') || pathname?.startsWith('/api/')) {
      return proxy(target, auth, req, res);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Not Found' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const USAGE =
  'Usage: dev_server.ts --api <host URL> [--username u --password p] [--port 5602] [--base-path /p] [--no-build] [--dev]';

function cliOptions(argv: readonly string[]): DevServerOptions {
  const { flags, switches } = parseArgs(argv, {
    strings: ['api', 'port', 'base-path', 'username', 'password'],
    booleans: ['no-build', 'dev'],
  });
  if (!flags.api) throw new ArgsError('--api is required');
  return {
    port: Number(flags.port ?? 5602),
    basePath: flags['base-path'],
    apiUrl: flags.api,
    username: flags.username,
    password: flags.password,
    build: !switches.has('no-build'),
    dev: switches.has('dev'),
  };
}

if (require.main === module) {
  let options: DevServerOptions;
  try {
    options = cliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  startDevServer(options).then(
    (dev) => console.log(`Audit Sources: ${dev.url}/app/auditSources (API ${options.apiUrl})`),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
