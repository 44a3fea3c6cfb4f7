import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';

function pathOf(error: t.ValidationError): string {
  const keys: string[] = [];
  error.context.forEach((entry, i) => {
    if (i === 0) return;
    // Union and intersection members appear as '0', '1', ...: they are not part of the path.
    const parentTag = (error.context[i - 1].type as { _tag?: string })._tag;
    if (parentTag === 'UnionType' || parentTag === 'IntersectionType') return;
    keys.push(entry.key);
  });
  return keys.join('.');
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One readable line per failing field, naming the field path: `items.3.event_hash: expected
 * string, got 42`. Used for API bodies (400s), Lumos responses and Closer hits alike.
 */
export function formatDecodeErrors(errors: t.Errors): string {
  const seen = new Set<string>();
  for (const error of errors) {
    const path = pathOf(error) || '(root)';
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
    seen.add(error.message ?? `${path}: expected ${expected}, got ${describe(error.value)}`);
  }
  return [...seen].join('; ');
}

export class DecodeError extends Error {
  constructor(
    message: string,
    public readonly errors: t.Errors
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** Decodes or throws a DecodeError whose message names the failing fields. */
export function decodeOrThrow<A, O, I>(codec: t.Type<A, O, I>, value: I, what = 'value'): A {
  const result = codec.decode(value);
  if (isLeft(result)) {
    throw new DecodeError(`Invalid ${what}: ${formatDecodeErrors(result.left)}`, result.left);
  }
  return result.right;
}
