import { uniqueNamespace } from '../../dev/es/test_es';
import { createKibanaUser } from '../../dev/kibana_host/test_helpers';
import { startPluginHost, type PluginHost } from './plugin_host';

/*
 * How long connector writes take end to end (HTTP in, answer out) in the host on the real
 * Elasticsearch. The times are printed, not asserted (the machine's load decides them); the
 * assertions check only that each write did what it says. docs/performance.md quotes them.
 */
describe('connector write latency (built plugin in the Kibana host)', () => {
  let kbn: PluginHost;

  beforeAll(async () => {
    kbn = await startPluginHost('latency');
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
  });

  async function timed<T>(what: string, times: Map<string, number[]>, call: () => Promise<T>) {
    const started = performance.now();
    const result = await call();
    const list = times.get(what) ?? [];
    list.push(performance.now() - started);
    times.set(what, list);
    return result;
  }

  it("keeps the key when its owner saves, and grants a new one for another user's save", async () => {
    const namespace = uniqueNamespace('latkey');
    const created = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: {
        kind: 'lumos',
        name: 'Key owner',
        enabled: false,
        interval: '1h',
        namespace,
        settings: { baseUrl: 'http://127.0.0.1:9', initialWindow: '1d' },
        secrets: { apiToken: 'lsk_latency_token' },
      },
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const first = await kbn.writerApiKey(id);
    const renamed = await kbn.call(`/connectors/${id}`, {
      method: 'PUT',
      body: { kind: 'lumos', name: 'Key owner (renamed)' },
    });
    expect(renamed.status).toBe(200);
    expect((await kbn.writerApiKey(id)).id).toBe(first.id);
    expect(await kbn.apiKeyInvalidated(first.id)).toBe(false);

    // Documents are written in the name of whoever saved last.
    const other = await createKibanaUser(kbn.admin, ['feature_auditSources.all'], 'latother');
    const edited = await kbn.call(`/connectors/${id}`, {
      method: 'PUT',
      body: { kind: 'lumos', name: 'Saved by another user' },
      as: other,
    });
    expect(edited.status).toBe(200);
    const second = await kbn.writerApiKey(id);
    expect(second.id).not.toBe(first.id);
    expect((await kbn.connectorAttributes(id))?.apiKeyOwner).toBe(other.username);
    expect(await kbn.apiKeyInvalidated(first.id)).toBe(true);
    expect((await kbn.call(`/connectors/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await kbn.apiKeyInvalidated(second.id)).toBe(true);
  });

  it('prints the time of create, rename, disable, enable and delete', async () => {
    const times = new Map<string, number[]>();
    const namespace = uniqueNamespace('latency');
    for (let round = 0; round < 3; round++) {
      const created = await timed('create', times, () =>
        kbn.call<{ id: string }>('/connectors', {
          method: 'POST',
          body: {
            kind: 'lumos',
            name: `Latency ${round}`,
            // Disabled: no run competes with the writes being timed.
            enabled: false,
            interval: '1h',
            namespace,
            settings: { baseUrl: 'http://127.0.0.1:9', initialWindow: '1d' },
            secrets: { apiToken: 'lsk_latency_token' },
          },
        })
      );
      expect(created.status).toBe(200);
      const { id } = created.body;
      const renamed = await timed('rename', times, () =>
        kbn.call<{ name: string }>(`/connectors/${id}`, {
          method: 'PUT',
          body: { kind: 'lumos', name: `Latency ${round} renamed` },
        })
      );
      expect(renamed.body.name).toBe(`Latency ${round} renamed`);
      const enabled = await timed('enable', times, () =>
        kbn.call<{ enabled: boolean }>(`/connectors/${id}`, {
          method: 'PUT',
          body: { kind: 'lumos', enabled: true },
        })
      );
      expect(enabled.body.enabled).toBe(true);
      const disabled = await timed('disable', times, () =>
        kbn.call<{ enabled: boolean }>(`/connectors/${id}`, {
          method: 'PUT',
          body: { kind: 'lumos', enabled: false },
        })
      );
      expect(disabled.body.enabled).toBe(false);
      // The list right after a write shows it (a `find` needs the write to be searchable).
      const list = await kbn.call<{ connectors: Array<{ id: string; name: string }> }>(
        '/connectors'
      );
      expect(list.body.connectors.find((c) => c.id === id)?.name).toBe(`Latency ${round} renamed`);
      const deleted = await timed('delete', times, () =>
        kbn.call(`/connectors/${id}`, { method: 'DELETE' })
      );
      expect(deleted.status).toBeLessThan(300);
      const after = await kbn.call<{ connectors: Array<{ id: string }> }>('/connectors');
      expect(after.body.connectors.some((c) => c.id === id)).toBe(false);
    }
    const lines = [...times].map(
      ([what, list]) =>
        `${what.padEnd(8)} ${list.map((ms) => `${Math.round(ms)} ms`.padStart(8)).join(' ')}`
    );
    console.log(`connector write latency (3 rounds):\n${lines.join('\n')}`);
  }, 120_000);
});
