import { generateTenant } from '../../dev/lumos_simulator/generate_tenant';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { uniqueNamespace } from '../../dev/es/test_es';
import { waitFor } from '../../dev/kibana_host/test_helpers';
import { pollTaskId } from '../../server/tasks/constants';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_lifecycle_${Date.now().toString(36)}`;

/*
 * A connector's lifecycle through the HTTP API, checked against what the host stores: disabling
 * stops polling (no task, no run, nothing written) and enabling resumes it; deleting removes the
 * task, both saved objects and invalidates the writer API key.
 */
describe('connector lifecycle (built plugin in the Kibana host)', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  let sequence = 10_000;

  /** Fresh events (new hashes) from the last few minutes: inside the late-arrival re-read. */
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

  async function createLumos(namespace: string, name: string): Promise<string> {
    const created = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: {
        kind: 'lumos',
        name,
        enabled: true,
        // The shortest interval: a scheduled run would still be a minute away, so every run in
        // this suite is one we asked for (create, _run, enable).
        interval: '1m',
        namespace,
        settings: { baseUrl: lumos.url, initialWindow: '7d' },
        secrets: { apiToken: TOKEN },
      },
    });
    expect(created.status).toBe(200);
    return created.body.id;
  }

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: 40, start: Date.now() - 86_400_000, seed: 3 },
    });
    kbn = await startPluginHost('lifecycle');
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
    await lumos?.stop();
  });

  it('a disabled connector has no task, is not polled and writes nothing; enabling resumes it', async () => {
    const namespace = uniqueNamespace('disable');
    const id = await createLumos(namespace, 'Disable me');
    await kbn.waitForHealth(id, (h) => h.totals.written === 40, 'first run');
    // Runs happen while enabled: a second one on demand picks up new events.
    lumos.addItems(newEvents(5));
    expect((await kbn.call(`/connectors/${id}/_run`, { method: 'POST' })).status).toBe(202);
    await kbn.waitForHealth(id, (h) => h.recentRuns.length === 2, 'second run');
    expect(await kbn.eventIds('lumos', namespace)).toHaveLength(45);
    const task = await kbn.taskDocument(id);
    expect(task).toBeDefined();

    const off = await kbn.call(`/connectors/${id}`, {
      method: 'PUT',
      body: { kind: 'lumos', enabled: false },
    });
    expect(off.status).toBe(200);
    expect(await kbn.taskDocument(id)).toBeUndefined();
    expect((await kbn.health(id)).status).toBe('disabled');
    const requestsAtDisable = lumos.requests.length;
    lumos.addItems(newEvents(7));
    expect((await kbn.call(`/connectors/${id}/_run`, { method: 'POST' })).status).toBe(409);

    /*
     * A task that outlived the disable (a removal that failed, a node that re-created it) must not
     * poll either: put the task document back, due now, and see its run delete it without a
     * single request to Lumos.
     */
    const now = new Date().toISOString();
    await kbn.admin.index({
      index: kbn.taskIndex,
      id: `task:${pollTaskId(id)}`,
      document: {
        ...task,
        task: {
          ...(task!.task as Record<string, unknown>),
          status: 'idle',
          runAt: now,
          scheduledAt: now,
          retryAt: null,
          startedAt: null,
          ownerId: null,
        },
      },
      refresh: true,
    });
    await waitFor(async () => (await kbn.taskDocument(id)) === undefined, {
      timeoutMs: 10_000,
      what: 'the resurrected task to delete itself',
    });
    // Several poll cycles (300 ms) and more than a backfill's continue delay: still nothing.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(lumos.requests.length).toBe(requestsAtDisable);
    expect(await kbn.taskDocument(id)).toBeUndefined();
    expect((await kbn.health(id)).recentRuns).toHaveLength(2);
    expect(await kbn.eventIds('lumos', namespace)).toHaveLength(45);

    const on = await kbn.call(`/connectors/${id}`, {
      method: 'PUT',
      body: { kind: 'lumos', enabled: true },
    });
    expect(on.status).toBe(200);
    expect(await kbn.taskDocument(id)).toBeDefined();
    await kbn.waitForHealth(id, (h) => h.recentRuns.length === 3, 'the run after enabling');
    const ids = await kbn.eventIds('lumos', namespace);
    expect(ids).toHaveLength(52);
    expect(new Set(ids)).toEqual(lumos.uniqueIds());
  });

  it('delete removes the task, both saved objects and invalidates the writer API key', async () => {
    const namespace = uniqueNamespace('delete');
    const id = await createLumos(namespace, 'Delete me');
    await kbn.waitForHealth(id, (h) => h.lastRunAt !== undefined, 'first run');
    const firstKey = (await kbn.connectorAttributes(id))?.apiKeyId as string;
    expect(firstKey).toEqual(expect.any(String));
    expect(await kbn.apiKeyInvalidated(firstKey)).toBe(false);

    // An edit by the key's owner keeps the key: nothing it depends on changed.
    const renamed = await kbn.call(`/connectors/${id}`, {
      method: 'PUT',
      body: { kind: 'lumos', name: 'Delete me (renamed)' },
    });
    expect(renamed.status).toBe(200);
    expect((await kbn.connectorAttributes(id))?.apiKeyId).toBe(firstKey);
    expect(await kbn.apiKeyInvalidated(firstKey)).toBe(false);
    // Another data stream needs another key (each is limited to one): re-granted, the old one
    // invalidated.
    const moved = await kbn.call(`/connectors/${id}`, {
      method: 'PUT',
      body: { kind: 'lumos', namespace: `${namespace}moved` },
    });
    expect(moved.status).toBe(200);
    const key = (await kbn.connectorAttributes(id))?.apiKeyId as string;
    expect(key).not.toBe(firstKey);
    expect(await kbn.apiKeyInvalidated(firstKey)).toBe(true);
    expect(await kbn.apiKeyInvalidated(key)).toBe(false);
    expect(await kbn.taskDocument(id)).toBeDefined();
    expect(await kbn.connectorState(id)).toBeDefined();

    const deleted = await kbn.call(`/connectors/${id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await kbn.taskDocument(id)).toBeUndefined();
    expect(await kbn.connectorAttributes(id)).toBeUndefined();
    expect(await kbn.connectorState(id)).toBeUndefined();
    expect(await kbn.apiKeyInvalidated(key)).toBe(true);
    expect((await kbn.call(`/connectors/${id}`)).status).toBe(404);
    expect((await kbn.call(`/connectors/${id}/health`)).status).toBe(404);
    // Documents already written stay (docs/api.md).
    expect(new Set(await kbn.eventIds('lumos', namespace))).toEqual(lumos.uniqueIds());
  });
});
