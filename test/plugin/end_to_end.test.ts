import path from 'node:path';
import { buildPlugin } from '../../scripts/build';
import { createTestEsClient, testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import { startKibanaHost, type KibanaHost } from '../../dev/kibana_host/host';
import {
  callHost,
  captureLogs,
  createKibanaUser,
  waitFor,
} from '../../dev/kibana_host/test_helpers';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { generateCorpus } from '../../dev/closer_corpus/generator';
import { corpusIndexPattern, seedCorpus } from '../../dev/closer_corpus/seed';
import { TEST_ALLOWED_HOSTS } from '../../server/__mocks__/outbound';

const TOKEN = 'lsk_smokeTestToken_0123456789';

/*
 * The built plugin in the test Kibana host against the jest run's Elasticsearch: both sources
 * end to end, the lifecycle routes, authz and secret hygiene. The other suites here go deeper:
 * restart mid-backfill, disable/delete, secrets everywhere, authorization.
 */
describe('plugin end to end (built plugin in the Kibana host)', () => {
  let host: KibanaHost;
  let lumos: LumosSimulator;
  const logs = captureLogs();
  const admin = createTestEsClient();
  const es = testEsConnection();
  const superuser = { username: es.username, password: es.password };
  // The cluster is shared by every suite: our events are the ones in our own namespace.
  const namespace = uniqueNamespace('smoke');

  beforeAll(async () => {
    const built = await buildPlugin({
      skipArchive: true,
      outDir: path.join(__dirname, '../../.tmp/plugin-e2e'),
    });
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 300, start: Date.now() - 3 * 86_400_000 },
    });
    host = await startKibanaHost({
      esUrl: es.url,
      esUsername: es.username,
      esPassword: es.password,
      pluginDir: built.pluginDir,
      config: {
        // The simulator and Closer's index are on loopback, which the default refuses.
        audit_sources: { allowedHosts: [...TEST_ALLOWED_HOSTS] },
        xpack: { encryptedSavedObjects: { encryptionKey: 'a-test-encryption-key-of-32-chars!!' } },
      },
      taskPollIntervalMs: 300,
      logSink: logs.sink,
      logLevel: 'debug',
      indexPrefix: `.kibana_host_e2e_${Date.now().toString(36)}`,
    });
  }, 300_000);
  afterAll(async () => {
    await host?.stop();
    await lumos?.stop();
    await admin.close();
  });

  it('polls Lumos and Closer into their data streams, honours authz and keeps secrets out of everything', async () => {
    const created = await callHost<{ id: string }>(host.url, '/internal/audit_sources/connectors', {
      method: 'POST',
      as: superuser,
      body: {
        kind: 'lumos',
        name: 'Smoke',
        enabled: true,
        interval: '1h',
        namespace,
        settings: { baseUrl: lumos.url, initialWindow: '7d' },
        secrets: { apiToken: TOKEN },
      },
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const health = await waitFor(
      async () => {
        const r = await callHost<{ status: string; lastRunAt?: string }>(
          host.url,
          `/internal/audit_sources/connectors/${id}/health`,
          { as: superuser }
        );
        return r.body.lastRunAt ? r.body : undefined;
      },
      { timeoutMs: 60_000, what: 'first run' }
    );
    expect(health).toMatchObject({ status: 'healthy', totals: { written: 300 } });
    const nobody = await createKibanaUser(admin, []);
    const denied = await callHost(host.url, '/internal/audit_sources/connectors', { as: nobody });
    expect(denied.status).toBe(403);
    expect(logs.text()).not.toContain(TOKEN);

    // Closer, against a seeded index in the same cluster, with basic auth.
    const prefix = `closer-smoke-${Date.now()}`;
    const corpus = generateCorpus({
      count: 200,
      start: Date.now() - 7200_000,
      spanMs: 3600_000,
      seed: 7,
    });
    await seedCorpus({ url: es.url, username: es.username, password: es.password }, prefix, corpus);
    const test = await callHost<{ ok: boolean; message: string }>(
      host.url,
      '/internal/audit_sources/connectors/_test',
      {
        method: 'POST',
        as: superuser,
        body: {
          kind: 'closer',
          settings: {
            url: es.url,
            authType: 'basic',
            username: es.username,
            index: corpusIndexPattern(prefix),
          },
          secrets: { password: es.password },
        },
      }
    );
    expect(test.body.ok).toBe(true);
    const closer = await callHost<{ id: string }>(host.url, '/internal/audit_sources/connectors', {
      method: 'POST',
      as: superuser,
      body: {
        kind: 'closer',
        name: 'Closer smoke',
        enabled: true,
        interval: '1h',
        namespace,
        settings: {
          url: es.url,
          authType: 'basic',
          username: es.username,
          index: corpusIndexPattern(prefix),
        },
        secrets: { password: es.password },
      },
    });
    expect(closer.status).toBe(200);
    const closerHealth = await waitFor(
      async () => {
        const r = await callHost<{ lastRunAt?: string; totals: { written: number } }>(
          host.url,
          `/internal/audit_sources/connectors/${closer.body.id}/health`,
          { as: superuser }
        );
        return r.body.lastRunAt ? r.body : undefined;
      },
      { timeoutMs: 60_000, what: 'closer run' }
    );
    expect(closerHealth.totals.written).toBe(200);
    await admin.indices.refresh({ index: 'logs-*' });
    const events = await callHost<{ total: number; events: Array<{ source: string }> }>(
      host.url,
      `/internal/audit_sources/events?from=now-30d&perPage=100&namespace=${namespace}`,
      { as: superuser }
    );
    expect(events.body.total).toBe(500);
    expect(new Set(events.body.events.map((e) => e.source))).toEqual(new Set(['lumos', 'closer']));

    // Disable removes the task; delete removes everything.
    const off = await callHost(host.url, `/internal/audit_sources/connectors/${id}`, {
      method: 'PUT',
      as: superuser,
      body: { kind: 'lumos', enabled: false },
    });
    expect(off.status).toBe(200);
    const run = await callHost(host.url, `/internal/audit_sources/connectors/${id}/_run`, {
      method: 'POST',
      as: superuser,
    });
    expect(run.status).toBe(409);
    const del = await callHost(host.url, `/internal/audit_sources/connectors/${id}`, {
      method: 'DELETE',
      as: superuser,
    });
    expect(del.status).toBe(204);

    // Secrets nowhere in Elasticsearch (every index, hidden and system ones included).
    await admin.indices.refresh({ index: '*', expand_wildcards: 'all' }).catch(() => undefined);
    // Raw _source of every document (task and saved-object indices included), not a search:
    // unindexed fields would hide a secret from a query.
    const { hits } = await admin.search({
      index: '.kibana_host_e2e*,logs-*',
      expand_wildcards: 'all',
      size: 10_000,
    });
    expect(hits.hits.length).toBeGreaterThan(500);
    const everything = JSON.stringify(hits.hits);
    expect(everything).not.toContain(TOKEN);
    expect(logs.text()).not.toContain(TOKEN);
  });
});
