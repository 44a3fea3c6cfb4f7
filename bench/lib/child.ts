import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

export const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, '.tmp', 'bench');

/**
 * Bundles an entry point with esbuild into .tmp/bench so it runs in a plain `node` process (no
 * tsx loader in the measured process: its CPU and memory would be counted as ours).
 */
export async function bundle(entry: string): Promise<string> {
  const outfile = join(OUT, `${entry.replace(/[/.]/g, '_')}.js`);
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    // Only type imports of @kbn/* remain in server code; nothing to resolve at run time.
    external: ['@kbn/*'],
  });
  return outfile;
}

export interface Started {
  child: ChildProcess;
  /** The first line the child printed, parsed as JSON. */
  first: unknown;
  /** Every later line, as printed. */
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts `node <args>` and waits for its first stdout line (a JSON object). */
export async function startChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const reader = createInterface({ input: child.stdout! });
  const first = await new Promise<unknown>((resolve, reject) => {
    let seen = false;
    reader.on('line', (line) => {
      if (!seen) {
        seen = true;
        try {
          resolve(JSON.parse(line));
        } catch (error) {
          reject(error);
        }
      } else lines.push(line);
    });
    child.on('exit', (code) => {
      if (!seen) reject(new Error(`${args.join(' ')} exited with ${code} before saying anything`));
    });
  });
  return { child, first, lines, exited };
}

export interface SimChild {
  url: string;
  token: string;
  stop(): Promise<void>;
}

export async function startSimulatorProcess(options: unknown): Promise<SimChild> {
  const script = await bundle('bench/lib/sim_process.ts');
  const started = await startChild(['--max-old-space-size=2048', script, JSON.stringify(options)]);
  const { url, token } = started.first as { url: string; token: string };
  return {
    url,
    token,
    async stop() {
      started.child.kill('SIGTERM');
      await started.exited;
    },
  };
}
