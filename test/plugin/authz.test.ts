import { uniqueNamespace } from '../../dev/es/test_es';
import { KIBANA_APPLICATION } from '../../dev/kibana_host/security/privileges';
import { createKibanaUser } from '../../dev/kibana_host/test_helpers';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_authz_${Date.now().toString(36)}`;

/*
 * Who may do what, through the HTTP API with real Elasticsearch users: the feature's `read`
 * privilege reads but writes nothing, no feature privilege reads nothing, and a user with the
 * feature but without index privileges gets connectors whose runs fail with a readable 403
 * (the writer API key can never do more than its owner).
 */
describe('authorization (built plugin in the Kibana host)', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  let connectorId: string;
  const namespace = uniqueNamespace('authz');

  const lumosBody = (name: string, ns: string) => ({
    kind: 'lumos',
    name,
    enabled: true,
    interval: '1h',
    namespace: ns,
    settings: { baseUrl: lumos.url, initialWindow: '7d' },
    secrets: { apiToken: TOKEN },
  });

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 30, start: Date.now() - 86_400_000, seed: 21 },
    });
    kbn = await startPluginHost('authz');
    const created = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: lumosBody('Authz', namespace),
    });
    expect(created.status).toBe(200);
    connectorId = created.body.id;
    await kbn.waitForHealth(connectorId, (h) => h.status === 'healthy', 'first run');
    // Written is not yet searchable: make the run's documents visible to the events route.
    await kbn.admin.indices.refresh({ index: `logs-lumos.activity_logs-${namespace}` });
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
    await lumos?.stop();
  });

  const writes = () => [
    { method: 'POST', path: '/connectors', body: lumosBody('Nope', namespace) },
    { method: 'PUT', path: `/connectors/${connectorId}`, body: { kind: 'lumos', name: 'Nope' } },
    { method: 'DELETE', path: `/connectors/${connectorId}` },
    { method: 'POST', path: `/connectors/${connectorId}/_run` },
    {
      method: 'POST',
      path: '/connectors/_test',
      body: { kind: 'lumos', id: connectorId, settings: { baseUrl: lumos.url } },
    },
    {
      method: 'POST',
      path: '/connectors/_preview',
      body: { kind: 'lumos', id: connectorId, settings: { baseUrl: lumos.url } },
    },
  ];
  const reads = () => [
    '/connectors',
    `/connectors/${connectorId}`,
    `/connectors/${connectorId}/health`,
    `/events?from=now-30d&namespace=${namespace}`,
  ];

  it('feature read: 200 on every read, 403 on every write (and nothing changes)', async () => {
    // An analyst: the feature's read privilege, and read on the data streams for the events.
    const reader = await createKibanaUser(kbn.admin, ['feature_auditSources.read'], 'asread');
    await kbn.admin.security.putRole({
      name: reader.username,
      applications: [
        {
          application: KIBANA_APPLICATION,
          privileges: ['feature_auditSources.read'],
          resources: ['space:default'],
        },
      ],
      indices: [
        { names: ['logs-lumos.activity_logs-*', 'logs-closer.security-*'], privileges: ['read'] },
      ],
    });
    const events = await kbn.call<{ total: number }>(reads()[3], { as: reader });
    expect([events.status, events.body.total]).toEqual([200, 30]);
    for (const path of reads()) {
      expect([path, (await kbn.call(path, { as: reader })).status]).toEqual([path, 200]);
    }
    const requestsBefore = lumos.requests.length;
    for (const { method, path, body } of writes()) {
      const response = await kbn.call(path, { method, body, as: reader });
      expect([method, path, response.status]).toEqual([method, path, 403]);
    }
    // Denied before any work: Lumos was not called (_test, _preview), the connector is as it was.
    expect(lumos.requests.length).toBe(requestsBefore);
    const connector = await kbn.call<{ name: string; enabled: boolean }>(
      `/connectors/${connectorId}`
    );
    expect(connector.body).toMatchObject({ name: 'Authz', enabled: true });
    expect(await kbn.taskDocument(connectorId)).toBeDefined();
    const list = await kbn.call<{ connectors: unknown[] }>('/connectors');
    expect(list.body.connectors).toHaveLength(1);
  });

  it('feature read without index privileges: connectors readable, events are the 403 Elasticsearch gave', async () => {
    const reader = await createKibanaUser(kbn.admin, ['feature_auditSources.read'], 'asfeat');
    for (const path of reads().slice(0, 3)) {
      expect([path, (await kbn.call(path, { as: reader })).status]).toEqual([path, 200]);
    }
    // docs/api.md: events are searched as the user, so their index privileges decide.
    const events = await kbn.call<{ message: string }>(reads()[3], { as: reader });
    expect(events.status).toBe(403);
    expect(events.body.message).toMatch(/unauthorized|security_exception/);
  });

  it('no feature privilege: 403 on reads and writes', async () => {
    const nobody = await createKibanaUser(kbn.admin, [], 'asnone');
    for (const path of reads()) {
      expect([path, (await kbn.call(path, { as: nobody })).status]).toEqual([path, 403]);
    }
    for (const { method, path, body } of writes()) {
      const response = await kbn.call(path, { method, body, as: nobody });
      expect([method, path, response.status]).toEqual([method, path, 403]);
    }
  });

  it('feature all without index privileges: the connector saves, its runs fail with a readable 403', async () => {
    const admin = await createKibanaUser(kbn.admin, ['feature_auditSources.all'], 'asall');
    const ns = uniqueNamespace('authzidx');
    const created = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: lumosBody('No index privileges', ns),
      as: admin,
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const health = await kbn.waitForHealth(id, (h) => h.lastRunAt !== undefined, 'first run');
    expect(health.status).toBe('failing');
    const message = health.lastError?.message ?? '';
    // Elasticsearch's reason, naming the action, the data stream and who was refused.
    expect(message).toContain(
      `Elasticsearch refused access to logs-lumos.activity_logs-${ns} (403): the connector writes with an API key of user "${admin.username}"`
    );
    expect(message).toMatch(/is unauthorized for API key id/);
    expect(message).not.toContain(TOKEN);
    const writer = await kbn.writerApiKey(id);
    expect(message).not.toContain(writer.encoded);
    expect(message).not.toContain(writer.key);
    // Nothing written, and the host is still serving: the user can read their connector.
    expect(await kbn.eventIds('lumos', ns).catch(() => [])).toEqual([]);
    const view = await kbn.call<{ health: { status: string } }>(`/connectors/${id}`, {
      as: admin,
    });
    expect(view.status).toBe(200);
    expect(view.body.health.status).toBe('failing');
    expect((await kbn.call(`/connectors/${id}`, { method: 'DELETE', as: admin })).status).toBe(204);
  });
});
