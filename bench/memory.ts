/*
 * Peak memory of a backfill, at two backlog sizes to show the peak does not grow with the
 * backlog. The pull runs in a child process of its own (bench/lib/backfill.ts).
 */
import {
  closerBackfill,
  lumosBackfill,
  type BackfillRun,
  type WriterOverrides,
} from './lib/backfill';
import type { SeededCloser } from './lib/closer_seed';
import type { BenchEs } from './lib/es';
import { load } from './lib/machine';

export interface MemoryResult extends BackfillRun {
  source: 'lumos' | 'closer';
  events: number;
  load: number;
}

const namespace = () => `benchmem${Date.now().toString(36)}`;

export async function benchLumosMemory(
  es: BenchEs,
  events: number,
  writer: WriterOverrides
): Promise<MemoryResult> {
  const run = await lumosBackfill(es, events, namespace(), writer);
  return { source: 'lumos', events, ...run, load: load() };
}

export async function benchCloserMemory(
  es: BenchEs,
  corpus: SeededCloser,
  events: number,
  writer: WriterOverrides
): Promise<MemoryResult> {
  const run = await closerBackfill(es, corpus, events, namespace(), writer);
  return { source: 'closer', events, ...run, load: load() };
}
