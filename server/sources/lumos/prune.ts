import type { EcsValue } from '../../ingest/ecs';

/*
 * Elastic's pipeline ends with a script that drops null and "" values, empty objects and empty
 * lists, recursively. This is the same rule applied while copying (the input is never mutated:
 * it may be the caller's object). The walk is iterative: the value is remote JSON, and recursion
 * on it would overflow the stack at a few thousand levels (the mapper rejects deep records first;
 * this does not rely on it).
 */

type Container = EcsValue[] | { [key: string]: EcsValue };

interface Frame {
  /** Own keys (objects) or indexes (arrays) still to visit. */
  entries: ReadonlyArray<string | number>;
  next: number;
  source: unknown;
  out: Container;
  /** Where the finished copy goes in the parent; undefined for the root. */
  parent?: { frame: Frame; key: string | number };
}

/** Copies a value as prunable data; "__proto__" from JSON.parse is data, never the prototype. */
function setEntry(out: Container, key: string | number, value: EcsValue): void {
  if (Array.isArray(out)) {
    out.push(value);
  } else if (key === '__proto__') {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    out[key] = value;
  }
}

function isEmpty(out: Container): boolean {
  return Array.isArray(out) ? out.length === 0 : Object.keys(out).length === 0;
}

/** A leaf's kept value, or undefined when Elastic's script would drop it. */
function leaf(value: unknown): EcsValue | undefined {
  if (value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  // null, undefined; bigint, function, symbol cannot come out of JSON.parse.
  return undefined;
}

function frameFor(value: object, parent: Frame['parent'], skipKeys?: ReadonlySet<string>): Frame {
  if (Array.isArray(value)) {
    return { entries: value.map((_, i) => i), next: 0, source: value, out: [], parent };
  }
  const keys = Object.keys(value).filter((key) => !skipKeys?.has(key));
  return { entries: keys, next: 0, source: value, out: {}, parent };
}

/**
 * Pruned copy of `value`, or undefined when nothing is left. `skipKeys` are left out at the top
 * level only.
 */
export function pruneEmpty(value: unknown, skipKeys?: ReadonlySet<string>): EcsValue | undefined {
  if (value === null || typeof value !== 'object') return leaf(value);
  const stack: Frame[] = [frameFor(value, undefined, skipKeys)];
  let result: EcsValue | undefined;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      const done = isEmpty(frame.out) ? undefined : frame.out;
      if (!frame.parent) result = done;
      else if (done !== undefined) setEntry(frame.parent.frame.out, frame.parent.key, done);
      continue;
    }
    const key = frame.entries[frame.next++];
    const child = (frame.source as Record<string | number, unknown>)[key];
    if (child !== null && typeof child === 'object') {
      stack.push(frameFor(child, { frame, key }));
      continue;
    }
    const kept = leaf(child);
    if (kept !== undefined) setEntry(frame.out, key, kept);
  }
  return result;
}
