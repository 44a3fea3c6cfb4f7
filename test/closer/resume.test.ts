import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import { generateCorpus, prng, type CorpusDocument } from '../../dev/closer_corpus/generator';
import { corpusIndexPattern, seedCorpus } from '../../dev/closer_corpus/seed';
import { createTestEsClient, testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import {
  baseConfig,
  destinationDocs,
  expectedIds,
  installCloserTemplate,
  remoteCredentials,
  uniqueRemotePrefix,
} from './helpers';
import { LOOPBACK_ALLOWED_HOSTS, loopbackOutbound } from '../../server/__mocks__/outbound';

const COUNT = 2500;

function expectExactlyOnce(ids: string[], expected: string[]): void {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
  expect(ids.length).toBe(expected.length);
  expect([...counts.keys()].sort()).toEqual(expected);
}

/**
 * The destination client, aborting `controller` around its n-th bulk request: before it is sent
 * or just after it landed (so the documents are written but the checkpoint is not). Wall-clock
 * timers alone are not enough: on a loaded machine every one can fire before the first page.
 */
function abortingAtBulk(
  client: ElasticsearchClient,
  controller: AbortController,
  n: number,
  afterLanding: boolean
): ElasticsearchClient {
  let calls = 0;
  const bulk = async (
    params: Parameters<ElasticsearchClient['bulk']>[0],
    options?: Parameters<ElasticsearchClient['bulk']>[1]
  ) => {
    calls++;
    if (calls === n && !afterLanding) controller.abort();
    const response = await client.bulk(params, options);
    if (calls === n && afterLanding) controller.abort();
    return response;
  };
  return new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'bulk' ? bulk : Reflect.get(target, property, receiver),
  });
}

describe('Closer pull interrupted at random points', () => {
  let es: Client;
  let prefix: string;
  let corpus: CorpusDocument[];

  beforeAll(async () => {
    es = createTestEsClient();
    prefix = uniqueRemotePrefix();
    corpus = generateCorpus({
      count: COUNT,
      start: Date.now() - 5 * 3600_000,
      spanMs: 4 * 3600_000,
      seed: 99,
    });
    const { url, username, password } = testEsConnection();
    await Promise.all([
      seedCorpus({ url, username, password }, prefix, corpus),
      installCloserTemplate(es),
    ]);
  });
  afterAll(() => es.close());

  it('aborted via AbortSignal many times (PIT and scroll, budgets), ends with every document once', async () => {
    const namespace = uniqueNamespace('abort');
    const checkpoints = memoryCheckpointStore<CloserCheckpoint>();
    const random = prng(2024);
    const deps = {
      esClient: es as unknown as ElasticsearchClient,
      outbound: loopbackOutbound,
      checkpoints,
    };
    let aborted = 0;
    let completed = 0;
    for (let i = 0; i < 40; i++) {
      const controller = new AbortController();
      // Half the runs stop at a random moment, half around a random bulk write.
      const byTime = i % 4 < 2;
      const timer = byTime
        ? setTimeout(() => controller.abort(), 2 + Math.floor(random() * 120))
        : undefined;
      const esClient = byTime
        ? deps.esClient
        : abortingAtBulk(deps.esClient, controller, 1 + Math.floor(random() * 3), random() < 0.5);
      const config = baseConfig(prefix, namespace, {
        pageSize: 25 + Math.floor(random() * 100),
        searchApi: i % 2 ? 'scroll' : 'auto',
      });
      try {
        await pollCloser(config, remoteCredentials(), {
          ...deps,
          esClient,
          outbound: loopbackOutbound,
          signal: controller.signal,
          // Budgets make the backfill span runs, so the aborts keep landing mid-way.
          budget: i < 32 ? { maxRecords: 50 + Math.floor(random() * 200) } : undefined,
        });
        completed++;
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        aborted++;
      } finally {
        clearTimeout(timer);
      }
    }
    expect(aborted).toBeGreaterThan(5);
    // The interruptions fell in the middle of the backfill: some pages were saved, not all.
    const beforeFinal = (await destinationDocs(es, namespace)).length;
    expect(checkpoints.saves.length).toBeGreaterThan(3);
    const final = await pollCloser(baseConfig(prefix, namespace), remoteCredentials(), deps);
    expect(final.caughtUp).toBe(true);
    console.log(
      `abort loop: ${aborted} aborted, ${completed} completed, ${checkpoints.saves.length} checkpoint saves, ${beforeFinal} documents before the final cycle, which wrote ${final.stats.written}`
    );
    expectExactlyOnce(
      (await destinationDocs(es, namespace)).map((d) => d.id),
      expectedIds(prefix, corpus)
    );
    expect(completed + aborted).toBe(40);
  });

  it('the pull script SIGKILLed at random points, then run to the end, writes every document once', async () => {
    const { url, username, password } = testEsConnection();
    const namespace = uniqueNamespace('kill');
    const state = join(mkdtempSync(join(tmpdir(), 'closer-pull-')), 'state.json');
    const random = prng(7);
    const run = (killAfterMs?: number) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
        (resolve) => {
          const child = spawn(
            'node_modules/.bin/tsx',
            [
              'scripts/pull.ts',
              'closer',
              '--remote',
              url,
              '--allowed-hosts',
              LOOPBACK_ALLOWED_HOSTS.join(','),
              '--remote-user',
              username,
              '--index',
              corpusIndexPattern(prefix),
              '--since',
              '0',
              '--page-size',
              '25',
              '--es',
              url,
              '--es-user',
              username,
              '--namespace',
              namespace,
              '--state',
              state,
            ],
            {
              env: { ...process.env, CLOSER_PASSWORD: password, ES_PASSWORD: password },
              stdio: ['ignore', 'pipe', 'pipe'],
            }
          );
          let stdout = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          const timer =
            killAfterMs === undefined
              ? undefined
              : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          child.on('exit', (code, signal) => {
            if (timer) clearTimeout(timer);
            resolve({ code, signal, stdout });
          });
        }
      );
    let killed = 0;
    const progress: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await run(1300 + Math.floor(random() * 1500));
      if (result.signal === 'SIGKILL') killed++;
      progress.push((await destinationDocs(es, namespace)).length);
    }
    console.log(`SIGKILL runs: ${killed} killed, documents after each run: ${progress.join(', ')}`);
    // Killed mid-backfill at least once (not before starting, not after finishing).
    expect(progress.some((n) => n > 0 && n < COUNT)).toBe(true);
    const final = await run();
    expect(final.code).toBe(0);
    expect(final.stdout).toMatch(/caught up/);
    expect(killed).toBeGreaterThan(0);
    expectExactlyOnce(
      (await destinationDocs(es, namespace)).map((d) => d.id),
      expectedIds(prefix, corpus)
    );
  });
});
