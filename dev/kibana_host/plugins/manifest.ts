/*
 * kibana.json as core reads it for an installed plugin
 * (src/core/packages/plugins/server-internal/src/discovery/plugin_manifest_parser.ts): required
 * `id`/`version`, `owner.name`, `server` or `ui`, a kibanaVersion equal to Kibana's, and no keys
 * outside KNOWN_MANIFEST_FIELDS.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface PluginManifest {
  id: string;
  version: string;
  kibanaVersion?: string;
  configPath?: string | string[];
  requiredPlugins: string[];
  optionalPlugins: string[];
  server: boolean;
  ui: boolean;
}

const KNOWN_MANIFEST_FIELDS = new Set([
  'id',
  'kibanaVersion',
  'type',
  'version',
  'configPath',
  'requiredPlugins',
  'optionalPlugins',
  'runtimePluginDependencies',
  'ui',
  'server',
  'extraPublicDirs',
  'requiredBundles',
  'serviceFolders',
  'owner',
  'description',
  'enabledOnAnonymousPages',
]);

const camelToSnake = (id: string) => id.replace(/([A-Z])/g, '_$1').toLowerCase();

export function readManifest(pluginDir: string, kibanaVersion: string): PluginManifest {
  const file = path.join(pluginDir, 'kibana.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const fail = (message: string) => new Error(`${message} (invalid-manifest, ${file})`);
  if (typeof raw.id !== 'string' || !/^[a-z][a-zA-Z0-9]*$/.test(raw.id)) {
    throw fail('Plugin manifest must contain an "id" property in camelCase');
  }
  if (typeof raw.version !== 'string') {
    throw fail(`Plugin manifest for "${raw.id}" must contain a "version" property.`);
  }
  const owner = raw.owner as { name?: unknown } | undefined;
  if (!owner || typeof owner.name !== 'string') {
    throw fail(
      `Plugin manifest for "${raw.id}" must contain an "owner" property, which includes a nested "name" property.`
    );
  }
  const unknown = Object.keys(raw).filter((k) => !KNOWN_MANIFEST_FIELDS.has(k));
  if (unknown.length) {
    throw fail(
      `Manifest for plugin "${raw.id}" contains the following unrecognized properties: ${unknown}.`
    );
  }
  if (raw.server !== true && raw.ui !== true) {
    throw fail(
      `Both "server" and "ui" are missing or set to "false" in plugin manifest for "${raw.id}", but at least one of these must be set to "true".`
    );
  }
  const expected = (raw.kibanaVersion ?? raw.version) as string;
  if (expected !== 'kibana' && expected !== kibanaVersion) {
    throw new Error(
      `Plugin "${raw.id}" is only compatible with Kibana version "${expected}", but used Kibana version is "${kibanaVersion}". (incompatible-version, ${file})`
    );
  }
  return {
    id: raw.id,
    version: raw.version,
    kibanaVersion: raw.kibanaVersion as string | undefined,
    configPath: (raw.configPath as string | string[] | undefined) ?? camelToSnake(raw.id),
    requiredPlugins: (raw.requiredPlugins as string[] | undefined) ?? [],
    optionalPlugins: (raw.optionalPlugins as string[] | undefined) ?? [],
    server: raw.server === true,
    ui: raw.ui === true,
  };
}
