/*
 * Mapper throughput in a plain node process (bundled by esbuild, see mapping.ts): one core, no
 * jest, no tsx hooks. Maps the corpus `runs` times after a warm-up and prints one JSON line with
 * events/s per run. What is timed is what a poll cycle does per record:
 *   Lumos:  decode the item, JSON.stringify it (`event.original`), map, `_id` hash;
 *   Closer: decode the hit, map (redaction, URL/IP parsing, `event.original`), `_id` hash.
 */
import { mapLumosRecord } from '../server/sources/lumos/mapper';
import { mapCloserRecord } from '../server/sources/closer/mapper';
import { closerHits, lumosItems } from './lib/corpora';

export interface MappingWorkerResult {
  source: 'lumos' | 'closer';
  events: number;
  /** Events per second of CPU time (user + system) of this process, per run: "per core". */
  cpuRates: number[];
  /** Events per second of wall-clock time, per run (lower than cpuRates on a loaded machine). */
  wallRates: number[];
  checksum: number;
}

interface Timed {
  cpuRates: number[];
  wallRates: number[];
  checksum: number;
}

/*
 * CPU time, not wall time, is the "per core" figure: the machine is shared, and a run that lost
 * the core to another process for a while did not get slower at mapping. Wall rates are kept to
 * show how much the load distorted them.
 */
function timeRuns(events: number, runs: number, once: () => number): Timed {
  const timed: Timed = { cpuRates: [], wallRates: [], checksum: 0 };
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    timed.checksum += once();
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    timed.cpuRates.push(events / ((used.user + used.system) / 1e6));
    timed.wallRates.push(events / wall);
  }
  return timed;
}

function main(): void {
  const [source, countText, runsText, warmupText] = process.argv.slice(2);
  const count = Number(countText);
  const runs = Number(runsText);
  const warmups = Number(warmupText);
  const context = { namespace: 'bench', now: new Date() };
  let once: () => number;
  if (source === 'lumos') {
    const items = lumosItems(count);
    once = () => {
      let n = 0;
      // A fresh read time per page, as the poll loop does.
      for (const item of items) n += mapLumosRecord(item, JSON.stringify(item), context).id.length;
      return n;
    };
  } else if (source === 'closer') {
    const hits = closerHits(count);
    once = () => {
      let n = 0;
      for (const hit of hits) n += mapCloserRecord(hit, context).id.length;
      return n;
    };
  } else {
    throw new Error(`unknown source ${source}`);
  }
  timeRuns(count, warmups, once);
  const timed = timeRuns(count, runs, once);
  const result: MappingWorkerResult = { source, events: count, ...timed };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
