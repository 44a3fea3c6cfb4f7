/*
 * kibana.jsonc -> kibana.json.
 *
 * Kibana only reads `kibana.jsonc` for packages inside its own repository. An installed third-party
 * plugin is discovered through a flat `kibana.json`, parsed by
 * src/core/packages/plugins/server-internal/src/discovery/plugin_manifest_parser.ts, which rejects
 * any key it does not know. This module maps the repo-package shape onto that flat shape the same
 * way core does for in-repo plugins (plugin_manifest_from_plugin_package.ts), adding the version
 * fields that an installable plugin must carry.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** `bin/kibana-plugin install` rejects other ids (src/cli/plugin/install/pack.ts). */
export const PLUGIN_ID_PATTERN = /^[a-z][a-zA-Z0-9]+$/;

/** semver.org's reference regular expression: X.Y.Z with optional pre-release and build. */
const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Keys of `PluginManifest` that plugin_manifest_parser.ts accepts (its KNOWN_MANIFEST_FIELDS).
 * Anything else makes Kibana refuse to start the plugin.
 */
export const KIBANA_MANIFEST_KEYS: readonly string[] = [
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
];

/** The `plugin` block keys this build knows how to map; others fail the build instead of vanishing. */
const MAPPED_PLUGIN_KEYS = new Set([
  'id',
  'server',
  'browser',
  'configPath',
  'requiredPlugins',
  'optionalPlugins',
  'requiredBundles',
]);

export interface SourcePluginManifest {
  id: string;
  server: boolean;
  browser: boolean;
  configPath?: string | string[];
  requiredPlugins: string[];
  optionalPlugins: string[];
  requiredBundles: string[];
}

/** The parts of kibana.jsonc (repo-package manifest) the build uses. */
export interface SourceManifest {
  packageId: string;
  owner: string[];
  description?: string;
  plugin: SourcePluginManifest;
}

export interface KibanaJsonOwner {
  name: string;
  githubTeam?: string;
}

/** The flat manifest written to build/kibana/<id>/kibana.json. */
export interface KibanaJson {
  id: string;
  version: string;
  kibanaVersion: string;
  owner: KibanaJsonOwner;
  description?: string;
  server: boolean;
  ui: boolean;
  requiredPlugins: string[];
  optionalPlugins: string[];
  configPath?: string | string[];
  requiredBundles?: string[];
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function optionalStringArray(value: unknown, field: string): string[] {
  if (value === undefined) {
    return [];
  }
  if (!isStringArray(value)) {
    throw new ManifestError(`kibana.jsonc: "${field}" must be an array of strings`);
  }
  return value;
}

export function assertPluginId(id: string): string {
  if (!PLUGIN_ID_PATTERN.test(id)) {
    throw new ManifestError(
      `Invalid plugin id [${id}]: bin/kibana-plugin requires it to match ${PLUGIN_ID_PATTERN}`
    );
  }
  return id;
}

export function assertKibanaVersion(version: string): string {
  if (!SEMVER_PATTERN.test(version)) {
    throw new ManifestError(
      `Invalid Kibana version [${version}]: expected a semver version such as 9.4.3`
    );
  }
  return version;
}

/** Parses and shape-checks kibana.jsonc text; `fileName` only appears in error messages. */
export function parseSourceManifest(text: string, fileName = 'kibana.jsonc'): SourceManifest {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const details = errors.map((e) => `${printParseErrorCode(e.error)} at offset ${e.offset}`);
    throw new ManifestError(`${fileName} is not valid JSONC: ${details.join(', ')}`);
  }
  if (!isRecord(raw)) {
    throw new ManifestError(`${fileName} must contain an object`);
  }
  if (raw.type !== 'plugin') {
    throw new ManifestError(`${fileName}: "type" must be "plugin"`);
  }
  if (typeof raw.id !== 'string') {
    throw new ManifestError(`${fileName}: "id" (the package id) must be a string`);
  }
  const owner = typeof raw.owner === 'string' ? [raw.owner] : raw.owner;
  if (!isStringArray(owner) || owner.length === 0) {
    throw new ManifestError(`${fileName}: "owner" must be a non-empty array of strings`);
  }
  if (raw.description !== undefined && typeof raw.description !== 'string') {
    throw new ManifestError(`${fileName}: "description" must be a string`);
  }

  const plugin = raw.plugin;
  if (!isRecord(plugin)) {
    throw new ManifestError(`${fileName}: "plugin" must be an object`);
  }
  const unmapped = Object.keys(plugin).filter((key) => !MAPPED_PLUGIN_KEYS.has(key));
  if (unmapped.length > 0) {
    throw new ManifestError(
      `${fileName}: plugin.${unmapped.join(', plugin.')} not supported by scripts/build/manifest.ts; ` +
        'map it to kibana.json there before using it'
    );
  }
  if (typeof plugin.id !== 'string') {
    throw new ManifestError(`${fileName}: "plugin.id" must be a string`);
  }
  if (typeof plugin.server !== 'boolean' || typeof plugin.browser !== 'boolean') {
    throw new ManifestError(`${fileName}: "plugin.server" and "plugin.browser" must be booleans`);
  }
  const configPath = plugin.configPath;
  if (configPath !== undefined && typeof configPath !== 'string' && !isStringArray(configPath)) {
    throw new ManifestError(`${fileName}: "plugin.configPath" must be a string or string[]`);
  }

  return {
    packageId: raw.id,
    owner,
    description: raw.description,
    plugin: {
      id: plugin.id,
      server: plugin.server,
      browser: plugin.browser,
      configPath,
      requiredPlugins: optionalStringArray(plugin.requiredPlugins, 'plugin.requiredPlugins'),
      optionalPlugins: optionalStringArray(plugin.optionalPlugins, 'plugin.optionalPlugins'),
      requiredBundles: optionalStringArray(plugin.requiredBundles, 'plugin.requiredBundles'),
    },
  };
}

/**
 * Core joins the owner array with " & " for in-repo plugins; we do the same so the name reads
 * identically, and keep the team slug of a GitHub `@org/team` handle as `githubTeam`.
 */
export function deriveOwner(owners: string[]): KibanaJsonOwner {
  const team = /^@[^/\s]+\/([^/\s]+)$/.exec(owners[0]);
  return team ? { name: owners.join(' & '), githubTeam: team[1] } : { name: owners.join(' & ') };
}

export interface KibanaJsonVersions {
  /** The plugin's own version (package.json `version`). */
  version: string;
  /** The exact Kibana release the archive is for; install and startup both compare it. */
  kibanaVersion: string;
}

export function toKibanaJson(source: SourceManifest, versions: KibanaJsonVersions): KibanaJson {
  const { plugin } = source;
  assertPluginId(plugin.id);
  assertKibanaVersion(versions.kibanaVersion);
  if (!versions.version) {
    throw new ManifestError('The plugin version (package.json "version") must not be empty');
  }
  if (!plugin.server && !plugin.browser) {
    throw new ManifestError('At least one of plugin.server and plugin.browser must be true');
  }

  // Key order is kept stable so the generated file diffs cleanly between builds.
  const manifest: KibanaJson = {
    id: plugin.id,
    version: versions.version,
    kibanaVersion: versions.kibanaVersion,
    owner: deriveOwner(source.owner),
    ...(source.description !== undefined ? { description: source.description } : {}),
    server: plugin.server,
    ui: plugin.browser,
    requiredPlugins: [...plugin.requiredPlugins],
    optionalPlugins: [...plugin.optionalPlugins],
    ...(plugin.configPath !== undefined ? { configPath: plugin.configPath } : {}),
    ...(plugin.requiredBundles.length > 0 ? { requiredBundles: [...plugin.requiredBundles] } : {}),
  };

  const unknown = Object.keys(manifest).filter((key) => !KIBANA_MANIFEST_KEYS.includes(key));
  if (unknown.length > 0) {
    // Guards future edits of this function: Kibana would refuse the plugin at startup.
    throw new ManifestError(`kibana.json would contain keys Kibana rejects: ${unknown.join(', ')}`);
  }
  return manifest;
}
