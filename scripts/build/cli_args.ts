/*
 * Flags of `npm run build -- ...`. Named after plugin-helpers' `build` command
 * (--kibana-version, --skip-archive) so the muscle memory carries over.
 */
import { ArgsError, parseArgs, type ParsedArgs } from '../lib/args';
import { assertSupportedKibanaVersion, supportedKibanaVersionList } from './kibana_versions';

export interface BuildCliArgs {
  kibanaVersion?: string;
  outDir?: string;
  skipArchive: boolean;
  sourcemap: boolean;
  minify: boolean;
  help: boolean;
}

export const BUILD_USAGE = `Usage: npm run build -- [--kibana-version X.Y.Z] [--out-dir DIR] [--skip-archive]
                       [--sourcemap] [--no-minify]

  --kibana-version  Kibana release the archive is for (default: package.json kibana.version);
                    one of ${supportedKibanaVersionList()} (docs/kibana-apis.md)
  --out-dir         where build/kibana/<id>/ and the zip go (default: ./build)
  --skip-archive    stage build/kibana/<id>/ but do not write the zip
  --sourcemap       write source maps for server files and the browser bundle
  --no-minify       leave the browser bundle readable`;

function parse(argv: readonly string[]): ParsedArgs {
  try {
    return parseArgs(argv, {
      strings: ['kibana-version', 'out-dir'],
      booleans: ['skip-archive', 'sourcemap', 'no-minify', 'help'],
      short: { h: 'help' },
    });
  } catch (error) {
    if (!(error instanceof ArgsError) || !error.problem) throw error;
    const { kind, option } = error.problem;
    const message =
      kind === 'missing-value' ? `${option} needs a value` : `Unknown argument [${option}]`;
    throw new Error(`${message}\n\n${BUILD_USAGE}`);
  }
}

export function parseBuildArgs(argv: readonly string[]): BuildCliArgs {
  const { positional, flags, switches } = parse(argv);
  if (positional.length > 0)
    throw new Error(`Unknown argument [${positional[0]}]\n\n${BUILD_USAGE}`);
  for (const name of ['kibana-version', 'out-dir']) {
    const value = flags[name];
    // A flag right after a value option is a forgotten value, not the value.
    if (value === '' || value?.startsWith('--')) {
      throw new Error(`--${name} needs a value\n\n${BUILD_USAGE}`);
    }
  }
  const kibanaVersion = flags['kibana-version'];
  // Refused here, before any work, as well as in buildPlugin.
  if (kibanaVersion !== undefined) assertSupportedKibanaVersion(kibanaVersion);
  return {
    kibanaVersion,
    outDir: flags['out-dir'],
    skipArchive: switches.has('skip-archive'),
    sourcemap: switches.has('sourcemap'),
    minify: !switches.has('no-minify'),
    help: switches.has('help'),
  };
}
