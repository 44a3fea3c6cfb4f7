/*
 * Nesting depth of JSON from outside, shared by the server's mappers and the connector field
 * codecs (which the browser bundles too, so no Node imports here).
 */

/**
 * Deepest nesting any record may have; deeper records become pipeline_error documents.
 * Real audit records nest a handful of levels. 64 keeps every recursive consumer downstream of us
 * (JSON.stringify, io-ts, the ES client's serializer, Elasticsearch's own parser, whose
 * `flattened` fields stop at 20 and whose document depth limit is 1000) far from its stack limit,
 * while leaving generous room for odd but honest metadata.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Nesting depth of a JSON-like value, computed iteratively (no recursion), stopping once it
 * exceeds `limit` (then returns limit + 1). Scalars are depth 0, `{}`/`[]` depth 1.
 * Only own enumerable values are visited, as JSON.stringify does; a cycle counts as too deep.
 */
export function jsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): number {
  if (value === null || typeof value !== 'object') return 0;
  let max = 0;
  // Explicit stack of [value, depth]; a node is never pushed deeper than limit + 1, so a cycle
  // terminates as "too deep" instead of looping.
  const stack: Array<[object, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [object, number];
    if (depth > max) max = depth;
    if (max > limit) return limit + 1;
    let children: unknown[];
    try {
      children = Array.isArray(node) ? node : Object.values(node);
    } catch {
      // A hostile getter or proxy (cannot come out of JSON.parse): treat it as a leaf.
      continue;
    }
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return max;
}
