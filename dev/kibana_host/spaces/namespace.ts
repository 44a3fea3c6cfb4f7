/*
 * Space id ⇄ saved-objects namespace, as spaces/server/lib/utils/namespace.ts and core's
 * SavedObjectsUtils.namespaceIdToString / namespaceStringToId: the default space has no namespace.
 */
export const DEFAULT_SPACE_ID = 'default';

/** Kibana's space id rule (spaces/server/lib/space_schema.ts): lowercase a-z, 0-9, `_`, `-`. */
export const SPACE_ID_PATTERN = /^[a-z0-9_-]+$/;

export function spaceIdToNamespace(spaceId: string): string | undefined {
  if (!spaceId) throw new TypeError('spaceId is required');
  return spaceId === DEFAULT_SPACE_ID ? undefined : spaceId;
}

export function namespaceToSpaceId(namespace: string | undefined): string {
  if (namespace === '') throw new TypeError('namespace cannot be an empty string');
  return namespace ?? DEFAULT_SPACE_ID;
}

/** `'*'`: every space (core's ALL_NAMESPACES_STRING, saved-objects-utils-server). */
export const ALL_NAMESPACES_STRING = '*';

/**
 * Namespace id form of a namespace string, so `'default'` and `undefined` are the same
 * (api-server-internal/src/lib/apis/utils/internal_utils.ts normalizeNamespace; core's
 * SavedObjectsUtils.namespaceStringToId). `'*'` is refused there and here.
 */
export function normalizeNamespace(namespace?: string): string | undefined {
  if (namespace === ALL_NAMESPACES_STRING) {
    throw new TypeError('"options.namespace" cannot be "*"');
  }
  return namespace === undefined ? undefined : spaceIdToNamespace(namespace);
}

/** SavedObjectsUtils.namespaceIdToString: `undefined` → `'default'`. */
export function namespaceIdToString(namespace?: string): string {
  return namespaceToSpaceId(namespace);
}
