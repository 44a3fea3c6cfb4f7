/*
 * Makes `require('@kbn/…')` from a built plugin resolve to this host's runtime modules, the way a
 * plugin inside <kibana>/plugins/ finds Kibana's own packages on its lookup path. Only the listed
 * ids are redirected; every other request goes through Node's resolver untouched. Under jest the
 * module registry bypasses Module._resolveFilename, so jest.config.js maps the same ids with
 * `moduleNameMapper` (see KBN_RUNTIME_MODULES and docs/kibana-host.md).
 */
import Module from 'node:module';
import path from 'node:path';

/** `@kbn/*` id → file (without extension) under dev/kibana_host/runtime/. */
export const KBN_RUNTIME_MODULES: Readonly<Record<string, string>> = {
  '@kbn/config-schema': 'config_schema',
  '@kbn/core/server': 'core_server',
  '@kbn/core-application-common': 'core_application_common',
  '@kbn/task-manager-plugin/server': 'task_manager_plugin',
  '@kbn/encrypted-saved-objects-plugin/server': 'empty_module',
  '@kbn/features-plugin/server': 'empty_module',
  '@kbn/security-plugin/server': 'empty_module',
};

type ResolveFilename = (
  request: string,
  parent: unknown,
  isMain: boolean,
  options?: unknown
) => string;

const ModuleWithResolver = Module as unknown as { _resolveFilename: ResolveFilename };
let installed = false;

/** Idempotent. The resolved path is the .ts file; run the host under tsx (or jest). */
export function installKbnResolver(): void {
  if (installed) return;
  installed = true;
  const original = ModuleWithResolver._resolveFilename;
  ModuleWithResolver._resolveFilename = function (request, parent, isMain, options) {
    const target = KBN_RUNTIME_MODULES[request];
    if (target !== undefined) {
      return original.call(this, path.join(__dirname, target), parent, isMain, options);
    }
    return original.call(this, request, parent, isMain, options);
  };
}
