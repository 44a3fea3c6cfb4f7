/*
 * Shared set-up of the plugin's integration suites: the BUILT plugin in the Kibana-like host on
 * the jest run's Elasticsearch, with an index prefix of its own, every HTTP response and log line
 * kept (for "never appears" assertions), and readers for what the host stores in Elasticsearch
 * (task documents, saved objects, data streams). The cluster is shared with every other suite:
 * nothing here assumes it is alone, and callers use namespaces of their own.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client, estypes } from '@elastic/elasticsearch';
import { buildPlugin } from '../../scripts/build';
import { dataStreamName, SOURCES, type SourceKind } from '../../common/data_streams';
import type { ConnectorHealth } from '../../common/connectors/health';
import { connectorEncryptionRegistration } from '../../server/saved_objects/connector_type';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from '../../server/saved_objects/constants';
import { pollTaskId } from '../../server/tasks/constants';
import type { EsConnection } from '../../dev/es/es_server';
import { createTestEsClient, testEsConnection } from '../../dev/es/test_es';
import { EncryptedSavedObjectsService } from '../../dev/kibana_host/eso/encryption';
import {
  startKibanaHost,
  type KibanaHost,
  type KibanaHostOptions,
} from '../../dev/kibana_host/host';
import { createLoggerFactory } from '../../dev/kibana_host/logging/logger';
import {
  callHost,
  captureLogs,
  waitFor,
  type CallOptions,
  type CallResult,
} from '../../dev/kibana_host/test_helpers';
import { TEST_ALLOWED_HOSTS } from '../../server/__mocks__/outbound';

export const ENCRYPTION_KEY = 'a-test-encryption-key-of-32-chars!!';
export const API = '/internal/audit_sources';

export interface PluginHostOptions {
  /** `audit_sources.*` settings. */
  pluginConfig?: Record<string, unknown>;
  host?: Partial<KibanaHostOptions>;
  /** A node of the test's own (default: the jest run's shared one). */
  es?: EsConnection;
  /** The source tree to build (default: this repository); see third_source_tree.ts. */
  rootDir?: string;
}

export type PluginHost = Awaited<ReturnType<typeof startPluginHost>>;

export async function startPluginHost(name: string, options: PluginHostOptions = {}) {
  const es = options.es ?? testEsConnection();
  const suffix = randomBytes(4).toString('hex');
  const built = await buildPlugin({
    skipArchive: true,
    rootDir: options.rootDir,
    outDir: path.join(__dirname, `../../.tmp/plugin-${name}-${suffix}`),
  });
  const logs = captureLogs();
  const indexPrefix = `.kibana_host_${name}_${suffix}`;
  const host: KibanaHost = await startKibanaHost({
    esUrl: es.url,
    esUsername: es.username,
    esPassword: es.password,
    pluginDir: built.pluginDir,
    config: {
      // Sources under test listen on loopback, which the default allowedHosts refuses.
      audit_sources: { allowedHosts: [...TEST_ALLOWED_HOSTS], ...options.pluginConfig },
      xpack: { encryptedSavedObjects: { encryptionKey: ENCRYPTION_KEY } },
    },
    taskPollIntervalMs: 300,
    logSink: logs.sink,
    logLevel: 'debug',
    indexPrefix,
    ...options.host,
  });
  const admin: Client = createTestEsClient(es);
  const superuser = { username: es.username, password: es.password };
  const taskIndex = `${indexPrefix}_task_manager`;
  const savedObjectsIndex = `${indexPrefix}_saved_objects`;
  /** Every response the suite received from the host, for secret scans. */
  const responses: Array<CallResult<unknown> & { method: string; path: string }> = [];

  /** callHost as the superuser by default, remembering the response. */
  async function call<T = Record<string, unknown>>(
    apiPath: string,
    callOptions: CallOptions = {}
  ): Promise<CallResult<T>> {
    const result = await callHost<T>(host.url, `${API}${apiPath}`, {
      as: superuser,
      ...callOptions,
    });
    responses.push({ ...result, method: callOptions.method ?? 'GET', path: apiPath });
    return result;
  }

  async function health(id: string): Promise<ConnectorHealth> {
    const response = await call<ConnectorHealth>(`/connectors/${id}/health`);
    if (response.status !== 200) {
      throw new Error(`health of ${id}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  async function waitForHealth(
    id: string,
    predicate: (health: ConnectorHealth) => boolean,
    what: string,
    timeoutMs = 30_000
  ): Promise<ConnectorHealth> {
    return waitFor(
      async () => {
        const current = await health(id);
        return predicate(current) ? current : undefined;
      },
      { timeoutMs, intervalMs: 150, what }
    );
  }

  /** The raw `task:<id>` document of a connector's poll task, or undefined. */
  async function taskDocument(connectorId: string): Promise<Record<string, unknown> | undefined> {
    const response = await admin.get<Record<string, unknown>>(
      { index: taskIndex, id: `task:${pollTaskId(connectorId)}` },
      { ignore: [404] }
    );
    return response.found ? response._source : undefined;
  }

  async function savedObject(
    type: string,
    id: string
  ): Promise<Record<string, unknown> | undefined> {
    const response = await admin.get<Record<string, Record<string, unknown>>>(
      { index: savedObjectsIndex, id: `${type}:${id}` },
      { ignore: [404] }
    );
    return response.found ? response._source?.[type] : undefined;
  }

  const connectorAttributes = (id: string) => savedObject(CONNECTOR_SAVED_OBJECT_TYPE, id);
  const connectorState = (id: string) => savedObject(CONNECTOR_STATE_SAVED_OBJECT_TYPE, id);

  /**
   * The writer API key of a connector, decrypted with the host's encryption key: tests need its
   * value to prove it appears nowhere else.
   */
  async function writerApiKey(id: string): Promise<{ encoded: string; id: string; key: string }> {
    const attributes = await connectorAttributes(id);
    if (!attributes) throw new Error(`No connector ${id}`);
    const eso = new EncryptedSavedObjectsService(
      ENCRYPTION_KEY,
      createLoggerFactory(() => undefined).get('test')
    );
    eso.registerType(connectorEncryptionRegistration);
    const decrypted = await eso.decryptAttributes(
      { type: CONNECTOR_SAVED_OBJECT_TYPE, id },
      attributes
    );
    const encoded = decrypted.apiKey;
    if (typeof encoded !== 'string') throw new Error(`Connector ${id} has no writer API key`);
    const [keyId, key] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
    return { encoded, id: keyId, key };
  }

  async function apiKeyInvalidated(apiKeyId: string): Promise<boolean> {
    const { api_keys: keys } = await admin.security.getApiKey({ id: apiKeyId });
    if (keys.length !== 1) throw new Error(`API key ${apiKeyId}: ${keys.length} found`);
    return keys[0].invalidated === true;
  }

  /** Every `event.id` in a connector's data stream (with repeats, if any were doubled). */
  async function eventIds(kind: SourceKind, namespace: string): Promise<string[]> {
    const index = dataStreamName(SOURCES[kind].dataset, namespace);
    await admin.indices.refresh({ index });
    const ids: string[] = [];
    for await (const hit of scan(index, ['event.id'])) {
      const event = (hit._source as { event?: { id?: string } } | undefined)?.event;
      ids.push(event?.id ?? `(no event.id: ${hit._id})`);
    }
    return ids;
  }

  /** Every document of `index` (a point in time, so paging sees one snapshot). */
  async function* scan(
    index: string,
    source: string[] | boolean = true,
    expandWildcards: 'all' | 'open' = 'open'
  ): AsyncGenerator<{ _index: string; _id?: string; _source?: unknown }> {
    const pit = await admin.openPointInTime({
      index,
      keep_alive: '1m',
      expand_wildcards: expandWildcards,
    });
    try {
      let after: estypes.SortResults | undefined;
      for (;;) {
        const page = await admin.search({
          pit: { id: pit.id, keep_alive: '1m' },
          size: 5000,
          _source: source,
          sort: [{ _shard_doc: 'asc' }],
          ...(after && { search_after: after }),
        });
        yield* page.hits.hits;
        if (page.hits.hits.length < 5000) return;
        after = page.hits.hits[page.hits.hits.length - 1].sort;
      }
    } finally {
      await admin.closePointInTime({ id: pit.id }).catch(() => undefined);
    }
  }

  return {
    host,
    logs,
    admin,
    superuser,
    indexPrefix,
    taskIndex,
    savedObjectsIndex,
    responses,
    call,
    health,
    waitForHealth,
    taskDocument,
    connectorAttributes,
    connectorState,
    writerApiKey,
    apiKeyInvalidated,
    eventIds,
    scan,
    async stop() {
      await host.stop();
      await admin.close();
    },
  };
}
