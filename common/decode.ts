import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';

const WRAPPERS = new Set(['ExactType', 'RefinementType', 'ReadonlyType', 'StrictType']);

function structuralTag(type: t.Decoder<unknown, unknown>): string | undefined {
  let current = type as { _tag?: string; type?: t.Decoder<unknown, unknown> };
  while (current._tag && WRAPPERS.has(current._tag) && current.type) {
    current = current.type as typeof current;
  }
  return current._tag;
}

function pathOf(error: t.ValidationError): string {
  const keys: string[] = [];
  error.context.forEach((entry, i) => {
    if (i === 0) return;
    // Union and intersection members appear as '0', '1', ...: they are not part of the path.
    const parentTag = structuralTag(error.context[i - 1].type);
    if (parentTag === 'UnionType' || parentTag === 'IntersectionType') return;
    keys.push(entry.key);
  });
  return keys.join('.');
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Too deep for the recursive JSON.stringify (remote or route JSON): describing the value
    // must not turn a field error into a thrown RangeError.
  }
  if (text === undefined) return Array.isArray(value) ? '[...]' : typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One readable line per failing field, naming the field path: `items.3.event_hash: expected
 * string, got 42`. Used for API bodies (400s), Lumos responses and Closer hits alike.
 */
export function formatDecodeErrors(errors: t.Errors): string {
  return Object.entries(decodeErrorsByField(errors))
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
}

/**
 * The first problem of each failing field, keyed by its dotted path (`(root)` for the value
 * itself). Forms show these next to the fields; the server joins them into a 400 message.
 */
export function decodeErrorsByField(errors: t.Errors): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    const path = pathOf(error) || '(root)';
    if (path in byField) continue;
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
    byField[path] = error.message ?? `expected ${expected}, got ${describe(error.value)}`;
  }
  return byField;
}

/**
 * A string codec with a check that explains itself: the failure message is what a user sees
 * next to the field (io-ts refinements would only say "expected <name>").
 */
export function checkedString(
  name: string,
  check: (value: string) => string | undefined
): t.Type<string, string, unknown> {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && check(u) === undefined,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `must be a string, got ${describe(u)}`);
      const problem = check(u);
      return problem === undefined ? t.success(u) : t.failure(u, c, problem);
    },
    t.identity
  );
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

/**
 * A union discriminated by one property, decoded by that property alone: errors then come only
 * from the member the value claims to be (a plain t.union reports every member's complaints).
 */
export function taggedUnion<Tag extends string, Members extends Record<string, t.Mixed>>(
  name: string,
  tag: Tag,
  members: Members
): t.Type<t.TypeOf<Members[keyof Members]>, t.OutputOf<Members[keyof Members]>, unknown> {
  const kinds = Object.keys(members);
  return new t.Type(
    name,
    (u): u is t.TypeOf<Members[keyof Members]> => Object.values(members).some((m) => m.is(u)),
    (u, c) => {
      if (u === null || typeof u !== 'object' || Array.isArray(u)) {
        return t.failure(u, c, `must be an object, got ${describe(u)}`);
      }
      const value = (u as Record<string, unknown>)[tag];
      const member =
        typeof value === 'string' && Object.hasOwn(members, value) ? members[value] : undefined;
      if (!member) {
        return t.failure(
          value,
          [...c, { key: tag, type: t.string, actual: value }],
          `must be one of ${kinds.join(', ')}`
        );
      }
      // Stand in for the member in the context, so error paths see through to its structure.
      const last = c[c.length - 1];
      return member.validate(u, last ? [...c.slice(0, -1), { ...last, type: member }] : c);
    },
    (a) => {
      const member = members[(a as Record<string, string>)[tag]];
      return member.encode(a);
    }
  );
}

/** An ISO 8601 instant that `Date.parse` reads (checkpoints and cursors of every source). */
export const IsoDateString = t.refinement(
  t.string,
  (s) => !Number.isNaN(Date.parse(s)),
  'IsoDateString'
);
