/*
 * Peak memory of a backfill: the pull runs in a child process (plain node, esbuild bundle) and
 * the parent samples its /proc/<pid>/status (VmRSS every 100 ms, VmHWM at the end); the Lumos
 * simulator runs in a third process and the Closer corpus is seeded beforehand, so only our
 * reader, mapper and writer are measured. Run at two backlog sizes to show the peak does not
 * grow with the backlog.
 */
import { readFileSync } from 'node:fs';
import { corpusIndexPattern } from '../test/closer_corpus/seed';
import { bundle, startChild, startSimulatorProcess } from './lib/child';
import type { SeededCloser } from './lib/closer_seed';
import type { BenchEs } from './lib/es';
import { load } from './lib/machine';
import type { PullChildOptions } from './lib/pull_child';

export interface MemoryResult {
  source: 'lumos' | 'closer';
  events: number;
  idleRssMb: number;
  peakRssMb: number;
  aboveIdleMb: number;
  /** RSS sampled at 10%, 20%, … of the run's duration: flat means bounded. */
  rssTimelineMb: number[];
  read: number;
  written: number;
  seconds: number;
  load: number;
}

function status(pid: number): { rssKb: number; hwmKb: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rssKb: Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0),
    hwmKb: Number(/VmHWM:\s+(\d+)/.exec(text)?.[1] ?? 0),
  };
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

async function measure(options: PullChildOptions, events: number): Promise<MemoryResult> {
  const script = await bundle('bench/lib/pull_child.ts');
  const started = await startChild([script, JSON.stringify(options)]);
  const pid = started.child.pid!;
  const idleKb = (started.first as { idleRssKb: number }).idleRssKb;
  const samples: number[] = [];
  let done: { read: number; written: number; seconds: number } | undefined;
  while (!done) {
    samples.push(status(pid).rssKb);
    const line = started.lines.find((l) => l.includes('"done"'));
    if (line) done = JSON.parse(line) as typeof done;
    else if (started.child.exitCode !== null)
      throw new Error(`pull child exited with ${started.child.exitCode}`);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const peakKb = status(pid).hwmKb;
  started.child.kill('SIGTERM');
  await started.exited;
  const timeline = Array.from({ length: 10 }, (_, i) =>
    mb(samples[Math.min(samples.length - 1, Math.floor(((i + 1) * samples.length) / 10))] ?? 0)
  );
  return {
    source: options.source,
    events,
    idleRssMb: mb(idleKb),
    peakRssMb: mb(peakKb),
    aboveIdleMb: mb(peakKb - idleKb),
    rssTimelineMb: timeline,
    read: done!.read,
    written: done!.written,
    seconds: Math.round(done!.seconds),
    load: load(),
  };
}

export async function benchLumosMemory(
  es: BenchEs,
  events: number,
  batchSize: number,
  concurrency: number
): Promise<MemoryResult> {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const sim = await startSimulatorProcess({
    lazyTenant: { count: events, seed: 41, start: end - 30 * 86_400_000, end },
    sortOrder: 'oldest-first',
  });
  try {
    return await measure(
      {
        source: 'lumos',
        es: { url: es.url, username: es.username, password: es.password },
        namespace: `benchmem${Date.now().toString(36)}`,
        batchSize,
        concurrency,
        lumos: { url: sim.url, token: sim.token },
      },
      events
    );
  } finally {
    await sim.stop();
  }
}

/** `upTo`: read only the first part of the corpus (its time range), for the smaller backlog. */
export async function benchCloserMemory(
  es: BenchEs,
  corpus: SeededCloser,
  events: number,
  batchSize: number,
  concurrency: number
): Promise<MemoryResult> {
  const until = corpus.start + Math.floor((corpus.spanMs * events) / corpus.count);
  return measure(
    {
      source: 'closer',
      es: { url: es.url, username: es.username, password: es.password },
      namespace: `benchmem${Date.now().toString(36)}`,
      batchSize,
      concurrency,
      closer: {
        index: corpusIndexPattern(corpus.prefix),
        query: events < corpus.count ? { range: { '@timestamp': { lt: until } } } : undefined,
      },
    },
    events
  );
}
