import { DEFAULT_NAMESPACE, namespaceError } from './data_streams';

/** Kibana's default space (@kbn/core-spaces-common DEFAULT_SPACE_ID). */
export const DEFAULT_SPACE_ID = 'default';

/**
 * The data stream namespace the setup form suggests in a space: the space id, which is already
 * lowercase (spaces' space_schema.ts: a-z, 0-9, `_`, `-`), with `-` (refused by Fleet's namespace
 * rules) turned into `_`. Anything still invalid falls back to `default`.
 */
export function suggestedNamespace(spaceId: string): string {
  const candidate = spaceId.replaceAll('-', '_');
  return namespaceError(candidate) === undefined ? candidate : DEFAULT_NAMESPACE;
}
