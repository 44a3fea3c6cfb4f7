/*
 * Server and common code: each TypeScript file becomes one CommonJS file, nothing is bundled.
 *
 * Kibana loads an installed plugin with `import(join(pluginPath, 'server'))` from its own CommonJS
 * runtime (src/core/packages/plugins/server-internal/src/plugin.ts), and plugin-helpers only
 * transpiles these folders file by file with Babel (packages/kbn-plugin-helpers/src/tasks/
 * write_server_files.ts). Keeping `require('@kbn/...')` untouched lets Node resolve those packages
 * from the Kibana installation the plugin sits in. We use esbuild's transform instead of Babel:
 * same per-file output, already installed, and fast.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { transform, type Loader } from 'esbuild';

import { compareCodeUnits } from './compare';

/** Folders shipped to the server. `public/` only reaches the browser, through the bundle. */
export const SERVER_SOURCE_DIRS: readonly string[] = ['server', 'common'];

const SOURCE_EXTENSIONS = new Map<string, Loader>([
  ['.ts', 'ts'],
  ['.tsx', 'tsx'],
  ['.js', 'js'],
]);

/** Path segments that only exist for tests (plugin-helpers ignores `__tests__` the same way). */
const TEST_DIRS = new Set(['__mocks__', '__tests__', '__fixtures__', '__snapshots__']);

/** plugin-helpers' ignore list `**\/*.{test,test.mocks,mock,mocks}.*`, plus `*.spec.*`. */
const TEST_FILE = /\.(test|spec|test\.mocks|mock|mocks)\.[cm]?[jt]sx?$/;

/** Which files under SERVER_SOURCE_DIRS end up in the archive; `relativePath` uses `/`. */
export function isShippedServerFile(relativePath: string): boolean {
  const segments = relativePath.split('/');
  const fileName = segments[segments.length - 1];
  if (segments.some((segment) => TEST_DIRS.has(segment))) return false;
  if (fileName.endsWith('.d.ts') || TEST_FILE.test(fileName)) return false;
  return SOURCE_EXTENSIONS.has(path.extname(fileName)) || fileName.endsWith('.json');
}

async function walk(root: string, relativeDir: string): Promise<string[]> {
  const dir = path.join(root, relativeDir);
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      files.push(...(await walk(root, relative)));
    } else if (entry.isFile()) {
      files.push(relative);
    }
  }
  return files;
}

/** Shipped server/common source files, relative to `rootDir`, sorted. */
export async function listServerSourceFiles(rootDir: string): Promise<string[]> {
  const all = await Promise.all(SERVER_SOURCE_DIRS.map((dir) => walk(rootDir, dir)));
  return all.flat().filter(isShippedServerFile).sort(compareCodeUnits);
}

export interface TransformedServerFile {
  code: string;
  map?: string;
}

/**
 * Converts one file to CommonJS for Node 20. Dynamic `import('./x')` is lowered to `require`
 * because Node's ESM loader cannot resolve extension-less relative paths from a `.js` CommonJS
 * file; Babel's Kibana preset does the same, so `server/index.ts`'s lazy import stays lazy.
 */
export async function transformServerSource(
  source: string,
  relativePath: string,
  options: { sourcemap?: boolean } = {}
): Promise<TransformedServerFile> {
  const loader = SOURCE_EXTENSIONS.get(path.extname(relativePath));
  if (!loader) {
    throw new Error(`Not a source file: ${relativePath}`);
  }
  const result = await transform(source, {
    loader,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcefile: relativePath,
    sourcemap: options.sourcemap ? 'external' : false,
    supported: { 'dynamic-import': false },
    // Same semantics as `tsc` with our tsconfig (target ES2022, classic JSX).
    tsconfigRaw: { compilerOptions: { jsx: 'react', useDefineForClassFields: true } },
  });
  return { code: result.code, map: options.sourcemap ? result.map : undefined };
}

function outputPathFor(relativePath: string): string {
  return relativePath.endsWith('.json') ? relativePath : relativePath.replace(/\.[jt]sx?$/, '.js');
}

/** Writes the compiled server/common tree into `pluginDir`; returns the written paths. */
export async function writeServerFiles(
  rootDir: string,
  pluginDir: string,
  options: { sourcemap?: boolean } = {}
): Promise<string[]> {
  const written: string[] = [];
  for (const relativePath of await listServerSourceFiles(rootDir)) {
    const outRelative = outputPathFor(relativePath);
    const outFile = path.join(pluginDir, outRelative);
    await fs.mkdir(path.dirname(outFile), { recursive: true });
    const source = await fs.readFile(path.join(rootDir, relativePath), 'utf8');

    if (relativePath.endsWith('.json')) {
      await fs.writeFile(outFile, source);
    } else {
      const { code, map } = await transformServerSource(source, relativePath, options);
      if (map) {
        const mapName = `${path.basename(outFile)}.map`;
        await fs.writeFile(`${outFile}.map`, map);
        await fs.writeFile(outFile, `${code}//# sourceMappingURL=${mapName}\n`);
      } else {
        await fs.writeFile(outFile, code);
      }
    }
    written.push(outRelative);
  }
  if (!written.some((file) => file.startsWith('server/index.'))) {
    throw new Error('server/index.ts is missing: Kibana loads the server plugin from it');
  }
  return written;
}
