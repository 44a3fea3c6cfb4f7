/*
 * Helpers for walking, printing and trimming JSON that came from outside. Everything here is
 * iterative and total: a record of any depth, size or shape yields a value, never a throw, so one
 * hostile record cannot fail a page (and wedge a connector on every retry).
 */

export { jsonDepth, MAX_JSON_DEPTH } from '../../common/json_depth';

/**
 * JSON.stringify that never throws (too deep, BigInt, cycles, toJSON throwing...): the text, or
 * undefined.
 */
export function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * `text` if at most `maxChars` UTF-16 units, else its first `maxChars` (not splitting a surrogate
 * pair) followed by a marker naming the full length, so a reader knows the text was cut and by
 * how much.
 */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${headText(text, maxChars)}${truncationMarker(text.length)}`;
}

/**
 * `text` cut to at most `maxChars` (not splitting a surrogate pair), ending in `...` when cut: for
 * short messages (health, probe answers, quoted error reasons), where capText's length marker
 * would be longer than what it keeps.
 */
export function ellipsize(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${headText(text, maxChars - 3)}...`;
}

/** The marker capText appends, exported so callers can reserve room for it. */
export function truncationMarker(totalChars: number): string {
  return `…[truncated by audit_sources: ${totalChars} characters in total]`;
}

/**
 * The first `maxChars` UTF-16 units of `text` (all of it when shorter). Cutting between a high
 * and a low surrogate would leave a lone half (invalid UTF-8 for Elasticsearch), so such a cut
 * keeps one unit less.
 */
export function headText(text: string, maxChars: number): string {
  let end = Math.max(0, Math.floor(maxChars));
  if (end >= text.length) return text;
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * Own enumerable property lookup that can never return Object.prototype members (`constructor`,
 * `__proto__`).
 */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.propertyIsEnumerable.call(table, key) ? table[key] : undefined;
}

type Frame =
  | { kind: 'array'; items: readonly unknown[]; next: number; node: object }
  | {
      kind: 'object';
      keys: string[];
      source: Record<string, unknown>;
      next: number;
      written: number;
      node: object;
    };

/**
 * JSON text of a value of any depth, written iteratively: what JSON.stringify gives for a JSON
 * value, where JSON.stringify itself would overflow the stack (a few thousand levels). Leaves
 * JSON cannot represent are rendered as JSON.stringify renders them where it can (an undefined
 * property is skipped, an undefined array entry is `null`) and as `null` where it would throw
 * (BigInt); a cycle is cut with `null`. Stops once the text passes `maxChars`, so a caller that
 * only keeps a prefix never builds the rest.
 */
export function stringifyDeep(value: unknown, maxChars = Infinity): string {
  const parts: string[] = [];
  let length = 0;
  const emit = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const open = new Set<object>();
  const stack: Frame[] = [];

  /** Writes a leaf, or opens a container (pushing its frame). `value` is never undefined here. */
  const visit = (item: unknown): void => {
    if (item === null || typeof item !== 'object' || open.has(item) || hasToJSON(item)) {
      emit(leafText(item));
      return;
    }
    open.add(item);
    if (Array.isArray(item)) {
      emit('[');
      stack.push({ kind: 'array', items: item, next: 0, node: item });
    } else {
      emit('{');
      const source = item as Record<string, unknown>;
      stack.push({
        kind: 'object',
        keys: ownKeys(source),
        source,
        next: 0,
        written: 0,
        node: item,
      });
    }
  };

  if (value === undefined || typeof value === 'function' || typeof value === 'symbol')
    return 'null';
  visit(value);
  while (stack.length > 0 && length <= maxChars) {
    const frame = stack[stack.length - 1];
    if (frame.kind === 'array') {
      if (frame.next >= frame.items.length) {
        emit(']');
        close(frame);
        continue;
      }
      if (frame.next > 0) emit(',');
      const item = frame.items[frame.next++];
      visit(isSkipped(item) ? null : item);
      continue;
    }
    // Skip what JSON.stringify skips, then write the next member.
    let key: string | undefined;
    let item: unknown;
    while (frame.next < frame.keys.length) {
      const candidate = frame.keys[frame.next++];
      const read = readProperty(frame.source, candidate);
      if (!isSkipped(read)) {
        key = candidate;
        item = read;
        break;
      }
    }
    if (key === undefined) {
      emit('}');
      close(frame);
      continue;
    }
    if (frame.written++ > 0) emit(',');
    emit(`${JSON.stringify(key)}:`);
    visit(item);
  }
  return parts.join('');

  function close(frame: Frame): void {
    stack.pop();
    open.delete(frame.node);
  }
}

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function hasToJSON(value: object): boolean {
  try {
    return typeof (value as { toJSON?: unknown }).toJSON === 'function';
  } catch {
    return false;
  }
}

function leafText(value: unknown): string {
  if (value !== null && typeof value === 'object' && !hasToJSON(value)) return 'null'; // a cycle
  return safeStringify(value) ?? 'null';
}

function ownKeys(value: Record<string, unknown>): string[] {
  try {
    return Object.keys(value);
  } catch {
    return [];
  }
}

function readProperty(source: Record<string, unknown>, key: string): unknown {
  try {
    return source[key];
  } catch {
    return undefined;
  }
}
