/*
 * Builds the real plugin into a temp dir and inspects the zip the way bin/kibana-plugin and
 * Kibana would: layout, manifest, CommonJS server files, node_modules contents, and whether the
 * browser bundle registers itself with a `__kbnBundles__` loader using `__kbnSharedDeps__`.
 */
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

import { parse as parseJsonc } from 'jsonc-parser';
import yauzl from 'yauzl';

import { buildPlugin, type BuildPluginResult } from '../../scripts/build';
import { INSTALLER_MANIFEST_PATTERN } from '../../scripts/build/archive';
import * as kbnI18n from '../../dev/browser_host/core/kbn_i18n';

const REPO_ROOT = path.resolve(__dirname, '../..');
const KIBANA_VERSION = '9.4.3';
const PREFIX = 'kibana/auditSources/';

/** Reads every entry the way bin/kibana-plugin's zip.ts does: lazyEntries, one at a time. */
async function readZip(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  zip.close();
  return files;
}

describe('npm run build', () => {
  let outDir: string;
  let result: BuildPluginResult;
  let files: Map<string, Buffer>;
  let names: string[];

  const text = (name: string): string => {
    const content = files.get(PREFIX + name);
    if (!content) throw new Error(`${PREFIX + name} is not in the zip`);
    return content.toString('utf8');
  };

  beforeAll(async () => {
    outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-sources-build-'));
    result = await buildPlugin({ kibanaVersion: KIBANA_VERSION, outDir });
    files = await readZip(result.zipPath ?? '');
    names = [...files.keys()];
  }, 120_000);

  afterAll(async () => {
    await fs.rm(outDir, { recursive: true, force: true });
  });

  it('writes build/auditSources-<version>.zip with everything under kibana/auditSources/', () => {
    expect(result.zipPath).toBe(path.join(outDir, `auditSources-${KIBANA_VERSION}.zip`));
    expect(result.zipSize).toBeGreaterThan(0);
    expect(names.every((name) => name.startsWith(PREFIX))).toBe(true);
    expect(names[0]).toBe(`${PREFIX}kibana.json`);
    // What bin/kibana-plugin's analyzeArchive would find: exactly one manifest.
    expect(names.filter((name) => INSTALLER_MANIFEST_PATTERN.test(name))).toEqual([
      `${PREFIX}kibana.json`,
    ]);
    for (const required of [
      'kibana.json',
      'package.json',
      'server/index.js',
      'server/plugin.js',
      'common/constants.js',
      'node_modules/io-ts/package.json',
      'node_modules/fp-ts/package.json',
      'node_modules/fp-ts/lib/Either.js',
      'target/public/auditSources.plugin.js',
    ]) {
      expect(names).toContain(PREFIX + required);
    }
  });

  it('stages the same tree in <outDir>/kibana/auditSources for the test host', async () => {
    expect(result.pluginDir).toBe(path.join(outDir, 'kibana', 'auditSources'));
    const staged = await fs.readFile(path.join(result.pluginDir, 'kibana.json'), 'utf8');
    expect(staged).toBe(text('kibana.json'));
  });

  it('ships no tests, mocks, TypeScript sources or declarations of our own', () => {
    const ours = names.filter((name) => !name.startsWith(`${PREFIX}node_modules/`));
    expect(
      ours.filter((name) => /\.(test|spec|mock|mocks)\.|__mocks__|__tests__/.test(name))
    ).toEqual([]);
    expect(ours.filter((name) => /\.tsx?$/.test(name))).toEqual([]);
    expect(ours.some((name) => name.startsWith(`${PREFIX}public/`))).toBe(false);
  });

  it('ships only production dependencies in node_modules', () => {
    const packages = new Set(
      names
        .filter((name) => name.startsWith(`${PREFIX}node_modules/`))
        .map((name) => {
          const parts = name.slice(`${PREFIX}node_modules/`.length).split('/');
          return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
        })
    );
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const shipped = [...packages].sort();
    expect(shipped).toEqual(
      expect.arrayContaining(['fp-ts', 'io-ts', ...Object.keys(pkg.dependencies)])
    );
    // Nothing beyond the dependency closure the build resolved (names without @version).
    const closure = new Set(
      result.productionPackages.map((id) => id.slice(0, id.lastIndexOf('@')))
    );
    expect(shipped.filter((name) => !closure.has(name))).toEqual([]);
    for (const name of Object.keys(pkg.devDependencies)) {
      if (!closure.has(name)) expect(packages.has(name)).toBe(false);
    }
    for (const forbidden of ['react', 'react-dom', '@elastic/elasticsearch', 'rxjs', 'jest']) {
      expect(packages.has(forbidden)).toBe(false);
    }
  });

  it('writes a kibana.json that matches kibana.jsonc field by field', () => {
    const source = parseJsonc(readFileSync(path.join(REPO_ROOT, 'kibana.jsonc'), 'utf8'));
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const manifest = JSON.parse(text('kibana.json'));

    expect(manifest.id).toBe(source.plugin.id);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.kibanaVersion).toBe(KIBANA_VERSION);
    expect(manifest.owner.name).toBe(source.owner.join(' & '));
    expect(manifest.description).toBe(source.description);
    expect(manifest.server).toBe(source.plugin.server);
    expect(manifest.ui).toBe(source.plugin.browser);
    expect(manifest.requiredPlugins).toEqual(source.plugin.requiredPlugins);
    expect(manifest.optionalPlugins).toEqual(source.plugin.optionalPlugins);
    expect(manifest.configPath).toEqual(source.plugin.configPath);
    expect(manifest.requiredBundles).toEqual(source.plugin.requiredBundles);
    expect(Object.keys(manifest).sort()).toEqual(
      [
        'id',
        'version',
        'kibanaVersion',
        'owner',
        'description',
        'server',
        'ui',
        'requiredPlugins',
        'optionalPlugins',
        'configPath',
        ...(source.plugin.requiredBundles ? ['requiredBundles'] : []),
      ].sort()
    );
  });

  it('writes a package.json with our production dependencies only', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(JSON.parse(text('package.json'))).toEqual({
      name: pkg.name,
      version: pkg.version,
      private: true,
      dependencies: pkg.dependencies,
    });
  });

  it('compiles server code to CommonJS that loads ./plugin lazily and leaves @kbn/ to Kibana', async () => {
    const index = text('server/index.js');
    expect(index).toContain('module.exports = __toCommonJS(');
    expect(index).not.toMatch(/^import |\bimport\(/m);

    // Load it as Node would, with a recording `require`: ./plugin must wait for plugin().
    const required: string[] = [];
    class FakePlugin {
      constructor(public readonly context: unknown) {}
    }
    const fakeRequire = (id: string): unknown => {
      required.push(id);
      return id === './plugin' ? { AuditSourcesPlugin: FakePlugin } : {};
    };
    const module = { exports: {} as { plugin?: (context: unknown) => Promise<unknown> } };
    vm.runInNewContext(index, { require: fakeRequire, module, exports: module.exports });
    expect(required).not.toContain('./plugin');
    expect(typeof module.exports.plugin).toBe('function');
    const instance = await module.exports.plugin?.({ marker: true });
    expect(required).toContain('./plugin');
    expect(instance).toBeInstanceOf(FakePlugin);

    // Every require() in our server code is relative or a bare package name: nothing was
    // resolved to an absolute path or to typings/, so `@kbn/...` is left for Kibana's runtime.
    const ours = names.filter(
      (name) => name.endsWith('.js') && /^kibana\/auditSources\/(server|common)\//.test(name)
    );
    for (const name of ours) {
      const code = files.get(name)?.toString('utf8') ?? '';
      for (const [, specifier] of code.matchAll(/require\("([^"]+)"\)/g)) {
        expect(specifier).not.toMatch(/^\/|typings|node_modules/);
      }
    }
  });

  it('bundles the browser code to register itself with __kbnBundles__', () => {
    const bundle = text('target/public/auditSources.plugin.js');
    const defines: Array<[string, (moduleId: unknown) => unknown, unknown]> = [];
    const sharedReads: string[] = [];
    // Any shared-dep read returns a callable, indexable stand-in, like the real libraries.
    const standIn = (name: string): unknown =>
      new Proxy(function sharedDep() {}, {
        get: (_target, prop) =>
          prop === '__esModule' ? false : standIn(`${name}.${String(prop)}`),
      });
    const context = vm.createContext({
      __kbnBundles__: {
        define: (key: string, bundleRequire: (id: unknown) => unknown, moduleId: unknown) => {
          defines.push([key, bundleRequire, moduleId]);
        },
        get: (key: string) => {
          throw new Error(`unexpected __kbnBundles__.get(${key})`);
        },
      },
      __kbnSharedDeps__: new Proxy(
        {},
        {
          get: (_target, prop) => {
            sharedReads.push(String(prop));
            // i18n runs while the bundle loads (module-level messages): the host's real one.
            if (prop === 'KbnI18n') return kbnI18n;
            return standIn(String(prop));
          },
        }
      ),
    });
    vm.runInContext(bundle, context, { filename: 'auditSources.plugin.js' });

    expect(defines).toHaveLength(1);
    const [key, bundleRequire, moduleId] = defines[0];
    expect(key).toBe('plugin/auditSources/public');
    // Same as core's `__kbnBundles__.get(key)` in the bootstrap template.
    const pluginExports = bundleRequire(moduleId) as { plugin?: unknown };
    expect(typeof pluginExports.plugin).toBe('function');
    const instance = (pluginExports.plugin as (ctx: unknown) => Record<string, unknown>)({
      env: { mode: { dev: false, prod: true } },
      config: { get: () => ({}) },
    });
    expect(typeof instance.setup).toBe('function');
    expect(typeof instance.start).toBe('function');
  });

  it('takes React, EUI and friends from Kibana instead of bundling them', () => {
    const bundle = text('target/public/auditSources.plugin.js');
    expect(bundle).not.toMatch(/react\.production|react-dom\.production|ReactCurrentOwner/);
    expect(bundle).not.toMatch(/function createElement\(|@elastic\/eui/);
    expect(bundle).not.toMatch(/node_modules/);
    // The stub has no React yet; once it does, the import must read the shared global.
    if (/\bReact\b/.test(bundle)) {
      expect(bundle).toContain('__kbnSharedDeps__');
    }
  });

  it('writes a brotli copy next to the bundle', () => {
    expect(names).toContain(`${PREFIX}target/public/auditSources.plugin.js.br`);
  });
});

describe('buildPlugin for a Kibana version whose APIs were not checked', () => {
  it('refuses before writing anything, naming the supported versions', async () => {
    const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-sources-build-refused-'));
    try {
      await expect(buildPlugin({ kibanaVersion: '9.6.0', outDir })).rejects.toThrow(
        /Kibana "9\.6\.0" is not supported: .*\(9\.4\.3, 9\.5\.0, 9\.5\.1, 9\.5\.2\)/
      );
      expect(await fs.readdir(outDir)).toEqual([]);
    } finally {
      await fs.rm(outDir, { recursive: true, force: true });
    }
  });
});
