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
    expect(JSON.stringify(namespace.payload)).toContain('namespace: Namespace must be lowercase');
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
