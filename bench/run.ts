/*
 * npm run bench -- [--only mapping|ingest|memory|freshness|connectors] [--events N] [--quick]
 *   [--connectors 100]
 *   [--sweep-events 30000] [--batch-size N] [--concurrency N] [--freshness-seconds 210]
 *   [--interval-seconds 60]
 *
 * Prints a table per benchmark and writes everything, with the machine, to
 * bench/results/<date>.json. docs/performance.md explains each figure and records one run.
 * `--events` sets the mapping and ingest corpus (default 100k / 200k) and the larger memory
 * backlog (default 1M; the smaller one is a tenth of it). `--quick` shrinks everything for a
 * smoke run. `--batch-size` / `--concurrency` override the product's writer defaults (to try
 * others); without them every run uses the defaults a connector runs with.
 * An Elasticsearch node of its own is started unless AUDIT_SOURCES_ES_URL is set.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgsError, parseArgs } from '../scripts/lib/args';
import { benchFreshness, type FreshnessResult } from './freshness';
import { benchCloserIngest, benchLumosIngest, type IngestResult } from './ingest';
import { ROOT } from './lib/child';
import { seedCloser } from './lib/closer_seed';
import { benchEs, type BenchEs } from './lib/es';
import { describeMachine, load, type Machine } from './lib/machine';
import { benchMapping, type MappingResult } from './mapping';
import { benchCloserMemory, benchLumosMemory, type MemoryResult } from './memory';
import type { WriterOverrides } from './lib/backfill';
import { benchConnectors, connectorsRows, type ConnectorsScaleResult } from './connectors';

const BENCHES = ['mapping', 'ingest', 'memory', 'freshness', 'connectors'] as const;
type Bench = (typeof BENCHES)[number];

interface Report {
  date: string;
  command: string;
  machine: Machine & { loadAtEnd?: number };
  mapping?: MappingResult[];
  ingest?: IngestResult[];
  memory?: MemoryResult[];
  freshness?: FreshnessResult[];
  connectors?: ConnectorsScaleResult;
}

function table(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => String(r[c])))),
  ].join('\n');
}

const fmt = (n: number) => n.toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function printIngest(results: IngestResult[]): void {
  for (const r of results) {
    console.log(
      `\nCeiling sweep, ${r.source} (bare bulk loop, ${fmt(r.sweep.events)} pre-mapped documents per cell)`
    );
    console.log(
      table(
        r.sweep.cells.map((c) => ({
          shape: c.label,
          'docs/s': fmt(c.docsPerSecond),
          'MB/s': c.mbPerSecond,
          s: c.seconds,
        }))
      )
    );
  }
  console.log(
    '\nEnd-to-end ingest at the product defaults vs the best ceiling (both on the whole corpus)'
  );
  console.log(
    table(
      results.map((r) => ({
        source: r.source,
        events: fmt(r.events),
        'ours ev/s': fmt(r.ours.docsPerSecond),
        'ours MB/s': r.ours.mbPerSecond,
        'best ceiling': `${r.best.label}: ${fmt(r.best.docsPerSecond)} ev/s, ${r.best.mbPerSecond} MB/s`,
        'ceiling at our shape': `${r.atOurSettings.label}: ${fmt(r.atOurSettings.docsPerSecond)}`,
        'ours/best': r.ratio,
        'goal ≥0.9': verdict(r.ratio >= 0.9),
        'bare source read ev/s': fmt(r.sourceRead.docsPerSecond),
        // Reading and writing share the two cores here: 1 / (1/read + 1/best write).
        'read+write bound': fmt(
          Math.round(1 / (1 / r.sourceRead.docsPerSecond + 1 / r.best.docsPerSecond))
        ),
        indexed: fmt(r.indexed),
      }))
    )
  );
  console.log('\nEvent loop of the process running that backfill (delay beyond a 5 ms timer)');
  console.log(
    table(
      results.map((r) => ({
        source: r.source,
        events: fmt(r.events),
        'p50 ms': r.ours.eventLoop.p50Ms,
        'p99 ms': r.ours.eventLoop.p99Ms,
        'goal p99 <20': verdict(r.ours.eventLoop.p99Ms < 20),
        'max ms': r.ours.eventLoop.maxMs,
        'goal max <100': verdict(r.ours.eventLoop.maxMs < 100),
        'RSS above idle MB': r.ours.aboveIdleMb,
      }))
    )
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), {
    strings: [
      'only',
      'events',
      'sweep-events',
      'batch-size',
      'concurrency',
      'freshness-seconds',
      'interval-seconds',
      'connectors',
    ],
    booleans: ['quick'],
  });
  const only = args.flags.only;
  if (only !== undefined && !(BENCHES as readonly string[]).includes(only))
    throw new ArgsError(`--only must be one of ${BENCHES.join(', ')}`);
  const selected: Bench[] = only ? [only as Bench] : [...BENCHES];
  const quick = args.switches.has('quick');
  const events = args.flags.events ? Number(args.flags.events) : undefined;
  const writer: WriterOverrides = {
    ...(args.flags['batch-size'] ? { batchSize: Number(args.flags['batch-size']) } : {}),
    ...(args.flags.concurrency ? { concurrency: Number(args.flags.concurrency) } : {}),
  };
  const report: Report = {
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: describeMachine(),
  };
  console.log(
    `machine: ${report.machine.cores} cores (${report.machine.cpuModel}), ${report.machine.ramGb} GB RAM, Node ${report.machine.node}, load ${report.machine.loadAtStart}`
  );

  if (selected.includes('mapping')) {
    report.mapping = await benchMapping({ events: events ?? (quick ? 20_000 : 100_000), quick });
    console.log(
      `\nMapping throughput (${report.mapping[0].runner}; median of ${report.mapping[0].runs} runs)`
    );
    console.log(
      table(
        report.mapping.map((m) => ({
          source: m.source,
          events: fmt(m.events),
          'events/s per core (CPU time)': fmt(m.medianPerCore),
          'events/s wall': fmt(m.medianWall),
          'goal >100k': verdict(m.medianPerCore > 100_000),
        }))
      )
    );
  }

  let es: BenchEs | undefined;
  try {
    if (selected.some((b) => b !== 'mapping')) {
      es = await benchEs();
      report.machine.elasticsearch = es.version;
      console.log(`\nElasticsearch ${es.version} at ${es.url}`);
    }
    if (selected.includes('ingest') && es) {
      const options = {
        events: events ?? (quick ? 20_000 : 200_000),
        sweepEvents: Number(args.flags['sweep-events'] ?? (quick ? 5_000 : 30_000)),
        quick,
        writer,
      };
      report.ingest = [await benchLumosIngest(es, options), await benchCloserIngest(es, options)];
      printIngest(report.ingest);
    }
    if (selected.includes('memory') && es) {
      const large = events ?? (quick ? 100_000 : 1_000_000);
      const small = Math.max(1000, Math.floor(large / 10));
      const corpus = await seedCloser(es, large, 'bench-memory');
      report.memory = [
        await benchLumosMemory(es, small, writer),
        await benchLumosMemory(es, large, writer),
        await benchCloserMemory(es, corpus, small, writer),
        await benchCloserMemory(es, corpus, large, writer),
      ];
      console.log(
        '\nMemory of a backfill (pull in its own process, default Node flags; peak = VmHWM)'
      );
      console.log(
        table(
          report.memory.map((m) => ({
            source: m.source,
            backlog: fmt(m.events),
            'idle MB': m.idleRssMb,
            'peak MB': m.peakRssMb,
            'above idle MB': m.aboveIdleMb,
            'goal <100': verdict(m.aboveIdleMb < 100),
            'RSS over the run (MB, 10%…100%)': m.rssTimelineMb.join(' '),
            'loop p99/max ms': `${m.eventLoop.p99Ms}/${m.eventLoop.maxMs}`,
            written: fmt(m.written),
            s: m.seconds,
          }))
        )
      );
    }
    if (selected.includes('freshness') && es) {
      const intervalMs = Number(args.flags['interval-seconds'] ?? 60) * 1000;
      const durationMs = Number(args.flags['freshness-seconds'] ?? (quick ? 100 : 210)) * 1000;
      report.freshness = await benchFreshness(es, { durationMs, intervalMs });
      console.log(
        `\nFreshness (poll every ${intervalMs / 1000} s for ${durationMs / 1000} s; appearance → searchable)`
      );
      console.log(
        table(
          report.freshness.map((f) => ({
            source: f.source,
            events: `${f.found}/${f.events}`,
            'median s': f.medianSeconds,
            'p90 s': f.p90Seconds,
            'max s': f.maxSeconds,
            'max − interval s': f.maxOverIntervalSeconds,
            goal: `< ${f.goalOverIntervalSeconds}`,
            verdict: verdict(f.maxOverIntervalSeconds < f.goalOverIntervalSeconds),
          }))
        )
      );
    }
    if (selected.includes('connectors') && es) {
      const connectors = Number(args.flags.connectors ?? (quick ? 20 : 100));
      report.connectors = await benchConnectors(es, { connectors, quick });
      console.log(
        `\nMany connectors on the local host (Task Manager capacity ${report.connectors.taskManager.capacity}, poll ${report.connectors.taskManager.pollIntervalMs} ms: Kibana 9.4's defaults)`
      );
      console.log(table(connectorsRows(report.connectors)));
    }
  } finally {
    await es?.stop();
  }
  report.machine.loadAtEnd = load();
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.date.replace(/[:.]/g, '-')}${only ? `-${only}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\nload ${report.machine.loadAtStart} → ${report.machine.loadAtEnd}; results in ${file}`
  );
}

main().catch((error) => {
  console.error(error instanceof ArgsError ? `${error.message}` : error);
  process.exit(error instanceof ArgsError ? 2 : 1);
});
