import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  assertNoKibanaProvidedDependencies,
  resolveProductionPackages,
  writeProductionDependencies,
} from './production_deps';

async function writePackage(dir: string, pkg: Record<string, unknown>): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg));
  await fs.writeFile(path.join(dir, 'index.js'), 'module.exports = 1;');
}

describe('production dependencies', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'prod-deps-'));
    const nm = path.join(root, 'node_modules');
    // a -> b (hoisted), a -> c@2 (nested under a), b -> c@1 (hoisted); a peers on d.
    await writePackage(path.join(nm, 'a'), {
      name: 'a',
      version: '1.0.0',
      dependencies: { b: '1', c: '2' },
      optionalDependencies: { 'not-installed': '1' },
      peerDependencies: { d: '1', 'optional-peer': '1' },
      peerDependenciesMeta: { 'optional-peer': { optional: true } },
    });
    await writePackage(path.join(nm, 'a', 'node_modules', 'c'), { name: 'c', version: '2.0.0' });
    await writePackage(path.join(nm, 'b'), {
      name: 'b',
      version: '1.0.0',
      dependencies: { c: '1' },
    });
    await writePackage(path.join(nm, 'c'), { name: 'c', version: '1.0.0' });
    await writePackage(path.join(nm, 'd'), { name: 'd', version: '1.0.0' });
    await writePackage(path.join(nm, 'unused'), { name: 'unused', version: '1.0.0' });
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('follows Node resolution, nested copies and peers, skipping missing optionals', async () => {
    const packages = await resolveProductionPackages(root, ['a']);
    expect(packages.map((p) => `${p.relativeDir}@${p.version}`)).toEqual([
      'node_modules/a@1.0.0',
      'node_modules/a/node_modules/c@2.0.0',
      'node_modules/b@1.0.0',
      'node_modules/c@1.0.0',
      'node_modules/d@1.0.0',
    ]);
  });

  it('copies the closure and nothing else', async () => {
    const out = path.join(root, 'out');
    const result = await writeProductionDependencies(root, out, ['a']);
    expect(result.packages).toHaveLength(5);
    expect(existsSync(path.join(out, 'node_modules/a/node_modules/c/package.json'))).toBe(true);
    expect(existsSync(path.join(out, 'node_modules/d/index.js'))).toBe(true);
    expect(existsSync(path.join(out, 'node_modules/unused'))).toBe(false);
  });

  it('fails on a missing required dependency', async () => {
    await expect(resolveProductionPackages(root, ['nope'])).rejects.toThrow(/Cannot find.*nope/);
  });

  it('refuses Kibana-provided packages, directly or transitively', async () => {
    expect(() => assertNoKibanaProvidedDependencies(['io-ts', 'react', '@kbn/i18n'], 'x')).toThrow(
      /@kbn\/i18n, react/
    );
    expect(() => assertNoKibanaProvidedDependencies(['io-ts', 'fp-ts'], 'x')).not.toThrow();

    await writePackage(path.join(root, 'node_modules', 'rxjs'), { name: 'rxjs', version: '7.0.0' });
    await writePackage(path.join(root, 'node_modules', 'e'), {
      name: 'e',
      version: '1.0.0',
      dependencies: { rxjs: '7' },
    });
    await expect(writeProductionDependencies(root, path.join(root, 'out'), ['e'])).rejects.toThrow(
      /dependency tree.*rxjs/
    );
  });
});
