import type { KibanaRequest } from '@kbn/core/server';
import type { SpacesPluginStart } from '@kbn/spaces-plugin/server';
import { DEFAULT_SPACE_ID } from '../../common/spaces';

/**
 * The saved-objects namespace of a space, as spaces' lib/utils/namespace.ts spaceIdToNamespace:
 * the default space has none. Written here because the poll task has no request and `spaces` is
 * an optional plugin.
 */
export function spaceIdToNamespace(spaceId: string): string | undefined {
  return spaceId === DEFAULT_SPACE_ID ? undefined : spaceId;
}

/** The request's space and its namespace; the default space when Kibana runs without spaces. */
export function requestSpace(
  spaces: SpacesPluginStart | undefined,
  request: KibanaRequest
): { id: string; namespace: string | undefined } {
  const id = spaces?.spacesService.getSpaceId(request) ?? DEFAULT_SPACE_ID;
  return { id, namespace: spaceIdToNamespace(id) };
}
