/*
 * A counting HTTP proxy between the Kibana-like host and Elasticsearch, for the connectors-scale
 * bench: it forwards every request unchanged and counts it under a normalised "METHOD /path"
 * (document ids, data stream namespaces and the host's index prefix replaced by placeholders),
 * so a window's requests can be divided by the task runs in it and grouped by what they are
 * (Task Manager's claim searches and task writes, saved-object reads and writes, bulks).
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestCounts {
  total: number;
  requestBytes: number;
  responseBytes: number;
  byKind: Record<string, number>;
}

export interface CountingProxy {
  url: string;
  /** A copy of the counts so far. */
  snapshot(): RequestCounts;
  stop(): Promise<void>;
}

const ID_AFTER = new Set(['_doc', '_update', '_create', '_source']);

/** `METHOD /path` with ids, data stream namespaces and `prefix` replaced by placeholders. */
export function requestKind(method: string, url: string, prefix?: string): string {
  const path = url.split('?')[0];
  const segments = path.split('/').filter((s) => s !== '');
  const out = segments.map((segment, i) => {
    let s = decodeURIComponent(segment);
    if (i > 0 && ID_AFTER.has(segments[i - 1])) return '{id}';
    if (prefix && s.startsWith(prefix)) s = `{prefix}${s.slice(prefix.length)}`;
    const stream = /^(\.ds-)?logs-([^-]+)-/.exec(s);
    if (stream) return `${stream[1] ?? ''}logs-${stream[2]}-{namespace}`;
    if (/^[A-Za-z0-9_-]{20,}$/.test(s)) return '{id}';
    return s;
  });
  return `${method} /${out.join('/')}`;
}

export async function startCountingProxy(
  targetUrl: string,
  options: { indexPrefix?: string } = {}
): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let counts: RequestCounts = { total: 0, requestBytes: 0, responseBytes: 0, byKind: {} };
  const prefix = options.indexPrefix;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const kind = requestKind(req.method ?? 'GET', req.url ?? '/', prefix);
    counts.total++;
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    req.on('data', (chunk: Buffer) => (counts.requestBytes += chunk.length));
    const upstream = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.on('data', (chunk: Buffer) => (counts.responseBytes += chunk.length));
        response.pipe(res);
      }
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `proxy: ${error.message}` }));
      } else res.destroy();
    });
    req.pipe(upstream);
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    snapshot: () => ({ ...counts, byKind: { ...counts.byKind } }),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      counts = { total: 0, requestBytes: 0, responseBytes: 0, byKind: {} };
    },
  };
}

/** b − a, per kind (kinds with no request in between left out). */
export function countsBetween(a: RequestCounts, b: RequestCounts): RequestCounts {
  const byKind: Record<string, number> = {};
  for (const [kind, n] of Object.entries(b.byKind)) {
    const delta = n - (a.byKind[kind] ?? 0);
    if (delta > 0) byKind[kind] = delta;
  }
  return {
    total: b.total - a.total,
    requestBytes: b.requestBytes - a.requestBytes,
    responseBytes: b.responseBytes - a.responseBytes,
    byKind,
  };
}
