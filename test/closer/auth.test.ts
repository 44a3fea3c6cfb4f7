import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { spawnSync } from 'node:child_process';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import { RemoteAuthError, type FetchLike } from '../../server/sources/closer/remote_client';
import { fetch as undiciFetch } from 'undici';
import { generateCorpus } from '../../dev/closer_corpus/generator';
import { seedCorpus } from '../../dev/closer_corpus/seed';
import { createTestEsClient, testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import { baseConfig, destinationDocs, installCloserTemplate, uniqueRemotePrefix } from './helpers';
import { LOOPBACK_ALLOWED_HOSTS, loopbackOutbound } from '../../server/__mocks__/outbound';

describe('Closer credentials', () => {
  let es: Client;
  let prefix: string;
  beforeAll(async () => {
    es = createTestEsClient();
    prefix = uniqueRemotePrefix();
    const { url, username, password } = testEsConnection();
    await Promise.all([
      seedCorpus(
        { url, username, password },
        prefix,
        generateCorpus({ count: 50, start: Date.now() - 3600_000, spanMs: 600_000, seed: 3 })
      ),
      installCloserTemplate(es),
    ]);
  });
  afterAll(() => es.close());

  it('fails fast on a wrong password with a clear message, one request, no retry, no checkpoint', async () => {
    let calls = 0;
    const counting: FetchLike = (url, init) => {
      calls++;
      return undiciFetch(url, init) as unknown as ReturnType<FetchLike>;
    };
    const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
    const started = Date.now();
    const error = await pollCloser(
      baseConfig(prefix, uniqueNamespace('auth')),
      { type: 'basic', username: 'elastic', password: 'wrong-password-123' },
      {
        esClient: es as unknown as ElasticsearchClient,
        outbound: loopbackOutbound,
        checkpoints,
        fetch: counting,
      }
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteAuthError);
    expect((error as Error).message).toMatch(/rejected the credentials \(401/);
    expect((error as Error).message).not.toContain('wrong-password-123');
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(checkpoints.saves).toEqual([]);
  });

  it('authenticates with an API key', async () => {
    const key = await es.security.createApiKey({ name: `closer-reader-${prefix}` });
    const namespace = uniqueNamespace('apikey');
    const outcome = await pollCloser(
      baseConfig(prefix, namespace),
      { type: 'api_key', apiKey: key.encoded },
      {
        esClient: es as unknown as ElasticsearchClient,
        outbound: loopbackOutbound,
        checkpoints: memoryCheckpointStore<CloserCheckpoint>(),
      }
    );
    expect(outcome.stats.read).toBe(50);
    expect(await destinationDocs(es, namespace)).toHaveLength(50);
  });

  it('the pull script exits 3 with the message and without echoing the secret', () => {
    const { url, username, password } = testEsConnection();
    const result = spawnSync(
      'node_modules/.bin/tsx',
      [
        'scripts/pull.ts',
        'closer',
        '--remote',
        url,
        '--allowed-hosts',
        LOOPBACK_ALLOWED_HOSTS.join(','),
        '--remote-user',
        'elastic',
        '--index',
        `${prefix}-*`,
        '--es',
        url,
        '--es-user',
        username,
        '--namespace',
        uniqueNamespace('authcli'),
        '--state',
        `.tmp/pull-state/auth-${prefix}.json`,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, CLOSER_PASSWORD: 'not-the-password-42', ES_PASSWORD: password },
        timeout: 60_000,
      }
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/rejected the credentials/);
    expect(result.stderr + result.stdout).not.toContain('not-the-password-42');
  });
});
