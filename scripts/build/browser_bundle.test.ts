import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

import {
  buildBrowserBundle,
  createEntrySource,
  pluginIdFromPackageName,
  resolutionExpression,
  resolveKibanaImport,
  type ImportRules,
} from './browser_bundle';

const rules: ImportRules = {
  bundlePlugins: new Set(['dataViews', 'kibanaReact']),
  bundledPackages: new Set(['fp-ts', 'io-ts']),
};

describe('resolveKibanaImport', () => {
  it('maps shared deps to __kbnSharedDeps__ globals', () => {
    const expr = (specifier: string) => {
      const resolution = resolveKibanaImport(specifier, rules);
      return resolution && resolutionExpression(resolution);
    };
    expect(expr('react')).toBe('__kbnSharedDeps__.React');
    expect(expr('@elastic/eui')).toBe('__kbnSharedDeps__.ElasticEui');
    expect(expr('fp-ts/Either')).toBe('__kbnSharedDeps__.FpTs.either');
    expect(expr('@kbn/react-kibana-context-render')).toBe(
      '__kbnSharedDeps__.KbnReactKibanaContextRender'
    );
  });

  it('maps core and declared plugins to __kbnBundles__.get', () => {
    expect(resolveKibanaImport('@kbn/core/public', rules)).toEqual({
      kind: 'bundle-ref',
      bundleId: 'entry/core/public',
    });
    expect(resolveKibanaImport('@kbn/data-views-plugin/public', rules)).toEqual({
      kind: 'bundle-ref',
      bundleId: 'plugin/dataViews/public',
    });
  });

  it('bundles production deps that Kibana does not share', () => {
    expect(resolveKibanaImport('fp-ts/lib/Either', rules)).toBeUndefined();
  });

  it('refuses what cannot work inside Kibana', () => {
    expect(() => resolveKibanaImport('@kbn/core/server', rules)).toThrow(/not browser code/);
    expect(() => resolveKibanaImport('@kbn/discover-plugin/public', rules)).toThrow(
      /not in requiredPlugins/
    );
    expect(() => resolveKibanaImport('@kbn/data-views-plugin/common', rules)).toThrow(
      /not the public API/
    );
    expect(() => resolveKibanaImport('@kbn/config-schema', rules)).toThrow(/neither a Kibana/);
    expect(() => resolveKibanaImport('react-dom/client', rules)).toThrow(/not shared by Kibana/);
    expect(() => resolveKibanaImport('left-pad', rules)).toThrow(/not a production dependency/);
  });

  it('derives plugin ids from package names', () => {
    expect(pluginIdFromPackageName('@kbn/encrypted-saved-objects-plugin')).toBe(
      'encryptedSavedObjects'
    );
    expect(pluginIdFromPackageName('@kbn/share-plugin')).toBe('share');
    expect(pluginIdFromPackageName('@kbn/i18n')).toBeUndefined();
  });
});

describe('createEntrySource', () => {
  it('registers a lazy require function under plugin/<id>/public', () => {
    const defines: unknown[][] = [];
    const required: string[] = [];
    const context = {
      __kbnBundles__: { define: (...args: unknown[]) => defines.push(args) },
      require: (id: string) => {
        required.push(id);
        return { plugin: () => 'ok' };
      },
    };
    vm.runInNewContext(createEntrySource('demo'), context);

    expect(defines).toHaveLength(1);
    const [key, bundleRequire, moduleId] = defines[0] as [string, (id?: string) => unknown, string];
    expect(key).toBe('plugin/demo/public');
    expect(required).toEqual([]);
    expect(bundleRequire(moduleId)).toBe(bundleRequire(moduleId));
    expect(required).toEqual(['./public/index.ts']);
    expect(() => bundleRequire('./other')).toThrow(/not part of the demo bundle/);
    expect(bundleRequire(undefined)).toBe(bundleRequire(moduleId));
  });
});

describe('buildBrowserBundle', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'browser-bundle-'));
    await fs.writeFile(path.join(root, 'tsconfig.json'), '{"compilerOptions":{"jsx":"react"}}');
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function writePublic(code: string): Promise<void> {
    await fs.mkdir(path.join(root, 'public'), { recursive: true });
    await fs.writeFile(path.join(root, 'public', 'index.ts'), code);
  }

  it('turns shared deps and plugin imports into global reads', async () => {
    await writePublic(
      [
        "import React from 'react';",
        "import { EuiText } from '@elastic/eui';",
        "import { DataView } from '@kbn/data-views-plugin/public';",
        'export const plugin = () => React.createElement(EuiText, { dv: DataView });',
      ].join('\n')
    );
    const { bundlePath, brotliPath } = await buildBrowserBundle({
      rootDir: root,
      pluginId: 'demo',
      outputDir: path.join(root, 'out'),
      rules,
      minify: false,
    });
    const code = await fs.readFile(bundlePath, 'utf8');
    expect(code).toContain('module.exports = __kbnSharedDeps__.React;');
    expect(code).toContain('module.exports = __kbnSharedDeps__.ElasticEui;');
    expect(code).toContain('module.exports = __kbnBundles__.get("plugin/dataViews/public");');
    expect(code).toContain('__kbnBundles__.define("plugin/demo/public"');
    expect(brotliPath).toBe(`${bundlePath}.br`);
  });

  it('fails the build on imports Kibana cannot satisfy', async () => {
    await writePublic(
      "import { schema } from '@kbn/config-schema';\nexport const plugin = schema;"
    );
    await expect(
      buildBrowserBundle({
        rootDir: root,
        pluginId: 'demo',
        outputDir: path.join(root, 'out'),
        rules,
      })
    ).rejects.toThrow(/@kbn\/config-schema.*neither a Kibana shared dependency/);
  });

  it('fails the build on stylesheet imports', async () => {
    await writePublic("import './styles.scss';\nexport const plugin = () => null;");
    await expect(
      buildBrowserBundle({
        rootDir: root,
        pluginId: 'demo',
        outputDir: path.join(root, 'out'),
        rules,
      })
    ).rejects.toThrow(/stylesheet imports are not supported/);
  });
});
