import type {
  SavedObjectModelTransformationDoc,
  SavedObjectModelUnsafeTransformFn,
  SavedObjectsModelUnsafeTransformChange,
} from '@kbn/core/server';
import { DEFAULT_SPACE_ID } from '../../common/spaces';

/** Documents with no space get the default space; placed documents are left as they are. */
export const placeInDefaultSpace: SavedObjectModelUnsafeTransformFn = (
  document: SavedObjectModelTransformationDoc
) => ({
  document:
    document.namespaces && document.namespaces.length > 0
      ? document
      : { ...document, namespaces: [DEFAULT_SPACE_ID] },
});

/**
 * Model version 2 of both connector types: `agnostic` → `multiple-isolated`. An agnostic document
 * has no `namespaces`; a multi-namespace document without them is in no space at all (the
 * repository's rawDocExistsInNamespace finds it nowhere), so every existing connector is placed
 * in the default space, where the users who created it (then in any space) will find it.
 *
 * Kibana's own conversion (`convertToMultiNamespaceTypeVersion`) only converts `single` types and
 * only at 8.0.0, so this is an `unsafe_transform`. It touches no attribute: the secrets keep
 * decrypting, because encryptedSavedObjects binds the ciphertext of neither `agnostic` nor
 * `multiple-isolated` objects to a namespace (get_descriptor_namespace.ts: only types for which
 * `isSingleNamespace` is true, i.e. `single`). docs/privileges.md.
 */
export const moveToDefaultSpace: SavedObjectsModelUnsafeTransformChange = {
  type: 'unsafe_transform',
  transformFn: (cast) => cast(placeInDefaultSpace),
};
