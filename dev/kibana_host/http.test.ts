import { createTestEsClient, testEsConnection } from '../es/test_es';
import { startKibanaHost } from './host';
import { startFixtureHost } from './host_fixture';
import { callHost, createKibanaUser } from './test_helpers';

describe('kibana host: http, authn and authz', () => {
  let ctx: Awaited<ReturnType<typeof startFixtureHost>>;
  let reader: { username: string; password: string };
  let writer: { username: string; password: string };
  let nobody: { username: string; password: string };

  beforeAll(async () => {
    ctx = await startFixtureHost();
    [reader, writer, nobody] = await Promise.all([
      createKibanaUser(ctx.admin, ['feature_hostFixture.read']),
      createKibanaUser(ctx.admin, ['feature_hostFixture.all']),
      createKibanaUser(ctx.admin, []),
    ]);
  });
  afterAll(async () => {
    await ctx.host.stop();
    await ctx.admin.close();
  });

  const call = (path: string, options: Parameters<typeof callHost>[2] = {}) =>
    callHost(ctx.host.url, path, { as: ctx.superuser, ...options });

  it('loads the plugin with its validated config and the current user', async () => {
    const { status, body } = await call('/internal/host_fixture/me', { as: reader });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      user: { username: reader.username, authentication_realm: { type: 'native' } },
      config: { greeting: 'hey', enabled: true },
    });
    expect(ctx.logs.records.some((r) => r.message === 'fixture started')).toBe(true);
  });

  it('answers 400 naming the invalid field, for schemas and validation functions', async () => {
    const noName = await call('/internal/host_fixture/validate/abc', { method: 'POST', body: {} });
    expect(noName).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: '[request body.name]: expected value of type [string] but got [undefined]',
      },
    });
    const shortId = await call('/internal/host_fixture/validate/ab', {
      method: 'POST',
      body: { name: 'x' },
    });
    expect(shortId.body).toMatchObject({
      message:
        '[request params.id]: value has length [2] but it must have a minimum length of [3].',
    });
    const query = await call('/internal/host_fixture/validate/abc?count=0', {
      method: 'POST',
      body: { name: 'x' },
    });
    expect(query.body).toMatchObject({
      message: '[request query.count]: Value must be equal to or greater than [1].',
    });
    const extra = await call('/internal/host_fixture/validate/abc', {
      method: 'POST',
      body: { name: 'x', oops: 1 },
    });
    expect(extra.body).toMatchObject({
      message: '[request body.oops]: definition for this key is missing',
    });
    const ok = await call('/internal/host_fixture/validate/abc?count=2', {
      method: 'POST',
      body: { name: 'x' },
    });
    expect(ok).toMatchObject({
      status: 200,
      body: { params: { id: 'abc' }, query: { count: 2 }, body: { name: 'x', tags: [] } },
    });

    const odd = await call('/internal/host_fixture/even', { method: 'POST', body: { n: 3 } });
    expect(odd).toMatchObject({
      status: 400,
      body: { message: '[request body.n]: n must be even' },
    });
    expect(
      (await call('/internal/host_fixture/even', { method: 'POST', body: { n: 4 } })).body
    ).toEqual({ n: 4 });
  });

  it('enforces xsrf and the internal-origin header like Kibana 9', async () => {
    const noXsrf = await call('/internal/host_fixture/even', {
      method: 'POST',
      body: { n: 2 },
      xsrf: false,
    });
    expect(noXsrf).toMatchObject({
      status: 400,
      body: { message: 'Request must contain a kbn-xsrf header.' },
    });
    const withVersion = await call('/internal/host_fixture/even', {
      method: 'POST',
      body: { n: 2 },
      xsrf: false,
      headers: { 'kbn-version': '9.4.3' },
    });
    expect(withVersion.status).toBe(200);
    expect(
      (await call('/internal/host_fixture/no_xsrf', { method: 'POST', xsrf: false })).status
    ).toBe(204);

    const external = await call('/internal/host_fixture/me', { internal: false });
    expect(external).toMatchObject({
      status: 400,
      body: {
        message:
          'uri [/internal/host_fixture/me] with method [get] exists but is not available with the current configuration',
      },
    });
    const publicRoute = await call('/api/host_fixture/public/bob', { internal: false });
    expect(publicRoute).toMatchObject({ status: 200, body: { name: 'bob' } });
    expect((await call('/api/host_fixture/public', { internal: false })).body).toEqual({
      name: null,
    });
    expect((await call('/api/nothing/here')).status).toBe(404);
  });

  it('answers 401 without valid credentials and authenticates API keys', async () => {
    const anonymous = await callHost(ctx.host.url, '/internal/host_fixture/me');
    expect(anonymous).toMatchObject({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' },
    });
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    const wrong = await call('/internal/host_fixture/me', {
      as: { username: reader.username, password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect((await callHost(ctx.host.url, '/api/status')).status).toBe(401);
    expect((await call('/api/status')).body).toMatchObject({ version: { number: '9.4.3' } });

    const key = await ctx.admin.security.createApiKey({ name: 'kibana-host-http-test' });
    const asKey = await call('/internal/host_fixture/me', { as: { apiKey: key.encoded } });
    expect(asKey).toMatchObject({
      status: 200,
      body: { user: { authentication_type: 'api_key' } },
    });
    await ctx.admin.security.invalidateApiKey({ ids: [key.id] });
  });

  it('authorizes routes with the feature privileges registered in Elasticsearch', async () => {
    const privileges = await ctx.admin.security.getPrivileges({
      application: 'kibana-.kibana',
      name: 'feature_hostFixture.read',
    });
    expect(privileges['kibana-.kibana']['feature_hostFixture.read'].actions).toEqual(
      expect.arrayContaining([
        'login:',
        'api:hostFixture-read',
        'saved_object:host-fixture-secret/get',
        'ui:hostFixture/show',
      ])
    );
    expect((await call('/internal/host_fixture/me', { as: reader })).status).toBe(200);
    const denied = await call('/internal/host_fixture/tasks/x', {
      method: 'POST',
      body: {},
      as: reader,
    });
    expect(denied).toMatchObject({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message:
          'API [POST /internal/host_fixture/tasks/x] is unauthorized for user, this action is granted by the Kibana privileges [hostFixture-write]',
      },
    });
    // Authorization runs before validation, as in Kibana's onPostAuth.
    expect(
      (await call('/internal/host_fixture/validate/a', { method: 'POST', as: nobody })).status
    ).toBe(403);
    const created = await call('/internal/host_fixture/secrets', {
      method: 'POST',
      as: writer,
      body: { name: 'w', secret: 's' },
    });
    expect(created.status).toBe(200);
  });

  it('shapes responses like KibanaResponseFactory and hides thrown errors', async () => {
    expect(await call('/internal/host_fixture/respond/conflict')).toMatchObject({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'taken', attributes: { field: 'name' } },
    });
    expect(await call('/internal/host_fixture/respond/custom')).toMatchObject({
      status: 418,
      body: { statusCode: 418, message: 'teapot' },
    });
    expect((await call('/internal/host_fixture/respond/notFound')).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Not Found',
    });
    expect(await call('/internal/host_fixture/respond/accepted')).toMatchObject({
      status: 202,
      body: { queued: true },
    });

    const thrown = await call('/internal/host_fixture/throw');
    expect(thrown).toMatchObject({
      status: 500,
      body: {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'An internal server error occurred.',
      },
    });
    expect(JSON.stringify(thrown.body)).not.toContain('hunter2');
    expect(
      ctx.logs.records.some((r) => r.message === '500 Server Error' && r.log.level === 'ERROR')
    ).toBe(true);

    const es401 = await call('/internal/host_fixture/es401');
    expect(es401.status).toBe(401);
  });

  it('grants and invalidates API keys for a basic-auth user', async () => {
    const { status, body } = await callHost<{
      enabled: boolean;
      granted: { id: string; name: string; api_key: string };
    }>(ctx.host.url, '/internal/host_fixture/api_keys', { method: 'POST', as: writer });
    expect(status).toBe(200);
    expect(body.enabled).toBe(true);
    expect(body.granted.name).toBe('host-fixture');
    const encoded = Buffer.from(`${body.granted.id}:${body.granted.api_key}`).toString('base64');
    const asKey = await callHost(ctx.host.url, '/internal/host_fixture/me', {
      as: { apiKey: encoded },
    });
    expect(asKey).toMatchObject({
      status: 200,
      body: { user: { username: writer.username, authentication_type: 'api_key' } },
    });
    const info = await ctx.admin.security.getApiKey({ id: body.granted.id });
    expect(info.api_keys[0]).toMatchObject({
      username: writer.username,
      metadata: { fixture: true },
    });

    const invalidated = await callHost(
      ctx.host.url,
      `/internal/host_fixture/api_keys/${body.granted.id}`,
      { method: 'DELETE', as: writer }
    );
    expect(invalidated.body).toMatchObject({
      invalidated_api_keys: [body.granted.id],
      error_count: 0,
    });
    const es = createTestEsClient();
    const { Client } = await import('@elastic/elasticsearch');
    const keyClient = new Client({ node: testEsConnection().url, auth: { apiKey: encoded } });
    await expect(keyClient.security.authenticate()).rejects.toMatchObject({
      meta: { statusCode: 401 },
    });
    await Promise.all([keyClient.close(), es.close()]);
    // The secret itself never reaches the logs.
    expect(ctx.logs.text()).not.toContain(body.granted.api_key);
  });

  it('refuses to start a plugin whose config does not validate', async () => {
    const es = testEsConnection();
    await expect(
      startKibanaHost({
        esUrl: es.url,
        esUsername: es.username,
        esPassword: es.password,
        pluginDir: ctx.pluginDir,
        config: { host_fixture: { greeting: 'x' } },
        logSink: () => undefined,
        indexPrefix: `${ctx.indexPrefix}_bad`,
      })
    ).rejects.toThrow(
      '[config validation of [host_fixture].greeting]: value has length [1] but it must have a minimum length of [2].'
    );
  });
});
