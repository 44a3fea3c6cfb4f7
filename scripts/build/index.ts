/*
 * `buildPlugin`: stage build/kibana/<id>/ exactly as an installed plugin looks inside
 * <kibana>/plugins/<id>, then zip it. The staged tree is kept (plugin-helpers deletes it) because
 * the test host loads the plugin from there the same way Kibana would.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { createArchive } from './archive';
import { buildBrowserBundle } from './browser_bundle';
import {
  assertKibanaVersion,
  parseSourceManifest,
  toKibanaJson,
  type KibanaJson,
} from './manifest';
import { assertSupportedKibanaVersion } from './kibana_versions';
import { readPackageJson, writeProductionDependencies } from './production_deps';
import { writeServerFiles } from './server_files';

export { bundleExportId, bundleFileName } from './browser_bundle';
export type { KibanaJson } from './manifest';

/** Repository root: scripts/build/ is two levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface BuildPluginOptions {
  /** Defaults to package.json `kibana.version`, the release this repository pins. */
  kibanaVersion?: string;
  /** Output root; receives `kibana/<id>/` and `<id>-<kibanaVersion>.zip`. Default `<repo>/build`. */
  outDir?: string;
  skipArchive?: boolean;
  /** Source tree to build; tests may point this at a fixture. Default: this repository. */
  rootDir?: string;
  minify?: boolean;
  sourcemap?: boolean;
  log?: (message: string) => void;
}

export interface BuildPluginResult {
  pluginId: string;
  kibanaVersion: string;
  manifest: KibanaJson;
  /** `<outDir>/kibana/<id>`: point Kibana's `plugins.paths` (or a test host) here. */
  pluginDir: string;
  manifestPath: string;
  serverFiles: string[];
  bundlePath?: string;
  productionPackages: string[];
  zipPath?: string;
  zipSize?: number;
}

interface RootPackageJson {
  name: string;
  version: string;
  pinnedKibanaVersion?: string;
  dependencies: Record<string, string>;
}

async function readRootPackageJson(rootDir: string): Promise<RootPackageJson> {
  const file = path.join(rootDir, 'package.json');
  const raw: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  const base = await readPackageJson(file);
  if (!base.name || !base.version) {
    throw new Error(`${file} must have "name" and "version"`);
  }
  const kibana =
    typeof raw === 'object' && raw !== null ? (raw as { kibana?: unknown }).kibana : undefined;
  const pinned =
    typeof kibana === 'object' && kibana !== null
      ? (kibana as { version?: unknown }).version
      : undefined;
  return {
    name: base.name,
    version: base.version,
    pinnedKibanaVersion: typeof pinned === 'string' ? pinned : undefined,
    dependencies: base.dependencies ?? {},
  };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

export async function buildPlugin(options: BuildPluginOptions = {}): Promise<BuildPluginResult> {
  const rootDir = options.rootDir ?? REPO_ROOT;
  const outDir = path.resolve(options.outDir ?? path.join(rootDir, 'build'));
  const log = options.log ?? (() => undefined);

  const pkg = await readRootPackageJson(rootDir);
  const kibanaVersion = options.kibanaVersion ?? pkg.pinnedKibanaVersion;
  if (!kibanaVersion) {
    throw new Error('Pass --kibana-version X.Y.Z or set "kibana.version" in package.json');
  }
  assertKibanaVersion(kibanaVersion);
  assertSupportedKibanaVersion(kibanaVersion);

  const source = parseSourceManifest(
    await fs.readFile(path.join(rootDir, 'kibana.jsonc'), 'utf8'),
    path.join(rootDir, 'kibana.jsonc')
  );
  const manifest = toKibanaJson(source, { version: pkg.version, kibanaVersion });
  const pluginId = manifest.id;
  const pluginDir = path.join(outDir, 'kibana', pluginId);
  const zipPath = path.join(outDir, `${pluginId}-${kibanaVersion}.zip`);

  // A stale file from an earlier build would otherwise ship silently.
  await fs.rm(pluginDir, { recursive: true, force: true });
  await fs.rm(zipPath, { force: true });
  await fs.mkdir(pluginDir, { recursive: true });

  const manifestPath = path.join(pluginDir, 'kibana.json');
  await writeJson(manifestPath, manifest);
  const dependencyNames = Object.keys(pkg.dependencies).sort();
  await writeJson(path.join(pluginDir, 'package.json'), {
    name: pkg.name,
    version: pkg.version,
    private: true,
    dependencies: Object.fromEntries(dependencyNames.map((name) => [name, pkg.dependencies[name]])),
  });
  log(`kibana.json for ${pluginId} ${pkg.version}, Kibana ${kibanaVersion}`);

  const serverFiles = manifest.server
    ? await writeServerFiles(rootDir, pluginDir, { sourcemap: options.sourcemap })
    : [];
  log(`server: ${serverFiles.length} files`);

  const deps = await writeProductionDependencies(rootDir, pluginDir, dependencyNames);
  const productionPackages = deps.packages.map((p) => `${p.name}@${p.version}`);
  log(`node_modules: ${productionPackages.join(', ') || 'none'} (${deps.fileCount} files)`);

  let bundlePath: string | undefined;
  if (manifest.ui) {
    const bundle = await buildBrowserBundle({
      rootDir,
      pluginId,
      outputDir: path.join(pluginDir, 'target', 'public'),
      rules: {
        bundlePlugins: new Set([...manifest.requiredPlugins, ...(manifest.requiredBundles ?? [])]),
        bundledPackages: new Set(deps.packages.map((p) => p.name)),
      },
      minify: options.minify,
      sourcemap: options.sourcemap,
    });
    bundlePath = bundle.bundlePath;
    const { size } = await fs.stat(bundlePath);
    log(`browser bundle: ${path.relative(outDir, bundlePath)} (${size} bytes)`);
  }

  const result: BuildPluginResult = {
    pluginId,
    kibanaVersion,
    manifest,
    pluginDir,
    manifestPath,
    serverFiles,
    bundlePath,
    productionPackages,
  };
  if (!options.skipArchive) {
    const archive = await createArchive({ stagingRoot: outDir, pluginId, zipPath });
    result.zipPath = archive.zipPath;
    result.zipSize = archive.size;
  }
  return result;
}
