/*
 * Deterministic JSON with sorted object keys — what Kibana's `stableStringify`
 * (src/platform/packages/shared/kbn-std/src/stable_stringify.ts, via safe-stable-stringify) produces
 * for the plain data that goes into an AAD: keys sorted, `undefined` members dropped, `undefined`
 * array items as null.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
    .map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`);
  return `{${members.join(',')}}`;
}
