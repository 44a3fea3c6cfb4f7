import fc from 'fast-check';
import {
  capText,
  jsonDepth,
  MAX_JSON_DEPTH,
  ownValue,
  safeStringify,
  stringifyDeep,
  truncationMarker,
} from './bounded_json';

/** `[[[...]]]` `depth` levels deep, built iteratively (a recursive builder would overflow too). */
function nestedArrays(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

function nestedObjects(depth: number, key = 'a'): unknown {
  let value: unknown = {};
  for (let i = 1; i < depth; i++) value = { [key]: value };
  return value;
}

describe('jsonDepth', () => {
  it('counts scalars as 0 and empty containers as 1', () => {
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth(3)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth([])).toBe(1);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
  });

  it('stops at limit + 1', () => {
    expect(jsonDepth(nestedArrays(10), 5)).toBe(6);
    expect(jsonDepth(nestedArrays(5), 5)).toBe(5);
    expect(jsonDepth(nestedArrays(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH + 1);
  });

  it.each([10_000, 100_000])('handles %i levels without overflowing the stack', (depth) => {
    expect(jsonDepth(nestedArrays(depth))).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepth(nestedObjects(depth))).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepth(nestedArrays(depth), Infinity)).toBe(depth);
  });

  it('treats a cycle as too deep instead of looping', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(jsonDepth(cycle, 10)).toBe(11);
  });

  it('visits a "__proto__" own key from JSON.parse', () => {
    expect(jsonDepth(JSON.parse('{"__proto__":{"a":{"b":{}}}}'))).toBe(4);
  });

  it('is the nesting depth of any JSON value (property)', () => {
    // Reference on small values only: recursion is fine at fast-check's depths.
    const reference = (value: unknown): number => {
      if (value === null || typeof value !== 'object') return 0;
      const children = Array.isArray(value) ? value : Object.values(value);
      return 1 + children.reduce<number>((m, c) => Math.max(m, reference(c)), 0);
    };
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'large' }), fc.integer({ min: 0, max: 8 }), (v, l) => {
        const depth = reference(v);
        expect(jsonDepth(v, Infinity)).toBe(depth);
        expect(jsonDepth(v, l)).toBe(Math.min(depth, l + 1));
      })
    );
  });
});

describe('safeStringify', () => {
  it('is JSON.stringify for ordinary values', () => {
    expect(safeStringify({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(safeStringify(undefined)).toBeUndefined();
  });

  it('returns undefined where JSON.stringify throws', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(safeStringify(cycle)).toBeUndefined();
    expect(safeStringify({ n: BigInt(1) })).toBeUndefined();
    expect(
      safeStringify({
        toJSON() {
          throw new Error('boom');
        },
      })
    ).toBeUndefined();
    expect(() => JSON.stringify(nestedArrays(100_000))).toThrow();
    expect(safeStringify(nestedArrays(100_000))).toBeUndefined();
  });

  it('never throws (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true }), (value) => {
        const text = safeStringify(value);
        expect(text === undefined || typeof text === 'string').toBe(true);
      })
    );
  });
});

describe('capText', () => {
  it('keeps text within the cap', () => {
    expect(capText('hello', 5)).toBe('hello');
    expect(capText('', 0)).toBe('');
  });

  it('cuts longer text and names the full length', () => {
    expect(capText('hello world', 5)).toBe(`hello${truncationMarker(11)}`);
    expect(capText('x'.repeat(123456), 3)).toBe(
      'xxx…[truncated by audit_sources: 123456 characters in total]'
    );
  });

  it('does not split a surrogate pair', () => {
    const text = `ab${'\u{1F600}'}cd`; // a b \uD83D \uDE00 c d
    expect(capText(text, 3)).toBe(`ab${truncationMarker(6)}`);
    expect(capText(text, 4)).toBe(`ab\u{1F600}${truncationMarker(6)}`);
  });

  it('keeps a prefix, bounded by cap + marker, never a lone high surrogate (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(40), (text, cap) => {
        const out = capText(text, cap);
        if (text.length <= cap) {
          expect(out).toBe(text);
          return;
        }
        const marker = truncationMarker(text.length);
        expect(out.endsWith(marker)).toBe(true);
        const kept = out.slice(0, out.length - marker.length);
        expect(kept.length).toBeLessThanOrEqual(cap);
        expect(kept.length).toBeGreaterThanOrEqual(cap - 1);
        expect(text.startsWith(kept)).toBe(true);
        if (kept.length > 0) {
          const last = kept.charCodeAt(kept.length - 1);
          const next = text.charCodeAt(kept.length);
          // A high surrogate at the end is only allowed when it was not followed by its low half.
          if (last >= 0xd800 && last <= 0xdbff)
            expect(next >= 0xdc00 && next <= 0xdfff).toBe(false);
        }
      })
    );
  });
});

describe('ownValue', () => {
  const table: Readonly<Record<string, string>> = { login: 'authentication' };

  it('finds own keys', () => {
    expect(ownValue(table, 'login')).toBe('authentication');
    expect(ownValue(table, 'logout')).toBeUndefined();
  });

  it.each([
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
  ])('never returns Object.prototype member %s', (key) => {
    expect(ownValue(table, key)).toBeUndefined();
  });

  it('returns an own "__proto__" entry created as data', () => {
    const parsed = JSON.parse('{"__proto__":"data"}') as Record<string, string>;
    expect(ownValue(parsed, '__proto__')).toBe('data');
  });

  it('only returns values that are own enumerable properties (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.string()),
        fc.oneof(fc.string(), fc.constantFrom('constructor', '__proto__', 'toString')),
        (dict, key) => {
          const got = ownValue(dict, key);
          if (Object.prototype.hasOwnProperty.call(dict, key)) expect(got).toBe(dict[key]);
          else expect(got).toBeUndefined();
        }
      )
    );
  });
});

describe('stringifyDeep', () => {
  it('is JSON.stringify for JSON values (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'large' }), (value) => {
        expect(stringifyDeep(value)).toBe(JSON.stringify(value));
      })
    );
  });

  it('renders JSON.parse output with "__proto__" keys like JSON.stringify', () => {
    const text = '{"__proto__":{"constructor":[1,{"toString":null}]},"a":"b"}';
    expect(stringifyDeep(JSON.parse(text))).toBe(text);
  });

  it('matches JSON.stringify on skipped and odd leaves', () => {
    const value = { a: undefined, b: [undefined, () => 1], c: new Date(0), d: NaN, e: 'x' };
    expect(stringifyDeep(value)).toBe(JSON.stringify(value));
    expect(stringifyDeep({ n: BigInt(1) })).toBe('{"n":null}');
    expect(stringifyDeep(undefined)).toBe('null');
  });

  it('cuts cycles with null instead of looping', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(stringifyDeep(cycle)).toBe('{"a":1,"self":null}');
  });

  it.each([10_000, 100_000])('writes %i levels that JSON.stringify cannot', (depth) => {
    expect(stringifyDeep(nestedArrays(depth))).toBe(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    const objects = stringifyDeep(nestedObjects(depth));
    expect(objects.length).toBe(depth * 2 + (depth - 1) * 4);
    expect(JSON.parse(objects)).toBeDefined();
  });

  it('stops soon after maxChars', () => {
    const text = stringifyDeep(nestedArrays(100_000), 1000);
    expect(text.length).toBeGreaterThan(1000);
    expect(text.length).toBeLessThan(1100);
  });
});
