/*
 * The archive's node_modules: our package.json `dependencies` and everything they need at run
 * time, copied from the repository's installed node_modules.
 *
 * plugin-helpers runs `yarn install` / `pnpm install --prod` inside the build directory instead
 * (packages/kbn-plugin-helpers/src/tasks/install_dependencies.ts). Copying what is already
 * installed needs no network, keeps exactly the versions package-lock.json pinned, and resolves
 * packages with Node's own algorithm, so the nested node_modules layout npm produced is preserved.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { compareCodeUnits } from './compare';
import { isKibanaProvidedPackage } from './shared_deps';

export interface PackageJsonLike {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface ProductionPackage {
  name: string;
  version: string;
  /** Real directory of the installed package. */
  sourceDir: string;
  /** Location relative to the repository root, e.g. `node_modules/io-ts`; kept in the archive. */
  relativeDir: string;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

export async function readPackageJson(file: string): Promise<PackageJsonLike> {
  const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) {
    throw new Error(`${file} does not contain a JSON object`);
  }
  const record = parsed as Record<string, unknown>;
  const result: PackageJsonLike = {};
  if (typeof record.name === 'string') result.name = record.name;
  if (typeof record.version === 'string') result.version = record.version;
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
    const value = record[key];
    if (value !== undefined && isStringRecord(value)) result[key] = value;
  }
  const meta = record.peerDependenciesMeta;
  if (typeof meta === 'object' && meta !== null) {
    result.peerDependenciesMeta = meta as Record<string, { optional?: boolean }>;
  }
  return result;
}

/** Fails when package.json `dependencies` lists something Kibana already provides. */
export function assertNoKibanaProvidedDependencies(names: readonly string[], where: string): void {
  const offending = names.filter(isKibanaProvidedPackage).sort();
  if (offending.length > 0) {
    throw new Error(
      `${where} lists packages Kibana already provides: ${offending.join(', ')}. ` +
        'Move them to devDependencies; the built plugin uses Kibana’s copy at run time.'
    );
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** Node's lookup: `<dir>/node_modules/<name>`, walking up, but never above `rootDir`. */
export async function resolvePackageDir(
  fromDir: string,
  name: string,
  rootDir: string
): Promise<string | undefined> {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (await isDirectory(candidate)) {
      return candidate;
    }
    if (path.resolve(dir) === path.resolve(rootDir)) {
      return undefined;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/**
 * Transitive closure of `names` as installed under `rootDir`, sorted by location. Peer
 * dependencies are followed too: npm ≥7 installs them and the requiring package needs them.
 */
export async function resolveProductionPackages(
  rootDir: string,
  names: readonly string[]
): Promise<ProductionPackage[]> {
  const found = new Map<string, ProductionPackage>();
  const queue: Array<{ name: string; fromDir: string; requiredBy: string; optional: boolean }> =
    names.map((name) => ({ name, fromDir: rootDir, requiredBy: 'package.json', optional: false }));

  for (let item = queue.shift(); item; item = queue.shift()) {
    const { name, fromDir, requiredBy, optional } = item;
    const dir = await resolvePackageDir(fromDir, name, rootDir);
    if (!dir) {
      if (optional) continue;
      throw new Error(
        `Cannot find production dependency [${name}] (required by ${requiredBy}). Run npm ci.`
      );
    }
    const relativeDir = path.relative(rootDir, dir).split(path.sep).join('/');
    if (found.has(relativeDir)) continue;

    const pkg = await readPackageJson(path.join(dir, 'package.json'));
    found.set(relativeDir, {
      name,
      version: pkg.version ?? '0.0.0',
      sourceDir: await fs.realpath(dir),
      relativeDir,
    });

    const next = (deps: Record<string, string> | undefined, isOptional: (n: string) => boolean) =>
      Object.keys(deps ?? {}).forEach((dep) =>
        queue.push({ name: dep, fromDir: dir, requiredBy: name, optional: isOptional(dep) })
      );
    next(pkg.dependencies, () => false);
    next(pkg.optionalDependencies, () => true);
    next(pkg.peerDependencies, (dep) => pkg.peerDependenciesMeta?.[dep]?.optional === true);
  }

  return [...found.values()].sort((a, b) => compareCodeUnits(a.relativeDir, b.relativeDir));
}

/** Copies a package tree, skipping its own node_modules (those are resolved and copied separately). */
async function copyPackageTree(sourceDir: string, targetDir: string): Promise<number> {
  await fs.mkdir(targetDir, { recursive: true });
  let count = 0;
  const entries = await fs.readdir(sourceDir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name === 'node_modules') continue;
    const from = path.join(sourceDir, entry.name);
    const to = path.join(targetDir, entry.name);
    if (entry.isDirectory()) {
      count += await copyPackageTree(from, to);
    } else if (entry.isFile()) {
      await fs.copyFile(from, to);
      count += 1;
    } else if (entry.isSymbolicLink()) {
      const real = await fs.realpath(from);
      if ((await fs.stat(real)).isDirectory()) {
        count += await copyPackageTree(real, to);
      } else {
        await fs.copyFile(real, to);
        count += 1;
      }
    }
  }
  return count;
}

export interface ProductionDependenciesResult {
  packages: ProductionPackage[];
  fileCount: number;
}

/**
 * Copies the production closure of `dependencies` from `rootDir` into `pluginDir`, after
 * checking that neither the direct dependencies nor anything they pull in is Kibana-provided.
 */
export async function writeProductionDependencies(
  rootDir: string,
  pluginDir: string,
  dependencies: readonly string[]
): Promise<ProductionDependenciesResult> {
  assertNoKibanaProvidedDependencies(dependencies, 'package.json "dependencies"');
  const packages = await resolveProductionPackages(rootDir, dependencies);
  assertNoKibanaProvidedDependencies(
    packages.map((p) => p.name),
    `The production dependency tree of [${dependencies.join(', ')}]`
  );

  let fileCount = 0;
  for (const pkg of packages) {
    fileCount += await copyPackageTree(pkg.sourceDir, path.join(pluginDir, pkg.relativeDir));
  }
  return { packages, fileCount };
}
