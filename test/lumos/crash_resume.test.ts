import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import { pollLumos } from '../../server/sources/lumos/poll';
import { seededRandom } from '../../dev/lumos_simulator/generate_tenant';
import { createTestEsClient, testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { expectExactly, installLumosTemplate, storedEvents } from './helpers';
import { LOOPBACK_ALLOWED_HOSTS, loopbackOutbound } from '../../server/__mocks__/outbound';

/*
 * No loss, no duplicates, whatever the moment a run dies: killed runs are resumed from their
 * checkpoint until one finishes, then the stream must hold exactly the simulator's events.
 */

const ROOT = join(__dirname, '..', '..');
const DAY = 86_400_000;

describe('Lumos pull killed at random moments', () => {
  let es: Client;
  let sim: LumosSimulator;
  const end = Date.now() - 60_000;

  beforeAll(async () => {
    es = createTestEsClient();
    await installLumosTemplate(es);
    sim = await startLumosSimulator({
      tenant: { count: 3000, seed: 4242, start: end - 20 * DAY, end },
      sortOrder: 'newest-first',
      sinceInclusive: false,
    });
  });
  afterAll(async () => {
    await sim.stop();
    await es.close();
  });
  afterEach(() => sim.clearFaults());

  it('aborting the cycle at random moments, then resuming, ends with every event exactly once', async () => {
    const namespace = uniqueNamespace('lumosabort');
    const checkpoints = memoryCheckpointStore<LumosCheckpoint>();
    const random = seededRandom(99);
    sim.setFaultRates({ status500: 0.05, slow: 0.3, slowMs: 20 });
    let aborts = 0;
    let caughtUp = false;
    for (let i = 0; i < 60 && !caughtUp; i++) {
      const controller = new AbortController();
      // Half the attempts stop at a random moment (growing, so a loaded machine still gets to
      // the end), half at a random Lumos request of the attempt, which lands mid-walk however
      // fast the machine is.
      let timer: NodeJS.Timeout | undefined;
      if (i % 2 === 0) {
        timer = setTimeout(() => controller.abort(), 20 + Math.floor(random() * (250 + 25 * i)));
      } else {
        const first = sim.requests.length;
        const at = 1 + Math.floor(random() * 6);
        sim.onRequest(({ number }) => {
          if (number - first === at) controller.abort();
        });
      }
      try {
        const outcome = await pollLumos(
          {
            baseUrl: sim.url,
            namespace,
            maxWindowRecords: 300,
            backoff: { baseMs: 5, maxMs: 20 },
          },
          sim.token,
          {
            esClient: es as unknown as ElasticsearchClient,
            outbound: loopbackOutbound,
            checkpoints,
            signal: controller.signal,
          }
        );
        caughtUp = outcome.caughtUp;
      } catch (error) {
        if ((error as Error).name !== 'AbortError') throw error;
        aborts++;
      } finally {
        clearTimeout(timer);
        sim.onRequest(undefined);
      }
    }
    if (!caughtUp) {
      const outcome = await pollLumos({ baseUrl: sim.url, namespace }, sim.token, {
        esClient: es as unknown as ElasticsearchClient,
        outbound: loopbackOutbound,
        checkpoints,
      });
      caughtUp = outcome.caughtUp;
    }
    console.log(`aborted ${aborts} times, ${checkpoints.saves.length} checkpoints saved`);
    expect(aborts).toBeGreaterThanOrEqual(10);
    expect(caughtUp).toBe(true);
    const stored = await storedEvents(es, namespace);
    expectExactly(stored, sim.uniqueIds());
    expect(stored.count).toBe(sim.uniqueIds().size);
  });

  it('SIGKILLing `npm run pull -- lumos` at random times and re-running it ends with every event exactly once', async () => {
    const namespace = uniqueNamespace('lumoskill');
    const dir = await mkdtemp(join(tmpdir(), 'lumos-pull-'));
    const state = join(dir, 'state.json');
    const { url, username, password } = testEsConnection();
    const random = seededRandom(7);
    // Slow enough that a run takes a few seconds and kills land mid-walk.
    sim.setFaultRates({ slow: 1, slowMs: 80 });

    /** Kills the run after `killAfterMs`, or as its `killAtRequest`-th Lumos request arrives. */
    const run = (killAfterMs?: number, killAtRequest?: number) =>
      new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
        (resolve) => {
          const child = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              join(ROOT, 'scripts/pull.ts'),
              'lumos',
              '--url',
              sim.url,
              '--allowed-hosts',
              LOOPBACK_ALLOWED_HOSTS.join(','),
              '--es',
              url,
              '--es-user',
              username,
              '--namespace',
              namespace,
              '--state',
              state,
              '--since',
              '30d',
              // Small runs: the backfill needs many of them, so many kills land mid-walk.
              '--max-records',
              '400',
            ],
            {
              cwd: ROOT,
              env: { ...process.env, LUMOS_TOKEN: sim.token, ES_PASSWORD: password },
              stdio: ['ignore', 'pipe', 'pipe'],
            }
          );
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          const timer =
            killAfterMs === undefined
              ? undefined
              : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          if (killAtRequest !== undefined) {
            const first = sim.requests.length;
            sim.onRequest(({ number }) => {
              if (number - first === killAtRequest) child.kill('SIGKILL');
            });
          }
          child.on('exit', (code, signal) => {
            clearTimeout(timer);
            sim.onRequest(undefined);
            resolve({ code, signal, stdout, stderr });
          });
        }
      );

    const watermarks: string[] = [];
    let kills = 0;
    try {
      let final: Awaited<ReturnType<typeof run>> | undefined;
      for (let i = 0; i < 20; i++) {
        const result =
          i % 2 === 0
            ? await run(500 + Math.floor(random() * (2000 + 150 * i)))
            : await run(undefined, 1 + Math.floor(random() * 4));
        if (process.env.LUMOS_TEST_DEBUG)
          console.log(result.signal, result.code, result.stdout, result.stderr);
        if (result.signal === 'SIGKILL') kills++;
        else expect(result.code).toBe(0);
        const saved = await readFile(state, 'utf8').catch(() => undefined);
        if (saved) watermarks.push((JSON.parse(saved) as LumosCheckpoint).watermark);
        if (result.code === 0 && result.stdout.includes('caught up')) {
          final = result;
          break;
        }
      }
      // Uninterrupted runs finish the backfill; each is still capped at --max-records.
      for (let i = 0; !final && i < 30; i++) {
        const result = await run();
        expect(result.code).toBe(0);
        if (result.stdout.includes('caught up')) final = result;
      }
      if (!final) throw new Error('The backfill did not catch up within 30 uninterrupted runs');
      expect(final.stderr).not.toContain(sim.token);
      expect(final.stdout).not.toContain(sim.token);
      expect(final.code).toBe(0);
      expect(final.stdout).toMatch(/caught up/);
      console.log(`killed ${kills} runs; watermarks: ${watermarks.join(', ')}\n${final.stdout}`);
      expect(kills).toBeGreaterThanOrEqual(3);
      // Killed runs made progress that the next run kept.
      expect(new Set(watermarks).size).toBeGreaterThan(1);
      const stored = await storedEvents(es, namespace);
      expectExactly(stored, sim.uniqueIds());
      expect(stored.count).toBe(sim.uniqueIds().size);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
