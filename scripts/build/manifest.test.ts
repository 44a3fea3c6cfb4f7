import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  assertKibanaVersion,
  assertPluginId,
  deriveOwner,
  KIBANA_MANIFEST_KEYS,
  ManifestError,
  parseSourceManifest,
  toKibanaJson,
} from './manifest';

const SOURCE = `// comment allowed
{
  "type": "plugin",
  "id": "@kbn/demo-plugin",
  "owner": ["@org/team-a", "@org/team-b"],
  "description": "Demo",
  "plugin": {
    "id": "demoPlugin",
    "server": true,
    "browser": false,
    "configPath": ["xpack", "demo"],
    "requiredPlugins": ["taskManager"],
    "requiredBundles": ["kibanaReact"], // trailing comma next
  },
}`;

const versions = { version: '1.2.3', kibanaVersion: '9.4.3' };

describe('parseSourceManifest', () => {
  it('reads JSONC with comments and trailing commas', () => {
    const parsed = parseSourceManifest(SOURCE);
    expect(parsed).toEqual({
      packageId: '@kbn/demo-plugin',
      owner: ['@org/team-a', '@org/team-b'],
      description: 'Demo',
      plugin: {
        id: 'demoPlugin',
        server: true,
        browser: false,
        configPath: ['xpack', 'demo'],
        requiredPlugins: ['taskManager'],
        optionalPlugins: [],
        requiredBundles: ['kibanaReact'],
      },
    });
  });

  it('rejects broken JSONC, wrong types and plugin keys it cannot map', () => {
    expect(() => parseSourceManifest('{ "type": ')).toThrow(/not valid JSONC/);
    expect(() => parseSourceManifest('{"type":"package"}')).toThrow(/"type" must be "plugin"/);
    expect(() =>
      parseSourceManifest('{"type":"plugin","id":"@kbn/x","owner":[],"plugin":{}}')
    ).toThrow(/owner/);
    expect(() =>
      parseSourceManifest(
        '{"type":"plugin","id":"@kbn/x","owner":["a"],"plugin":{"id":"x1","server":true,"browser":true,"extraPublicDirs":["common"]}}'
      )
    ).toThrow(/plugin\.extraPublicDirs not supported/);
    expect(() =>
      parseSourceManifest(
        '{"type":"plugin","id":"@kbn/x","owner":["a"],"plugin":{"id":"x1","server":"yes","browser":true}}'
      )
    ).toThrow(ManifestError);
  });
});

describe('toKibanaJson', () => {
  it('maps every field and nothing else', () => {
    const json = toKibanaJson(parseSourceManifest(SOURCE), versions);
    expect(json).toEqual({
      id: 'demoPlugin',
      version: '1.2.3',
      kibanaVersion: '9.4.3',
      owner: { name: '@org/team-a & @org/team-b', githubTeam: 'team-a' },
      description: 'Demo',
      server: true,
      ui: false,
      requiredPlugins: ['taskManager'],
      optionalPlugins: [],
      configPath: ['xpack', 'demo'],
      requiredBundles: ['kibanaReact'],
    });
    for (const key of Object.keys(json)) {
      expect(KIBANA_MANIFEST_KEYS).toContain(key);
    }
  });

  it('omits requiredBundles, configPath and description when absent', () => {
    const source = parseSourceManifest(
      '{"type":"plugin","id":"@kbn/x","owner":["Team"],"plugin":{"id":"xPlugin","server":false,"browser":true}}'
    );
    const json = toKibanaJson(source, versions);
    expect(Object.keys(json)).toEqual([
      'id',
      'version',
      'kibanaVersion',
      'owner',
      'server',
      'ui',
      'requiredPlugins',
      'optionalPlugins',
    ]);
    expect(json.owner).toEqual({ name: 'Team' });
  });

  it('maps this repository’s kibana.jsonc', () => {
    const text = readFileSync(path.resolve(__dirname, '../../kibana.jsonc'), 'utf8');
    const source = parseSourceManifest(text);
    const json = toKibanaJson(source, versions);
    expect(json.id).toBe(source.plugin.id);
    expect(json.ui).toBe(source.plugin.browser);
    expect(json.requiredPlugins).toEqual(source.plugin.requiredPlugins);
    expect(json.optionalPlugins).toEqual(source.plugin.optionalPlugins);
    expect(json.owner.name).toBe(source.owner.join(' & '));
  });

  it('refuses manifests Kibana or its installer would refuse', () => {
    const source = parseSourceManifest(SOURCE);
    expect(() =>
      toKibanaJson({ ...source, plugin: { ...source.plugin, id: 'Demo' } }, versions)
    ).toThrow(/Invalid plugin id \[Demo\]/);
    expect(() =>
      toKibanaJson(
        { ...source, plugin: { ...source.plugin, server: false, browser: false } },
        versions
      )
    ).toThrow(/server and plugin.browser/);
    expect(() => toKibanaJson(source, { ...versions, kibanaVersion: '9.4' })).toThrow(
      /Invalid Kibana version/
    );
    expect(() => toKibanaJson(source, { ...versions, version: '' })).toThrow(/must not be empty/);
  });
});

describe('validators', () => {
  it.each(['auditSources', 'ab', 'a1'])('accepts plugin id %s', (id) => {
    expect(assertPluginId(id)).toBe(id);
  });
  it.each(['a', 'Audit', 'audit-sources', 'audit.sources', '1abc'])(
    'rejects plugin id %s',
    (id) => {
      expect(() => assertPluginId(id)).toThrow(ManifestError);
    }
  );
  it.each(['9.4.3', '10.0.0-SNAPSHOT', '8.19.0+build.5'])('accepts version %s', (v) => {
    expect(assertKibanaVersion(v)).toBe(v);
  });
  it.each(['9.4', 'v9.4.3', '09.4.3', '9.4.3.1', 'kibana', ''])('rejects version "%s"', (v) => {
    expect(() => assertKibanaVersion(v)).toThrow(ManifestError);
  });
  it('derives githubTeam only from @org/team handles', () => {
    expect(deriveOwner(['@elastic/kibana-core'])).toEqual({
      name: '@elastic/kibana-core',
      githubTeam: 'kibana-core',
    });
    expect(deriveOwner(['Someone'])).toEqual({ name: 'Someone' });
  });
});
