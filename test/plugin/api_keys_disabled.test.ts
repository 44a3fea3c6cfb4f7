import { startEs, type RunningEs } from '../../dev/es/es_server';
import { uniqueNamespace } from '../../dev/es/test_es';
import { generateTenant } from '../../dev/lumos_simulator/generate_tenant';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_keysoff_${Date.now().toString(36)}`;
const API_KEYS = 'xpack.security.authc.api_key.enabled';

/*
 * A secured cluster whose API keys are switched off (`xpack.security.authc.api_key.enabled:
 * false`, a real setting of a node of this suite's own, restarted with it): saving a connector is
 * refused with a 400 that says what to do, an existing connector's runs become failing health
 * naming the setting instead of a stream of 401s, and no route ever answers 401 (Kibana's
 * browser would log the user out). Switching keys back on lets the stored key write again.
 */
describe('API keys disabled on a secured cluster (built plugin in the Kibana host)', () => {
  let node: RunningEs;
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  let connectorId: string;
  let sequence = 50_000;
  const namespace = uniqueNamespace('keysoff');

  /** Fresh events from the last few minutes, so the next run has something to write. */
  function newEvents(count: number) {
    const now = Date.now();
    const items = generateTenant({
      count,
      start: now - 5 * 60_000,
      end: now - 60_000,
      firstSequence: sequence,
    });
    sequence += count;
    return items;
  }

  const lumosBody = (name: string) => ({
    kind: 'lumos',
    name,
    enabled: true,
    interval: '1m',
    namespace,
    settings: { baseUrl: lumos.url, initialWindow: '7d' },
    secrets: { apiToken: TOKEN },
  });

  beforeAll(async () => {
    node = await startEs({ heap: '512m' });
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 20, start: Date.now() - 86_400_000, seed: 12 },
    });
    kbn = await startPluginHost('keysoff', { es: node });
    const created = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: lumosBody('Keys off'),
    });
    expect(created.status).toBe(200);
    connectorId = created.body.id;
    await kbn.waitForHealth(connectorId, (h) => h.status === 'healthy', 'first run');
    await node.restart({ settings: { [API_KEYS]: 'false' } });
  }, 300_000);
  afterAll(async () => {
    await kbn?.stop();
    await lumos?.stop();
    await node?.stop();
  });

  it('refuses to save a connector with a 400 that names the setting and the fix', async () => {
    const created = await kbn.call<{ message: string }>('/connectors', {
      method: 'POST',
      body: lumosBody('Refused'),
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toMatch(
      /API keys disabled \(xpack\.security\.authc\.api_key\.enabled: false\).*enable API keys.*save the connector again/
    );
    const edited = await kbn.call<{ message: string }>(`/connectors/${connectorId}`, {
      method: 'PUT',
      body: { kind: 'lumos', name: 'Renamed' },
    });
    expect(edited.status).toBe(400);
    expect(edited.body.message).toContain(API_KEYS);
    const list = await kbn.call<{ connectors: Array<{ name: string }> }>('/connectors');
    expect(list.body.connectors.map((c) => c.name)).toEqual(['Keys off']);
  });

  it("shows the existing connector's refused key as failing health with what to do", async () => {
    lumos.addItems(newEvents(4));
    expect((await kbn.call(`/connectors/${connectorId}/_run`, { method: 'POST' })).status).toBe(
      202
    );
    const health = await kbn.waitForHealth(
      connectorId,
      (h) => h.status === 'failing',
      'failing run',
      60_000
    );
    expect(health.lastError!.message).toMatch(
      /^Elasticsearch refused the credentials this connector writes with \(401\).*API keys are disabled on the cluster \(xpack\.security\.authc\.api_key\.enabled: false\).*restart Elasticsearch/
    );
    expect(health.lastError!.message).toContain(`user "${node.username}"`);
    // The key is named by id and owner, never by value.
    const { key } = await kbn.writerApiKey(connectorId);
    expect(JSON.stringify(health)).not.toContain(key);
  });

  it('writes again with the stored key once API keys are back on', async () => {
    await node.restart({ settings: { [API_KEYS]: 'true' } });
    expect((await kbn.call(`/connectors/${connectorId}/_run`, { method: 'POST' })).status).toBe(
      202
    );
    const health = await kbn.waitForHealth(
      connectorId,
      (h) => h.status === 'healthy' && h.recentRuns.length >= 3,
      'run after re-enabling',
      60_000
    );
    expect(health.totals.written).toBe(24);
  }, 240_000);

  it('never answered 401 on any route', () => {
    expect(kbn.responses.filter((r) => r.status === 401)).toEqual([]);
  });
});
