/*
 * A proxy in front of a real Elasticsearch that spoils only the API-key grant request
 * (`POST /_security/api_key/grant`, which the host's grantAsInternalUser sends as its service user
 * with the request's own Basic credentials, dev/kibana_host/security/api_keys.ts), so the real
 * cluster refuses it while every other call, the user's own authentication included, succeeds.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the proxy spoils a grant: `user-password` changes the user's password in the body (ES then
 * answers 403 "Failed to authenticate api key grant"); `service-credentials` changes the service
 * user's own Authorization header of that one request (ES answers 401).
 */
export type Refusal = 'user-password' | 'service-credentials';

export interface GrantRefusingProxy {
  url: string;
  refuse: Refusal | undefined;
  /** Statuses Elasticsearch answered to the grants the proxy altered. */
  refusedGrantStatuses: number[];
  stop(): Promise<void>;
}

const GRANT_PATH = '/_security/api_key/grant';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startGrantRefusingProxy(targetUrl: string): Promise<GrantRefusingProxy> {
  const target = new URL(targetUrl);
  const proxy: GrantRefusingProxy = {
    url: '',
    refuse: undefined,
    refusedGrantStatuses: [],
    stop: async () => undefined,
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let body = await readBody(req);
    const headers = { ...req.headers, host: target.host };
    const altered =
      proxy.refuse !== undefined &&
      req.method === 'POST' &&
      (req.url ?? '').split('?')[0] === GRANT_PATH;
    if (altered && proxy.refuse === 'user-password') {
      const grant = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (typeof grant.password === 'string') grant.password = `${grant.password}-wrong`;
      body = Buffer.from(JSON.stringify(grant));
    }
    if (altered && proxy.refuse === 'service-credentials') {
      headers.authorization = `Basic ${Buffer.from('kibana_host_system:wrong').toString('base64')}`;
    }
    headers['content-length'] = String(body.length);
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        if (altered) proxy.refusedGrantStatuses.push(answer.statusCode ?? 0);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
