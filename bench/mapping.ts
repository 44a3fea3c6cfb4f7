/*
 * Mapper throughput: each source's mapper in a plain node process bundled by esbuild (no tsx,
 * no jest), warm-up runs first, then the median of several runs. Rates are per second of the
 * process's own CPU time (one core), with wall-clock rates alongside to show the machine's load.
 */
import type { MappingWorkerResult } from './mapping_worker';
import { bundle, startChild } from './lib/child';
import { median } from './lib/machine';

export interface MappingResult {
  source: 'lumos' | 'closer';
  events: number;
  runs: number;
  runner: string;
  medianPerCore: number;
  medianWall: number;
  perCoreRuns: number[];
}

export async function benchMapping(options: {
  events: number;
  quick: boolean;
}): Promise<MappingResult[]> {
  const script = await bundle('bench/mapping_worker.ts');
  const runs = options.quick ? 3 : 7;
  const warmups = options.quick ? 1 : 2;
  const results: MappingResult[] = [];
  for (const source of ['lumos', 'closer'] as const) {
    const started = await startChild([
      script,
      source,
      String(options.events),
      String(runs),
      String(warmups),
    ]);
    await started.exited;
    const worker = started.first as MappingWorkerResult;
    results.push({
      source,
      events: options.events,
      runs,
      runner: `node ${process.version}, esbuild bundle, ${warmups} warm-up run(s)`,
      medianPerCore: Math.round(median(worker.cpuRates)),
      medianWall: Math.round(median(worker.wallRates)),
      perCoreRuns: worker.cpuRates.map(Math.round),
    });
  }
  return results;
}
