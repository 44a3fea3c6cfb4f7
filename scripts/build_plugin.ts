/*
 * `npm run build -- --kibana-version X.Y.Z` -> build/auditSources-X.Y.Z.zip, installable with
 * `bin/kibana-plugin install file:///abs/path/to/that.zip`. The work lives in scripts/build/;
 * see docs/build.md for the layout and the Kibana sources it follows.
 */
import { buildPlugin } from './build';
import { BUILD_USAGE, parseBuildArgs } from './build/cli_args';

async function main(): Promise<void> {
  const args = parseBuildArgs(process.argv.slice(2));
  if (args.help) {
    console.log(BUILD_USAGE);
    return;
  }
  const result = await buildPlugin({
    kibanaVersion: args.kibanaVersion,
    outDir: args.outDir,
    skipArchive: args.skipArchive,
    sourcemap: args.sourcemap,
    minify: args.minify,
    log: (message) => console.log(`[build] ${message}`),
  });
  if (result.zipPath && result.zipSize !== undefined) {
    const kib = (result.zipSize / 1024).toFixed(1);
    console.log(`${result.zipPath} (${result.zipSize} bytes, ${kib} KiB)`);
  } else {
    console.log(`staged ${result.pluginDir} (archive skipped)`);
  }
}

main().catch((error: unknown) => {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
