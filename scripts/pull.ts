/*
 * npm run -s pull -- <lumos|closer> [options]
 *
 * Runs one poll cycle of a source with the real modules, outside Kibana, and prints what it did.
 * Each source's options live in scripts/pull/<source>.ts; the checkpoint is kept in a file
 * (--state, default .tmp/pull-state/<source>-<namespace>.json) so runs resume like the task does.
 */
import { isSourceKind, type SourceKind } from '../common/data_streams';

const USAGE =
  "usage: npm run -s pull -- <lumos|closer> [options]   (--help for a source's options)";

async function main(): Promise<number> {
  const [kind, ...rest] = process.argv.slice(2);
  if (!kind || !isSourceKind(kind)) {
    console.error(USAGE);
    return 2;
  }
  const commands: Record<SourceKind, () => Promise<{ runPull(argv: string[]): Promise<number> }>> =
    {
      lumos: () => import('./pull/lumos'),
      closer: () => import('./pull/closer'),
    };
  const { runPull } = await commands[kind]();
  return runPull(rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
);
