/*
 * Saved-object type registry with Kibana's registration checks:
 * - src/core/packages/saved-objects/base-server-internal/src/saved_objects_type_registry.ts
 *   (duplicate names; `hidden: true` with `hiddenFromHttpApis: false`),
 * - migration-server-internal/src/document_migrator/validate_migrations.ts (model versions are
 *   integers from 1 without gaps; `mappings_addition` fields must also be in `mappings`).
 */
import type {
  SavedObjectsModelVersion,
  SavedObjectsModelVersionMap,
  SavedObjectsType,
} from '@kbn/core/server';

const NAMESPACE_TYPES = new Set(['single', 'multiple', 'multiple-isolated', 'agnostic']);

export function modelVersionsOf(type: SavedObjectsType): SavedObjectsModelVersionMap {
  const mv = type.modelVersions;
  return (typeof mv === 'function' ? mv() : mv) ?? {};
}

/** modelVersionToVirtualVersion (base-server-internal/src/model_version/conversion.ts): 5 → `10.5.0`. */
export const modelVersionToVirtualVersion = (modelVersion: number) => `10.${modelVersion}.0`;

/**
 * The model version of a stored `typeMigrationVersion`: `10.<n>.0` → n; a legacy (pre-model-version)
 * semver such as `8.8.0`, or none, → 0 (every model version's changes still apply).
 */
export function storedModelVersion(typeMigrationVersion: string | undefined): number {
  const match = /^10\.(\d+)\.0$/.exec(typeMigrationVersion ?? '');
  if (match) return Number(match[1]);
  const major = Number((typeMigrationVersion ?? '').split('.')[0]);
  if (Number.isInteger(major) && major > 10) return Number.POSITIVE_INFINITY;
  return 0;
}

export function latestModelVersion(type: SavedObjectsType): {
  version: number;
  definition?: SavedObjectsModelVersion;
} {
  const map = modelVersionsOf(type);
  const version = Math.max(0, ...Object.keys(map).map(Number));
  return { version, definition: map[String(version)] };
}

function hasMapping(properties: Record<string, unknown>, field: string, mapping: unknown): boolean {
  return JSON.stringify(properties[field]) === JSON.stringify(mapping);
}

export function validateType(type: SavedObjectsType): void {
  if (typeof type.name !== 'string' || !type.name) throw new Error('Type name is required');
  if (typeof type.hidden !== 'boolean') {
    throw new Error(`Type ${type.name}: 'hidden' must be a boolean`);
  }
  if (type.hidden && type.hiddenFromHttpApis === false) {
    throw new Error(
      `Type ${type.name}: 'hiddenFromHttpApis' cannot be 'false' when specifying 'hidden' as 'true'`
    );
  }
  if (!NAMESPACE_TYPES.has(type.namespaceType)) {
    throw new Error(`Type ${type.name}: invalid namespaceType '${type.namespaceType}'`);
  }
  if (!type.mappings || typeof type.mappings.properties !== 'object') {
    throw new Error(`Type ${type.name}: mappings.properties is required`);
  }
  const map = modelVersionsOf(type);
  const versions = Object.keys(map).map((key) => {
    const n = Number(key);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(
        `Model version must be an integer greater than 0: got '${key}' for type '${type.name}'`
      );
    }
    return n;
  });
  versions
    .sort((a, b) => a - b)
    .forEach((v, i) => {
      if (v !== i + 1) {
        throw new Error(`Type ${type.name}: model versions must start at 1 and have no gaps`);
      }
    });
  for (const [version, definition] of Object.entries(map)) {
    for (const change of definition.changes) {
      if (change.type !== 'mappings_addition') continue;
      for (const [field, mapping] of Object.entries(change.addedMappings)) {
        if (!hasMapping(type.mappings.properties, field, mapping)) {
          throw new Error(
            `Type ${type.name}: model version ${version} adds mapping '${field}' that is missing from or different in 'mappings'`
          );
        }
      }
    }
  }
}

export class SavedObjectTypeRegistry {
  private readonly types = new Map<string, SavedObjectsType>();

  registerType(type: SavedObjectsType): void {
    if (this.types.has(type.name)) {
      throw new Error(`Type '${type.name}' is already registered`);
    }
    validateType(type);
    this.types.set(type.name, type);
  }

  getType(name: string): SavedObjectsType | undefined {
    return this.types.get(name);
  }

  getAllTypes(): SavedObjectsType[] {
    return [...this.types.values()];
  }

  // saved_objects_type_registry.ts (base-server-internal): the namespace-type predicates. Note
  // that `multiple-isolated` is a MULTI-namespace type there (isMultiNamespace), not a single one.
  isNamespaceAgnostic(type: string): boolean {
    return this.types.get(type)?.namespaceType === 'agnostic';
  }

  /** `single` (or an unknown type), never `multiple-isolated`. */
  isSingleNamespace(type: string): boolean {
    return !this.isNamespaceAgnostic(type) && !this.isMultiNamespace(type);
  }

  isMultiNamespace(type: string): boolean {
    const namespaceType = this.types.get(type)?.namespaceType;
    return namespaceType === 'multiple' || namespaceType === 'multiple-isolated';
  }

  isShareable(type: string): boolean {
    return this.types.get(type)?.namespaceType === 'multiple';
  }

  /** Types a client can see: every visible type plus the hidden ones asked for. */
  allowedTypes(includedHiddenTypes: readonly string[] = []): Set<string> {
    return new Set(
      this.getAllTypes()
        .filter((t) => !t.hidden || includedHiddenTypes.includes(t.name))
        .map((t) => t.name)
    );
  }
}
