/*
 * Scale of connectors (issue 14, item 5): many connectors in the Kibana-like host
 * (dev/kibana_host) running the BUILT plugin, the host in a child process of its own so its CPU
 * is read from /proc/<pid>/stat (utime + stime, every thread), Elasticsearch behind a counting
 * proxy (bench/lib/connectors_proxy.ts), and the source counting the requests it answers
 * (bench/lib/connectors_sources.ts: the Lumos simulator in a process of its own, or a small
 * Closer index behind a counting proxy of its own). Task Manager runs at Kibana's defaults
 * (xpack.task_manager.capacity 10, poll_interval 500 ms with the mget claim strategy), not at the
 * host's (3 and 3000 ms). Two phases, each on a fresh host (its own system indices):
 *
 * 1. Idle cost. N connectors (Lumos by default, or Closer: `idleSource`) against one small
 *    source of 100 events, every one older than Lumos's late-arrival window and Closer's overlap,
 *    so a run finds nothing new nor anything to re-read. Once each has caught up, a
 *    window of 2 minutes (1 in quick): host CPU-seconds per minute, task runs per minute,
 *    Elasticsearch requests per run (by kind) and Lumos requests per run. Then every connector is
 *    switched off (no task left) and the same warm host is measured for 30 s (15 in quick): the
 *    empty-host baseline (Task Manager's own polling, timers), subtracted for CPU per run.
 * 2. All backfilling (Lumos). N connectors created disabled, then all switched on together (the task is
 *    scheduled then), each with the same backlog into its own data stream. Reported: when each
 *    first ran and caught up (from its task's scheduledAt), when all had, the most runs at once
 *    (sampled in the host every 25 ms, and from the runs' own start/end times in health) against
 *    the capacity, and whether any connector starved.
 *
 * Nothing calls the host's HTTP API while CPU is measured: progress is read from the state and
 * task documents in Elasticsearch, directly (not through the proxy).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPlugin } from '../scripts/build';
import type { ConnectorHealth } from '../common/connectors/health';
import { dataStreamName, SOURCES, type SourceKind } from '../common/data_streams';
import { parseDuration } from '../common/duration';
import { CONNECTOR_STATE_SAVED_OBJECT_TYPE } from '../server/saved_objects/constants';
import { pollTaskId } from '../server/tasks/constants';
import { callHost } from '../dev/kibana_host/test_helpers';
import { ROOT, startChild } from './lib/child';
import type { ConnectorsHostOptions, HostTick } from './lib/connectors_host';
import {
  countsBetween,
  startCountingProxy,
  type CountingProxy,
  type RequestCounts,
} from './lib/connectors_proxy';
import { closerSource, lumosSource, type BenchSource } from './lib/connectors_sources';
import { countDocs, type BenchEs } from './lib/es';
import { load, median } from './lib/machine';

/** Kibana 9.4's Task Manager defaults (x-pack/.../task_manager/server/config.ts). */
export const KIBANA_TASK_CAPACITY = 10;
export const KIBANA_MGET_POLL_INTERVAL_MS = 500;

export interface ConnectorsOptions {
  connectors: number;
  quick?: boolean;
  /** Source of the idle phase (default lumos); the backfill phase is always Lumos. */
  idleSource?: SourceKind;
  /** Connector interval (default 1m, the minimum; the app's form suggests 5m). */
  interval?: string;
  /** Idle window in minutes (default 2, quick 1). */
  idleMinutes?: number;
  /** Events each backfilling connector reads (default 2,000; quick 1,000). */
  backlog?: number;
  /** Default KIBANA_TASK_CAPACITY. */
  taskCapacity?: number;
  /** Default KIBANA_MGET_POLL_INTERVAL_MS. */
  taskPollIntervalMs?: number;
  /** "None starves": every connector's first run within this many seconds (default 2 intervals). */
  starveLimitSeconds?: number;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface IdleCost {
  source: SourceKind;
  /** Events at the source (all read by each connector's first run). */
  tenantEvents: number;
  /** Creating the N connectors through the API (5 at a time). */
  createSeconds: number;
  /** From the first create until every connector had caught up once. */
  firstCatchUpSeconds: number;
  everyConnectorCaughtUp: boolean;
  windowSeconds: number;
  hostCpuSeconds: number;
  hostCpuSecondsPerMinute: number;
  /** Minus the empty host's rate (Task Manager polling, timers). */
  hostCpuSecondsPerMinuteAboveBaseline: number;
  /** (window CPU − baseline CPU) / runs. */
  cpuMsPerRun: number;
  taskRuns: number;
  taskRunsPerMinute: number;
  esRequests: number;
  esRequestsPerMinute: number;
  /** All requests of the window, Task Manager's claim searches included, per run. */
  esRequestsPerRun: number;
  /** Without Task Manager's claim searches (`POST /{prefix}_task_manager/_search`), per run. */
  esRequestsPerRunWithoutTaskPolling: number;
  esTaskPollsPerMinute: number;
  esRequestsByKindPerRun: Record<string, number>;
  esKilobytesPerRun: number;
  sourceRequestsPerRun: number;
  /** Events written and read during the window (nothing new: written should be 0). */
  writtenInWindow: number;
  readInWindow: number;
  maxRunning: number;
  /** RSS of the host at the end of the window. */
  hostRssMb: number;
  warnLogs: number;
  errorLogs: number;
}

export interface BackfillScale {
  source: 'lumos';
  backlogPerConnector: number;
  events: number;
  /** Creating the N (disabled) connectors through the API. */
  createSeconds: number;
  /** Switching all N on (PUT enabled: true, 10 at a time): their tasks are scheduled then. */
  enableSeconds: number;
  /** From the first switch-on until every connector had caught up. */
  allCaughtUpSeconds: number;
  everyConnectorCaughtUp: boolean;
  eventsPerSecond: number;
  documentsExpected: number;
  documentsIndexed: number;
  /** Most task runs in flight in the host (sampled every 25 ms). */
  maxRunningSampled: number;
  /** Most runs overlapping, from each run's startedAt/finishedAt in health. */
  maxRunningFromRuns: number;
  capacity: number;
  withinCapacity: boolean;
  /** Task scheduled → first run started, seconds. */
  firstRunWaitSeconds: Spread;
  /** Task scheduled → the run that reached the present ended, seconds. */
  catchUpSeconds: Spread;
  runsPerConnector: Spread;
  runSeconds: Spread;
  everyConnectorRan: boolean;
  starveLimitSeconds: number;
  /** Every connector ran, each first run within starveLimitSeconds. */
  noneStarves: boolean;
  /** Runs that were a connector's second or later and began before the last first run. */
  repeatRunsBeforeLastFirstRun: number;
  /** Connectors whose first run began after that of a connector scheduled > 1 s after them. */
  overtaken: number;
  hostCpuSeconds: number;
  esRequestsPerRun: number;
  sourceRequestsPerRun: number;
  failedRuns: number;
  warnLogs: number;
  errorLogs: number;
}

export interface ConnectorsScaleResult {
  connectors: number;
  interval: string;
  quick: boolean;
  taskManager: {
    capacity: number;
    pollIntervalMs: number;
    kibanaDefaultCapacity: number;
    kibanaDefaultPollIntervalMs: number;
    taskTimeout: string;
  };
  /** The idle phase's host after its window, every connector switched off (no task). */
  baseline: {
    seconds: number;
    hostCpuSecondsPerMinute: number;
    esRequestsPerMinute: number;
    hostRssMb: number;
  };
  idle: IdleCost;
  backfill: BackfillScale;
  /** First host warn/error messages seen (both phases), for a look. */
  hostMessages: string[];
  seconds: number;
  load: { start: number; end: number };
}

const say = (line: string) => process.stderr.write(`connectors: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const HOUR = 3_600_000;
const ENCRYPTION_KEY_BYTES = 24;

function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: NaN, median: NaN, max: NaN };
  return {
    min: round(Math.min(...values)),
    median: round(median(values)),
    max: round(Math.max(...values)),
  };
}

/** utime + stime of a process, seconds (every thread). */
function cpuSeconds(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5); the slice starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0) / 1024, 1);
}

async function pool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, i: number) => Promise<void>
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

interface HostChild {
  url: string;
  pid: number;
  indexPrefix: string;
  /** Ticks since the last call. */
  ticks(): HostTick[];
  stop(): Promise<void>;
}

async function startHostChild(
  es: BenchEs,
  proxy: CountingProxy,
  pluginDir: string,
  indexPrefix: string,
  capacity: number,
  pollIntervalMs: number
): Promise<HostChild> {
  const options: ConnectorsHostOptions = {
    esUrl: proxy.url,
    esUsername: es.username,
    esPassword: es.password,
    pluginDir,
    indexPrefix,
    taskCapacity: capacity,
    taskPollIntervalMs: pollIntervalMs,
    encryptionKey: randomBytes(ENCRYPTION_KEY_BYTES).toString('hex'),
    // The simulator listens on loopback, which the default allowedHosts refuses.
    pluginConfig: { allowedHosts: ['127.0.0.1', 'localhost', '::1'] },
  };
  const started = await startChild([
    '--import',
    'tsx',
    join(ROOT, 'bench', 'lib', 'connectors_host.ts'),
    JSON.stringify(options),
  ]);
  const { url } = started.first as { url: string };
  let seen = 0;
  return {
    url,
    pid: started.child.pid!,
    indexPrefix,
    ticks() {
      const fresh = started.lines.slice(seen).map((line) => JSON.parse(line) as HostTick);
      seen = started.lines.length;
      return fresh;
    },
    async stop() {
      if (started.child.exitCode === null) started.child.kill('SIGTERM');
      await started.exited;
    },
  };
}

/** Collects the host's ticks: max running, the latest warn/error counters, the first messages. */
class TickWatcher {
  maxRunning = 0;
  warn = 0;
  error = 0;
  readonly messages: string[] = [];

  constructor(private readonly host: HostChild) {}

  read(): void {
    for (const tick of this.host.ticks()) {
      this.maxRunning = Math.max(this.maxRunning, tick.maxRunning);
      this.warn = tick.warn;
      this.error = tick.error;
      for (const message of tick.messages) {
        if (this.messages.length < 10) this.messages.push(message);
      }
    }
  }

  /** Starts a new period: counters are relative, max running restarts. */
  reset(): { warn: number; error: number } {
    this.read();
    this.maxRunning = 0;
    return { warn: this.warn, error: this.error };
  }
}

interface StateDoc {
  id: string;
  health?: ConnectorHealth;
}

async function readStates(
  es: BenchEs,
  prefix: string,
  ids: readonly string[]
): Promise<StateDoc[]> {
  const response = await es.client.mget<Record<string, { health?: ConnectorHealth }>>({
    index: `${prefix}_saved_objects`,
    ids: ids.map((id) => `${CONNECTOR_STATE_SAVED_OBJECT_TYPE}:${id}`),
  });
  return response.docs.map((doc, i) => ({
    id: ids[i],
    health:
      'found' in doc && doc.found
        ? doc._source?.[CONNECTOR_STATE_SAVED_OBJECT_TYPE]?.health
        : undefined,
  }));
}

interface TaskDoc {
  id: string;
  runs: number;
  scheduledAt?: number;
  status?: string;
}

async function readTasks(es: BenchEs, prefix: string, ids: readonly string[]): Promise<TaskDoc[]> {
  const response = await es.client.mget<{
    task: { state?: string; scheduledAt?: string; status?: string };
  }>({
    index: `${prefix}_task_manager`,
    ids: ids.map((id) => `task:${pollTaskId(id)}`),
  });
  return response.docs.map((doc, i) => {
    const task = 'found' in doc && doc.found ? doc._source?.task : undefined;
    let runs = 0;
    try {
      runs = Number((JSON.parse(task?.state ?? '{}') as { runs?: unknown }).runs) || 0;
    } catch {
      runs = 0;
    }
    return {
      id: ids[i],
      runs,
      scheduledAt: task?.scheduledAt ? Date.parse(task.scheduledAt) : undefined,
      status: task?.status,
    };
  });
}

const caughtUp = (health: ConnectorHealth | undefined) =>
  !!health && health.backfill.complete && health.recentRuns.length > 0;

interface Fleet {
  ids: string[];
  namespaces: string[];
}

async function createConnectors(
  es: BenchEs,
  host: HostChild,
  source: BenchSource,
  count: number,
  tag: string,
  enabled: boolean,
  interval: string
): Promise<Fleet> {
  const ids: string[] = new Array<string>(count);
  const namespaces = Array.from({ length: count }, (_, i) => `${tag}c${i}`);
  await pool(namespaces, 5, async (namespace, i) => {
    const result = await callHost<{ id: string }>(host.url, '/internal/audit_sources/connectors', {
      as: { username: es.username, password: es.password },
      method: 'POST',
      body: {
        name: `Bench ${tag} ${i}`,
        ...source.connectorBody(),
        enabled,
        interval,
        namespace,
      },
    });
    if (result.status !== 200) {
      throw new Error(`creating connector ${i}: ${result.status} ${JSON.stringify(result.body)}`);
    }
    ids[i] = result.body.id;
  });
  return { ids, namespaces };
}

/** PUT enabled: true/false on each connector, 10 at a time (the task is scheduled or removed). */
async function setEnabled(
  es: BenchEs,
  host: HostChild,
  kind: SourceKind,
  ids: readonly string[],
  enabled: boolean
): Promise<void> {
  await pool(ids, 10, async (id) => {
    const result = await callHost(host.url, `/internal/audit_sources/connectors/${id}`, {
      as: { username: es.username, password: es.password },
      method: 'PUT',
      body: { kind, enabled },
    });
    if (result.status !== 200) {
      throw new Error(
        `PUT enabled ${enabled} on ${id}: ${result.status} ${JSON.stringify(result.body)}`
      );
    }
  });
}

/** Removes what a phase left in Elasticsearch: its data streams and the host's system indices. */
async function cleanUp(
  es: BenchEs,
  kind: SourceKind,
  tag: string,
  indexPrefix: string
): Promise<void> {
  await es.client.indices
    .deleteDataStream({ name: dataStreamName(SOURCES[kind].dataset, `${tag}c*`) })
    .catch(() => undefined);
  await es.client.indices
    .delete({ index: `${indexPrefix}_*`, expand_wildcards: 'all' })
    .catch(() => undefined);
}

interface Snapshot {
  at: number;
  cpu: number;
  es: RequestCounts;
  source: number;
  runs: number;
  written: number;
  read: number;
}

async function snapshot(
  es: BenchEs,
  host: HostChild,
  proxy: CountingProxy,
  source: BenchSource,
  ids: readonly string[]
): Promise<Snapshot> {
  const at = Date.now();
  const cpu = cpuSeconds(host.pid);
  const esCounts = proxy.snapshot();
  const sourceRequests = await source.requests();
  const tasks = ids.length ? await readTasks(es, host.indexPrefix, ids) : [];
  const states = ids.length ? await readStates(es, host.indexPrefix, ids) : [];
  return {
    at,
    cpu,
    es: esCounts,
    source: sourceRequests,
    runs: tasks.reduce((sum, t) => sum + t.runs, 0),
    written: states.reduce((sum, s) => sum + (s.health?.totals.written ?? 0), 0),
    read: states.reduce((sum, s) => sum + (s.health?.totals.read ?? 0), 0),
  };
}

async function waitUntil(
  what: string,
  deadline: number,
  check: () => Promise<{ done: boolean; progress: string }>,
  intervalMs: number,
  onTick?: () => void
): Promise<boolean> {
  let lastSaid = 0;
  for (;;) {
    onTick?.();
    const { done, progress } = await check();
    if (done) return true;
    if (Date.now() >= deadline) {
      say(`${what}: gave up (${progress})`);
      return false;
    }
    if (Date.now() - lastSaid > 15_000) {
      say(`${what}: ${progress}`);
      lastSaid = Date.now();
    }
    await sleep(intervalMs);
  }
}

const TASK_POLL_KIND = 'POST /{prefix}_task_manager/_search';

async function idlePhase(
  es: BenchEs,
  pluginDir: string,
  config: Required<Omit<ConnectorsOptions, 'quick' | 'starveLimitSeconds' | 'backlog'>> & {
    quick: boolean;
  },
  hostMessages: string[]
): Promise<{ baseline: ConnectorsScaleResult['baseline']; idle: IdleCost }> {
  const tag = `idle${Date.now().toString(36)}`;
  const indexPrefix = `.kibana_host_bench_${tag}`;
  const tenantEvents = 100;
  // Older than Lumos's late-arrival window (1h) and Closer's overlap (11m): nothing is re-read.
  const end = Date.now() - 2 * HOUR;
  const sim =
    config.idleSource === 'closer'
      ? await closerSource(es, tenantEvents, 14, end, tag)
      : await lumosSource(tenantEvents, 14, end);
  const proxy = await startCountingProxy(es.url, { indexPrefix });
  let host: HostChild | undefined;
  try {
    host = await startHostChild(
      es,
      proxy,
      pluginDir,
      indexPrefix,
      config.taskCapacity,
      config.taskPollIntervalMs
    );
    const ticks = new TickWatcher(host);
    say(`idle: host up (pid ${host.pid}); creating ${config.connectors} connectors`);
    const createStart = Date.now();
    const fleet = await createConnectors(
      es,
      host,
      sim,
      config.connectors,
      tag,
      true,
      config.interval
    );
    const createSeconds = round((Date.now() - createStart) / 1000, 1);
    say(`idle: created in ${createSeconds} s; waiting for every first run to catch up`);
    const everyConnectorCaughtUp = await waitUntil(
      'idle: first catch-up',
      Date.now() + (config.quick ? 90_000 : 180_000),
      async () => {
        const states = await readStates(es, indexPrefix, fleet.ids);
        const done = states.filter((s) => caughtUp(s.health)).length;
        return {
          done: done === fleet.ids.length,
          progress: `${done}/${fleet.ids.length} caught up`,
        };
      },
      2000,
      () => ticks.read()
    );
    const firstCatchUpSeconds = round((Date.now() - createStart) / 1000, 1);

    const windowMs = config.idleMinutes * 60_000;
    say(`idle: measuring for ${config.idleMinutes} min`);
    const logsBefore = ticks.reset();
    const w0 = await snapshot(es, host, proxy, sim, fleet.ids);
    await sleep(windowMs);
    const w1 = await snapshot(es, host, proxy, sim, fleet.ids);
    ticks.read();
    const hostRssMb = rssMb(host.pid);
    const logsAfter = { warn: ticks.warn, error: ticks.error };
    const maxRunning = ticks.maxRunning;

    // The baseline: the same (warm) host with every connector switched off, so no task exists
    // and only Task Manager's own polling and the host's timers remain.
    say('idle: switching every connector off for the empty-host baseline');
    await setEnabled(es, host, sim.kind, fleet.ids, false);
    await sleep(5000);
    const baselineMs = config.quick ? 15_000 : 30_000;
    const b0 = await snapshot(es, host, proxy, sim, []);
    await sleep(baselineMs);
    const b1 = await snapshot(es, host, proxy, sim, []);
    ticks.read();
    hostMessages.push(...ticks.messages);
    const baselineMinutes = (b1.at - b0.at) / 60_000;
    const baseline = {
      seconds: round((b1.at - b0.at) / 1000, 1),
      hostCpuSecondsPerMinute: round((b1.cpu - b0.cpu) / baselineMinutes, 3),
      esRequestsPerMinute: round((b1.es.total - b0.es.total) / baselineMinutes, 1),
      hostRssMb: rssMb(host.pid),
    };
    say(
      `idle: empty host ${baseline.hostCpuSecondsPerMinute} CPU-s/min, ${baseline.esRequestsPerMinute} ES requests/min`
    );

    const minutes = (w1.at - w0.at) / 60_000;
    const requests = countsBetween(w0.es, w1.es);
    const runs = w1.runs - w0.runs;
    const perRun = (n: number) => (runs > 0 ? round(n / runs, 2) : NaN);
    const cpu = w1.cpu - w0.cpu;
    const polls = requests.byKind[TASK_POLL_KIND] ?? 0;
    const byKind: Record<string, number> = {};
    for (const [kind, n] of Object.entries(requests.byKind).sort((a, b) => b[1] - a[1])) {
      byKind[kind] = perRun(n);
    }
    const idle: IdleCost = {
      source: sim.kind,
      tenantEvents,
      createSeconds,
      firstCatchUpSeconds,
      everyConnectorCaughtUp,
      windowSeconds: round((w1.at - w0.at) / 1000, 1),
      hostCpuSeconds: round(cpu, 2),
      hostCpuSecondsPerMinute: round(cpu / minutes, 3),
      hostCpuSecondsPerMinuteAboveBaseline: round(
        cpu / minutes - baseline.hostCpuSecondsPerMinute,
        3
      ),
      cpuMsPerRun: perRun((cpu - baseline.hostCpuSecondsPerMinute * minutes) * 1000),
      taskRuns: runs,
      taskRunsPerMinute: round(runs / minutes, 1),
      esRequests: requests.total,
      esRequestsPerMinute: round(requests.total / minutes, 1),
      esRequestsPerRun: perRun(requests.total),
      esRequestsPerRunWithoutTaskPolling: perRun(requests.total - polls),
      esTaskPollsPerMinute: round(polls / minutes, 1),
      esRequestsByKindPerRun: byKind,
      esKilobytesPerRun: perRun((requests.requestBytes + requests.responseBytes) / 1024),
      sourceRequestsPerRun: perRun(w1.source - w0.source),
      writtenInWindow: w1.written - w0.written,
      readInWindow: w1.read - w0.read,
      maxRunning,
      hostRssMb,
      warnLogs: logsAfter.warn - logsBefore.warn,
      errorLogs: logsAfter.error - logsBefore.error,
    };
    say(
      `idle: ${idle.hostCpuSecondsPerMinute} CPU-s/min (${idle.hostCpuSecondsPerMinuteAboveBaseline} above the empty host), ${idle.taskRunsPerMinute} runs/min, ${idle.esRequestsPerRun} ES requests/run, ${idle.sourceRequestsPerRun} ${idle.source} requests/run`
    );
    return { baseline, idle };
  } finally {
    await host?.stop();
    await proxy.stop();
    await sim.stop();
    await cleanUp(es, sim.kind, tag, indexPrefix);
  }
}

/** The most intervals [start, end) overlapping at any moment. */
function maxOverlap(intervals: ReadonlyArray<[number, number]>): number {
  const events: Array<[number, number]> = [];
  for (const [start, end] of intervals) events.push([start, 1], [end, -1]);
  // Ends before starts at the same instant: touching runs do not overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let best = 0;
  for (const [, delta] of events) {
    current += delta;
    best = Math.max(best, current);
  }
  return best;
}

async function backfillPhase(
  es: BenchEs,
  pluginDir: string,
  config: Required<Omit<ConnectorsOptions, 'quick'>> & { quick: boolean },
  hostMessages: string[]
): Promise<BackfillScale> {
  const tag = `fill${Date.now().toString(36)}`;
  const indexPrefix = `.kibana_host_bench_${tag}`;
  const end = Date.now() - 2 * HOUR;
  const sim = await lumosSource(config.backlog, 15, end);
  const proxy = await startCountingProxy(es.url, { indexPrefix });
  let host: HostChild | undefined;
  try {
    host = await startHostChild(
      es,
      proxy,
      pluginDir,
      indexPrefix,
      config.taskCapacity,
      config.taskPollIntervalMs
    );
    const ticks = new TickWatcher(host);
    say(`backfill: host up (pid ${host.pid}); creating ${config.connectors} disabled connectors`);
    const createStart = Date.now();
    const fleet = await createConnectors(
      es,
      host,
      sim,
      config.connectors,
      tag,
      false,
      config.interval
    );
    const createSeconds = round((Date.now() - createStart) / 1000, 1);
    say(`backfill: created in ${createSeconds} s; switching all on`);

    const logsBefore = ticks.reset();
    const c0 = cpuSeconds(host.pid);
    const es0 = proxy.snapshot();
    const source0 = await sim.requests();
    const enableStart = Date.now();
    await setEnabled(es, host, sim.kind, fleet.ids, true);
    const enableSeconds = round((Date.now() - enableStart) / 1000, 1);
    const scheduled = new Map<string, number>();
    for (const task of await readTasks(es, indexPrefix, fleet.ids)) {
      if (task.scheduledAt !== undefined) scheduled.set(task.id, task.scheduledAt);
    }
    say(`backfill: switched on in ${enableSeconds} s; waiting for every connector to catch up`);

    let states: StateDoc[] = [];
    const everyConnectorCaughtUp = await waitUntil(
      'backfill',
      Date.now() + (config.quick ? 120_000 : 300_000),
      async () => {
        states = await readStates(es, indexPrefix, fleet.ids);
        const done = states.filter((s) => caughtUp(s.health)).length;
        const written = states.reduce((sum, s) => sum + (s.health?.totals.written ?? 0), 0);
        return {
          done: done === fleet.ids.length,
          progress: `${done}/${fleet.ids.length} caught up, ${written} events written, ${ticks.maxRunning} max running`,
        };
      },
      1000,
      () => ticks.read()
    );
    const doneAt = Date.now();
    const cpu = cpuSeconds(host.pid) - c0;
    const requests = countsBetween(es0, proxy.snapshot());
    const sourceRequests = (await sim.requests()) - source0;
    ticks.read();
    hostMessages.push(...ticks.messages);
    states = await readStates(es, indexPrefix, fleet.ids);

    const intervals: Array<[number, number]> = [];
    const firstWaits: number[] = [];
    const catchUps: number[] = [];
    const runCounts: number[] = [];
    const runSeconds: number[] = [];
    const firstRuns: Array<{ id: string; scheduledAt: number; first: number }> = [];
    const laterRunStarts: number[] = [];
    let failedRuns = 0;
    let lastCatchUp = 0;
    for (const state of states) {
      const runs = [...(state.health?.recentRuns ?? [])].reverse(); // oldest first
      runCounts.push(runs.length);
      const scheduledAt = scheduled.get(state.id) ?? enableStart;
      runs.forEach((run, i) => {
        const start = Date.parse(run.startedAt);
        const finish = Date.parse(run.finishedAt);
        intervals.push([start, finish]);
        runSeconds.push((finish - start) / 1000);
        if (run.outcome === 'failure') failedRuns++;
        if (i > 0) laterRunStarts.push(start);
      });
      if (runs.length > 0) {
        const first = Date.parse(runs[0].startedAt);
        firstWaits.push((first - scheduledAt) / 1000);
        firstRuns.push({ id: state.id, scheduledAt, first });
      }
      const caught = runs.find((run) => run.caughtUp);
      if (caught) {
        const at = Date.parse(caught.finishedAt);
        catchUps.push((at - scheduledAt) / 1000);
        lastCatchUp = Math.max(lastCatchUp, at);
      }
    }
    const lastFirstRun = Math.max(...firstRuns.map((r) => r.first));
    const overtaken = firstRuns.filter((a) =>
      firstRuns.some((b) => b.scheduledAt > a.scheduledAt + 1000 && b.first < a.first)
    ).length;
    const events = config.connectors * config.backlog;
    const documentsIndexed = await countDocs(
      es.client,
      dataStreamName(SOURCES.lumos.dataset, `${tag}c*`)
    );
    const totalRuns = runCounts.reduce((sum, n) => sum + n, 0);
    const allCaughtUpMs = (everyConnectorCaughtUp ? lastCatchUp : doneAt) - enableStart;
    const maxRunningFromRuns = maxOverlap(intervals);
    const everyConnectorRan = firstRuns.length === fleet.ids.length;
    const result: BackfillScale = {
      source: 'lumos',
      backlogPerConnector: config.backlog,
      events,
      createSeconds,
      enableSeconds,
      allCaughtUpSeconds: round(allCaughtUpMs / 1000, 1),
      everyConnectorCaughtUp,
      eventsPerSecond: Math.round(documentsIndexed / (allCaughtUpMs / 1000)),
      documentsExpected: events,
      documentsIndexed,
      maxRunningSampled: ticks.maxRunning,
      maxRunningFromRuns,
      capacity: config.taskCapacity,
      withinCapacity: Math.max(ticks.maxRunning, maxRunningFromRuns) <= config.taskCapacity,
      firstRunWaitSeconds: spread(firstWaits),
      catchUpSeconds: spread(catchUps),
      runsPerConnector: spread(runCounts),
      runSeconds: spread(runSeconds),
      everyConnectorRan,
      starveLimitSeconds: config.starveLimitSeconds,
      noneStarves:
        everyConnectorRan && firstWaits.every((wait) => wait <= config.starveLimitSeconds),
      repeatRunsBeforeLastFirstRun: laterRunStarts.filter((start) => start < lastFirstRun).length,
      overtaken,
      hostCpuSeconds: round(cpu, 1),
      esRequestsPerRun: totalRuns ? round(requests.total / totalRuns, 1) : NaN,
      sourceRequestsPerRun: totalRuns ? round(sourceRequests / totalRuns, 1) : NaN,
      failedRuns,
      warnLogs: ticks.warn - logsBefore.warn,
      errorLogs: ticks.error - logsBefore.error,
    };
    say(
      `backfill: all caught up in ${result.allCaughtUpSeconds} s (${result.eventsPerSecond} ev/s), max running ${result.maxRunningSampled} sampled / ${result.maxRunningFromRuns} from runs (capacity ${result.capacity}), first run after ${result.firstRunWaitSeconds.min}–${result.firstRunWaitSeconds.max} s`
    );
    return result;
  } finally {
    await host?.stop();
    await proxy.stop();
    await sim.stop();
    await cleanUp(es, sim.kind, tag, indexPrefix);
  }
}

export async function benchConnectors(
  es: BenchEs,
  options: ConnectorsOptions
): Promise<ConnectorsScaleResult> {
  const started = Date.now();
  const loadStart = load();
  const quick = options.quick ?? false;
  const interval = options.interval ?? '1m';
  const parsedInterval = parseDuration(interval);
  if ('error' in parsedInterval) throw new Error(`interval: ${parsedInterval.error}`);
  const intervalSeconds = parsedInterval.ms / 1000;
  const config = {
    connectors: options.connectors,
    quick,
    idleSource: options.idleSource ?? 'lumos',
    interval,
    idleMinutes: options.idleMinutes ?? (quick ? 1 : 2),
    backlog: options.backlog ?? (quick ? 1000 : 2000),
    taskCapacity: options.taskCapacity ?? KIBANA_TASK_CAPACITY,
    taskPollIntervalMs: options.taskPollIntervalMs ?? KIBANA_MGET_POLL_INTERVAL_MS,
    starveLimitSeconds: options.starveLimitSeconds ?? 2 * intervalSeconds,
  };
  say('building the plugin');
  const outDir = join(ROOT, '.tmp', 'bench', `connectors-plugin-${randomBytes(3).toString('hex')}`);
  const built = await buildPlugin({ skipArchive: true, outDir });
  const hostMessages: string[] = [];
  let phases: [Awaited<ReturnType<typeof idlePhase>>, BackfillScale];
  try {
    const idlePart = await idlePhase(es, built.pluginDir, config, hostMessages);
    phases = [idlePart, await backfillPhase(es, built.pluginDir, config, hostMessages)];
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  const [{ baseline, idle }, backfill] = phases;
  return {
    connectors: config.connectors,
    interval,
    quick,
    taskManager: {
      capacity: config.taskCapacity,
      pollIntervalMs: config.taskPollIntervalMs,
      kibanaDefaultCapacity: KIBANA_TASK_CAPACITY,
      kibanaDefaultPollIntervalMs: KIBANA_MGET_POLL_INTERVAL_MS,
      taskTimeout: '5m',
    },
    baseline,
    idle,
    backfill,
    hostMessages: hostMessages.slice(0, 10),
    seconds: Math.round((Date.now() - started) / 1000),
    load: { start: loadStart, end: load() },
  };
}

/** Rows for bench/run.ts's `table`: one figure a row, with a goal and verdict where the issue has one. */
export function connectorsRows(
  result: ConnectorsScaleResult
): Array<Record<string, string | number>> {
  const { idle, backfill, baseline } = result;
  const n = `${result.connectors} ${idle.source}`;
  const m = `${result.connectors} ${backfill.source}`;
  const row = (phase: string, figure: string, value: string | number, goal = '', verdict = '') => ({
    phase,
    figure,
    value,
    goal,
    verdict,
  });
  const s = (x: Spread) => `${x.min} / ${x.median} / ${x.max}`;
  const idlePhase = `idle, ${n} × ${result.interval}`;
  const backfillPhase = `backfill, ${m} × ${backfill.backlogPerConnector}`;
  const idleRow = (figure: string, value: string | number, goal = 'report', verdict = '') =>
    row(idlePhase, figure, value, goal, verdict);
  const backfillRow = (figure: string, value: string | number, goal = 'report', verdict = '') =>
    row(backfillPhase, figure, value, goal, verdict);
  return [
    row('empty host', 'host CPU-s per minute', baseline.hostCpuSecondsPerMinute),
    row(
      'empty host',
      'ES requests per minute (Task Manager polling)',
      baseline.esRequestsPerMinute
    ),
    idleRow('host CPU-s per minute', idle.hostCpuSecondsPerMinute),
    idleRow('… above the empty host', idle.hostCpuSecondsPerMinuteAboveBaseline),
    idleRow('CPU ms per run (above the empty host)', idle.cpuMsPerRun),
    idleRow('task runs per minute', idle.taskRunsPerMinute),
    idleRow('ES requests per run (all)', idle.esRequestsPerRun),
    idleRow(
      'ES requests per run (without claim searches)',
      idle.esRequestsPerRunWithoutTaskPolling
    ),
    idleRow(`${idle.source} requests per run`, idle.sourceRequestsPerRun),
    idleRow(
      'events written in the window',
      idle.writtenInWindow,
      '0 (nothing new)',
      idle.writtenInWindow === 0 ? 'met' : 'missed'
    ),
    backfillRow(
      'all caught up (s)',
      `${backfill.allCaughtUpSeconds}${backfill.everyConnectorCaughtUp ? '' : ' (not all!)'}`
    ),
    backfillRow('events/s, all connectors', backfill.eventsPerSecond),
    backfillRow(
      'most runs at once (sampled / from runs)',
      `${backfill.maxRunningSampled} / ${backfill.maxRunningFromRuns}`,
      `≤ capacity ${backfill.capacity}`,
      backfill.withinCapacity ? 'met' : 'missed'
    ),
    backfillRow('scheduled → first run (s, min/median/max)', s(backfill.firstRunWaitSeconds)),
    backfillRow('scheduled → caught up (s, min/median/max)', s(backfill.catchUpSeconds)),
    backfillRow(
      'every connector ran',
      `${backfill.runsPerConnector.min}–${backfill.runsPerConnector.max} runs each`,
      'all ran',
      backfill.everyConnectorRan ? 'met' : 'missed'
    ),
    backfillRow(
      'none starves: first run within X s',
      `max ${backfill.firstRunWaitSeconds.max} s`,
      `X = ${backfill.starveLimitSeconds} s (interval ${result.interval})`,
      backfill.noneStarves ? 'met' : 'missed'
    ),
    backfillRow('host CPU-s, whole backfill', backfill.hostCpuSeconds),
    backfillRow(
      'documents indexed',
      `${backfill.documentsIndexed}/${backfill.documentsExpected}`,
      'all',
      backfill.documentsIndexed === backfill.documentsExpected ? 'met' : 'missed'
    ),
  ];
}
