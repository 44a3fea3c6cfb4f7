import { API_PRIVILEGES, ROUTES } from '../../common/api/routes';
import {
  CLOSER_PASSWORD,
  closerBody,
  createConnectorsHarness,
  LUMOS_TOKEN,
  lumosBody,
} from '../__mocks__/connectors_harness';
import { callRoute, createLoggerMock, createRouterMock } from '../__mocks__/kibana_core_mocks';
import { registerRoutes } from '.';
import type { RequestHandlerContext } from '@kbn/core/server';

function setup() {
  const harness = createConnectorsHarness();
  const router = createRouterMock();
  const logger = createLoggerMock();
  registerRoutes({ router, logger, getServices: async () => harness.services });
  return { ...harness, router, routeLogger: logger };
}

describe('routes', () => {
  it('registers every route of the contract once', () => {
    const { router } = setup();
    expect(router.routes.map((r) => `${r.method} ${r.config.path}`).sort()).toEqual(
      [
        `get ${ROUTES.connectors}`,
        `post ${ROUTES.connectors}`,
        `get ${ROUTES.connector}`,
        `put ${ROUTES.connector}`,
        `delete ${ROUTES.connector}`,
        `post ${ROUTES.testConnection}`,
        `post ${ROUTES.preview}`,
        `post ${ROUTES.runNow}`,
        `get ${ROUTES.health}`,
        `get ${ROUTES.events}`,
        `get ${ROUTES.eventDocument}`,
        `get ${ROUTES.eventSuggestions}`,
        `get ${ROUTES.savedViews}`,
        `post ${ROUTES.savedViews}`,
      ].sort()
    );
  });

  it('declares authz on every route: read privilege for reads, write for everything else', () => {
    const { router } = setup();
    for (const route of router.routes) {
      const authz = route.config.security.authz;
      expect('requiredPrivileges' in authz).toBe(true);
      const expected = route.method === 'get' ? API_PRIVILEGES.read : API_PRIVILEGES.write;
      expect(authz).toEqual({ requiredPrivileges: [expected] });
      expect(route.config.options?.access).toBe('internal');
      expect(route.config.validate).toBeDefined();
    }
  });

  it('answers 400 naming the field for a bad body, param or query', async () => {
    const { router } = setup();
    const create = await callRoute(router.getRoute('post', ROUTES.connectors), {
      body: { ...lumosBody, namespace: 'Bad-NS' },
    });
    expect(create.status).toBe(400);
    expect(create.payload).toEqual({
      message: '[request body]: namespace: Namespace must be lowercase',
    });

    const closer = await callRoute(router.getRoute('post', ROUTES.connectors), {
      body: { ...closerBody, secrets: {} },
    });
    expect(closer.status).toBe(400);
    expect(JSON.stringify(closer.payload)).toContain('secrets.password: Password is required');

    const events = await callRoute(router.getRoute('get', ROUTES.events), {
      query: { perPage: '500' },
    });
    expect(events.status).toBe(400);
    expect(JSON.stringify(events.payload)).toContain('perPage: must be at most 100');

    const page = await callRoute(router.getRoute('get', ROUTES.events), {
      query: { page: 'x' },
    });
    expect(JSON.stringify(page.payload)).toContain('page: must be a positive whole number');

    const namespace = await callRoute(router.getRoute('get', ROUTES.events), {
      query: { namespace: 'Prod-1' },
    });
    expect(namespace.status).toBe(400);
    expect(JSON.stringify(namespace.payload)).toContain('namespace: Namespace cannot contain');

    const sort = await callRoute(router.getRoute('get', ROUTES.events), {
      query: { sort: 'message' },
    });
    expect(sort.status).toBe(400);
    expect(JSON.stringify(sort.payload)).toContain('sort');

    const long = await callRoute(router.getRoute('get', ROUTES.events), {
      query: { query: 'a'.repeat(1001) },
    });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.payload)).toContain('query: must be at most 1000 characters');
  });

  it('creates, reads, lists and deletes, never returning a secret', async () => {
    const { router, logger, routeLogger } = setup();
    const created = await callRoute(router.getRoute('post', ROUTES.connectors), {
      body: lumosBody,
    });
    expect(created.status).toBe(200);
    const id = (created.payload as { id: string }).id;
    const closer = await callRoute(router.getRoute('post', ROUTES.connectors), {
      body: closerBody,
    });
    const list = await callRoute(router.getRoute('get', ROUTES.connectors), {});
    const one = await callRoute(router.getRoute('get', ROUTES.connector), { params: { id } });
    const health = await callRoute(router.getRoute('get', ROUTES.health), { params: { id } });
    const updated = await callRoute(router.getRoute('put', ROUTES.connector), {
      params: { id },
      body: { kind: 'lumos', name: 'Renamed' },
    });
    expect(updated.status).toBe(200);
    expect((list.payload as { connectors: unknown[] }).connectors).toHaveLength(2);
    expect(health.payload).toMatchObject({ status: 'pending' });
    const everything = JSON.stringify([created, closer, list, one, health, updated]);
    for (const secret of [LUMOS_TOKEN, CLOSER_PASSWORD, 'granted-secret']) {
      expect(everything).not.toContain(secret);
      expect(JSON.stringify([logger.messages(), routeLogger.messages()])).not.toContain(secret);
    }
    const deleted = await callRoute(router.getRoute('delete', ROUTES.connector), {
      params: { id },
    });
    expect(deleted.status).toBe(204);
    const gone = await callRoute(router.getRoute('get', ROUTES.connector), { params: { id } });
    expect(gone.status).toBe(404);
  });

  it('answers 400 naming the field for a base URL with ? or # and for a refused host', async () => {
    const { router } = setup();
    for (const route of [ROUTES.connectors, ROUTES.testConnection, ROUTES.preview]) {
      const exactPath = await callRoute(router.getRoute('post', route), {
        body: { ...closerBody, settings: { ...closerBody.settings, url: 'http://x.example/a#' } },
      });
      expect(exactPath.status).toBe(400);
      expect(JSON.stringify(exactPath.payload)).toContain('settings.url: Must not contain ? or #');

      const metadata = await callRoute(router.getRoute('post', route), {
        body: { ...lumosBody, settings: { baseUrl: 'http://169.254.169.254/latest' } },
      });
      expect(metadata.status).toBe(400);
      expect(metadata.payload).toMatchObject({
        attributes: {
          fields: { 'settings.baseUrl': expect.stringMatching(/^Refused to connect to 169\.254/) },
        },
      });
    }
  });

  it('answers 409 when a run is already going on', async () => {
    const { router, taskManager } = setup();
    const created = await callRoute(router.getRoute('post', ROUTES.connectors), {
      body: lumosBody,
    });
    const id = (created.payload as { id: string }).id;
    const run = router.getRoute('post', ROUTES.runNow);
    expect((await callRoute(run, { params: { id } })).status).toBe(202);
    taskManager.runSoon.mockRejectedValueOnce(
      new Error('Failed to run task "x" as it is currently running')
    );
    const busy = await callRoute(run, { params: { id } });
    expect(busy.status).toBe(409);
    expect(JSON.stringify(busy.payload)).toMatch(/already running/);
  });

  it('answers a 400 with the field for test connection without a token', async () => {
    const { router } = setup();
    const response = await callRoute(router.getRoute('post', ROUTES.testConnection), {
      body: { kind: 'lumos', settings: {} },
    });
    expect(response.status).toBe(400);
    expect(response.payload).toMatchObject({
      attributes: { fields: { 'secrets.apiToken': 'API token is required' } },
    });
  });

  it('returns a verdict, not a 500, when the source cannot be reached', async () => {
    const { router } = setup();
    const response = await callRoute(router.getRoute('post', ROUTES.testConnection), {
      body: {
        kind: 'lumos',
        settings: { baseUrl: 'http://127.0.0.1:9' },
        secrets: { apiToken: LUMOS_TOKEN },
      },
    });
    expect(response.status).toBe(200);
    expect(response.payload).toMatchObject({ ok: false });
    expect(JSON.stringify(response.payload)).not.toContain(LUMOS_TOKEN);
  });

  it('searches events as the current user and passes a 403 on', async () => {
    const { router, client } = setup();
    await client.create({ ...lumosBody, namespace: 'default' });
    await client.create({ ...lumosBody, name: 'Lumos prod', namespace: 'prod' });
    await client.create({ ...closerBody, namespace: 'prod' });
    const search = jest.fn(async () => ({
      hits: {
        total: { value: 1, relation: 'eq' },
        hits: [
          {
            _index: '.ds-logs-lumos.activity_logs-default-1',
            _id: 'a',
            _source: {
              '@timestamp': '2026-01-01T00:00:00Z',
              event: { action: 'LOGIN', outcome: 'success', module: 'lumos' },
              user: { email: 'a@example.com' },
            },
          },
        ],
      },
    }));
    const context = {
      core: Promise.resolve({ elasticsearch: { client: { asCurrentUser: { search } } } }),
    } as unknown as RequestHandlerContext;
    const ok = await callRoute(
      router.getRoute('get', ROUTES.events),
      { query: { source: 'lumos', action: 'LOGIN', perPage: '10', page: '2' } },
      context
    );
    expect(ok.payload).toEqual({
      total: 1,
      dataStreams: ['logs-lumos.activity_logs-default', 'logs-lumos.activity_logs-prod'],
      events: [
        {
          id: 'a',
          index: '.ds-logs-lumos.activity_logs-default-1',
          timestamp: '2026-01-01T00:00:00Z',
          source: 'lumos',
          action: 'LOGIN',
          outcome: 'success',
          user: 'a@example.com',
        },
      ],
    });
    // Scope `space` (the default): the data streams of this space's connectors only.
    expect(search).toHaveBeenCalledWith(
      expect.objectContaining({
        index: 'logs-lumos.activity_logs-default,logs-lumos.activity_logs-prod',
        from: 10,
        size: 10,
      })
    );
    const all = await callRoute(
      router.getRoute('get', ROUTES.events),
      { query: { source: 'lumos', scope: 'all' } },
      context
    );
    expect(all.payload).not.toHaveProperty('dataStreams');
    expect(search).toHaveBeenLastCalledWith(
      expect.objectContaining({ index: 'logs-lumos.activity_logs-*' })
    );
    await callRoute(
      router.getRoute('get', ROUTES.events),
      { query: { namespace: 'prod' } },
      context
    );
    expect(search).toHaveBeenLastCalledWith(
      expect.objectContaining({
        index: 'logs-closer.security-prod,logs-lumos.activity_logs-prod',
        query: {
          bool: {
            filter: expect.arrayContaining([{ term: { 'data_stream.namespace': 'prod' } }]),
            must: [],
          },
        },
      })
    );
    search.mockRejectedValueOnce(
      Object.assign(
        new Error('security_exception: action [indices:data/read/search] is unauthorized'),
        {
          meta: { statusCode: 403 },
        }
      )
    );
    const denied = await callRoute(router.getRoute('get', ROUTES.events), { query: {} }, context);
    expect(denied.status).toBe(403);
  });

  it('answers no events, without searching, in a space whose connectors write nowhere yet', async () => {
    const { router } = setup();
    const search = jest.fn();
    const context = {
      core: Promise.resolve({ elasticsearch: { client: { asCurrentUser: { search } } } }),
    } as unknown as RequestHandlerContext;
    const response = await callRoute(router.getRoute('get', ROUTES.events), { query: {} }, context);
    expect(response.payload).toEqual({ total: 0, events: [], dataStreams: [] });
    expect(search).not.toHaveBeenCalled();
  });
});

/** An @elastic/elasticsearch ResponseError as the routes see it. */
function esError(statusCode: number, error: unknown, message = 'es error') {
  return Object.assign(new Error(message), {
    name: 'ResponseError',
    meta: { statusCode, body: { error } },
  });
}

function contextWith(client: Record<string, jest.Mock>): RequestHandlerContext {
  return {
    core: Promise.resolve({ elasticsearch: { client: { asCurrentUser: client } } }),
  } as unknown as RequestHandlerContext;
}

const emptyHits = { hits: { total: { value: 0, relation: 'eq' }, hits: [] } };

describe('events search', () => {
  it('sends field:value text as Lucene query_string and matches filters ignoring case', async () => {
    const { router } = setup();
    const search = jest.fn(async () => emptyHits);
    await callRoute(
      router.getRoute('get', ROUTES.events),
      {
        query: {
          scope: 'all',
          query: ' user.email:alice@example.com ',
          action: 'user_login',
          user: 'Alice',
          namespace: 'Prod',
          kind: 'pipeline_error',
        },
      },
      contextWith({ search })
    );
    const request = (search.mock.calls[0] as unknown[])[0] as {
      query: { bool: { filter: unknown[]; must: unknown[] } };
      _source: string[];
    };
    expect(request.query.bool.must).toEqual([
      {
        query_string: {
          query: 'user.email:alice@example.com',
          default_operator: 'AND',
          lenient: true,
          allow_leading_wildcard: false,
          // Regex and fuzzy terms are bounded; the search has a timeout.
          fuzzy_max_expansions: 10,
          max_determinized_states: 2000,
        },
      },
    ]);
    expect(request).toMatchObject({ timeout: '30s' });
    expect(request.query.bool.filter).toEqual(
      expect.arrayContaining([
        { term: { 'event.action': { value: 'user_login', case_insensitive: true } } },
        { term: { 'data_stream.namespace': 'prod' } },
        { term: { 'event.kind': 'pipeline_error' } },
        {
          bool: {
            should: ['user.name', 'user.email', 'user.id', 'related.user'].map((field) => ({
              term: { [field]: { value: 'Alice', case_insensitive: true } },
            })),
            minimum_should_match: 1,
          },
        },
      ])
    );
    expect(request._source).toEqual(expect.arrayContaining(['error.message', 'user.id']));
  });

  it('sorts by allowed columns only, newest first as the tie-breaker', async () => {
    const { router } = setup();
    const search = jest.fn(async () => emptyHits);
    const route = router.getRoute('get', ROUTES.events);
    const context = contextWith({ search });
    await callRoute(route, { query: { scope: 'all' } }, context);
    expect(search).toHaveBeenLastCalledWith(
      expect.objectContaining({
        sort: [{ '@timestamp': { order: 'desc', unmapped_type: 'date' } }],
      })
    );
    await callRoute(route, { query: { scope: 'all', sort: 'user', order: 'desc' } }, context);
    expect(search).toHaveBeenLastCalledWith(
      expect.objectContaining({
        sort: [
          { 'user.name': { order: 'desc', missing: '_last', unmapped_type: 'keyword' } },
          { 'user.id': { order: 'desc', missing: '_last', unmapped_type: 'keyword' } },
          { '@timestamp': { order: 'desc', unmapped_type: 'date' } },
        ],
      })
    );
    await callRoute(route, { query: { scope: 'all', sort: 'event.action' } }, context);
    expect(search).toHaveBeenLastCalledWith(
      expect.objectContaining({
        sort: [
          { 'event.action': { order: 'asc', missing: '_last', unmapped_type: 'keyword' } },
          { '@timestamp': { order: 'desc', unmapped_type: 'date' } },
        ],
      })
    );
    const refused = await callRoute(route, { query: { sort: '_script' } }, context);
    expect(refused.status).toBe(400);
    expect(search).toHaveBeenCalledTimes(3);
  });

  it('returns error.message and falls back to user.id for the User column', async () => {
    const { router } = setup();
    const search = jest.fn(async () => ({
      hits: {
        total: { value: 1, relation: 'eq' },
        hits: [
          {
            _index: '.ds-logs-closer.security-default-1',
            _id: 'e',
            _source: {
              '@timestamp': '2026-01-01T00:00:00Z',
              event: { kind: 'pipeline_error', module: 'closer' },
              user: { id: 'u-1' },
              error: { message: 'Not a Closer record' },
            },
          },
        ],
      },
    }));
    const response = await callRoute(
      router.getRoute('get', ROUTES.events),
      { query: { scope: 'all' } },
      contextWith({ search })
    );
    expect((response.payload as { events: unknown[] }).events[0]).toEqual({
      id: 'e',
      index: '.ds-logs-closer.security-default-1',
      timestamp: '2026-01-01T00:00:00Z',
      source: 'closer',
      kind: 'pipeline_error',
      user: 'u-1',
      errorMessage: 'Not a Closer record',
    });
  });

  it('answers a Lucene syntax error with a 400 naming query and the reason, never a 500', async () => {
    const { router, routeLogger } = setup();
    const reason =
      'Cannot parse \'user.email:(alice\': Encountered "<EOF>" at line 1, column 17.\nWas expecting one of:\n    <AND> ...';
    const search = jest.fn(async () => {
      throw esError(400, {
        type: 'search_phase_execution_exception',
        reason: 'all shards failed',
        root_cause: [
          { type: 'query_shard_exception', reason: 'Failed to parse query [user.email:(alice]' },
        ],
        failed_shards: [
          {
            reason: {
              type: 'query_shard_exception',
              reason: 'Failed to parse query [user.email:(alice]',
              caused_by: { type: 'parse_exception', reason },
            },
          },
        ],
      });
    });
    const response = await callRoute(
      router.getRoute('get', ROUTES.events),
      { query: { scope: 'all', query: 'user.email:(alice' } },
      contextWith({ search })
    );
    const first = 'Cannot parse \'user.email:(alice\': Encountered "<EOF>" at line 1, column 17.';
    expect(response.status).toBe(400);
    expect(response.payload).toEqual({
      message: `query: ${first}`,
      attributes: { fields: { query: first } },
    });
    expect(routeLogger.error).not.toHaveBeenCalled();
  });

  it('names from or to for unreadable date math, and passes other errors on', async () => {
    const { router } = setup();
    const search = jest.fn();
    const route = router.getRoute('get', ROUTES.events);
    const context = contextWith({ search });
    search.mockRejectedValueOnce(
      esError(400, {
        type: 'search_phase_execution_exception',
        root_cause: [
          {
            type: 'parse_exception',
            reason: 'failed to parse date field [now-7x] with format [strict_date_optional_time]',
          },
        ],
      })
    );
    const date = await callRoute(route, { query: { scope: 'all', from: 'now-7x' } }, context);
    expect(date.status).toBe(400);
    expect(date.payload).toMatchObject({ attributes: { fields: { from: expect.any(String) } } });

    search.mockRejectedValueOnce(esError(500, { type: 'x', reason: 'Cannot parse' }));
    const broken = await callRoute(route, { query: { scope: 'all' } }, context);
    expect(broken.status).toBe(500);
  });
});

describe('event value suggestions', () => {
  it('aggregates one filter over the same scope and time range, prefix ignoring case', async () => {
    const { router, client } = setup();
    await client.create({ ...lumosBody, namespace: 'default' });
    const search = jest.fn(async () => ({
      hits: { hits: [] },
      aggregations: {
        values: {
          buckets: [
            { key: 'USER_LOGIN', doc_count: 3 },
            { key: 'USER_LOGOUT', doc_count: 1 },
          ],
        },
      },
    }));
    const route = router.getRoute('get', ROUTES.eventSuggestions);
    const response = await callRoute(
      route,
      { query: { field: 'action', prefix: 'user_l', action: 'x', from: 'now-30d' } },
      contextWith({ search })
    );
    expect(response.payload).toEqual({ values: ['USER_LOGIN', 'USER_LOGOUT'] });
    expect(search).toHaveBeenCalledWith(
      expect.objectContaining({
        index: 'logs-lumos.activity_logs-default',
        size: 0,
        aggs: {
          values: {
            terms: { field: 'event.action', size: 10, include: '[uU][sS][eE][rR]\\_[lL].*' },
          },
        },
        // The action filter itself is left out, or it would suggest only what is typed.
        query: { bool: { filter: [{ range: { '@timestamp': { gte: 'now-30d', lte: 'now' } } }] } },
      })
    );
    const users = await callRoute(
      route,
      { query: { field: 'user', scope: 'all' } },
      contextWith({ search })
    );
    expect(users.status).toBe(200);
    expect(search).toHaveBeenLastCalledWith(
      expect.objectContaining({
        aggs: { values: { terms: { field: 'related.user', size: 10 } } },
      })
    );
    const bad = await callRoute(route, { query: { field: 'message' } }, contextWith({ search }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.payload)).toContain('field');
  });
});

describe('event document', () => {
  const index = '.ds-logs-lumos.activity_logs-default-2026.01.01-000001';

  it('reads the hit from its index as the current user', async () => {
    const { router } = setup();
    const document = { '@timestamp': '2026-01-01T00:00:00Z', event: { action: 'LOGIN' } };
    const get = jest.fn(async () => ({ _index: index, _id: 'a', found: true, _source: document }));
    const response = await callRoute(
      router.getRoute('get', ROUTES.eventDocument),
      { query: { index, id: 'a' } },
      contextWith({ get })
    );
    expect(response.payload).toEqual({ index, id: 'a', document });
    expect(get).toHaveBeenCalledWith({ index, id: 'a' }, { ignore: [404] });
  });

  it('passes 403 and 404 on as such, never 401, and reads only our indices', async () => {
    const { router } = setup();
    const get = jest.fn();
    const route = router.getRoute('get', ROUTES.eventDocument);
    const context = contextWith({ get });
    get.mockResolvedValueOnce({ _index: index, _id: 'gone', found: false });
    const missing = await callRoute(route, { query: { index, id: 'gone' } }, context);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.payload)).toContain('gone');

    get.mockRejectedValueOnce(
      esError(403, { type: 'security_exception', reason: 'unauthorized' }, 'security_exception')
    );
    expect((await callRoute(route, { query: { index, id: 'a' } }, context)).status).toBe(403);

    get.mockRejectedValueOnce(
      esError(401, { type: 'security_exception', reason: 'unable to authenticate' })
    );
    const unauthenticated = await callRoute(route, { query: { index, id: 'a' } }, context);
    expect(unauthenticated.status).not.toBe(401);

    for (const other of ['.kibana', '.security-7', 'logs-other-default', '*']) {
      const refused = await callRoute(route, { query: { index: other, id: 'a' } }, context);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.payload)).toContain('index: must be an index of');
    }
    expect(get).toHaveBeenCalledTimes(3);
  });
});
