/*
 * The Kibana-like host (dev/kibana_host) with the BUILT plugin, in a process of its own, for the
 * connectors-scale bench: the parent reads this process's CPU from /proc/<pid>/stat. Run under
 * tsx (`node --import tsx`), as the host needs for its @kbn/* run-time modules. Options: JSON in
 * argv[2] (ConnectorsHostOptions).
 *
 * stdout: first `{"url"}` once listening, then one line a second,
 * `{"t","running","maxRunning","warn","error","cpuUserUs","cpuSystemUs","messages"}`, where
 * `maxRunning` is the most task runs in flight seen since the previous line (sampled every 20 ms)
 * and `messages` the first few new warn/error log messages. Host logs go nowhere else. SIGTERM
 * stops the host (plugin stop, Task Manager stop) and exits.
 */
import { startKibanaHost } from '../../dev/kibana_host/host';
import type { LogRecord } from '../../dev/kibana_host/logging/logger';

export interface ConnectorsHostOptions {
  esUrl: string;
  esUsername: string;
  esPassword: string;
  pluginDir: string;
  indexPrefix: string;
  taskCapacity: number;
  taskPollIntervalMs: number;
  encryptionKey: string;
  pluginConfig: Record<string, unknown>;
}

export interface HostTick {
  t: number;
  running: number;
  maxRunning: number;
  warn: number;
  error: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  messages: string[];
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]) as ConnectorsHostOptions;
  let warn = 0;
  let error = 0;
  let messages: string[] = [];
  const sink = (record: LogRecord) => {
    const level = record.log.level;
    if (level === 'WARN') warn++;
    else if (level === 'ERROR' || level === 'FATAL') error++;
    else return;
    if (messages.length < 5) {
      messages.push(`[${level}][${record.log.logger}] ${record.message}`.slice(0, 300));
    }
  };
  const host = await startKibanaHost({
    esUrl: options.esUrl,
    esUsername: options.esUsername,
    esPassword: options.esPassword,
    pluginDir: options.pluginDir,
    indexPrefix: options.indexPrefix,
    taskCapacity: options.taskCapacity,
    taskPollIntervalMs: options.taskPollIntervalMs,
    config: {
      audit_sources: options.pluginConfig,
      xpack: { encryptedSavedObjects: { encryptionKey: options.encryptionKey } },
    },
    logSink: sink,
    logLevel: 'warn',
  });
  process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);

  let maxRunning = 0;
  const sampler = setInterval(() => {
    maxRunning = Math.max(maxRunning, host.runningTaskIds.length);
  }, 20);
  const reporter = setInterval(() => {
    const running = host.runningTaskIds.length;
    const cpu = process.cpuUsage();
    const tick: HostTick = {
      t: Date.now(),
      running,
      maxRunning: Math.max(maxRunning, running),
      warn,
      error,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      messages,
    };
    messages = [];
    maxRunning = running;
    process.stdout.write(`${JSON.stringify(tick)}\n`);
  }, 1000);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(sampler);
    clearInterval(reporter);
    host.stop().then(
      () => process.exit(0),
      (stopError: unknown) => {
        process.stderr.write(`connectors host: stop failed: ${String(stopError)}\n`);
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `connectors host: ${error instanceof Error ? error.stack : String(error)}\n`
  );
  process.exit(1);
});
