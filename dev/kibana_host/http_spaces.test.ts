/*
 * Spaces on the host's HTTP side: the `/s/<id>` prefix (spaces' on_request_interceptor.ts), what
 * route handlers see of it (url, rewrittenUrl, space, base path), 404 for bad and unknown spaces,
 * the `/app` checks of on_post_auth_interceptor.ts for pages, and privileges checked at the
 * request's space (check_privileges.ts atSpace) — against the real Elasticsearch of the run.
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { RequestHandlerContext } from '@kbn/core/server';
import { schema } from '@kbn/config-schema';
import { createTestEsClient, testEsConnection } from '../es/test_es';
import { createClusterClient, type HostClusterClient } from './es/cluster_client';
import { startFixtureHost } from './host_fixture';
import { hostBasePath } from './http/base_path';
import { Router } from './http/router';
import { HttpServer, SPACE_SELECTOR_PATH, type PageRequestSpace } from './http/server';
import { addSpaceIdToPath, parseSpacePrefix } from './http/spaces_url';
import { createLoggerFactory } from './logging/logger';
import { Authenticator } from './security/authc';
import { checkPrivileges, isSuperuser, KIBANA_APPLICATION } from './security/privileges';
import { getRequestSpace } from './spaces/request_space';
import { callHost, captureLogs, createKibanaUser, spacePath } from './test_helpers';

describe('spaces URL parsing (spaces_url_parser.ts)', () => {
  it('reads /s/<id> and rewrites the path, default space otherwise', () => {
    expect(parseSpacePrefix('/s/a/api/x')).toEqual({
      valid: true,
      spaceId: 'a',
      explicit: true,
      pathname: '/api/x',
      spaceBasePath: '/s/a',
    });
    expect(parseSpacePrefix('/s/a')).toMatchObject({ spaceId: 'a', pathname: '/' });
    expect(parseSpacePrefix('/s/default/app/x')).toMatchObject({
      spaceId: 'default',
      explicit: true,
      pathname: '/app/x',
      spaceBasePath: '/s/default',
    });
    expect(parseSpacePrefix('/api/x')).toMatchObject({
      spaceId: 'default',
      explicit: false,
      pathname: '/api/x',
      spaceBasePath: '',
    });
    expect(parseSpacePrefix('/kbn/s/b/app', '/kbn')).toMatchObject({
      spaceId: 'b',
      pathname: '/app',
    });
    expect(parseSpacePrefix('/s/Foo/api/x')).toEqual({ valid: false, segment: 'Foo' });
    expect(parseSpacePrefix('/s/a.b/api/x')).toEqual({ valid: false, segment: 'a.b' });
    expect(parseSpacePrefix('/s/')).toMatchObject({ valid: true, pathname: '/s/' });
  });

  it('adds the prefix except for the default space (addSpaceIdToPath)', () => {
    expect(addSpaceIdToPath('', 'a', '/app/x')).toBe('/s/a/app/x');
    expect(addSpaceIdToPath('', 'default', '/app/x')).toBe('/app/x');
    expect(addSpaceIdToPath('/kbn/s/b', 'a', '/app/x')).toBe('/kbn/s/a/app/x');
    expect(addSpaceIdToPath('/', 'default')).toBe('/');
    expect(spacePath('a', '/internal/x')).toBe('/s/a/internal/x');
    expect(spacePath('default', '/internal/x')).toBe('/internal/x');
    expect(spacePath(undefined, '/internal/x')).toBe('/internal/x');
  });
});

describe('HttpServer with spaces', () => {
  const es = testEsConnection();
  const admin = createTestEsClient();
  const superuser = { username: es.username, password: es.password };
  const privilegeName = `feature_httpSpaces${randomBytes(3).toString('hex')}.read`;
  const apiPrivilege = `httpSpaces-${randomBytes(3).toString('hex')}`;
  const logs = captureLogs();
  const pages: Array<{ url: string; space: PageRequestSpace }> = [];
  const knownSpaces = new Set(['a', 'b']);
  let cluster: HostClusterClient;
  let server: HttpServer;
  let url: string;
  let userInA: { username: string; password: string };

  beforeAll(async () => {
    // A privilege of this file's own (no base privileges touched: other files share the cluster).
    await admin.security.putPrivileges({
      privileges: {
        [KIBANA_APPLICATION]: {
          [privilegeName]: { actions: ['login:', `api:${apiPrivilege}`], metadata: {} },
        },
      },
      refresh: 'wait_for',
    });
    userInA = await createKibanaUser(admin, [privilegeName], 'khspace', { spaces: ['a'] });
    cluster = createClusterClient(es.url, { url: es.url, ...superuser });
    const authenticator = new Authenticator(cluster);
    server = new HttpServer({
      logger: createLoggerFactory(logs.sink, 'debug').get('http'),
      authenticator,
      checkPrivileges: (request, actions) => checkPrivileges(cluster, request, actions),
      isSuperuser: (request) => isSuperuser(cluster, request),
      createContext: () => ({}) as unknown as RequestHandlerContext,
      status: () => ({ status: 'ok' }),
      spaceExists: async (spaceId) => knownSpaces.has(spaceId),
      pageHandler: (req: IncomingMessage, res, space) => {
        if (!req.url?.startsWith('/app') && req.url !== '/logout') return false;
        pages.push({ url: req.url, space });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('page');
        return true;
      },
    });
    const router = new Router('', (route) => server.register(route));
    router.get(
      {
        path: '/internal/spaces_test/echo/{id}',
        validate: {
          params: schema.object({ id: schema.string({ minLength: 2 }) }),
          query: schema.object({ q: schema.maybe(schema.string()) }),
        },
        security: { authz: { requiredPrivileges: [apiPrivilege] } },
      },
      async (_ctx, request, res) =>
        res.ok({
          body: {
            url: `${request.url.pathname}${request.url.search}`,
            rewrittenUrl: request.rewrittenUrl
              ? `${request.rewrittenUrl.pathname}${request.rewrittenUrl.search}`
              : null,
            routePath: request.route.path,
            space: getRequestSpace(request),
            basePath: hostBasePath.get(request),
            params: request.params,
          },
        })
    );
    router.get(
      {
        path: '/api/spaces_test/open',
        validate: false,
        security: { authz: { enabled: false, reason: 'test' } },
        options: { access: 'public' },
      },
      async (_ctx, request, res) => res.ok({ body: { space: getRequestSpace(request) } })
    );
    url = await server.listen(0);
  });
  afterAll(async () => {
    await server.close();
    await cluster.close();
    await admin.close();
  });

  const echo = (path: string, options: Parameters<typeof callHost>[2] = {}) =>
    callHost<Record<string, unknown>>(url, path, { as: superuser, ...options });

  it('handles /s/<id>/<rest> as /<rest> in space <id>, as the handler sees it', async () => {
    expect(await echo('/internal/spaces_test/echo/xy?q=1', { space: 'a' })).toMatchObject({
      status: 200,
      body: {
        url: '/internal/spaces_test/echo/xy?q=1',
        rewrittenUrl: '/s/a/internal/spaces_test/echo/xy?q=1',
        routePath: '/internal/spaces_test/echo/{id}',
        space: 'a',
        basePath: '/s/a',
        params: { id: 'xy' },
      },
    });
    expect((await echo('/internal/spaces_test/echo/xy')).body).toMatchObject({
      url: '/internal/spaces_test/echo/xy',
      rewrittenUrl: null,
      space: 'default',
      basePath: '',
    });
    // `/s/default` is rewritten too and keeps its base path (on_request_interceptor.ts).
    expect((await echo('/s/default/internal/spaces_test/echo/xy')).body).toMatchObject({
      url: '/internal/spaces_test/echo/xy',
      rewrittenUrl: '/s/default/internal/spaces_test/echo/xy',
      space: 'default',
      basePath: '/s/default',
    });
    expect((await echo('/api/spaces_test/open', { space: 'b', internal: false })).body).toEqual({
      space: 'b',
    });
    expect((await echo('/s/a/api/status')).status).toBe(200);
  });

  it('validates and reports errors with the rewritten path', async () => {
    const invalid = await echo('/internal/spaces_test/echo/x', { space: 'a' });
    expect(invalid).toMatchObject({
      status: 400,
      body: {
        message:
          '[request params.id]: value has length [1] but it must have a minimum length of [2].',
      },
    });
    const external = await echo('/internal/spaces_test/echo/xy', { space: 'a', internal: false });
    expect(external.body).toMatchObject({
      message:
        'uri [/internal/spaces_test/echo/xy] with method [get] exists but is not available with the current configuration',
    });
  });

  it('answers 404 for a bad space id; routes run in a space that does not exist, as in Kibana', async () => {
    for (const path of [
      '/s/A/internal/spaces_test/echo/xy',
      '/s/a.b/internal/spaces_test/echo/xy',
      '/s/a%20b/internal/spaces_test/echo/xy',
    ]) {
      expect(await echo(path)).toMatchObject({
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'Not Found' },
      });
    }
    // Kibana's spaces plugin checks that a space exists only for application pages
    // (on_post_auth_interceptor.ts); an API route runs, and its saved objects find nothing.
    expect((await echo('/internal/spaces_test/echo/xy', { space: 'nope' })).status).toBe(200);
    expect((await echo('/api/status', { space: 'nope' })).status).toBe(200);
    expect(
      (await echo('/internal/spaces_test/echo/xy', { space: 'nope', as: undefined })).status
    ).toBe(401);
  });

  it('checks route privileges at the request space', async () => {
    expect(await echo('/internal/spaces_test/echo/xy', { as: userInA, space: 'a' })).toMatchObject({
      status: 200,
      body: { space: 'a' },
    });
    for (const space of [undefined, 'default', 'b']) {
      const denied = await echo('/internal/spaces_test/echo/xy?q=1', { as: userInA, space });
      expect(denied).toMatchObject({
        status: 403,
        body: {
          statusCode: 403,
          error: 'Forbidden',
          message: `API [GET /internal/spaces_test/echo/xy?q=1] is unauthorized for user, this action is granted by the Kibana privileges [${apiPrivilege}]`,
        },
      });
    }
    const role = await admin.security.getRole({ name: userInA.username });
    expect(role[userInA.username].applications).toEqual([
      { application: KIBANA_APPLICATION, privileges: [privilegeName], resources: ['space:a'] },
    ]);
  });

  it('hands pages the rewritten URL and their space; /app needs login: at the space', async () => {
    pages.length = 0;
    expect((await echo('/app/x?y=1', { space: 'a' })).status).toBe(200);
    expect((await echo('/app/x')).status).toBe(200);
    expect((await echo('/s/default/logout')).status).toBe(200);
    expect(pages).toEqual([
      { url: '/app/x?y=1', space: { spaceId: 'a', basePath: '/s/a' } },
      { url: '/app/x', space: { spaceId: 'default', basePath: '' } },
      { url: '/logout', space: { spaceId: 'default', basePath: '/s/default' } },
    ]);

    // Kibana's spaces onPostAuth for /app: login: at the space (403), then the space (302).
    expect((await echo('/app/x', { as: userInA, space: 'a' })).status).toBe(200);
    expect(await echo('/app/x', { as: userInA, space: 'b' })).toMatchObject({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: 'Forbidden' },
    });
    expect((await echo('/app/x', { as: userInA })).status).toBe(403);
    const unknown = await fetch(`${url}/s/nope/app/x`, {
      redirect: 'manual',
      headers: {
        authorization: `Basic ${Buffer.from(`${superuser.username}:${superuser.password}`).toString('base64')}`,
      },
    });
    expect(unknown.status).toBe(302);
    expect(unknown.headers.get('location')).toBe(SPACE_SELECTOR_PATH);
    // Not /app: no space checks (the logout page must work for anyone signed in).
    expect((await echo('/logout', { as: userInA, space: 'b' })).status).toBe(200);
    expect((await callHost(url, '/app/x', { space: 'a' })).status).toBe(401);
  });
});

describe('fixture host: feature privileges per space', () => {
  let ctx: Awaited<ReturnType<typeof startFixtureHost>>;
  let readerInA: { username: string; password: string };
  let readerEverywhere: { username: string; password: string };
  let legacyReader: { username: string; password: string };

  beforeAll(async () => {
    ctx = await startFixtureHost();
    [readerInA, readerEverywhere, legacyReader] = await Promise.all([
      createKibanaUser(ctx.admin, ['feature_hostFixture.read'], 'khina', { spaces: ['a'] }),
      createKibanaUser(ctx.admin, ['feature_hostFixture.read'], 'khall', { spaces: ['*'] }),
      createKibanaUser(ctx.admin, ['feature_hostFixture.read']),
    ]);
  });
  afterAll(async () => {
    await ctx.host.stop();
    await ctx.admin.close();
  });

  const me = (as: { username: string; password: string }, space?: string) =>
    callHost(ctx.host.url, '/internal/host_fixture/me', { as, space });

  it('grants the feature only in the spaces of the role', async () => {
    expect((await me(readerInA, 'a')).status).toBe(200);
    for (const space of [undefined, 'b']) {
      expect(await me(readerInA, space)).toMatchObject({
        status: 403,
        body: {
          message:
            'API [GET /internal/host_fixture/me] is unauthorized for user, this action is granted by the Kibana privileges [hostFixture-read]',
        },
      });
    }
    for (const space of [undefined, 'a', 'b']) {
      expect((await me(readerEverywhere, space)).status).toBe(200);
    }
    // The existing callers: createKibanaUser without options grants at the default space.
    expect((await me(legacyReader)).status).toBe(200);
    expect((await me(legacyReader, 'a')).status).toBe(403);
  });
});
