/*
 * One backfill in a child process (bench/lib/pull_child.ts, plain node with default flags): its
 * duration, its event-loop delay as the child saw it, and its memory as sampled from outside
 * (/proc/<pid>/status: VmRSS every 100 ms, VmHWM at the end). The Lumos simulator runs in a
 * process of its own and the Closer corpus is seeded beforehand, so only our reader, mapper and
 * writer are in the measured process.
 */
import { readFileSync } from 'node:fs';
import { corpusIndexPattern } from '../../dev/closer_corpus/seed';
import type { LazyTenantOptions } from '../../dev/lumos_simulator/lazy_tenant';
import { bundle, startChild, startSimulatorProcess } from './child';
import type { SeededCloser } from './closer_seed';
import type { BenchEs } from './es';
import type { EventLoopDelay } from './event_loop';
import type { PullChildOptions } from './pull_child';

export interface BackfillRun {
  idleRssMb: number;
  peakRssMb: number;
  aboveIdleMb: number;
  /** RSS sampled at 10%, 20%, … of the run's duration: flat means bounded. */
  rssTimelineMb: number[];
  read: number;
  written: number;
  seconds: number;
  eventLoop: EventLoopDelay;
}

/** Writer settings for the child; left out, the product's defaults apply. */
export interface WriterOverrides {
  batchSize?: number;
  concurrency?: number;
}

function status(pid: number): { rssKb: number; hwmKb: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    rssKb: Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0),
    hwmKb: Number(/VmHWM:\s+(\d+)/.exec(text)?.[1] ?? 0),
  };
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

interface Done {
  read: number;
  written: number;
  seconds: number;
  delay: EventLoopDelay;
}

async function runChild(options: PullChildOptions): Promise<BackfillRun> {
  const script = await bundle('bench/lib/pull_child.ts');
  const started = await startChild([script, JSON.stringify(options)]);
  const pid = started.child.pid!;
  const idleKb = (started.first as { idleRssKb: number }).idleRssKb;
  const samples: number[] = [];
  let done: Done | undefined;
  while (!done) {
    samples.push(status(pid).rssKb);
    const line = started.lines.find((l) => l.includes('"done"'));
    if (line) done = JSON.parse(line) as Done;
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
    idleRssMb: mb(idleKb),
    peakRssMb: mb(peakKb),
    aboveIdleMb: mb(peakKb - idleKb),
    rssTimelineMb: timeline,
    read: done.read,
    written: done.written,
    seconds: Math.round(done.seconds * 10) / 10,
    eventLoop: done.delay,
  };
}

const esOf = (es: BenchEs) => ({ url: es.url, username: es.username, password: es.password });

/** The bench's Lumos tenant: `events` events over the 30 days before the last whole minute. */
export function lumosTenant(events: number): LazyTenantOptions {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  return { count: events, seed: 41, start: end - 30 * 86_400_000, end };
}

/** A Lumos backfill of `events` events, served by a lazy tenant in its own process. */
export async function lumosBackfill(
  es: BenchEs,
  events: number,
  namespace: string,
  writer: WriterOverrides = {}
): Promise<BackfillRun> {
  const sim = await startSimulatorProcess({
    lazyTenant: lumosTenant(events),
    sortOrder: 'oldest-first',
  });
  try {
    return await runChild({
      source: 'lumos',
      es: esOf(es),
      namespace,
      ...writer,
      lumos: { url: sim.url, token: sim.token },
    });
  } finally {
    await sim.stop();
  }
}

/** A Closer backfill of the first `events` documents (by time) of a seeded corpus. */
export async function closerBackfill(
  es: BenchEs,
  corpus: SeededCloser,
  events: number,
  namespace: string,
  writer: WriterOverrides = {}
): Promise<BackfillRun> {
  const until = corpus.start + Math.floor((corpus.spanMs * events) / corpus.count);
  return runChild({
    source: 'closer',
    es: esOf(es),
    namespace,
    ...writer,
    closer: {
      index: corpusIndexPattern(corpus.prefix),
      query: events < corpus.count ? { range: { '@timestamp': { lt: until } } } : undefined,
    },
  });
}
