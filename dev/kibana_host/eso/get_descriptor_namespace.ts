/*
 * x-pack/platform/plugins/shared/encrypted_saved_objects/server/saved_objects/
 * get_descriptor_namespace.ts: the AAD descriptor carries a namespace only for types the core
 * registry calls single-namespace (`isSingleNamespace`: `single` only — `multiple-isolated` is
 * multi-namespace there, so its ciphertext is bound to type and id, not to the space), normalized
 * so that `'default'` and `undefined` are the same.
 */
import type { SavedObjectTypeRegistry } from '../saved_objects/type_registry';
import { normalizeNamespace } from '../spaces/namespace';

export function getDescriptorNamespace(
  typeRegistry: Pick<SavedObjectTypeRegistry, 'isSingleNamespace'>,
  type: string,
  namespace?: string | string[]
): string | undefined {
  const descriptorNamespace = typeRegistry.isSingleNamespace(type)
    ? Array.isArray(namespace)
      ? namespace[0]
      : namespace
    : undefined;
  return normalizeNamespace(descriptorNamespace);
}
