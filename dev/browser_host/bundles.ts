import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { SHARED_DEP_EXTERNALS } from '../../scripts/build/shared_deps';

/*
 * The two scripts Kibana serves before plugin bundles, built here with esbuild from our
 * node_modules: kbn-ui-shared-deps (window.__kbnSharedDeps__) and core's public entry
 * (`entry/core/public` in __kbnBundles__, with __kbnBootstrap__).
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Shared deps that are Kibana packages (not on npm): the host's stand-ins, written on the
 * libraries Kibana builds them on.
 */
const HOST_STAND_INS: Record<string, string> = {
  '@kbn/i18n': path.join(__dirname, 'core', 'kbn_i18n.ts'),
  '@kbn/i18n-react': path.join(__dirname, 'core', 'kbn_i18n_react.tsx'),
};

/** What `require(specifier)` means in the shared-deps entry, or undefined when not installed. */
function resolvedModule(specifier: string): string | undefined {
  if (HOST_STAND_INS[specifier]) return HOST_STAND_INS[specifier];
  try {
    require.resolve(specifier, { paths: [REPO_ROOT] });
    return specifier;
  } catch {
    return undefined;
  }
}

/** `__kbnSharedDeps__.FpTs.option` -> ['FpTs', 'option']. */
function globalPath(expression: string): string[] {
  return expression.replace(/^__kbnSharedDeps__\./, '').split('.');
}

export interface SharedDepsPlan {
  /** specifier -> global path, for the packages installed here; `module` is what is required. */
  included: Array<{ specifier: string; module: string; path: string[] }>;
  /** Table entries whose package is not installed (Kibana has them; this host does not). */
  missing: string[];
}

export function planSharedDeps(): SharedDepsPlan {
  const included: SharedDepsPlan['included'] = [];
  const missing: string[] = [];
  for (const [specifier, expression] of Object.entries(SHARED_DEP_EXTERNALS)) {
    const module = resolvedModule(specifier);
    if (module) included.push({ specifier, module, path: globalPath(expression) });
    else missing.push(specifier);
  }
  return { included, missing };
}

/** Source of the shared-deps entry: like kbn-ui-shared-deps-src/src/entry.js, one require each. */
export function sharedDepsEntrySource(plan: SharedDepsPlan): string {
  const lines = [
    'var deps = {};',
    'function set(path, value) {',
    '  var target = deps;',
    '  for (var i = 0; i < path.length - 1; i++) target = target[path[i]] = target[path[i]] || {};',
    '  target[path[path.length - 1]] = value;',
    '}',
  ];
  for (const { module, path: globalName } of plan.included) {
    lines.push(`set(${JSON.stringify(globalName)}, require(${JSON.stringify(module)}));`);
  }
  lines.push('window.__kbnSharedDeps__ = deps;');
  return lines.join('\n');
}

/** Imports of shared deps read window.__kbnSharedDeps__ (as the optimizer's externals do). */
export function sharedDepsExternals(): Plugin {
  return {
    name: 'kbn-shared-deps-externals',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) =>
        Object.hasOwn(SHARED_DEP_EXTERNALS, args.path) && args.kind !== 'entry-point'
          ? { path: args.path, namespace: 'kbn-shared-dep' }
          : undefined
      );
      pluginBuild.onLoad({ filter: /.*/, namespace: 'kbn-shared-dep' }, (args) => ({
        contents: `module.exports = ${SHARED_DEP_EXTERNALS[args.path]};`,
        loader: 'js',
      }));
    },
  };
}

async function bundle(options: {
  contents: string;
  sourcefile: string;
  plugins?: Plugin[];
  minify: boolean;
}): Promise<string> {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    stdin: {
      contents: options.contents,
      resolveDir: REPO_ROOT,
      sourcefile: options.sourcefile,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
    jsx: 'transform',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    minify: options.minify,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: options.plugins ?? [],
  });
  return result.outputFiles[0].text;
}

export interface HostBundles {
  sharedDeps: string;
  core: string;
  plan: SharedDepsPlan;
}

let cached: Promise<HostBundles> | undefined;

/** Builds both scripts once per process (a few seconds: EUI is large). */
export function buildHostBundles({
  minify = true,
}: { minify?: boolean } = {}): Promise<HostBundles> {
  cached ??= (async () => {
    const plan = planSharedDeps();
    const [sharedDeps, core] = await Promise.all([
      bundle({
        contents: sharedDepsEntrySource(plan),
        sourcefile: 'kbn-ui-shared-deps.js',
        minify,
      }),
      bundle({
        contents: [
          "var core = require('./dev/browser_host/core/entry.tsx');",
          "__kbnBundles__.define('entry/core/public', function () { return core; }, 'entry/core/public');",
        ].join('\n'),
        sourcefile: 'core.entry.js',
        plugins: [sharedDepsExternals()],
        minify,
      }),
    ]);
    return { sharedDeps, core, plan };
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
