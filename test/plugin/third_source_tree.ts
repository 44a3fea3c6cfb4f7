/*
 * The product tree with the test-only NDJSON source added the way a new source is meant to be
 * added (test/fixtures/ndjson_source/README.md): its three folders, and one entry in each
 * registry. Nothing else of the tree is touched, which `changedFiles` lets the test prove.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'ndjson_source');
/** What a build and a type check of the product need. */
const PRODUCT = ['common', 'server', 'public', 'typings'];
const ROOT_FILES = ['package.json', 'kibana.jsonc', 'tsconfig.json'];

/** Each registry, the name its entry adds, and the module that entry is imported from. */
export const REGISTRY_ENTRIES = [
  { file: 'common/sources/registry.ts', name: 'ndjsonSource', from: './ndjson/definition' },
  { file: 'server/sources/registry.ts', name: 'ndjsonServerSource', from: './ndjson/source' },
  { file: 'public/sources/registry.ts', name: 'ndjsonPublicSource', from: './ndjson' },
] as const;

/** The registry's one-line list (`= [a, b]`), with the new entry appended. */
function addEntry(text: string, file: string, name: string, from: string): string {
  const list = /^(export const \w+[^=]*= \[)([^\]\n]*)\]/m;
  if (!list.test(text)) throw new Error(`${file}: no one-line registry list to add ${name} to`);
  const withEntry = text.replace(
    list,
    (_all, head: string, items: string) => `${head}${items}, ${name}]`
  );
  return `import { ${name} } from '${from}';\n${withEntry}`;
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(root, relative) : Promise.resolve([relative]);
    })
  );
  return nested.flat();
}

export interface ThirdSourceTree {
  rootDir: string;
  /** Product files that differ from the repository's, or exist only here, sorted. */
  changedFiles(): Promise<string[]>;
  /** `tsc --noEmit` over the tree: the source compiles against the real interfaces. */
  typecheck(): Promise<void>;
  remove(): Promise<void>;
}

export async function createThirdSourceTree(): Promise<ThirdSourceTree> {
  const rootDir = path.join(REPO_ROOT, '.tmp', `third-source-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(rootDir, { recursive: true });
  for (const dir of PRODUCT) {
    await fs.cp(path.join(REPO_ROOT, dir), path.join(rootDir, dir), { recursive: true });
  }
  for (const file of ROOT_FILES)
    await fs.copyFile(path.join(REPO_ROOT, file), path.join(rootDir, file));
  await fs.symlink(path.join(REPO_ROOT, 'node_modules'), path.join(rootDir, 'node_modules'), 'dir');
  await fs.cp(FIXTURE, rootDir, {
    recursive: true,
    filter: (source) => path.basename(source) !== 'README.md',
  });
  for (const { file, name, from } of REGISTRY_ENTRIES) {
    const target = path.join(rootDir, file);
    await fs.writeFile(target, addEntry(await fs.readFile(target, 'utf8'), file, name, from));
  }

  async function changedFiles(): Promise<string[]> {
    const changed: string[] = [];
    for (const dir of PRODUCT) {
      for (const file of await listFiles(rootDir, dir)) {
        const ours = await fs.readFile(path.join(rootDir, file));
        const theirs = await fs.readFile(path.join(REPO_ROOT, file)).catch(() => undefined);
        if (!theirs || !ours.equals(theirs)) changed.push(file);
      }
    }
    return changed.sort();
  }

  async function typecheck(): Promise<void> {
    const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    // The product only: the unit tests beside it import suites and stand-ins not copied here.
    const config = path.join(rootDir, 'tsconfig.product.json');
    await fs.writeFile(
      config,
      JSON.stringify({
        extends: './tsconfig.json',
        include: PRODUCT,
        exclude: ['**/*.test.ts', '**/*.test.tsx', '**/__mocks__/**', 'public/test_utils/**'],
      })
    );
    await promisify(execFile)(process.execPath, [tsc, '-p', config], {
      cwd: rootDir,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => {
      throw new Error(
        `The tree with the third source does not type-check:\n${error.stdout ?? error}`
      );
    });
  }

  return {
    rootDir,
    changedFiles,
    typecheck,
    remove: () => fs.rm(rootDir, { recursive: true, force: true }),
  };
}
