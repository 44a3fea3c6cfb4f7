import type {
  SavedObjectModelTransformationDoc,
  SavedObjectsModelUnsafeTransformChange,
} from '@kbn/core/server';
import { DEFAULT_SPACE_ID } from '../../common/spaces';

/**
 * Model version 2 of both connector types: `agnostic` → `multiple-isolated`. An agnostic document
 * has no `namespaces`; a multi-namespace document without them is in no space at all (the
 * repository's rawDocExistsInNamespace finds it nowhere), so every existing connector is placed
 * in the default space, where the users who created it (then in any space) will find it.
 *
 * Kibana's own conversion (`convertToMultiNamespaceTypeVersion`) only converts `single` types and
 * only at 8.0.0, so this is an `unsafe_transform`. It touches no attribute: the encrypted secrets
 * keep decrypting, because the AAD of an object in the default space carries no namespace both
 * before and after (encrypted_saved_objects get_descriptor_namespace.ts). docs/privileges.md.
 */
export const moveToDefaultSpace: SavedObjectsModelUnsafeTransformChange = {
  type: 'unsafe_transform',
  transformFn: (document: SavedObjectModelTransformationDoc) => ({
    document:
      document.namespaces && document.namespaces.length > 0
        ? document
        : { ...document, namespaces: [DEFAULT_SPACE_ID] },
  }),
};
