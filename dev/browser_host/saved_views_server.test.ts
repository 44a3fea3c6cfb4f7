import path from 'node:path';
import { buildPlugin } from '../../scripts/build';
import { ROUTES } from '../../common/api/routes';
import { SAVED_VIEW_DEFINITIONS, type SavedViewsResponse } from '../../common/api/saved_views';
import { createTestEsClient, testEsConnection } from '../es/test_es';
import { startKibanaHost, type KibanaHost } from '../kibana_host/host';
import { callHost, createKibanaUser } from '../kibana_host/test_helpers';

/*
 * The saved-views routes of the BUILT plugin in the Kibana host, writing real `index-pattern` and
 * `search` saved objects (the host's stand-ins for Kibana's types, with the 9.4 create schema of
 * `search` enforced) as the calling user; and the saved-objects HTTP API subset the browser host's
 * dataViews and Discover stand-ins use.
 */
describe('saved views through the Kibana host', () => {
  let host: KibanaHost;
  const admin = createTestEsClient();
  const es = testEsConnection();
  const superuser = { username: es.username, password: es.password };
  const body = {
    dataViews: [
      { source: 'lumos', id: 'audit-sources-lumos' },
      { source: 'closer', id: 'audit-sources-closer' },
    ],
  };

  beforeAll(async () => {
    const built = await buildPlugin({
      skipArchive: true,
      outDir: path.join(__dirname, '../../.tmp/plugin-saved-views'),
    });
    host = await startKibanaHost({
      esUrl: es.url,
      esUsername: es.username,
      esPassword: es.password,
      pluginDir: built.pluginDir,
      config: {
        xpack: { encryptedSavedObjects: { encryptionKey: 'a-test-encryption-key-of-32-chars!!' } },
      },
      logSink: () => undefined,
      indexPrefix: `.kibana_host_views_${Date.now().toString(36)}`,
    });
  }, 300_000);
  afterAll(async () => {
    await host?.stop();
    await admin.close();
  });

  it('creates the data views and saved searches once, idempotently, and lists them', async () => {
    const before = await callHost<SavedViewsResponse>(host.url, ROUTES.savedViews, {
      as: superuser,
    });
    expect(before.status).toBe(200);
    expect(before.body.views.every((view) => !view.exists)).toBe(true);
    expect(before.body.dataViews.every((dataView) => !dataView.exists)).toBe(true);

    const first = await callHost<SavedViewsResponse>(host.url, ROUTES.savedViews, {
      as: superuser,
      method: 'POST',
      body,
    });
    expect(first.status).toBe(200);
    const second = await callHost<SavedViewsResponse>(host.url, ROUTES.savedViews, {
      as: superuser,
      method: 'POST',
      body,
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body.views.map((view) => [view.id, view.exists])).toEqual(
      SAVED_VIEW_DEFINITIONS.map((definition) => [definition.id, true])
    );

    const listed = await callHost<SavedViewsResponse>(host.url, ROUTES.savedViews, {
      as: superuser,
    });
    expect(listed.body).toEqual(first.body);

    // The stored objects, read back the way the Discover stand-in does.
    const search = await callHost<{
      attributes: { title: string; tabs: Array<{ attributes: Record<string, unknown> }> };
      references: unknown[];
      namespaces: string[];
    }>(host.url, '/api/saved_objects/search/audit-sources-closer-logins', { as: superuser });
    expect(search.status).toBe(200);
    expect(search.body.attributes.title).toBe('Closer: logins');
    expect(search.body.attributes.tabs[0].attributes.kibanaSavedObjectMeta).toEqual({
      searchSourceJSON: JSON.stringify({
        query: { language: 'kuery', query: 'event.category:"authentication"' },
        filter: [],
        indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.index',
      }),
    });
    expect(search.body.references).toEqual([
      {
        type: 'index-pattern',
        id: 'audit-sources-closer',
        name: 'kibanaSavedObjectMeta.searchSourceJSON.index',
      },
    ]);
    expect(search.body.namespaces).toEqual(['default']);
    const dataView = await callHost<{ attributes: Record<string, unknown> }>(
      host.url,
      '/api/saved_objects/index-pattern/audit-sources-lumos',
      { as: superuser }
    );
    expect(dataView.body.attributes).toMatchObject({
      title: 'logs-lumos.activity_logs-*',
      timeFieldName: '@timestamp',
    });

    // The HTTP API keeps Kibana's semantics: creating an existing id without overwrite is a 409.
    const again = await callHost<{ message: string }>(
      host.url,
      '/api/saved_objects/index-pattern/audit-sources-lumos',
      { as: superuser, method: 'POST', body: { attributes: { title: 'x' } } }
    );
    expect(again.status).toBe(409);
  });

  it('refuses a read-only user: POST needs the write privilege', async () => {
    const reader = await createKibanaUser(admin, ['feature_auditSources.read']);
    const post = await callHost<{ message: string }>(host.url, ROUTES.savedViews, {
      as: reader,
      method: 'POST',
      body,
    });
    expect(post.status).toBe(403);
    expect(post.body.message).toContain('auditSources-write');
    // GET passes the route's authz; reading `search` objects is Discover's privilege, which this
    // user lacks: the saved-objects client refuses, with its message.
    const get = await callHost<{ message: string }>(host.url, ROUTES.savedViews, { as: reader });
    expect(get.status).toBe(403);
    expect(get.body.message).toBe('Unable to bulk_get search');
  });

  it('answers 400 naming the field for a bad body', async () => {
    const response = await callHost<{ message: string }>(host.url, ROUTES.savedViews, {
      as: superuser,
      method: 'POST',
      body: { dataViews: [{ source: 'slack', id: 'x' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('dataViews');
  });
});
