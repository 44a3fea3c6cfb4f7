/*
 * Real HTTP servers on 127.0.0.1 for tests of clients that read other services' answers: tests
 * only ever send traffic to loopback (README, "Tests").
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  requests: () => number;
  stop: () => Promise<void>;
}

const running = new Set<LoopbackServer>();

/** Listens on an ephemeral loopback port; stopped by `stop()` or `stopLoopbackServers()`. */
export async function serveLoopback(handler: LoopbackHandler): Promise<LoopbackServer> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const local: LoopbackServer = {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    stop: async () => {
      running.delete(local);
      // Endless bodies keep their sockets open: close() alone would wait for them forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running.add(local);
  return local;
}

/** For `afterEach`: stops every server this test file started and has not stopped yet. */
export async function stopLoopbackServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

export interface EndlessBody {
  handler: LoopbackHandler;
  /** Bytes handed to sockets, not counting `prefix`. */
  sent: () => number;
  /** Resolves when the client hangs up. */
  closed: Promise<void>;
}

/**
 * A response whose body never ends: `prefix`, then 64 KiB chunks of `fill` for as long as the
 * socket takes them, so a client without a byte cap would read until the test times out.
 */
export function endlessBody(options: {
  status?: number;
  headers?: Record<string, string>;
  fill: string;
  prefix?: string;
}): EndlessBody {
  const { status = 200, headers = {}, fill, prefix } = options;
  let sent = 0;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const chunk = Buffer.alloc(64 * 1024, fill);
  const handler: LoopbackHandler = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    let open = true;
    res.on('close', () => {
      open = false;
      resolveClosed();
    });
    const pump = () => {
      while (open) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    if (prefix !== undefined) res.write(prefix);
    pump();
  };
  return { handler, sent: () => sent, closed };
}

/** A loopback server answering every request with the one endless body. */
export async function serveEndless(
  options: Parameters<typeof endlessBody>[0]
): Promise<LoopbackServer & Omit<EndlessBody, 'handler'>> {
  const { handler, sent, closed } = endlessBody(options);
  return { ...(await serveLoopback(handler)), sent, closed };
}
