/*
 * target/public/<id>.plugin.js: the browser half of the plugin, in the shape Kibana's page loads.
 *
 * The contract, from the 9.x sources (see docs/build.md for the full trail):
 * - The bootstrap script (src/core/packages/rendering/server-internal/src/bootstrap/
 *   render_template.ts) defines `window.__kbnBundles__` with
 *   `define(key, bundleRequire, bundleModuleKey)` and `get(key)`, which returns
 *   `bundleRequire(bundleModuleKey)`.
 * - kbn-optimizer's entry (packages/kbn-optimizer/src/worker/entry_point_creator.ts) emits
 *   `__kbnBundles__.define('plugin/<id>/public', __webpack_require__, <module id of public/index>)`,
 *   so `get` yields the exports of `public/index`, evaluated lazily on first `get`.
 * - Core reads that object and calls its `plugin` export
 *   (src/core/packages/plugins/browser-internal/src/plugin_reader.ts).
 * - Shared libraries are webpack externals reading `window.__kbnSharedDeps__.<Name>`
 *   (kbn-ui-shared-deps-src/src/definitions.js); imports of another plugin's public API become
 *   `__kbnBundles__.get('plugin/<id>/public')` (bundle_remote_module.ts), and `@kbn/core/public`
 *   becomes `__kbnBundles__.get('entry/core/public')` (core is the bundle `entry/core`).
 *
 * esbuild produces the same thing: an IIFE whose generated entry `require`s public/index lazily
 * and registers that require function with `__kbnBundles__.define`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

import { build, type Metafile, type Plugin } from 'esbuild';

import { isKibanaProvidedPackage, packageNameOf, SHARED_DEP_EXTERNALS } from './shared_deps';

const SHARED_DEP_NAMESPACE = 'kbn-shared-dep';
const BUNDLE_REF_NAMESPACE = 'kbn-bundle-ref';

/** The module id we hand to `define`; webpack uses the module's id, we use its source path. */
export const PUBLIC_ENTRY_MODULE_ID = './public/index.ts';

/** `__kbnBundles__` key under which core looks a plugin up. */
export function bundleExportId(pluginId: string): string {
  return `plugin/${pluginId}/public`;
}

/** File name the optimizer gives a plugin bundle, and that Kibana's page asks for. */
export function bundleFileName(pluginId: string): string {
  return `${pluginId}.plugin.js`;
}

/**
 * `@kbn/data-views-plugin` -> `dataViews`. Kibana derives the id from the manifest, not the
 * package name; this convention holds for the plugins we depend on, and a wrong guess fails the
 * `requiredPlugins` check below rather than producing a broken reference.
 */
export function pluginIdFromPackageName(packageName: string): string | undefined {
  const match = /^@kbn\/([a-z0-9-]+)-plugin$/.exec(packageName);
  if (!match) return undefined;
  return match[1].replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase());
}

export type KibanaImportResolution =
  /** `global` is the `__kbnSharedDeps__.<Name>` expression the import evaluates to. */
  | { kind: 'shared-dep'; global: string }
  /** `bundleId` is the `__kbnBundles__` key, e.g. `plugin/dataViews/public`. */
  | { kind: 'bundle-ref'; bundleId: string };

/** What a resolved Kibana import evaluates to in the bundle. */
export function resolutionExpression(resolution: KibanaImportResolution): string {
  return resolution.kind === 'shared-dep'
    ? resolution.global
    : `__kbnBundles__.get(${JSON.stringify(resolution.bundleId)})`;
}

export interface ImportRules {
  /** Plugin ids whose bundles are guaranteed loaded first: `requiredPlugins` + `requiredBundles`. */
  bundlePlugins: ReadonlySet<string>;
  /** Packages our own code may bundle: the production dependency closure. */
  bundledPackages: ReadonlySet<string>;
}

/**
 * Decides what a bare import from our own source becomes. Returns undefined when esbuild should
 * bundle the package from node_modules; throws when the import cannot work inside Kibana.
 */
export function resolveKibanaImport(
  specifier: string,
  rules: ImportRules
): KibanaImportResolution | undefined {
  const shared = SHARED_DEP_EXTERNALS[specifier];
  if (shared) {
    return { kind: 'shared-dep', global: shared };
  }
  const packageName = packageNameOf(specifier);
  const target = specifier.slice(packageName.length + 1);

  if (packageName === '@kbn/core') {
    if (target === 'public') {
      return { kind: 'bundle-ref', bundleId: 'entry/core/public' };
    }
    throw new Error(`[${specifier}] is not browser code; import from '@kbn/core/public'`);
  }

  const pluginId = pluginIdFromPackageName(packageName);
  if (pluginId) {
    if (target !== 'public') {
      throw new Error(
        `[${specifier}] is not the public API of plugin [${pluginId}]; only '${packageName}/public' is loadable`
      );
    }
    if (!rules.bundlePlugins.has(pluginId)) {
      throw new Error(
        `[${specifier}] imports code from plugin [${pluginId}], which is not in requiredPlugins ` +
          'or requiredBundles; use `import type` or declare the dependency in kibana.jsonc'
      );
    }
    return { kind: 'bundle-ref', bundleId: bundleExportId(pluginId) };
  }

  if (packageName.startsWith('@kbn/')) {
    throw new Error(
      `[${specifier}] is neither a Kibana shared dependency nor a plugin's public API; ` +
        'the Kibana sources are not available to bundle it (use `import type`, or add it to ' +
        'scripts/build/shared_deps.ts if 9.4 shares it)'
    );
  }
  if (isKibanaProvidedPackage(packageName) || !rules.bundledPackages.has(packageName)) {
    throw new Error(
      `[${specifier}] is not shared by Kibana (no __kbnSharedDeps__ entry) and [${packageName}] ` +
        'is not a production dependency, so the bundle cannot include it'
    );
  }
  return undefined;
}

function isBareSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !path.isAbsolute(specifier);
}

function isInsideNodeModules(file: string): boolean {
  return file.split(path.sep).includes('node_modules');
}

/** esbuild plugin that turns Kibana-provided imports into reads of Kibana's globals. */
export function kibanaExternalsPlugin(rules: ImportRules): Plugin {
  return {
    name: 'kibana-externals',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /\.(css|scss|sass|less)$/ }, (args) => ({
        errors: [
          {
            text: `[${args.path}] stylesheet imports are not supported by this build; style with EUI/emotion`,
          },
        ],
      }));

      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || !isBareSpecifier(args.path)) {
          return undefined;
        }
        // Externals apply to every importer (as webpack's do), so a bundled dependency that
        // imports React still gets Kibana's React. The other rules only police our own source.
        const shared = SHARED_DEP_EXTERNALS[args.path];
        if (shared) {
          return { path: args.path, namespace: SHARED_DEP_NAMESPACE };
        }
        if (isInsideNodeModules(args.importer)) {
          return undefined;
        }
        try {
          const resolution = resolveKibanaImport(args.path, rules);
          if (!resolution) return undefined;
          return resolution.kind === 'shared-dep'
            ? { path: args.path, namespace: SHARED_DEP_NAMESPACE }
            : { path: resolution.bundleId, namespace: BUNDLE_REF_NAMESPACE };
        } catch (error) {
          return { errors: [{ text: (error as Error).message }] };
        }
      });

      pluginBuild.onLoad({ filter: /.*/, namespace: SHARED_DEP_NAMESPACE }, (args) => ({
        contents: `module.exports = ${resolutionExpression({ kind: 'shared-dep', global: SHARED_DEP_EXTERNALS[args.path] })};`,
        loader: 'js',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: BUNDLE_REF_NAMESPACE }, (args) => ({
        contents: `module.exports = ${resolutionExpression({ kind: 'bundle-ref', bundleId: args.path })};`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The generated entry, equivalent of entry_point_creator.ts: registers a require function and the
 * module id with `__kbnBundles__`. `require` keeps public/index (and everything it imports)
 * unevaluated until core calls `__kbnBundles__.get`, as webpack's `__webpack_require__` does.
 */
export function createEntrySource(pluginId: string): string {
  const id = JSON.stringify(PUBLIC_ENTRY_MODULE_ID);
  return [
    `var modules = { ${id}: function () { return require(${id}); } };`,
    'var cache = {};',
    // No id: newer loaders (the Vite dev registry) call the registered function without one.
    'function kbnBundleRequire(moduleId) {',
    `  if (moduleId === undefined) moduleId = ${id};`,
    '  if (!Object.prototype.hasOwnProperty.call(modules, moduleId)) {',
    `    throw new Error('Module [' + moduleId + '] is not part of the ${pluginId} bundle');`,
    '  }',
    '  if (!Object.prototype.hasOwnProperty.call(cache, moduleId)) {',
    '    cache[moduleId] = modules[moduleId]();',
    '  }',
    '  return cache[moduleId];',
    '}',
    `__kbnBundles__.define(${JSON.stringify(bundleExportId(pluginId))}, kbnBundleRequire, ${id});`,
    '',
  ].join('\n');
}

export interface BrowserBundleOptions {
  rootDir: string;
  pluginId: string;
  /** Directory receiving `<id>.plugin.js`, i.e. `<pluginDir>/target/public`. */
  outputDir: string;
  rules: ImportRules;
  minify?: boolean;
  sourcemap?: boolean;
  /** Also write `<id>.plugin.js.br`, which Kibana serves to browsers that accept brotli. */
  brotli?: boolean;
}

export interface BrowserBundleResult {
  bundlePath: string;
  brotliPath?: string;
  /** Source files that went into the bundle, relative to rootDir. */
  inputs: string[];
}

/** Fails if anything Kibana provides was bundled from our node_modules after all. */
function assertNoKibanaCodeBundled(metafile: Metafile): void {
  const leaked = Object.keys(metafile.inputs).filter((input) => {
    const parts = input.split('/');
    const index = parts.lastIndexOf('node_modules');
    return index >= 0 && isKibanaProvidedPackage(packageNameOf(parts.slice(index + 1).join('/')));
  });
  if (leaked.length > 0) {
    throw new Error(`The browser bundle would include Kibana-provided code: ${leaked.join(', ')}`);
  }
}

export async function buildBrowserBundle(
  options: BrowserBundleOptions
): Promise<BrowserBundleResult> {
  const { rootDir, pluginId, outputDir, minify = true, sourcemap = false, brotli = true } = options;
  await fs.access(path.join(rootDir, PUBLIC_ENTRY_MODULE_ID));
  const bundlePath = path.join(outputDir, bundleFileName(pluginId));

  const result = await build({
    absWorkingDir: rootDir,
    stdin: {
      contents: createEntrySource(pluginId),
      resolveDir: rootDir,
      sourcefile: `kbn_${pluginId}_entry.js`,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Kibana's own optimizer targets ES2020 browsers (kbn-rspack-optimizer uses ['web', 'es2020']).
    target: 'es2020',
    outfile: bundlePath,
    tsconfig: path.join(rootDir, 'tsconfig.json'),
    // react/jsx-runtime is not a shared dep, so JSX must compile to React.createElement (classic).
    jsx: 'transform',
    define: { 'process.env.NODE_ENV': '"production"' },
    minify,
    sourcemap: sourcemap ? 'linked' : false,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'silent',
    plugins: [kibanaExternalsPlugin(options.rules)],
  });

  const outputs = Object.keys(result.metafile.outputs).filter((file) => !file.endsWith('.map'));
  if (outputs.length !== 1) {
    throw new Error(`Expected one browser bundle file, esbuild wrote: ${outputs.join(', ')}`);
  }
  assertNoKibanaCodeBundled(result.metafile);

  let brotliPath: string | undefined;
  if (brotli) {
    brotliPath = `${bundlePath}.br`;
    const compressed = brotliCompressSync(await fs.readFile(bundlePath), {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY },
    });
    await fs.writeFile(brotliPath, compressed);
  }

  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes(':'))
    .sort();
  return { bundlePath, brotliPath, inputs };
}
