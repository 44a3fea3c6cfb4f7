import { uniqueNamespace } from '../../dev/es/test_es';
import { startPluginHost, type PluginHost } from './plugin_host';
import { startFeed, type Feed } from './ndjson_feed';
import { createThirdSourceTree, REGISTRY_ENTRIES, type ThirdSourceTree } from './third_source_tree';

/*
 * Issue 11's proof that a source is one folder per side plus a registry entry: the test-only
 * NDJSON source (test/fixtures/ndjson_source/) added to a copy of the product tree touches no
 * other product file, compiles against the real interfaces, and goes through the same connectors
 * API, test connection, preview, poll task and events search as Lumos and Closer.
 */

const TOKEN = `ndjson-token-${Date.now().toString(36)}`;
const EVENTS = [
  { id: 'e1', '@timestamp': '2026-11-30T10:00:00.000Z', action: 'login', user: 'ada' },
  { id: 'e2', '@timestamp': '2026-11-30T11:00:00.000Z', action: 'logout', user: 'ada' },
  { id: 'e3', '@timestamp': '2026-11-30T12:00:00.000Z', action: 'login', user: 'grace' },
];

describe('a third source added as its own folders (built plugin in the Kibana host)', () => {
  let tree: ThirdSourceTree;
  let kbn: PluginHost;
  let feed: Feed;
  const lines = EVENTS.map((event) => JSON.stringify(event));

  beforeAll(async () => {
    tree = await createThirdSourceTree();
    feed = await startFeed(TOKEN, () => lines);
    kbn = await startPluginHost('third-source', { rootDir: tree.rootDir });
  }, 180_000);
  afterAll(async () => {
    await kbn?.stop();
    await feed?.close();
    await tree?.remove();
  });

  it('touches no product file but its own folders and one entry per registry', async () => {
    const registries: string[] = REGISTRY_ENTRIES.map((entry) => entry.file);
    const own = (await tree.changedFiles()).filter((file) => !registries.includes(file));
    expect(own.length).toBeGreaterThan(0);
    for (const file of own) {
      expect(file).toMatch(/^(common|server|public)\/sources\/ndjson\//);
    }
    expect((await tree.changedFiles()).filter((file) => registries.includes(file))).toEqual(
      [...registries].sort()
    );
  });

  it('type-checks against the real interfaces', async () => {
    await tree.typecheck();
  }, 180_000);

  it('goes through test connection, preview, create, the poll task and the events search', async () => {
    const namespace = uniqueNamespace('ndjson');
    const draft = {
      kind: 'ndjson',
      namespace,
      settings: { url: feed.url },
      secrets: { token: TOKEN },
    };
    const tested = await kbn.call<{ ok: boolean; message: string }>('/connectors/_test', {
      method: 'POST',
      body: draft,
    });
    expect(tested.body).toMatchObject({ ok: true, message: 'Connected to the feed: 3 events' });
    const preview = await kbn.call<{ documents: Array<{ document: Record<string, unknown> }> }>(
      '/connectors/_preview',
      { method: 'POST', body: draft }
    );
    expect(preview.body.documents.map((d) => d.document['@timestamp'])).toEqual(
      EVENTS.map((event) => event['@timestamp'])
    );

    // A bad field is a 400 naming it, from the source's own codec.
    const bad = await kbn.call('/connectors', {
      method: 'POST',
      body: { ...draft, name: 'Feed', enabled: true, interval: '1m', settings: { url: 'ftp://x' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('settings.url');

    const created = await kbn.call<{ id: string; secrets: unknown; dataStream: string }>(
      '/connectors',
      { method: 'POST', body: { ...draft, name: 'Feed', enabled: true, interval: '1m' } }
    );
    expect(created.status).toBe(200);
    expect(created.body.secrets).toEqual({ token: { isSet: true } });
    expect(created.body.dataStream).toBe(`logs-ndjson.events-${namespace}`);
    const { id } = created.body;
    await kbn.waitForHealth(id, (h) => h.totals.written === 3, 'first run', 60_000);

    // A new line and a re-read of the old ones: only the new one is written.
    lines.push(
      JSON.stringify({ id: 'e4', '@timestamp': '2026-11-30T13:00:00.000Z', action: 'login' })
    );
    expect((await kbn.call(`/connectors/${id}/_run`, { method: 'POST' })).status).toBe(202);
    const health = await kbn.waitForHealth(id, (h) => h.totals.written === 4, 'second run', 60_000);
    expect(health.status).toBe('healthy');
    await kbn.admin.indices.refresh({ index: `logs-ndjson.events-${namespace}` });
    const ids: string[] = [];
    for await (const hit of kbn.scan(`logs-ndjson.events-${namespace}`, ['event.id'])) {
      ids.push(String((hit._source as { event?: { id?: string } }).event?.id));
    }
    expect(ids.sort()).toEqual(['e1', 'e2', 'e3', 'e4']);

    const events = await kbn.call<{ total: number; events: Array<{ source: string }> }>(
      `/events?source=ndjson&namespace=${namespace}&from=2026-11-29T00:00:00Z&to=now`
    );
    expect(events.body.total).toBe(4);
    expect(new Set(events.body.events.map((event) => event.source))).toEqual(new Set(['ndjson']));

    // The token never comes back, in any response of this suite.
    expect(JSON.stringify(kbn.responses)).not.toContain(TOKEN);
  }, 120_000);
});
