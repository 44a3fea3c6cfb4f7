import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { safeStringify, stringifyDeep } from '../../server/lib/bounded_json';
import { lazyTenant, type LazyTenantOptions } from './lazy_tenant';
import {
  generateTenant,
  seededRandom,
  type ActivityLogItem,
  type TenantOptions,
} from './generate_tenant';

/*
 * A local stand-in for `GET https://api.lumos.com/activity_logs`: fastapi-pagination
 * `LimitOffsetPage` bodies with relative links, `since`/`until` filtering on event_began_at,
 * bearer auth, FastAPI-style 401/403/422, and faults injected on demand. The real API's sort
 * order and bound inclusivity are undocumented, so both are options here.
 *
 * Control: methods on the returned object, or HTTP under /_control/ (no auth; 127.0.0.1 only)
 * for other processes such as `npm start`.
 */

export type SortOrder = 'oldest-first' | 'newest-first' | 'unsorted' | 'unstable';

export type Fault =
  | { type: 'status'; status: number; retryAfter?: string; body?: string }
  | { type: 'delay'; ms: number }
  /** A 200 whose JSON is cut half-way. */
  | { type: 'truncate' }
  /** A 200 with this exact body (wrong types, ...). */
  | { type: 'body'; body: string };

export interface FaultRates {
  /** Probability per request of each fault; drawn from a seeded generator. */
  status429?: number;
  status500?: number;
  status503?: number;
  /** Retry-After sent with the random 429s (default "0"). */
  retryAfter?: string;
  slow?: number;
  slowMs?: number;
}

export interface LumosSimulatorOptions {
  tenant?: TenantOptions;
  /**
   * A tenant computed on demand instead of held in memory (benchmarks: a million events).
   * Served before any rows added later; sort orders `oldest-first` and `newest-first` only.
   */
  lazyTenant?: LazyTenantOptions;
  /** Rows to serve instead of (or besides) a generated tenant; may be malformed on purpose. */
  items?: unknown[];
  token?: string;
  sortOrder?: SortOrder;
  /** Defaults: since inclusive, until exclusive. Tests also run the strict (both exclusive) case. */
  sinceInclusive?: boolean;
  untilInclusive?: boolean;
  seed?: number;
  port?: number;
}

export interface RecordedRequest {
  path: string;
  query: Record<string, string>;
  status: number;
  /** Number of items in the response (200 only). */
  items?: number;
  authorization?: string;
}

export interface RequestContext {
  /** 1-based count of /activity_logs requests. */
  number: number;
  query: URLSearchParams;
}

export interface LumosSimulator {
  url: string;
  token: string;
  stop(): Promise<void>;
  /** Inserts rows now (late arrivals when their event_began_at is in the past). */
  addItems(items: unknown[]): void;
  /** Queued faults, one per /activity_logs request, in order. */
  injectFaults(...faults: Fault[]): void;
  setFaultRates(rates: FaultRates): void;
  clearFaults(): void;
  setSortOrder(order: SortOrder): void;
  /** Runs before each /activity_logs response is computed (e.g. to insert rows mid-walk). */
  onRequest(hook: ((context: RequestContext) => void) | undefined): void;
  /** The distinct valid event hashes currently served. */
  uniqueIds(): Set<string>;
  rows(): unknown[];
  requests: RecordedRequest[];
}

interface Row {
  item: unknown;
  beganAt: number;
  sequence: number;
  /** Stable pseudo-random key for the 'unsorted' order. */
  shuffleKey: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

function parseTime(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text))
    return NaN;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  return Date.parse(zoned.replace(' ', 'T'));
}

function beganAtOf(item: unknown): number {
  const value = (item as { event_began_at?: unknown } | null)?.event_began_at;
  return typeof value === 'string' ? parseTime(value) : NaN;
}

function validationError(loc: string[], msg: string, type: string, input: unknown) {
  return { detail: [{ type, loc, msg, input }] };
}

export async function startLumosSimulator(
  options: LumosSimulatorOptions = {}
): Promise<LumosSimulator> {
  const token = options.token ?? 'lsk_simulator_0123456789abcdef';
  let sortOrder: SortOrder = options.sortOrder ?? 'oldest-first';
  const sinceInclusive = options.sinceInclusive ?? true;
  const untilInclusive = options.untilInclusive ?? false;
  const random = seededRandom(options.seed ?? 42);
  const rows: Row[] = [];
  const lazy = options.lazyTenant ? lazyTenant(options.lazyTenant) : undefined;
  // Later generated batches continue the lazy tenant's sequence, so their hashes are fresh.
  let sequence = lazy?.count ?? 0;
  const faults: Fault[] = [];
  let rates: FaultRates = {};
  let hook: ((context: RequestContext) => void) | undefined;
  let requestCount = 0;
  const requests: RecordedRequest[] = [];

  const addItems = (items: unknown[]) => {
    for (const item of items) {
      rows.push({ item, beganAt: beganAtOf(item), sequence: sequence++, shuffleKey: random() });
    }
  };
  if (options.tenant) addItems(generateTenant(options.tenant));
  if (options.items) addItems(options.items);

  const assertLazyOrder = (order: SortOrder) => {
    if (lazy && order !== 'oldest-first' && order !== 'newest-first') {
      throw new Error(`A lazy tenant is served oldest-first or newest-first, not ${order}`);
    }
  };
  assertLazyOrder(sortOrder);

  const ordered = (matching: Row[]): Row[] => {
    const byTime = (a: Row, b: Row) => a.beganAt - b.beganAt || a.sequence - b.sequence;
    switch (sortOrder) {
      case 'oldest-first':
        return matching.sort(byTime);
      case 'newest-first':
        return matching.sort((a, b) => byTime(b, a));
      case 'unsorted':
        return matching.sort((a, b) => a.shuffleKey - b.shuffleKey);
      case 'unstable': {
        // No ORDER BY and a planner that changes its mind: a new order on every request.
        const keyed = matching.map((row) => ({ row, key: random() }));
        return keyed.sort((a, b) => a.key - b.key).map((k) => k.row);
      }
    }
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ) => {
    // Items nested deeper than JSON.stringify can go are served too (hostile-input tests).
    const text = typeof body === 'string' ? body : (safeStringify(body) ?? stringifyDeep(body));
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };

  const handleActivityLogs = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const record: RecordedRequest = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      authorization: req.headers.authorization,
    };
    requests.push(record);
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      record.status = status;
      send(res, status, body, headers);
    };

    const auth = req.headers.authorization;
    if (!auth || !auth.startsWith('Bearer ')) return reply(403, { detail: 'Not authenticated' });
    if (auth.slice(7) !== token) return reply(401, { detail: 'Invalid API token' });

    requestCount++;
    hook?.({ number: requestCount, query: url.searchParams });

    let fault = faults.shift();
    if (!fault) {
      const roll = random();
      let edge = 0;
      if (roll < (edge += rates.status429 ?? 0)) {
        fault = { type: 'status', status: 429, retryAfter: rates.retryAfter ?? '0' };
      } else if (roll < (edge += rates.status500 ?? 0)) fault = { type: 'status', status: 500 };
      else if (roll < (edge += rates.status503 ?? 0)) fault = { type: 'status', status: 503 };
      else if (roll < (edge += rates.slow ?? 0)) fault = { type: 'delay', ms: rates.slowMs ?? 200 };
    }
    if (fault?.type === 'status') {
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
      return reply(
        fault.status,
        fault.body ?? { detail: `Simulated HTTP ${fault.status}` },
        headers
      );
    }
    if (fault?.type === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.type === 'body') return reply(200, fault.body);

    // Query validation, FastAPI style.
    const params = url.searchParams;
    const limitText = params.get('limit');
    const offsetText = params.get('offset');
    const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
    const offset = offsetText === null ? 0 : Number(offsetText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return reply(
        422,
        validationError(
          ['query', 'limit'],
          `Input should be less than or equal to ${MAX_LIMIT}`,
          'less_than_equal',
          limitText
        )
      );
    }
    if (!Number.isInteger(offset) || offset < 0) {
      return reply(
        422,
        validationError(
          ['query', 'offset'],
          'Input should be greater than or equal to 0',
          'greater_than_equal',
          offsetText
        )
      );
    }
    const bounds: Record<'since' | 'until', number | undefined> = {
      since: undefined,
      until: undefined,
    };
    for (const name of ['since', 'until'] as const) {
      const text = params.get(name);
      if (text === null) continue;
      const ms = parseTime(text);
      if (Number.isNaN(ms)) {
        return reply(
          422,
          validationError(
            ['query', name],
            'Input should be a valid datetime',
            'datetime_from_date_parsing',
            text
          )
        );
      }
      bounds[name] = ms;
    }

    const { since, until } = bounds;
    const matching = rows.filter((row) => {
      if (since === undefined && until === undefined) return true;
      // SQL: a NULL event_began_at never satisfies a comparison.
      if (Number.isNaN(row.beganAt)) return false;
      if (since !== undefined && (sinceInclusive ? row.beganAt < since : row.beganAt <= since))
        return false;
      if (until !== undefined && (untilInclusive ? row.beganAt > until : row.beganAt >= until))
        return false;
      return true;
    });
    let total = matching.length;
    let items: unknown[];
    if (lazy) {
      // Lazy items (in time order) then the added rows; reversed for newest-first.
      const [first, end] = lazy.range(since, until, sinceInclusive, untilInclusive);
      const lazyCount = end - first;
      total += lazyCount;
      const added = ordered(matching).map((row) => row.item);
      const newest = sortOrder === 'newest-first';
      items = [];
      for (let position = offset; position < Math.min(total, offset + limit); position++) {
        if (newest) {
          items.push(
            position < added.length
              ? added[position]
              : lazy.item(end - 1 - (position - added.length))
          );
        } else {
          items.push(
            position < lazyCount ? lazy.item(first + position) : added[position - lazyCount]
          );
        }
      }
    } else {
      items = ordered(matching)
        .slice(offset, offset + limit)
        .map((row) => row.item);
    }

    // fastapi-pagination links: the request URL with only `offset` replaced, relative.
    const link = (at: number | null) => {
      if (at === null) return null;
      const query = new URLSearchParams(params);
      query.set('offset', String(at));
      return `${url.pathname}?${query.toString()}`;
    };
    const body = {
      items,
      total,
      limit,
      offset,
      links: {
        first: link(0),
        last: link(total > 0 ? Math.floor((total - 1) / limit) * limit : 0),
        self: `${url.pathname}${url.search}`,
        next: offset + limit < total ? link(offset + limit) : null,
        prev: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      },
    };
    record.items = items.length;
    if (fault?.type === 'truncate') {
      const text = JSON.stringify(body);
      return reply(200, text.slice(0, Math.floor(text.length / 2)));
    }
    return reply(200, body);
  };

  const readBody = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : {};
  };

  const uniqueIds = () => {
    const ids = new Set<string>();
    for (let i = 0; i < (lazy?.count ?? 0); i++) ids.add(lazy!.hash(i));
    for (const row of rows) {
      const hash = (row.item as { event_hash?: unknown } | null)?.event_hash;
      if (typeof hash === 'string' && hash !== '') ids.add(hash);
    }
    return ids;
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const path = url.pathname.slice('/_control'.length);
    const body = req.method === 'POST' ? ((await readBody(req)) as Record<string, unknown>) : {};
    if (path === '/state') {
      // Counted without materializing a lazy tenant's ids (their hashes are all distinct).
      let added = 0;
      if (lazy) {
        const ids = new Set<string>();
        for (const row of rows) {
          const hash = (row.item as { event_hash?: unknown } | null)?.event_hash;
          if (typeof hash === 'string' && hash !== '') ids.add(hash);
        }
        added = ids.size;
      }
      return send(res, 200, {
        rows: rows.length + (lazy?.count ?? 0),
        uniqueIds: lazy ? lazy.count + added : uniqueIds().size,
        requests: requests.length,
        sortOrder,
      });
    }
    if (path === '/ids') return send(res, 200, [...uniqueIds()]);
    if (path === '/items' && req.method === 'POST') {
      if (Array.isArray(body.items)) addItems(body.items);
      if (body.generate)
        addItems(generateTenant({ firstSequence: sequence, ...(body.generate as TenantOptions) }));
      return send(res, 200, { rows: rows.length });
    }
    if (path === '/faults' && req.method === 'POST') {
      if (Array.isArray(body.faults)) faults.push(...(body.faults as Fault[]));
      if (body.rates) rates = body.rates as FaultRates;
      return send(res, 200, { queued: faults.length });
    }
    if (path === '/faults/clear' && req.method === 'POST') {
      faults.length = 0;
      rates = {};
      return send(res, 200, {});
    }
    if (path === '/sort' && req.method === 'POST') {
      assertLazyOrder(body.sortOrder as SortOrder);
      sortOrder = body.sortOrder as SortOrder;
      return send(res, 200, { sortOrder });
    }
    return send(res, 404, { detail: 'Not Found' });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const handler = url.pathname.startsWith('/_control/')
      ? handleControl(req, res, url)
      : url.pathname === '/activity_logs' && req.method === 'GET'
        ? handleActivityLogs(req, res, url)
        : Promise.resolve(send(res, 404, { detail: 'Not Found' }));
    handler.catch((error: Error) => {
      if (!res.headersSent) send(res, 500, { detail: `Simulator error: ${error.message}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    addItems,
    injectFaults: (...more) => faults.push(...more),
    setFaultRates: (next) => {
      rates = next;
    },
    clearFaults: () => {
      faults.length = 0;
      rates = {};
    },
    setSortOrder: (order) => {
      assertLazyOrder(order);
      sortOrder = order;
    },
    onRequest: (next) => {
      hook = next;
    },
    uniqueIds,
    rows: () => rows.map((row) => row.item),
  };
}

export type { ActivityLogItem, TenantOptions };
