import type { ConnectorView, ListConnectorsResponse } from '../../common/connectors/view';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from '../../server/saved_objects/constants';
import { pollTaskId } from '../../server/tasks/constants';
import { uniqueNamespace } from '../../dev/es/test_es';
import { createSpace } from '../../dev/kibana_host/spaces/spaces_client';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_spacemig_${Date.now().toString(36)}`;

interface RawSavedObject {
  namespaces?: string[];
  typeMigrationVersion?: string;
  [key: string]: unknown;
}

/*
 * Upgrading from the global connectors of model version 1 (`agnostic`): the documents are turned
 * back into what version 1 stored (no `namespaces`, typeMigrationVersion 10.1.0) and the task's
 * params into what it was scheduled with (no spaceId), then Kibana restarts. Model version 2
 * puts them in the default space, where they keep their secrets (the AAD of the default space
 * has no namespace, before and after), their health and their task.
 */
describe('upgrading global connectors into the default space', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  let connector: ConnectorView;
  const namespace = uniqueNamespace('spmig');

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 25, start: Date.now() - 86_400_000, seed: 5 },
    });
    kbn = await startPluginHost('spacemig');
    const created = await kbn.call<ConnectorView>('/connectors', {
      method: 'POST',
      body: {
        kind: 'lumos',
        name: 'Before spaces',
        enabled: true,
        interval: '1h',
        namespace,
        settings: { baseUrl: lumos.url, initialWindow: '7d' },
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

  const rawId = (type: string) => `${type}:${connector.id}`;
  const raw = async (type: string) =>
    (await kbn.admin.get<RawSavedObject>({ index: kbn.savedObjectsIndex, id: rawId(type) }))
      ._source as RawSavedObject;

  it('moves them into the default space on restart, still decryptable, healthy and scheduled', async () => {
    for (const type of [CONNECTOR_SAVED_OBJECT_TYPE, CONNECTOR_STATE_SAVED_OBJECT_TYPE]) {
      const { namespaces, ...v1 } = await raw(type);
      expect(namespaces).toEqual(['default']);
      await kbn.admin.index({
        index: kbn.savedObjectsIndex,
        id: rawId(type),
        document: { ...v1, typeMigrationVersion: '10.1.0' },
        refresh: true,
      });
    }
    const taskId = `task:${pollTaskId(connector.id)}`;
    const task = await kbn.admin.get<{ task: { params: string } }>({
      index: kbn.taskIndex,
      id: taskId,
    });
    const params = JSON.parse(task._source!.task.params) as Record<string, unknown>;
    delete params.spaceId;
    await kbn.admin.update({
      index: kbn.taskIndex,
      id: taskId,
      doc: { task: { params: JSON.stringify(params) } },
      refresh: true,
    });
    // Version 1 documents are in no space at all for a multiple-isolated type.
    expect((await kbn.call<ListConnectorsResponse>('/connectors')).body.connectors).toEqual([]);

    await kbn.host.restart();

    // Through every newer model version: the state type has a version 3 (optional health
    // fields) and 4 (kind checked in code), the connector type a version 3 (canonical durations,
    // kind checked in code).
    for (const [type, latest] of [
      [CONNECTOR_SAVED_OBJECT_TYPE, '10.3.0'],
      [CONNECTOR_STATE_SAVED_OBJECT_TYPE, '10.4.0'],
    ]) {
      expect(await raw(type)).toMatchObject({
        namespaces: ['default'],
        typeMigrationVersion: latest,
      });
    }
    const listed = await kbn.call<ListConnectorsResponse>('/connectors');
    expect(listed.body.connectors).toEqual([
      expect.objectContaining({
        id: connector.id,
        health: expect.objectContaining({
          status: 'healthy',
          totals: expect.objectContaining({ written: 25 }),
        }),
      }),
    ]);
    // The stored token still decrypts: test connection with the stored secret succeeds.
    const test = await kbn.call<{ ok: boolean; message: string }>('/connectors/_test', {
      method: 'POST',
      body: { kind: 'lumos', id: connector.id, settings: { baseUrl: lumos.url } },
    });
    expect(test.body).toMatchObject({ ok: true });
    // The old task (no spaceId in its params) runs it in the default space.
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
    // Still nowhere else.
    await createSpace(kbn.host.url, kbn.superuser, { id: 'elsewhere', name: 'Elsewhere' });
    const elsewhere = await kbn.call<ListConnectorsResponse>('/connectors', { space: 'elsewhere' });
    expect(elsewhere.body).toEqual({ connectors: [], spaceId: 'elsewhere' });
  });
});
