import type { ConnectorView } from '../../common/connectors/view';
import { CONNECTOR_SAVED_OBJECT_TYPE } from '../../server/saved_objects/constants';
import { connectorEncryptionRegistration } from '../../server/saved_objects/connector_type';
import { uniqueNamespace } from '../../dev/es/test_es';
import { EncryptedSavedObjectsService } from '../../dev/kibana_host/eso/encryption';
import { createLoggerFactory } from '../../dev/kibana_host/logging/logger';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { ENCRYPTION_KEY, startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_durmig_${Date.now().toString(36)}`;

interface RawConnector {
  [CONNECTOR_SAVED_OBJECT_TYPE]: Record<string, unknown> & { settings: Record<string, unknown> };
  typeMigrationVersion?: string;
  [key: string]: unknown;
}

/*
 * Upgrading connectors saved with the duration grammar before Kibana's (common/duration.ts,
 * server/saved_objects/canonical_durations.ts). The stored document is turned back into what that
 * version could store — `interval: "1M"` (a minute then, a month to Kibana), settings in words —
 * and re-encrypted as it would have been (the settings are in the secrets' AAD), at model
 * version 2. After a restart, model version 3 has rewritten the interval, the API shows the
 * settings canonical, and a run reads them with the meaning they had, secrets still decrypting.
 */
describe('upgrading connectors with durations of the old grammar', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  let connector: ConnectorView;
  const namespace = uniqueNamespace('durmig');
  const eso = new EncryptedSavedObjectsService(
    ENCRYPTION_KEY,
    createLoggerFactory(() => undefined).get('test')
  );
  eso.registerType(connectorEncryptionRegistration);

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 25, start: Date.now() - 86_400_000, seed: 7 },
    });
    kbn = await startPluginHost('durmig');
    const created = await kbn.call<ConnectorView>('/connectors', {
      method: 'POST',
      body: {
        kind: 'lumos',
        name: 'Old durations',
        enabled: true,
        interval: '1h',
        namespace,
        settings: { baseUrl: lumos.url, initialWindow: '7d', lateArrivalWindow: '2h' },
        secrets: { apiToken: TOKEN },
      },
    });
    expect(created.status).toBe(200);
    connector = created.body;
    await kbn.waitForHealth(connector.id, (h) => h.status === 'healthy', 'first run');
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
    await lumos?.stop();
  });

  const rawId = () => `${CONNECTOR_SAVED_OBJECT_TYPE}:${connector.id}`;
  const raw = async () =>
    (await kbn.admin.get<RawConnector>({ index: kbn.savedObjectsIndex, id: rawId() }))
      ._source as RawConnector;

  it('keeps their meaning: interval rewritten, settings shown canonical, secrets decrypting', async () => {
    const stored = await raw();
    const descriptor = { type: CONNECTOR_SAVED_OBJECT_TYPE, id: connector.id };
    const decrypted = await eso.decryptAttributes(descriptor, stored[CONNECTOR_SAVED_OBJECT_TYPE]);
    const old = {
      ...decrypted,
      interval: '1M',
      settings: { ...decrypted.settings, initialWindow: '7 days', lateArrivalWindow: '2hours' },
    };
    await kbn.admin.index({
      index: kbn.savedObjectsIndex,
      id: rawId(),
      document: {
        ...stored,
        [CONNECTOR_SAVED_OBJECT_TYPE]: await eso.encryptAttributes(descriptor, old),
        typeMigrationVersion: '10.2.0',
      },
      refresh: true,
    });

    await kbn.host.restart();

    const migrated = await raw();
    expect(migrated.typeMigrationVersion).toBe('10.3.0');
    expect(migrated[CONNECTOR_SAVED_OBJECT_TYPE]).toMatchObject({
      interval: '1m',
      // Not rewritten in place: the secrets' ciphertext is bound to the settings.
      settings: { initialWindow: '7 days', lateArrivalWindow: '2hours' },
    });
    const shown = await kbn.call<ConnectorView>(`/connectors/${connector.id}`);
    expect(shown.body).toMatchObject({
      interval: '1m',
      settings: { baseUrl: lumos.url, initialWindow: '7d', lateArrivalWindow: '2h' },
    });

    const before = (await kbn.health(connector.id)).recentRuns.length;
    expect((await kbn.call(`/connectors/${connector.id}/_run`, { method: 'POST' })).status).toBe(
      202
    );
    const after = await kbn.waitForHealth(
      connector.id,
      (h) => h.recentRuns.length > before,
      'a run after the upgrade'
    );
    expect(after.status).toBe('healthy');
    expect(after.recentRuns[0].outcome).toBe('success');

    // Saving the form's values back (what the API showed) stores them canonical.
    const saved = await kbn.call<ConnectorView>(`/connectors/${connector.id}`, {
      method: 'PUT',
      body: { kind: 'lumos', settings: shown.body.settings },
    });
    expect(saved.status).toBe(200);
    expect((await raw())[CONNECTOR_SAVED_OBJECT_TYPE]).toMatchObject({
      settings: { initialWindow: '7d', lateArrivalWindow: '2h' },
    });
  });
});
