/*
 * Loading a server plugin the way core does (src/core/packages/plugins/server-internal/src/
 * plugin.ts and plugins_service.ts): require `<dir>/server`, take its `plugin` initializer and
 * optional `config` descriptor, validate the plugin's config section against `config.schema`
 * (`[config validation of [audit_sources].x]: …`), await the initializer with a
 * PluginInitializerContext, and give setup/start only the dependencies the manifest declares.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BehaviorSubject, type Observable } from 'rxjs';
import type {
  LoggerFactory,
  Plugin,
  PluginConfigDescriptor,
  PluginInitializer,
  PluginInitializerContext,
} from '@kbn/core/server';
import { isConfigSchemaType } from '../runtime/config_schema';
import type { PluginManifest } from './manifest';

export interface LoadedPlugin {
  manifest: PluginManifest;
  instance: Plugin<unknown, unknown, object, object>;
  config: unknown;
}

interface PluginModule {
  plugin?: PluginInitializer<unknown, unknown, object, object>;
  config?: PluginConfigDescriptor;
}

/** Looks `a.b.c` up either as a flat key or as nested objects. */
export function configAt(config: Record<string, unknown>, key: string): unknown {
  if (key in config) return config[key];
  let current: unknown = config;
  for (const part of key.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export async function loadPlugin(
  pluginDir: string,
  manifest: PluginManifest,
  hostConfig: Record<string, unknown>,
  loggers: LoggerFactory,
  kibanaVersion: string
): Promise<LoadedPlugin> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pluginModule = require(path.join(pluginDir, 'server')) as PluginModule;
  if (typeof pluginModule.plugin !== 'function') {
    throw new Error(`Plugin "${manifest.id}" does not export "plugin" definition (${pluginDir}).`);
  }
  const configPath = Array.isArray(manifest.configPath)
    ? manifest.configPath.join('.')
    : manifest.configPath!;
  let config: unknown = configAt(hostConfig, configPath) ?? {};
  if (pluginModule.config) {
    if (!isConfigSchemaType(pluginModule.config.schema)) {
      throw new Error('Configuration schema expected to be an instance of Type');
    }
    config = pluginModule.config.schema.validate(
      config,
      {},
      `config validation of [${configPath}]`
    );
  }
  const config$ = new BehaviorSubject(config);
  const pluginLoggers: LoggerFactory = {
    get: (...parts) => loggers.get('plugins', manifest.id, ...parts),
  };
  const context: PluginInitializerContext = {
    opaqueId: Symbol(manifest.id),
    env: {
      mode: { name: 'production', dev: false, prod: true },
      packageInfo: {
        version: kibanaVersion,
        branch: kibanaVersion.split('.').slice(0, 2).join('.'),
        buildNum: 1,
        buildSha: 'kibana-host',
        buildShaShort: 'kibana-host',
        buildDate: new Date(),
        buildFlavor: 'traditional',
        dist: true,
      },
      instanceUuid: randomUUID(),
      configs: [],
      airgapped: false,
    },
    logger: pluginLoggers,
    config: {
      create: <T>() => config$.asObservable() as unknown as Observable<T>,
      get: <T>() => config$.getValue() as T,
    },
  };
  const instance = await pluginModule.plugin(context);
  return { manifest, instance, config };
}
