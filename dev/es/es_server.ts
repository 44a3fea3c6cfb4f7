import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDistribution, pickJavaHome, pinnedElasticsearchVersion } from './distribution';
import { ensureSecurityAnalysisPlugin } from './security_analysis_plugin';

export interface EsConnection {
  url: string;
  username: string;
  password: string;
}

export interface RunningEs extends EsConnection {
  /** Process group of the current Elasticsearch process (changes on restart). */
  readonly pid: number;
  runDir: string;
  stop(): Promise<void>;
  /**
   * Stops the node (SIGTERM, as an operator's restart would) and starts it again with the same
   * config, data, keystore, password and port; resolves when it is healthy again. For tests of
   * what a pull does while its cluster goes away and comes back.
   */
  restart(options?: {
    downMs?: number;
    signal?: 'SIGTERM' | 'SIGKILL';
    /** `-E` settings changed for this and later starts, e.g. API keys switched off. */
    settings?: Record<string, string>;
  }): Promise<void>;
}

export interface StartEsOptions {
  version?: string;
  heap?: string;
  port?: number;
  /** Extra `-E` settings. */
  settings?: Record<string, string>;
  startTimeoutMs?: number;
}

/** Elasticsearch refuses to run as root (geteuid() check, no bypass); a user namespace avoids it. */
function nonRootPrefix(): string[] {
  if (process.getuid?.() !== 0) return [];
  const probe = spawnSync('unshare', ['--user', '--map-user=1000', '--map-group=1000', 'true']);
  if (probe.status === 0) return ['unshare', '--user', '--map-user=1000', '--map-group=1000'];
  throw new Error(
    'Running as root and `unshare --user` is not available: start the tests as a non-root user.'
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function run(cmd: string[], env: NodeJS.ProcessEnv, input?: string): void {
  const result = spawnSync(cmd[0], cmd.slice(1), { env, input, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${cmd.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`
    );
  }
}

/**
 * Kills the node's process group when `ownerPid` dies, so a crashed or killed test runner never
 * leaves a Java process behind.
 */
function spawnWatchdog(ownerPid: number, pgid: number): void {
  const script = `while kill -0 ${ownerPid} 2>/dev/null && kill -0 -${pgid} 2>/dev/null; do sleep 1; done;
kill -TERM -${pgid} 2>/dev/null; for i in $(seq 1 30); do kill -0 -${pgid} 2>/dev/null || exit 0; sleep 1; done;
kill -KILL -${pgid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}

async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return !groupAlive(pgid);
}

async function waitForHealth(
  connection: EsConnection,
  child: ChildProcess,
  consoleLog: string,
  timeoutMs: number
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const auth = Buffer.from(`${connection.username}:${connection.password}`).toString('base64');
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `Elasticsearch exited with ${child.exitCode} while starting:\n${tail(consoleLog)}`
      );
    }
    try {
      // `GET /` lives in the rest-root module, which the integ-test zip lacks.
      const response = await fetch(
        `${connection.url}/_cluster/health?wait_for_status=yellow&timeout=2s`,
        { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(5000) }
      );
      if (response.ok) return;
      lastError = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `Elasticsearch not healthy after ${timeoutMs} ms (${lastError}):\n${tail(consoleLog)}`
  );
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no console output)';
  }
}

/**
 * Starts a single throwaway node on 127.0.0.1 with security on, a generated `elastic` password
 * and fresh data, config and log directories.
 */
export async function startEs(options: StartEsOptions = {}): Promise<RunningEs> {
  const version = options.version ?? pinnedElasticsearchVersion();
  const home = await ensureDistribution(version);
  const javaHome = pickJavaHome(version);
  ensureSecurityAnalysisPlugin(home, version, javaHome);
  const runDir = await mkdtemp(join(tmpdir(), 'audit-sources-es-'));
  const configDir = join(runDir, 'config');
  cpSync(join(home, 'config'), configDir, { recursive: true });

  const password = randomBytes(18).toString('base64url');
  const prefix = nonRootPrefix();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ES_JAVA_HOME: javaHome,
    ES_PATH_CONF: configDir,
    ES_JAVA_OPTS: `-Xms${options.heap ?? '1g'} -Xmx${options.heap ?? '1g'}`,
  };
  delete env.JAVA_HOME;

  const keystore = join(home, 'bin', 'elasticsearch-keystore');
  run([...prefix, keystore, 'create'], env);
  run([...prefix, keystore, 'add', '-x', '-f', 'bootstrap.password'], env, password);

  const port = options.port ?? (await freePort());
  const settings: Record<string, string> = {
    'discovery.type': 'single-node',
    'network.host': '127.0.0.1',
    'http.port': String(port),
    'transport.port': '0',
    'path.data': join(runDir, 'data'),
    'path.logs': join(runDir, 'logs'),
    'xpack.security.enabled': 'true',
    'xpack.security.http.ssl.enabled': 'false',
    'xpack.security.transport.ssl.enabled': 'false',
    'xpack.security.authc.api_key.enabled': 'true',
    'cluster.routing.allocation.disk.threshold_enabled': 'false',
    'action.destructive_requires_name': 'false',
    'indices.breaker.total.use_real_memory': 'false',
    'node.store.allow_mmap': 'false',
    ...options.settings,
  };
  const argsOf = () => Object.entries(settings).map(([key, value]) => `-E${key}=${value}`);
  const consoleLog = join(runDir, 'console.log');
  const launch = (): ChildProcess => {
    const out = openSync(consoleLog, 'a');
    const started = spawn(
      prefix[0] ?? join(home, 'bin', 'elasticsearch'),
      [
        ...prefix.slice(1),
        ...(prefix.length ? [join(home, 'bin', 'elasticsearch')] : []),
        ...argsOf(),
      ],
      { env, cwd: home, detached: true, stdio: ['ignore', out, out] }
    );
    spawnWatchdog(process.pid, started.pid!);
    return started;
  };
  let child = launch();
  let pgid = child.pid!;

  const connection = { url: `http://127.0.0.1:${port}`, username: 'elastic', password };
  const halt = async (signal: 'SIGTERM' | 'SIGKILL') => {
    if (groupAlive(pgid)) {
      process.kill(-pgid, signal);
      const exited = (await waitForExit(child, 30_000)) && (await waitForGroupExit(pgid, 30_000));
      if (!exited && groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
      await waitForGroupExit(pgid, 10_000);
    }
  };
  const stop = async () => {
    await halt('SIGTERM');
    await rm(runDir, { recursive: true, force: true });
  };
  const startTimeoutMs = options.startTimeoutMs ?? 180_000;
  const restart: RunningEs['restart'] = async (restartOptions = {}) => {
    await halt(restartOptions.signal ?? 'SIGTERM');
    if (restartOptions.downMs) await new Promise((r) => setTimeout(r, restartOptions.downMs));
    Object.assign(settings, restartOptions.settings);
    child = launch();
    pgid = child.pid!;
    await waitForHealth(connection, child, consoleLog, startTimeoutMs);
  };

  try {
    await waitForHealth(connection, child, consoleLog, startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ...connection,
    get pid() {
      return pgid;
    },
    runDir,
    stop,
    restart,
  };
}
