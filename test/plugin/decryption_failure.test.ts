import { CONNECTOR_SAVED_OBJECT_TYPE } from '../../server/saved_objects/constants';
import { uniqueNamespace } from '../../dev/es/test_es';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_decrypt_${Date.now().toString(36)}`;

/*
 * The encryption key changed (or the ciphertext is damaged): the poll task cannot decrypt the
 * connector. That used to be a log line only, with health still green from the last run while
 * nothing was read any more; it must show as failing health saying what to do.
 */
describe('a connector that can no longer be decrypted (built plugin in the Kibana host)', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 20, start: Date.now() - 86_400_000, seed: 5 },
    });
    kbn = await startPluginHost('decrypt');
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
    await lumos?.stop();
  });

  it('turns failing with the reason and the fix', async () => {
    const created = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: {
        kind: 'lumos',
        name: 'Decrypt me',
        enabled: true,
        interval: '1m',
        namespace: uniqueNamespace('decrypt'),
        settings: { baseUrl: lumos.url, initialWindow: '7d' },
        secrets: { apiToken: TOKEN },
      },
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    await kbn.waitForHealth(id, (h) => h.status === 'healthy' && h.totals.written === 20, 'run');

    // What a changed encryption key looks like to the task: ciphertext it cannot open.
    const docId = `${CONNECTOR_SAVED_OBJECT_TYPE}:${id}`;
    await kbn.admin.update({
      index: kbn.savedObjectsIndex,
      id: docId,
      doc: {
        [CONNECTOR_SAVED_OBJECT_TYPE]: {
          secrets: Buffer.from('not what was encrypted with this key').toString('base64'),
        },
      },
      refresh: true,
    });
    expect((await kbn.call(`/connectors/${id}/_run`, { method: 'POST' })).status).toBe(202);

    const health = await kbn.waitForHealth(id, (h) => h.status === 'failing', 'failing health');
    expect(health.lastError?.message).toMatch(/^Could not decrypt the connector's secrets/);
    expect(health.lastError?.message).toMatch(/enter its secrets .* again/);
    expect(health.recentRuns[0]).toMatchObject({ outcome: 'failure' });
    expect(JSON.stringify(health)).not.toContain(TOKEN);
  });
});
