import type { EcsValue } from '../../ingest/ecs';

/**
 * Elastic's pipeline ends with a script that drops null and "" values, empty objects and empty
 * lists, recursively. This is the same rule applied while copying (the input is never mutated:
 * it may be the caller's object). `skipKeys` are left out at the top level only. Returns undefined
 * when nothing is left.
 */
export function pruneEmpty(value: unknown, skipKeys?: ReadonlySet<string>): EcsValue | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const out: EcsValue[] = [];
    for (const entry of value) {
      const pruned = pruneEmpty(entry);
      if (pruned !== undefined) out.push(pruned);
    }
    return out.length > 0 ? out : undefined;
  }
  if (typeof value === 'object') {
    let out: { [key: string]: EcsValue } | undefined;
    for (const key in value) {
      if (skipKeys?.has(key)) continue;
      const pruned = pruneEmpty((value as Record<string, unknown>)[key]);
      if (pruned === undefined) continue;
      out ??= {};
      // A "__proto__" key from JSON.parse is data; plain assignment would set the prototype.
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: pruned,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        out[key] = pruned;
      }
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  // bigint, function, symbol: cannot come out of JSON.parse.
  return undefined;
}
