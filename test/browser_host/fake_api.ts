import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLeft } from 'fp-ts/Either';
import { API_BASE_PATH } from '../../common/api/routes';
import { DATA_VIEW_DEFINITIONS, SAVED_VIEW_DEFINITIONS } from '../../common/api/saved_views';
import {
  closerCredentialProblems,
  CreateConnectorRequest,
  DraftConnectorRequest,
  UpdateConnectorRequest,
  type CloserSecrets,
  type CloserSettings,
} from '../../common/connectors/connector';
import type { ConnectorHealth, RunRecord } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { dataStreamName, SOURCES, type SourceKind } from '../../common/data_streams';
import { formatDecodeErrors } from '../../common/decode';
import { parseInitialWindow } from '../../common/lumos/duration';
import type { DiscoverSearchRequest, DiscoverSearchResponse } from './index';

/*
 * An in-memory stand-in for the plugin's HTTP API (common/api/routes.ts), for the browser host's
 * dev server and the browser tests until the real stack is wired. It validates bodies with the
 * same codecs as the server, and simulates runs: a backfill that completes in three runs, events
 * written per run, health, recent runs. NOT the server: real behaviour is server/routes.
 */

export const FAKE_LUMOS_TOKEN = 'lsk_browser_host_token_0001';
export const FAKE_CLOSER_USER = 'closer_reader';
export const FAKE_CLOSER_PASSWORD = 'closer-password';

interface FakeEvent {
  id: string;
  index: string;
  timestamp: string;
  source: SourceKind;
  action: string;
  outcome: 'success' | 'failure';
  category: string;
  user: string;
  sourceIp?: string;
  message: string;
}

interface Stored {
  view: ConnectorView;
  secrets: Record<string, string>;
  nextRunAt: number;
}

export interface FakeApiOptions {
  /** Time between simulated runs of an enabled connector (the real interval is minutes). */
  runEveryMs?: number;
  /** Events written per simulated run. */
  eventsPerRun?: number;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function badRequest(res: ServerResponse, message: string): void {
  json(res, 400, { statusCode: 400, error: 'Bad Request', message });
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** now, now-7d, now-15m, ISO. */
function parseTime(text: string | null, fallback: number, now: number): number {
  if (!text) return fallback;
  if (text === 'now') return now;
  const rel = /^now([+-])(\d+)([smhdwMy])(\/[smhdwMy])?$/.exec(text);
  if (rel) {
    const unit: Record<string, number> = {
      s: 1e3,
      m: 6e4,
      h: 36e5,
      d: 864e5,
      w: 6048e5,
      M: 2592e6,
      y: 31536e6,
    };
    return now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit[rel[3]];
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? fallback : parsed;
}

const LUMOS_ACTIONS: Array<[string, 'success' | 'failure', string, string]> = [
  ['USER_LOGIN', 'success', 'authentication', 'User signed in to Lumos'],
  ['ACCESS_REQUEST_APPROVED', 'success', 'iam', 'Access request approved'],
  ['APP_ASSIGNED', 'success', 'iam', 'App assigned to user'],
  ['ACCESS_REQUEST_DENIED', 'failure', 'iam', 'Access request denied'],
  ['USER_LOGIN_FAILED', 'failure', 'authentication', 'Sign-in failed'],
];
const CLOSER_ACTIONS: Array<[string, 'success' | 'failure', string, string]> = [
  ['agent_login', 'success', 'authentication', 'Agent logged in'],
  ['agent_login_failure', 'failure', 'authentication', 'Agent login failed'],
  ['config_update', 'success', 'configuration', 'Configuration updated'],
  ['policy_change', 'success', 'configuration', 'Policy changed'],
  ['agent_logout', 'success', 'authentication', 'Agent logged out'],
];
const USERS = ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com'];

function makeEvent(source: SourceKind, namespace: string, at: number, seq: number): FakeEvent {
  const table = source === 'lumos' ? LUMOS_ACTIONS : CLOSER_ACTIONS;
  const [action, outcome, category, message] = table[seq % table.length];
  return {
    id: randomUUID().replace(/-/g, ''),
    index: `.ds-${dataStreamName(SOURCES[source].dataset, namespace)}-2026.01.01-000001`,
    timestamp: new Date(at).toISOString(),
    source,
    action,
    outcome,
    category,
    user: source === 'lumos' ? USERS[seq % USERS.length] : USERS[seq % USERS.length].split('@')[0],
    sourceIp: `10.0.${seq % 7}.${(seq * 13) % 250}`,
    message,
  };
}

function ecsDocument(event: FakeEvent): Record<string, unknown> {
  return {
    '@timestamp': event.timestamp,
    event: {
      id: event.id,
      action: event.action,
      outcome: event.outcome,
      category: [event.category],
      kind: 'event',
      module: SOURCES[event.source].module,
      dataset: SOURCES[event.source].dataset,
    },
    user: event.source === 'lumos' ? { email: event.user } : { name: event.user },
    source: event.sourceIp ? { ip: event.sourceIp } : undefined,
    message: event.message,
    data_stream: { type: 'logs', dataset: SOURCES[event.source].dataset, namespace: 'default' },
  };
}

/** field:"value" pairs and free words, ANDed. */
function matchesQuery(event: FakeEvent, query: string): boolean {
  const fields: Record<string, string> = {
    'event.action': event.action,
    'event.outcome': event.outcome,
    'event.category': event.category,
    'user.email': event.user,
    'user.name': event.user,
    'source.ip': event.sourceIp ?? '',
    message: event.message,
  };
  const tokens = query.match(/[\w.@]+:"[^"]*"|[\w.@]+:\S+|"[^"]*"|\S+/g) ?? [];
  return tokens.every((token) => {
    const pair = /^([\w.@]+):"?([^"]*)"?$/.exec(token);
    if (pair && pair[1] in fields) return fields[pair[1]].toLowerCase() === pair[2].toLowerCase();
    const word = token.replace(/"/g, '').toLowerCase();
    return Object.values(fields).some((value) => value.toLowerCase().includes(word));
  });
}

export class FakeAuditSourcesApi {
  private readonly connectors = new Map<string, Stored>();
  private readonly events: FakeEvent[] = [];
  private readonly savedViews = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly runEveryMs: number;
  private readonly eventsPerRun: number;
  private seq = 0;

  constructor(options: FakeApiOptions = {}) {
    this.runEveryMs = options.runEveryMs ?? 2000;
    this.eventsPerRun = options.eventsPerRun ?? 20;
    this.timer = setInterval(() => this.tick(), 250);
    this.timer.unref();
  }

  public close(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Date.now();
    for (const stored of this.connectors.values()) {
      if (stored.view.enabled && now >= stored.nextRunAt) this.run(stored, now);
    }
  }

  private run(stored: Stored, now: number): void {
    const { view } = stored;
    const health = view.health;
    stored.nextRunAt = now + this.runEveryMs;
    const startedAt = new Date(now).toISOString();
    const failure = this.connectionProblem(view.kind, view.settings, stored.secrets);
    let record: RunRecord;
    if (failure) {
      record = {
        startedAt,
        finishedAt: new Date(now + 120).toISOString(),
        outcome: 'failure',
        read: 0,
        written: 0,
        duplicates: 0,
        pipelineErrors: 0,
        caughtUp: false,
        error: failure,
      };
      health.status = 'failing';
      health.lastError = { message: failure, at: startedAt };
    } else {
      const window = parseInitialWindow(
        String(view.settings.initialWindow ?? (view.kind === 'lumos' ? '30d' : 'everything'))
      );
      const span = 'ms' in window && typeof window.ms === 'number' ? window.ms : 90 * 864e5;
      health.backfill.from ??= new Date(now - span).toISOString();
      const from = Date.parse(health.backfill.from);
      const cursorBefore = health.backfill.cursor ? Date.parse(health.backfill.cursor) : from;
      const cursor = Math.min(now, cursorBefore + Math.ceil((now - from) * 0.4));
      const count = this.eventsPerRun;
      for (let i = 0; i < count; i++) {
        const at = cursorBefore + ((cursor - cursorBefore) * (i + 1)) / (count + 1);
        this.events.push(makeEvent(view.kind, view.namespace, at, this.seq++));
      }
      const caughtUp = cursor >= now - 1000;
      health.backfill.cursor = new Date(cursor).toISOString();
      health.backfill.complete = health.backfill.complete || caughtUp;
      health.totals.read += count;
      health.totals.written += count;
      health.status = 'healthy';
      health.lastSuccessAt = startedAt;
      health.lagMs = Math.max(0, now - cursor) + 60_000;
      record = {
        startedAt,
        finishedAt: new Date(now + 340).toISOString(),
        outcome: 'success',
        read: count,
        written: count,
        duplicates: 0,
        pipelineErrors: 0,
        caughtUp,
      };
    }
    health.lastRunAt = startedAt;
    health.nextRunAt = new Date(stored.nextRunAt).toISOString();
    health.recentRuns = [...health.recentRuns, record].slice(-20);
  }

  private connectionProblem(
    kind: SourceKind,
    settings: object,
    secrets: Record<string, string>
  ): string | undefined {
    if (kind === 'lumos') {
      if (secrets.apiToken !== FAKE_LUMOS_TOKEN)
        return 'Lumos answered 401 Unauthorized: the API token is not valid';
      return undefined;
    }
    const closer = settings as CloserSettings;
    if (
      closer.authType === 'basic' &&
      (closer.username !== FAKE_CLOSER_USER || secrets.password !== FAKE_CLOSER_PASSWORD)
    ) {
      return (
        'Closer Elasticsearch answered 401: unable to authenticate user [' +
        (closer.username ?? '') +
        ']'
      );
    }
    return undefined;
  }

  private toView(stored: Stored): ConnectorView {
    return JSON.parse(JSON.stringify(stored.view)) as ConnectorView;
  }

  private secretState(kind: SourceKind, secrets: Record<string, string>) {
    return kind === 'lumos'
      ? { apiToken: { isSet: Boolean(secrets.apiToken) } }
      : {
          password: { isSet: Boolean(secrets.password) },
          apiKey: { isSet: Boolean(secrets.apiKey) },
        };
  }

  /** Answers the plugin's routes; false for anything else. */
  public handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://host');
    if (!url.pathname.startsWith(API_BASE_PATH)) return false;
    this.route(req, res, url).catch((error: Error) =>
      json(res, 500, { statusCode: 500, error: 'Internal Server Error', message: error.message })
    );
    return true;
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const rest = url.pathname.slice(API_BASE_PATH.length);
    if (method !== 'GET' && !req.headers['kbn-xsrf']) {
      return badRequest(res, 'Request must contain a kbn-xsrf header.');
    }
    if (rest === '/connectors' && method === 'GET') {
      return json(res, 200, {
        connectors: [...this.connectors.values()].map((s) => this.toView(s)),
      });
    }
    if (rest === '/connectors' && method === 'POST') return this.create(req, res);
    if ((rest === '/connectors/_test' || rest === '/connectors/_preview') && method === 'POST') {
      return this.draft(req, res, rest.endsWith('_test') ? 'test' : 'preview');
    }
    if (rest === '/events' && method === 'GET') return this.searchEvents(res, url);
    if (rest === '/saved_views') return this.savedViewsRoute(req, res, method);
    const match = /^\/connectors\/([^/]+)(\/_run|\/health)?$/.exec(rest);
    if (match) {
      const stored = this.connectors.get(decodeURIComponent(match[1]));
      if (!stored)
        return json(res, 404, {
          statusCode: 404,
          error: 'Not Found',
          message: `Connector [${match[1]}] not found`,
        });
      if (match[2] === '/_run' && method === 'POST') {
        if (!stored.view.enabled) return badRequest(res, 'Connector is disabled');
        stored.nextRunAt = Date.now();
        return json(res, 200, { scheduled: true });
      }
      if (match[2] === '/health' && method === 'GET') return json(res, 200, stored.view.health);
      if (!match[2] && method === 'GET') return json(res, 200, this.toView(stored));
      if (!match[2] && method === 'DELETE') {
        this.connectors.delete(stored.view.id);
        return json(res, 200, {});
      }
      if (!match[2] && method === 'PUT') return this.update(req, res, stored);
    }
    json(res, 404, { statusCode: 404, error: 'Not Found', message: 'Not Found' });
  }

  private async create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const decoded = CreateConnectorRequest.decode(await readBody(req));
    if (isLeft(decoded))
      return badRequest(res, `[request body]: ${formatDecodeErrors(decoded.left)}`);
    const body = decoded.right;
    if (body.kind === 'closer') {
      const problems = closerCredentialProblems(body.settings, body.secrets);
      if (Object.keys(problems).length > 0) {
        return badRequest(
          res,
          `[request body]: ${Object.entries(problems)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ')}`
        );
      }
    }
    const now = new Date().toISOString();
    const id = randomUUID();
    const health: ConnectorHealth = {
      status: body.enabled ? 'pending' : 'disabled',
      totals: { read: 0, written: 0, duplicates: 0, pipelineErrors: 0 },
      backfill: { complete: false },
      recentRuns: [],
    };
    const secrets = body.secrets as Record<string, string>;
    const view = {
      id,
      kind: body.kind,
      name: body.name,
      enabled: body.enabled,
      interval: body.interval,
      namespace: body.namespace,
      dataStream: dataStreamName(SOURCES[body.kind].dataset, body.namespace),
      createdAt: now,
      updatedAt: now,
      health,
      settings: body.settings,
      secrets: this.secretState(body.kind, secrets),
    } as ConnectorView;
    const stored: Stored = { view, secrets: { ...secrets }, nextRunAt: Date.now() + 1500 };
    health.nextRunAt = new Date(stored.nextRunAt).toISOString();
    this.connectors.set(id, stored);
    json(res, 200, this.toView(stored));
  }

  private async update(req: IncomingMessage, res: ServerResponse, stored: Stored): Promise<void> {
    const decoded = UpdateConnectorRequest.decode(await readBody(req));
    if (isLeft(decoded))
      return badRequest(res, `[request body]: ${formatDecodeErrors(decoded.left)}`);
    const body = decoded.right;
    if (body.kind !== stored.view.kind)
      return badRequest(
        res,
        `kind: cannot change a ${stored.view.kind} connector into ${body.kind}`
      );
    const secrets = { ...stored.secrets, ...((body.secrets ?? {}) as Record<string, string>) };
    const view = stored.view as ConnectorView & Record<string, unknown>;
    if (body.name !== undefined) view.name = body.name;
    if (body.interval !== undefined) view.interval = body.interval;
    if (body.namespace !== undefined) {
      view.namespace = body.namespace;
      view.dataStream = dataStreamName(SOURCES[view.kind].dataset, body.namespace);
    }
    if (body.settings !== undefined) view.settings = body.settings as never;
    if (body.enabled !== undefined) {
      view.enabled = body.enabled;
      view.health.status = body.enabled
        ? view.health.lastRunAt
          ? view.health.status
          : 'pending'
        : 'disabled';
      if (body.enabled) stored.nextRunAt = Date.now() + 500;
    }
    stored.secrets = secrets;
    view.secrets = this.secretState(view.kind, secrets) as never;
    view.updatedAt = new Date().toISOString();
    json(res, 200, this.toView(stored));
  }

  private async draft(
    req: IncomingMessage,
    res: ServerResponse,
    what: 'test' | 'preview'
  ): Promise<void> {
    const decoded = DraftConnectorRequest.decode(await readBody(req));
    if (isLeft(decoded))
      return badRequest(res, `[request body]: ${formatDecodeErrors(decoded.left)}`);
    const draft = decoded.right;
    const stored = draft.id ? this.connectors.get(draft.id) : undefined;
    const secrets = {
      ...(stored?.secrets ?? {}),
      ...((draft.secrets ?? {}) as Record<string, string>),
    };
    if (draft.kind === 'closer') {
      const problems = closerCredentialProblems(draft.settings, secrets as CloserSecrets);
      if (Object.keys(problems).length > 0) {
        return badRequest(
          res,
          `[request body]: ${Object.entries(problems)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ')}`
        );
      }
    }
    const problem = this.connectionProblem(draft.kind, draft.settings, secrets);
    if (what === 'test') {
      return json(
        res,
        200,
        problem
          ? { ok: false, message: problem }
          : draft.kind === 'lumos'
            ? {
                ok: true,
                message: 'Connected to the Lumos API and read the activity log.',
                details: {
                  'Base URL': draft.settings.baseUrl ?? 'https://api.lumos.com',
                  'Records available': 1284,
                },
              }
            : {
                ok: true,
                message: 'Connected to the Closer cluster and read the security index.',
                details: {
                  'Cluster version': '8.17.3',
                  'Search API': 'point in time',
                  Index: (draft.settings as CloserSettings).index ?? 'closer',
                },
              }
      );
    }
    if (problem) return badRequest(res, problem);
    const namespace = draft.namespace ?? 'default';
    const now = Date.now();
    const documents = [0, 1, 2].map((i) => {
      const event = makeEvent(draft.kind, namespace, now - (3 - i) * 3600_000, i);
      return {
        index: dataStreamName(SOURCES[draft.kind].dataset, namespace),
        id: event.id,
        document: ecsDocument(event),
      };
    });
    json(res, 200, {
      documents,
      message: `The ${documents.length} most recent records, as they would be written.`,
    });
  }

  private searchEvents(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const now = Date.now();
    const from = parseTime(q.get('from'), now - 15 * 60_000, now);
    const to = parseTime(q.get('to'), now, now);
    const source = q.get('source') ?? 'all';
    const perPage = Number(q.get('perPage') ?? 25);
    const page = Number(q.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage <= 0 || !Number.isInteger(page) || page <= 0) {
      return badRequest(res, '[request query]: page: must be a positive whole number');
    }
    const matching = this.events
      .filter((e) => {
        const at = Date.parse(e.timestamp);
        if (at < from || at > to) return false;
        if (source !== 'all' && e.source !== source) return false;
        if (q.get('outcome') && e.outcome !== q.get('outcome')) return false;
        if (q.get('action') && e.action !== q.get('action')) return false;
        if (q.get('user') && !e.user.includes(q.get('user') ?? '')) return false;
        return !q.get('query') || matchesQuery(e, q.get('query') ?? '');
      })
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    json(res, 200, {
      total: matching.length,
      events: matching
        .slice((page - 1) * perPage, page * perPage)
        .map(({ category: _category, ...row }) => row),
    });
  }

  private async savedViewsRoute(
    req: IncomingMessage,
    res: ServerResponse,
    method: string
  ): Promise<void> {
    if (method === 'POST') {
      await readBody(req);
      for (const view of SAVED_VIEW_DEFINITIONS) this.savedViews.add(view.id);
    } else if (method !== 'GET') {
      return json(res, 404, { statusCode: 404, error: 'Not Found', message: 'Not Found' });
    }
    json(res, 200, {
      views: SAVED_VIEW_DEFINITIONS.map((view) => ({
        ...view,
        dataViewId: DATA_VIEW_DEFINITIONS[view.source].id,
        exists: this.savedViews.has(view.id),
      })),
    });
  }

  /** The browser host's discoverSearch, over the fake's events. */
  public async discoverSearch(search: DiscoverSearchRequest): Promise<DiscoverSearchResponse> {
    const source = (Object.keys(SOURCES) as SourceKind[]).find((kind) =>
      search.index.includes(SOURCES[kind].dataset)
    );
    const hits = this.events
      .filter(
        (e) => (!source || e.source === source) && (!search.query || matchesQuery(e, search.query))
      )
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    return {
      total: hits.length,
      hits: hits
        .slice(0, search.size)
        .map((e) => ({ _index: e.index, _id: e.id, _source: ecsDocument(e) })),
    };
  }
}
