/*
 * A backfill in a process of its own, as a Kibana task would run it (poll cycles until caught
 * up) and nothing else in the process: the parent samples this process's /proc/<pid>/status
 * while it runs, and the child watches its own event loop. Prints `{"idleRssKb"}` once set up and
 * idle, runs the cycles, prints `{"done",...}`, then waits to be killed (so the parent can still
 * read its VmHWM). Options: JSON in argv[2]; writer settings left out are the product defaults.
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { readFileSync } from 'node:fs';
import type { LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { pollCloser } from '../../server/sources/closer/poll';
import { pollLumos } from '../../server/sources/lumos/poll';
import type { PollStats } from '../../server/sources/poll_types';
import { loopbackOutbound } from '../../server/__mocks__/outbound';
import { withEventLoopDelay } from './event_loop';

export interface PullChildOptions {
  source: 'lumos' | 'closer';
  es: { url: string; username: string; password: string };
  namespace: string;
  batchSize?: number;
  concurrency?: number;
  lumos?: { url: string; token: string };
  closer?: { index: string; query?: Record<string, unknown> };
}

function rssKb(): number {
  const match = /VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : 0;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as PullChildOptions;
  const client = new Client({
    node: options.es.url,
    auth: { username: options.es.username, password: options.es.password },
    requestTimeout: 120_000,
  });
  const esClient = client as unknown as ElasticsearchClient;
  // Left out (undefined), each falls back to the product default where it is read.
  const writer = { batchSize: options.batchSize, concurrency: options.concurrency };
  const lumosCheckpoints = memoryCheckpointStore<LumosCheckpoint>();
  const closerCheckpoints = memoryCheckpointStore<CloserCheckpoint>();
  const cycle = async (): Promise<{ caughtUp: boolean; stats: PollStats }> => {
    if (options.source === 'lumos') {
      const lumos = options.lumos!;
      return pollLumos(
        { baseUrl: lumos.url, namespace: options.namespace, initialWindow: '31d' },
        lumos.token,
        { esClient, outbound: loopbackOutbound, checkpoints: lumosCheckpoints, writer }
      );
    }
    const closer = options.closer!;
    return pollCloser(
      {
        url: options.es.url,
        index: closer.index,
        query: closer.query,
        namespace: options.namespace,
        since: 0,
        pageSize: options.batchSize,
      },
      { type: 'basic', ...options.es },
      { esClient, outbound: loopbackOutbound, checkpoints: closerCheckpoints, writer }
    );
  };
  // Modules loaded, client made: this is "idle".
  await new Promise((resolve) => setTimeout(resolve, 1000));
  process.stdout.write(`${JSON.stringify({ idleRssKb: rssKb() })}\n`);
  const started = Date.now();
  let read = 0;
  let written = 0;
  // Where the memory is: the largest of each of process.memoryUsage()'s parts during the run.
  const most = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    for (const key of Object.keys(most) as Array<keyof typeof most>)
      most[key] = Math.max(most[key], Math.round(usage[key] / 2 ** 20));
  }, 100);
  const { delay } = await withEventLoopDelay(async () => {
    for (;;) {
      const outcome = await cycle();
      read += outcome.stats.read;
      written += outcome.stats.written;
      if (outcome.caughtUp) break;
    }
  });
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  const line = { done: true, read, written, seconds, delay, memoryMb: most };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  await client.close();
  // A normal exit on SIGTERM, so `node --cpu-prof` writes its profile when the parent stops us.
  process.on('SIGTERM', () => process.exit(0));
  setInterval(() => undefined, 60_000);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
