import { randomBytes } from 'node:crypto';
import { generateCorpus } from '../../dev/closer_corpus/generator';
import { corpusIndexPattern, seedCorpus } from '../../dev/closer_corpus/seed';
import { testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { startPluginHost, type PluginHost } from './plugin_host';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/*
 * No secret ever leaves the encrypted saved object: a Lumos token, a Closer password and a Closer
 * API key (plus a wrong token tried once, and each connector's writer API key) are looked for,
 * after every route has been used with them, in every HTTP response, every host log line, every
 * task document and every document of every index of the cluster.
 */
describe('secrets appear nowhere (built plugin in the Kibana host)', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  const es = testEsConnection();
  const namespace = uniqueNamespace('secrets');
  const closerPrefix = `closer-secrets-${namespace}`;
  const token = `lsk_secret${hex(16)}`;
  const wrongToken = `lsk_wrong${hex(16)}`;
  const closerUser = `closer_reader_${hex(4)}`;
  const closerPassword = `pw-${hex(16)}`;
  let closerApiKey: { encoded: string; api_key: string; id: string };
  /** Secrets the user typed; writer keys are added as connectors get them. */
  const secrets: string[] = [token, wrongToken, closerPassword];
  const marker = `secrets-suite-${hex(6)}`;

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token,
      tenant: { count: 60, start: Date.now() - 86_400_000, seed: 9 },
    });
    const corpus = generateCorpus({
      count: 80,
      start: Date.now() - 7200_000,
      spanMs: 3600_000,
      seed: 4,
      malformedEvery: 0,
    });
    const [host] = await Promise.all([
      startPluginHost('secrets'),
      seedCorpus(
        { url: es.url, username: es.username, password: es.password },
        closerPrefix,
        corpus
      ),
    ]);
    kbn = host;
    // Closer's own credentials: a reader user with a password, and an API key.
    await kbn.admin.security.putRole({
      name: closerUser,
      indices: [{ names: [corpusIndexPattern(closerPrefix)], privileges: ['read'] }],
    });
    await kbn.admin.security.putUser({
      username: closerUser,
      password: closerPassword,
      roles: [closerUser],
      refresh: 'wait_for',
    });
    closerApiKey = await kbn.admin.security.createApiKey({
      name: `closer-reader-${closerUser}`,
      role_descriptors: {
        reader: { indices: [{ names: [corpusIndexPattern(closerPrefix)], privileges: ['read'] }] },
      },
    });
    secrets.push(closerApiKey.encoded, closerApiKey.api_key);
  }, 120_000);
  afterAll(async () => {
    await kbn?.admin.security.deleteUser({ username: closerUser }).catch(() => undefined);
    await kbn?.admin.security.deleteRole({ name: closerUser }).catch(() => undefined);
    await kbn?.stop();
    await lumos?.stop();
  });

  /** Every place a secret could leak to, as text, with what it is. */
  async function findSecrets(
    where: Array<[string, string]>,
    values: readonly string[]
  ): Promise<string[]> {
    const found: string[] = [];
    for (const [place, text] of where) {
      for (const value of values) {
        if (text.includes(value)) found.push(`${place} contains ${value.slice(0, 12)}…`);
      }
    }
    return found;
  }

  /** Raw `_source` of every document in every index (hidden and system ones included). */
  async function everyDocument(): Promise<Array<[string, string]>> {
    const docs: Array<[string, string]> = [];
    await kbn.admin.indices.refresh({ index: '*,.*', expand_wildcards: 'all' }).catch(() => {
      // Some system indices refuse a refresh; the search below still sees what is refreshed.
    });
    for await (const hit of kbn.scan('*,.*', true, 'all')) {
      docs.push([`${hit._index}/${hit._id}`, JSON.stringify(hit._source)]);
    }
    return docs;
  }

  /** Also ask Elasticsearch: a secret in an indexed field would match a phrase query. */
  async function searchedFor(value: string): Promise<number> {
    const response = await kbn.admin.search({
      index: '*,.*',
      expand_wildcards: 'all',
      size: 0,
      track_total_hits: true,
      query: {
        query_string: { query: `"${value}"`, default_field: '*', lenient: true },
      },
    });
    const total = response.hits.total;
    return typeof total === 'number' ? total : (total?.value ?? 0);
  }

  it('keeps every secret out of responses, logs, task documents and every index', async () => {
    const lumosSettings = { baseUrl: lumos.url, initialWindow: '7d' };
    const basicSettings = {
      url: es.url,
      authType: 'basic',
      username: closerUser,
      index: corpusIndexPattern(closerPrefix),
    };
    const apiKeySettings = {
      url: es.url,
      authType: 'api_key',
      index: corpusIndexPattern(closerPrefix),
    };
    const drafts = [
      { kind: 'lumos', settings: lumosSettings, secrets: { apiToken: token } },
      { kind: 'closer', settings: basicSettings, secrets: { password: closerPassword } },
      { kind: 'closer', settings: apiKeySettings, secrets: { apiKey: closerApiKey.encoded } },
    ] as const;

    // Test connection and preview with the secrets typed in the form.
    for (const draft of drafts) {
      const test = await kbn.call<{ ok: boolean; message: string }>('/connectors/_test', {
        method: 'POST',
        body: draft,
      });
      expect(test.body).toMatchObject({ ok: true });
      const preview = await kbn.call<{ documents: unknown[] }>('/connectors/_preview', {
        method: 'POST',
        body: draft,
      });
      expect(preview.body.documents.length).toBeGreaterThan(0);
    }
    // A wrong token, and a source that echoes the token back in its error body.
    const wrong = await kbn.call<{ ok: boolean }>('/connectors/_test', {
      method: 'POST',
      body: { ...drafts[0], secrets: { apiToken: wrongToken } },
    });
    expect(wrong.body.ok).toBe(false);
    lumos.injectFaults({
      type: 'status',
      status: 400,
      body: JSON.stringify({ detail: `token ${token} may not read activity_logs` }),
    });
    const echoed = await kbn.call<{ ok: boolean; message: string }>('/connectors/_test', {
      method: 'POST',
      body: drafts[0],
    });
    expect(echoed.body.ok).toBe(false);
    expect(echoed.body.message).toContain('may not read');

    // Create, run, update without secrets, test/preview/run again from the stored secrets.
    const ids: string[] = [];
    for (const [i, draft] of drafts.entries()) {
      const created = await kbn.call<{ id: string }>('/connectors', {
        method: 'POST',
        body: {
          ...draft,
          name: `${marker} ${i}`,
          enabled: true,
          interval: '1h',
          namespace: `${namespace}${i}`,
        },
      });
      expect(created.status).toBe(200);
      ids.push(created.body.id);
    }
    for (const id of ids) {
      await kbn.waitForHealth(id, (h) => h.status === 'healthy', `first run of ${id}`);
      const writer = await kbn.writerApiKey(id);
      secrets.push(writer.encoded, writer.key);
    }
    for (const [i, draft] of drafts.entries()) {
      const id = ids[i];
      const updated = await kbn.call(`/connectors/${id}`, {
        method: 'PUT',
        body: { kind: draft.kind, name: `${marker} ${i} (edited)`, interval: '2h' },
      });
      expect(updated.status).toBe(200);
      const writer = await kbn.writerApiKey(id);
      secrets.push(writer.encoded, writer.key);
      const stored = { id, kind: draft.kind, settings: draft.settings };
      const test = await kbn.call<{ ok: boolean }>('/connectors/_test', {
        method: 'POST',
        body: stored,
      });
      expect(test.body.ok).toBe(true);
      const preview = await kbn.call<{ documents: unknown[] }>('/connectors/_preview', {
        method: 'POST',
        body: stored,
      });
      expect(preview.body.documents.length).toBeGreaterThan(0);
      const runs = (await kbn.health(id)).recentRuns.length;
      expect((await kbn.call(`/connectors/${id}/_run`, { method: 'POST' })).status).toBe(202);
      await kbn.waitForHealth(id, (h) => h.recentRuns.length > runs, `second run of ${id}`);
    }
    // A run that fails with the token in Lumos's error body: health keeps a redacted message.
    lumos.injectFaults({
      type: 'status',
      status: 400,
      body: JSON.stringify({ detail: `token ${token} may not read activity_logs` }),
    });
    expect((await kbn.call(`/connectors/${ids[0]}/_run`, { method: 'POST' })).status).toBe(202);
    const failing = await kbn.waitForHealth(ids[0], (h) => h.status === 'failing', 'failed run');
    expect(failing.lastError?.message).toContain('may not read');
    // Reads of everything.
    expect((await kbn.call('/connectors')).status).toBe(200);
    for (const id of ids) expect((await kbn.call(`/connectors/${id}`)).status).toBe(200);
    const events = await kbn.call<{ total: number }>(
      `/events?from=now-30d&namespace=${namespace}0`
    );
    expect(events.body.total).toBe(60);

    // While the connectors exist: task documents and every index. The scan must reach hidden
    // indices (the saved objects carry the marker) and data streams (the events' messages).
    const tasks: Array<[string, string]> = [];
    for await (const hit of kbn.scan(kbn.taskIndex)) {
      tasks.push([`task ${hit._id}`, JSON.stringify(hit._source)]);
    }
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    let documents = await everyDocument();
    expect(
      documents.some(
        ([place, text]) => place.startsWith(kbn.savedObjectsIndex) && text.includes(marker)
      )
    ).toBe(true);
    expect(documents.some(([place]) => place.startsWith('.ds-logs-lumos.activity_logs-'))).toBe(
      true
    );
    expect(await findSecrets([...tasks, ...documents], secrets)).toEqual([]);

    for (const id of ids) {
      expect((await kbn.call(`/connectors/${id}`, { method: 'DELETE' })).status).toBe(204);
    }
    documents = await everyDocument();
    expect(await findSecrets(documents, secrets)).toEqual([]);
    for (const value of secrets) expect(await searchedFor(value)).toBe(0);
    // …and the same query does find what is there (an event id of this suite).
    expect(await searchedFor([...lumos.uniqueIds()][0])).toBeGreaterThan(0);

    // Every response and every log line.
    expect(kbn.responses.length).toBeGreaterThan(30);
    const responses: Array<[string, string]> = kbn.responses.map((r) => [
      `${r.method} ${r.path} → ${r.status}`,
      `${JSON.stringify(r.body)} ${JSON.stringify([...r.headers])}`,
    ]);
    expect(await findSecrets(responses, secrets)).toEqual([]);
    const logs: Array<[string, string]> = kbn.logs.records.map((r) => [
      `log ${r.log.logger}`,
      JSON.stringify(r),
    ]);
    expect(logs.length).toBeGreaterThan(20);
    expect(await findSecrets(logs, secrets)).toEqual([]);
  });
});
