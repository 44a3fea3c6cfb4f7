import fc from 'fast-check';
import type { IndexRequest } from '../../ingest/ecs';
import { MAX_ERROR_MESSAGE_CHARS, MAX_ORIGINAL_CHARS } from '../../ingest/pipeline_error';
import { jsonDepth, MAX_JSON_DEPTH, stringifyDeep } from '../../lib/bounded_json';
import { mapLine } from '../source_mapper';
import { lumosMapper, mapLumosItem } from './mapper';

/*
 * Random and adversarial items thrown at the whole per-item path of the poll (decoded JSON value
 * to IndexRequest, stringify of the original included) and at the map command's line path.
 * Whatever the item, the result is a document or a bounded pipeline_error, never a throw.
 */

const context = { namespace: 'prop', now: new Date('2026-01-02T03:04:05.678Z') };
const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
];
const ITEM_KEYS = [
  'event_hash',
  'event_type',
  'event_type_user_friendly',
  'outcome',
  'event_began_at',
  'actor',
  'targets',
  'event_metadata',
];
/**
 * Generous time per record that only catches super-linear blow-ups: the largest records here
 * (1 MB strings, 10k levels) map in well under 100 ms; a quadratic step on them takes seconds.
 */
const MAX_MS_PER_RECORD = 2000;
/**
 * A pipeline_error holds the capped original twice and the capped error; JSON escaping can make
 * one character six (`\u0000`, a lone surrogate), hence the factor.
 */
const MAX_PIPELINE_ERROR_JSON =
  6 * (2 * (MAX_ORIGINAL_CHARS + 80) + MAX_ERROR_MESSAGE_CHARS + 80) + 4096;

/** An object whose keys (including "__proto__") are own data properties, as JSON.parse makes. */
function objectOf(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...ITEM_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }
);

const timeArb = fc.oneof(
  fc.constantFrom(
    '2024-03-12T16:09:14',
    '0050-01-01T00:00:00',
    '2024-02-30T00:00:00',
    '2024-03-12T16:09:14.123456+02:00',
    '9999-12-31T23:59:59Z',
    '2024-03-12T16:09:14' + '9'.repeat(50)
  ),
  fc.string({ maxLength: 40 })
);

/** JSON values, keys drawn from prototype and item names, every value position reachable. */
const { value: jsonArb } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom(...PROTOTYPE_KEYS, ''),
    timeArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 5 }).map(objectOf)
  ),
}));

/** Item-shaped records: the real keys with odd values, plus prototype keys beside them. */
const itemArb = fc
  .tuple(
    fc.record(
      {
        event_hash: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), jsonArb),
        event_type: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'USER_LOGIN'), jsonArb),
        event_began_at: fc.oneof(timeArb, jsonArb),
        outcome: fc.oneof(fc.constantFrom('Succeeded', 'Failed', 'constructor'), jsonArb),
        actor: jsonArb,
        targets: jsonArb,
        event_metadata: jsonArb,
      },
      { requiredKeys: ['event_hash'] }
    ),
    fc.array(fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), jsonArb), { maxLength: 3 })
  )
  .map(([known, extra]) => objectOf([...Object.entries(known), ...extra]));

function nest(depth: number, leaf: unknown, object: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = object ? objectOf([['__proto__', value]]) : [value];
  return value;
}

/** A valid item with one field replaced by `value` (or `value` itself as the item). */
function placed(value: unknown, where: string): unknown {
  const base: Record<string, unknown> = {
    event_hash: 'h'.repeat(64),
    event_type: 'USER_LOGIN',
    event_began_at: '2024-03-12T16:09:14',
    actor: { email: 'a@example.com' },
    targets: [{ name: 't' }],
    event_metadata: { k: 'v' },
  };
  if (where === 'item') return value;
  if (where === 'targets') return objectOf([...Object.entries(base), ['targets', [value]]]);
  return objectOf([...Object.entries(base), [where, value]]);
}

const placeArb = fc.constantFrom(
  'item',
  'event_metadata',
  'actor',
  'targets',
  'event_hash',
  '__proto__'
);

const deepArb = fc
  .tuple(fc.integer({ min: 1_000, max: 10_000 }), fc.boolean(), jsonArb, placeArb)
  .map(([depth, object, leaf, where]) => placed(nest(depth, leaf, object), where));

/** One megabyte of a repeated hostile unit, in any string position. */
const hugeArb = fc
  .tuple(
    fc.constantFrom('x', '[', '{"a":', '\\', '"', '\u0000', '\uD800', '\u{1F600}', '2024-'),
    fc.constantFrom(
      'event_hash',
      'event_type',
      'event_began_at',
      'outcome',
      'event_metadata',
      'actor',
      'targets',
      '__proto__'
    )
  )
  .map(([unit, where]) => {
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    if (where === 'event_metadata') return placed({ [unit]: text }, where);
    if (where === 'actor') return placed({ email: text, given_name: text }, where);
    return placed(text, where);
  });

function checkRequest(request: IndexRequest, inputChars: number): void {
  expect(request.index).toBe('logs-lumos.activity_logs-prop');
  expect(request.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const event = request.document.event as Record<string, unknown>;
  expect(['event', 'pipeline_error']).toContain(event.kind);
  // What the bulk writer sends: must serialize, and stay shallow enough for ES and JSON.stringify.
  expect(jsonDepth(request.document)).toBeLessThanOrEqual(MAX_JSON_DEPTH + 2);
  const json = JSON.stringify(request.document);
  if (event.kind === 'pipeline_error') {
    expect(json.length).toBeLessThanOrEqual(MAX_PIPELINE_ERROR_JSON);
    const message = (request.document.error as { message: unknown }).message;
    expect(typeof message).toBe('string');
    expect((message as string).length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 80);
    expect((event.original as string).length).toBeLessThanOrEqual(MAX_ORIGINAL_CHARS + 80);
  } else {
    // A mapped event copies each input value a few times at most (original twice, an email into
    // user.email, user.name, related.user): linear in the input.
    expect(json.length).toBeLessThanOrEqual(12 * inputChars + 4096);
    expect(typeof event.id).toBe('string');
    const type = event.type as unknown[];
    expect(type).toEqual(['info']);
    for (const category of (event.category as unknown[] | undefined) ?? []) {
      expect(typeof category).toBe('string');
    }
  }
}

function mapTimed(item: unknown): IndexRequest {
  const started = Date.now();
  const mapped = mapLumosItem(item, context);
  expect(Date.now() - started).toBeLessThan(MAX_MS_PER_RECORD);
  expect(typeof mapped.key).toBe('string');
  expect(mapped.key.length).toBeLessThan(1_000_100);
  expect(mapped.pipelineError).toBe(
    (mapped.request.document.event as { kind: string }).kind === 'pipeline_error'
  );
  return mapped.request;
}

function inputSize(item: unknown): number {
  return stringifyDeep(item).length;
}

describe('Lumos item path (property)', () => {
  it('maps any JSON value to a document or a bounded pipeline_error', () => {
    fc.assert(
      fc.property(jsonArb, (item) => checkRequest(mapTimed(item), inputSize(item))),
      { numRuns: 300 }
    );
  });

  it('maps item-shaped records with odd values and prototype keys', () => {
    fc.assert(
      fc.property(itemArb, (item) => checkRequest(mapTimed(item), inputSize(item))),
      { numRuns: 500 }
    );
  });

  it('keeps prototype keys as data in the mapped lumos.* fields', () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const request = mapTimed(item);
        const kind = (request.document.event as { kind: string }).kind;
        if (kind !== 'event') return;
        // The copy is plain data: what JSON.stringify sees is what a JSON round trip gives.
        const lumos = request.document.lumos;
        if (lumos !== undefined) {
          expect(JSON.parse(JSON.stringify(lumos))).toEqual(lumos);
          expect(Object.getPrototypeOf(lumos)).toBe(Object.prototype);
        }
      }),
      { numRuns: 200 }
    );
  });

  it('turns items 1k-10k levels deep, anywhere, into pipeline_errors naming the limit', () => {
    fc.assert(
      fc.property(deepArb, (item) => {
        const request = mapTimed(item);
        expect((request.document.event as { kind: string }).kind).toBe('pipeline_error');
        expect((request.document.error as { message: string }).message).toContain(
          String(MAX_JSON_DEPTH)
        );
        checkRequest(request, inputSize(item));
      }),
      { numRuns: 30 }
    );
  });

  it('maps items holding 1 MB strings in linear time with a bounded pipeline_error', () => {
    fc.assert(
      fc.property(hugeArb, (item) => checkRequest(mapTimed(item), inputSize(item))),
      { numRuns: 25 }
    );
  });
});

describe('map command line path (property)', () => {
  const lineArb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    jsonArb.map((value) => stringifyDeep(value)),
    itemArb.map((value) => stringifyDeep(value)),
    fc
      .tuple(fc.constantFrom('[', '{"a":', '"'), fc.integer({ min: 1_000, max: 20_000 }))
      .map(([unit, n]) => unit.repeat(n)),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`)
  );

  it('maps any line to a document or a bounded pipeline_error', () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const started = Date.now();
        const request = mapLine(lumosMapper, line, context);
        expect(Date.now() - started).toBeLessThan(MAX_MS_PER_RECORD);
        checkRequest(request, line.length);
      }),
      { numRuns: 300 }
    );
  });
});
