/*
 * Shared setup for the host's tests: build the fixture plugin once per file, start a host on the
 * jest run's Elasticsearch with its own index prefix, and capture its log lines.
 */
import { randomBytes } from 'node:crypto';
import { createTestEsClient, testEsConnection } from '../es/test_es';
import { buildFixturePlugin } from './fixtures/build_fixture';
import { startKibanaHost, type KibanaHost, type KibanaHostOptions } from './host';
import { captureLogs } from './test_helpers';

export const ENCRYPTION_KEY = 'a-test-encryption-key-of-32-chars!!';

export async function startFixtureHost(overrides: Partial<KibanaHostOptions> = {}) {
  const es = testEsConnection();
  const logs = captureLogs();
  const pluginDir = await buildFixturePlugin();
  const indexPrefix = `.kibana_host_${randomBytes(4).toString('hex')}`;
  const host: KibanaHost = await startKibanaHost({
    esUrl: es.url,
    esUsername: es.username,
    esPassword: es.password,
    pluginDir,
    config: {
      host_fixture: { greeting: 'hey' },
      xpack: { encryptedSavedObjects: { encryptionKey: ENCRYPTION_KEY } },
    },
    taskPollIntervalMs: 300,
    logSink: logs.sink,
    logLevel: 'debug',
    indexPrefix,
    ...overrides,
  });
  const admin = createTestEsClient();
  const superuser = { username: es.username, password: es.password };
  return { host, logs, admin, superuser, indexPrefix, pluginDir };
}
