/*
 * An HTTP proxy in front of a real Elasticsearch that makes it misbehave the way a busy or
 * failing cluster does, for the fault suite:
 *
 * - bulk items rejected with 429 (es_rejected_execution_exception): the chosen items are taken
 *   out of the request before it is forwarded, so they are really not indexed, and a 429 is
 *   spliced into the response at their position;
 * - whole requests answered 429 or 503 without reaching Elasticsearch;
 * - "lost responses": the request is forwarded and executed, but the client gets a 503, so the
 *   retry meets documents that already exist;
 * - on searches (Closer's reader): 500s, 429s, truncated bodies, and hits shuffled within a page.
 *
 * Draws come from a seeded generator, so a failing run can be replayed with the same seed.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../dev/lumos_simulator/generate_tenant';

export interface EsFaultRates {
  /** Share of bulk items answered 429 and not indexed. */
  bulkItem429?: number;
  /** Share of bulk requests answered 429 / 503 without being forwarded. */
  bulkRequest429?: number;
  bulkRequest503?: number;
  /** Share of bulk requests executed but answered 503. */
  bulkLostResponse?: number;
  /** Share of search / scroll / PIT requests answered 500 or 429 without being forwarded. */
  search500?: number;
  search429?: number;
  /** Share of search responses cut half-way (a dropped connection). */
  searchTruncated?: number;
  /** Share of search responses whose hits are shuffled (not in sort order). */
  searchShuffled?: number;
}

export interface EsFaultStats {
  bulkRequests: number;
  itemsRejected: number;
  requestsRejected: number;
  lostResponses: number;
  searchFaults: number;
}

export interface EsFaultProxy {
  url: string;
  stats: EsFaultStats;
  setRates(rates: EsFaultRates): void;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Forwarded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  const headers = { ...req.headers };
  // Bodies are rewritten below, so they must come back uncompressed and be re-measured.
  delete headers['accept-encoding'];
  delete headers['content-length'];
  headers.host = target.host;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, 'content-length': String(body.length) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const out: Record<string, string> = {};
          for (const [key, value] of Object.entries(response.headers)) {
            if (value === undefined || key === 'content-length' || key === 'transfer-encoding')
              continue;
            out[key] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: response.statusCode ?? 502,
            headers: out,
            body: Buffer.concat(chunks),
          });
        });
        response.on('error', reject);
      }
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const REJECTED_ITEM = {
  status: 429,
  error: {
    type: 'es_rejected_execution_exception',
    reason: 'rejected execution (simulated by the fault proxy)',
  },
};

export async function startEsFaultProxy(targetUrl: string, seed = 1): Promise<EsFaultProxy> {
  const target = new URL(targetUrl);
  const random = seededRandom(seed);
  let rates: EsFaultRates = {};
  const stats: EsFaultStats = {
    bulkRequests: 0,
    itemsRejected: 0,
    requestsRejected: 0,
    lostResponses: 0,
    searchFaults: 0,
  };
  const chance = (rate: number | undefined) => rate !== undefined && rate > 0 && random() < rate;

  const reply = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string> = {}
  ) => {
    res.writeHead(status, {
      ...headers,
      'content-type': headers['content-type'] ?? 'application/json',
      'x-elastic-product': 'Elasticsearch',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  };
  const errorBody = (status: number, type: string) =>
    JSON.stringify({ error: { type, reason: `simulated ${status}` }, status });

  const handleBulk = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    stats.bulkRequests++;
    if (chance(rates.bulkRequest429)) {
      stats.requestsRejected++;
      return reply(res, 429, errorBody(429, 'es_rejected_execution_exception'));
    }
    if (chance(rates.bulkRequest503)) {
      stats.requestsRejected++;
      return reply(res, 503, errorBody(503, 'unavailable_shards_exception'));
    }
    // NDJSON: action line, then a document line for create/index.
    const lines = body
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '');
    const kept: string[] = [];
    const rejectedAt = new Set<number>();
    let position = 0;
    for (let i = 0; i < lines.length; position++) {
      const action = lines[i];
      const hasSource = !/^\{"delete"/.test(action);
      const pair = hasSource ? [action, lines[i + 1]] : [action];
      i += pair.length;
      if (chance(rates.bulkItem429)) rejectedAt.add(position);
      else kept.push(...pair);
    }
    stats.itemsRejected += rejectedAt.size;
    let items: unknown[] = [];
    let took = 0;
    if (kept.length > 0) {
      const forwarded = await forward(target, req, Buffer.from(`${kept.join('\n')}\n`));
      if (forwarded.status !== 200) {
        return reply(res, forwarded.status, forwarded.body, forwarded.headers);
      }
      const parsed = JSON.parse(forwarded.body.toString('utf8')) as {
        items?: unknown[];
        took?: number;
      };
      items = parsed.items ?? [];
      took = parsed.took ?? 0;
    }
    if (chance(rates.bulkLostResponse)) {
      stats.lostResponses++;
      return reply(res, 503, errorBody(503, 'simulated_lost_response'));
    }
    const merged: unknown[] = [];
    let next = 0;
    for (let p = 0; p < position; p++) {
      merged.push(rejectedAt.has(p) ? { create: REJECTED_ITEM } : items[next++]);
    }
    return reply(
      res,
      200,
      JSON.stringify({
        took,
        errors:
          rejectedAt.size > 0 ||
          merged.length !== items.length ||
          items.some((item) => JSON.stringify(item).includes('"error"')),
        items: merged,
      })
    );
  };

  const handleSearch = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    if (chance(rates.search500)) {
      stats.searchFaults++;
      return reply(res, 500, errorBody(500, 'simulated_exception'));
    }
    if (chance(rates.search429)) {
      stats.searchFaults++;
      return reply(res, 429, errorBody(429, 'es_rejected_execution_exception'), {
        'retry-after': '0',
      });
    }
    const forwarded = await forward(target, req, body);
    if (forwarded.status === 200 && chance(rates.searchTruncated)) {
      stats.searchFaults++;
      return reply(res, 200, forwarded.body.subarray(0, Math.floor(forwarded.body.length / 2)));
    }
    if (forwarded.status === 200 && chance(rates.searchShuffled)) {
      const parsed = JSON.parse(forwarded.body.toString('utf8')) as {
        hits?: { hits?: unknown[] };
      };
      const hits = parsed.hits?.hits;
      if (hits && hits.length > 1) {
        stats.searchFaults++;
        for (let i = hits.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [hits[i], hits[j]] = [hits[j], hits[i]];
        }
        return reply(res, 200, JSON.stringify(parsed), forwarded.headers);
      }
    }
    return reply(res, forwarded.status, forwarded.body, forwarded.headers);
  };

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    readBody(req)
      .then((body) => {
        if (req.method === 'POST' && /(^|\/)_bulk$/.test(path)) return handleBulk(req, res, body);
        if (/\/_search(\/scroll)?$|\/_pit$/.test(path) && !/^\/\.?logs-/.test(path))
          return handleSearch(req, res, body);
        return forward(target, req, body).then((f) => reply(res, f.status, f.body, f.headers));
      })
      .catch((error: Error) => {
        // Elasticsearch itself unreachable (e.g. restarting): what a client sees then.
        if (!res.headersSent) reply(res, 502, errorBody(502, `proxy: ${error.message}`));
        else res.destroy();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setRates(next) {
      rates = next;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
