/*
 * Flags of `npm run build -- ...`. Named after plugin-helpers' `build` command
 * (--kibana-version, --skip-archive) so the muscle memory carries over.
 */
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

const VALUE_FLAGS = { '--kibana-version': 'kibanaVersion', '--out-dir': 'outDir' } as const;
type ValueFlag = keyof typeof VALUE_FLAGS;

function isValueFlag(flag: string): flag is ValueFlag {
  return Object.prototype.hasOwnProperty.call(VALUE_FLAGS, flag);
}

export function parseBuildArgs(argv: readonly string[]): BuildCliArgs {
  const args: BuildCliArgs = { skipArchive: false, sourcemap: false, minify: true, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;

    if (isValueFlag(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[(i += 1)];
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new Error(`${flag} needs a value\n\n${BUILD_USAGE}`);
      }
      // Refused here, before any work, as well as in buildPlugin.
      if (flag === '--kibana-version') assertSupportedKibanaVersion(value);
      args[VALUE_FLAGS[flag]] = value;
    } else if (arg === '--skip-archive') {
      args.skipArchive = true;
    } else if (arg === '--sourcemap') {
      args.sourcemap = true;
    } else if (arg === '--no-minify') {
      args.minify = false;
    } else if (arg === '--help' || arg === '-h') {
      args.help = true;
    } else {
      throw new Error(`Unknown argument [${arg}]\n\n${BUILD_USAGE}`);
    }
  }
  return args;
}
