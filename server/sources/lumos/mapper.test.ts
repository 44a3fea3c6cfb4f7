import { ECS_VERSION } from '../../ingest/ecs';
import { documentId } from '../../ingest/document_id';
import { MAX_ERROR_MESSAGE_CHARS, MAX_ORIGINAL_CHARS } from '../../ingest/pipeline_error';
import { MAX_JSON_DEPTH } from '../../lib/bounded_json';
import { lumosMapper, mapLumosItem, mapLumosRecord } from './mapper';
import { categorize, eventCategory } from './event_category';

const now = new Date('2026-01-02T03:04:05.678Z');
const context = { namespace: 'prod', now };
const hash = 'a'.repeat(128);

function item(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: {
      actor_type: 'Lumos user',
      email: 'road.runner@example.com',
      family_name: 'Runner',
      given_name: 'Road',
    },
    event_began_at: '2024-03-12T16:12:41',
    event_hash: hash,
    event_metadata: {},
    event_type: 'APP_ACCESS_GRANTED',
    event_type_user_friendly: 'A user was granted access to an app',
    outcome: 'Succeeded',
    targets: [{ name: 'Salesforce', target_type: 'Application' }],
    ...overrides,
  };
}

function map(record: Record<string, unknown>) {
  const original = JSON.stringify(record);
  return mapLumosRecord(record, original, context);
}

describe('lumos mapper', () => {
  it('maps an item to an ECS document with the event time, actor and category', () => {
    const record = item();
    const request = map(record);
    expect(request.index).toBe('logs-lumos.activity_logs-prod');
    expect(request.id).toBe(documentId('lumos.activity_logs', hash));
    expect(request.document).toEqual({
      '@timestamp': '2024-03-12T16:12:41.000Z',
      ecs: { version: ECS_VERSION },
      data_stream: { type: 'logs', dataset: 'lumos.activity_logs', namespace: 'prod' },
      event: {
        kind: 'event',
        id: hash,
        action: 'APP_ACCESS_GRANTED',
        category: ['iam'],
        outcome: 'success',
        type: ['info'],
        created: now.toISOString(),
        dataset: 'lumos.activity_logs',
        module: 'lumos',
        original: JSON.stringify(record),
      },
      user: {
        email: 'road.runner@example.com',
        name: 'road.runner@example.com',
        full_name: 'Road Runner',
      },
      related: { user: ['road.runner@example.com', 'Road Runner'] },
      lumos: {
        activity_logs: {
          actor: record.actor,
          event_began_at: '2024-03-12T16:12:41',
          event_type_user_friendly: 'A user was granted access to an app',
          targets: [{ name: 'Salesforce', target_type: 'Application' }],
        },
      },
      message: 'A user was granted access to an app',
    });
  });

  it('keeps the JSON text as message when the record has no user-friendly event type', () => {
    for (const friendly of [null, '']) {
      const record = item({ event_type_user_friendly: friendly });
      expect(map(record).document.message).toBe(JSON.stringify(record));
    }
  });

  it.each([
    ['Succeeded', 'success'],
    ['Failed', 'failure'],
    ['succeeded', 'unknown'],
    ['Pending', 'unknown'],
    [null, 'unknown'],
    [undefined, 'unknown'],
  ])('maps outcome %p to %p', (outcome, expected) => {
    const record = item({ outcome });
    if (outcome === undefined) delete record.outcome;
    expect((map(record).document.event as Record<string, unknown>).outcome).toBe(expected);
  });

  it.each([
    ['2024-03-12T16:09:14', '2024-03-12T16:09:14.000Z'],
    ['2024-03-12T16:09:14.123456', '2024-03-12T16:09:14.123Z'],
    ['2024-03-12T16:09:14Z', '2024-03-12T16:09:14.000Z'],
    ['2024-03-12T18:09:14+02:00', '2024-03-12T16:09:14.000Z'],
    ['2024-03-12T11:09:14.5-05:00', '2024-03-12T16:09:14.500Z'],
    ['2024-03-12 16:09:14', '2024-03-12T16:09:14.000Z'],
  ])('reads event_began_at %p as %p', (began, expected) => {
    expect(map(item({ event_began_at: began })).document['@timestamp']).toBe(expected);
  });

  it('uses the read time when the event time is missing, as the 2026 spec allows', () => {
    expect(map(item({ event_began_at: null })).document['@timestamp']).toBe(now.toISOString());
  });

  it('removes empty values recursively from lumos.activity_logs, as Elastic does', () => {
    const doc = map(
      item({
        event_metadata: {
          a: '',
          b: null,
          c: {},
          d: [],
          e: { f: [null, ''] },
          keep: 0,
          flag: false,
        },
        targets: [
          { name: '', target_type: null },
          { name: 'GitHub', app: { app_id: '7', instance_id: '' } },
        ],
        actor: { actor_type: 'Lumos' },
      })
    ).document;
    expect(doc.lumos).toEqual({
      activity_logs: {
        actor: { actor_type: 'Lumos' },
        event_began_at: '2024-03-12T16:12:41',
        event_metadata: { keep: 0, flag: false },
        event_type_user_friendly: 'A user was granted access to an app',
        targets: [{ name: 'GitHub', app: { app_id: '7' } }],
      },
    });
  });

  it('sets no user for the system actor, which has no email or name', () => {
    const doc = map(item({ actor: { actor_type: 'Lumos' } })).document;
    expect(doc.user).toBeUndefined();
    expect(doc.related).toBeUndefined();
  });

  it('does not mutate the record', () => {
    const record = item({ targets: [] });
    const copy = JSON.parse(JSON.stringify(record));
    map(record);
    expect(record).toEqual(copy);
  });

  it.each([
    [{ event_hash: 42 }, /event_hash: expected NonEmptyString, got 42/],
    [{ event_hash: '' }, /event_hash/],
    [{ actor: 'someone' }, /actor/],
    [{ event_began_at: 'yesterday' }, /event_began_at: not a date-time/],
    [{ event_began_at: '2024' }, /event_began_at: not a date-time/],
  ])(
    'turns a malformed item %p into a pipeline_error keeping the original',
    (overrides, message) => {
      const record = item(overrides);
      const original = JSON.stringify(record);
      const request = map(record);
      const event = request.document.event as Record<string, unknown>;
      expect(event.kind).toBe('pipeline_error');
      expect(event.original).toBe(original);
      expect(request.document.message).toBe(original);
      expect((request.document.error as Record<string, unknown>).message).toMatch(message);
      // Never the good document's id: a glitch must not block the event's real version.
      expect(request.id).not.toBe(documentId('lumos.activity_logs', hash));
    }
  );

  it('rejects values that are not objects', () => {
    for (const record of [null, 'text', 7, []]) {
      const request = mapLumosRecord(record, JSON.stringify(record), context);
      expect((request.document.event as Record<string, unknown>).kind).toBe('pipeline_error');
    }
  });

  it('declares a field for every lumos.* leaf it writes for the known keys', () => {
    expect(Object.keys(lumosMapper.fields).every((f) => f.startsWith('lumos.activity_logs.'))).toBe(
      true
    );
    expect(lumosMapper.fields['lumos.activity_logs.event_metadata'].type).toBe('flattened');
  });
});

describe('event.category', () => {
  it.each([
    ['USER_LOGIN', 'authentication'],
    ['USER_LOGOUT', 'authentication'],
    ['APP_ACCESS_GRANTED', 'iam'],
    ['APP_ACCESS_REVOKED', 'iam'],
    ['ACCESS_REQUEST_CREATED', 'iam'],
    ['USER_DEACTIVATED', 'iam'],
    ['GROUP_MEMBERSHIP_ADDED', 'iam'],
    ['SOD_POLICY_CREATED', 'configuration'],
    ['SOD_POLICY_DELETED', 'configuration'],
    ['APP_SETTINGS_UPDATED', 'configuration'],
    ['SEND_REQUEST_APPROVAL_FOR_ACCESS_REQUEST_SLACK', undefined],
    ['SOMETHING_NEW', undefined],
  ])('%s → %p', (type, category) => {
    expect(categorize(type)).toBe(category);
  });
});

/** `{"event_metadata": {"a": {"a": ...}}}` around a valid item, built iteratively. */
function deepItem(levels: number): Record<string, unknown> {
  let metadata: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) metadata = { a: metadata };
  return item({ event_metadata: metadata });
}

function eventOf(request: { document: Record<string, unknown> }): Record<string, unknown> {
  return request.document.event as Record<string, unknown>;
}

describe('mapLumosItem (the poll path)', () => {
  it('maps an ordinary item keyed by its event_hash', () => {
    const mapped = mapLumosItem(item(), context);
    expect(mapped.pipelineError).toBe(false);
    expect(mapped.key).toBe(`event|${hash}`);
    expect(mapped.request).toEqual(map(item()));
  });

  it.each([5_000, 100_000])(
    'turns an item %i levels deep (JSON.stringify throws) into a pipeline_error naming the limit',
    (levels) => {
      const record = deepItem(levels);
      expect(() => JSON.stringify(record)).toThrow(RangeError);
      const mapped = mapLumosItem(record, context);
      expect(mapped.pipelineError).toBe(true);
      expect(mapped.key.startsWith('malformed|')).toBe(true);
      const event = eventOf(mapped.request);
      expect(event.kind).toBe('pipeline_error');
      expect((mapped.request.document.error as { message: string }).message).toContain(
        `deeper than ${MAX_JSON_DEPTH} levels`
      );
      const original = event.original as string;
      expect(original.length).toBeLessThan(MAX_ORIGINAL_CHARS + 100);
      expect(original.startsWith('{"actor":{')).toBe(true);
      // Not toContain: a failure would print the whole text.
      const whole = levels * 6 > MAX_ORIGINAL_CHARS;
      expect(original.includes('truncated by audit_sources')).toBe(whole);
      // Stable: the same item read again gets the same _id (no duplicate pipeline_errors).
      expect(mapLumosItem(deepItem(levels), context).request.id).toBe(mapped.request.id);
      expect(mapLumosItem(deepItem(levels + 1), context).request.id).not.toBe(mapped.request.id);
    }
  );

  it('maps an item exactly at the depth limit and rejects one level more', () => {
    // item → event_metadata → n nested objects: depth n + 2.
    const atLimit = mapLumosItem(deepItem(MAX_JSON_DEPTH - 2), context);
    expect(atLimit.pipelineError).toBe(false);
    const over = mapLumosItem(deepItem(MAX_JSON_DEPTH - 1), context);
    expect(over.pipelineError).toBe(true);
  });

  it('rejects a deep record from the map command too', () => {
    const line = `{"event_hash":"x","event_metadata":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const request = mapLumosRecord(JSON.parse(line), line, context);
    expect(eventOf(request).kind).toBe('pipeline_error');
  });

  it('caps the original and the error of a pipeline_error, keeping the id on the whole text', () => {
    const huge = 'x'.repeat(1_000_000);
    const record = item({ event_began_at: huge });
    const mapped = mapLumosItem(record, context);
    expect(mapped.pipelineError).toBe(true);
    const original = eventOf(mapped.request).original as string;
    expect(original.length).toBeLessThanOrEqual(MAX_ORIGINAL_CHARS + 100);
    expect(original).toContain(`${JSON.stringify(record).length} characters in total`);
    expect(mapped.request.document.message).toBe(original);
    const message = (mapped.request.document.error as { message: string }).message;
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 100);
    const other = mapLumosItem(item({ event_began_at: `${huge}y` }), context);
    expect(other.request.id).not.toBe(mapped.request.id);
  });

  it('keys a malformed item by a hash, not by its (possibly huge) text', () => {
    const mapped = mapLumosItem({ event_hash: 42, blob: 'z'.repeat(100_000) }, context);
    expect(mapped.pipelineError).toBe(true);
    expect(mapped.key.length).toBeLessThan(100);
  });
});

describe('prototype keys as data', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it.each(names)('event_type %j has no category and a string action', (name) => {
    expect(categorize(name)).toBeUndefined();
    expect(eventCategory(name)).toBeUndefined();
    const event = eventOf(map(item({ event_type: name })));
    expect(event.action).toBe(name);
    expect(event.category).toBeUndefined();
    expect(event.type).toEqual(['info']);
  });

  it.each(names)('keeps a %j key of the item and its metadata as plain data', (name) => {
    const text = `{"event_hash":"${hash}","${name}":{"x":"1"},"event_metadata":{"${name}":"v"},"actor":{"${name}":"a"}}`;
    const record = JSON.parse(text) as unknown;
    const mapped = mapLumosItem(record, context);
    expect(mapped.pipelineError).toBe(false);
    const lumos = (mapped.request.document.lumos as Record<string, Record<string, unknown>>)
      .activity_logs;
    expect(Object.getOwnPropertyDescriptor(lumos, name)?.value).toEqual({ x: '1' });
    expect(Object.getPrototypeOf(lumos)).toBe(Object.prototype);
    const metadata = lumos.event_metadata as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(metadata, name)?.value).toBe('v');
    expect(JSON.parse(JSON.stringify(mapped.request.document.lumos))).toEqual(
      JSON.parse(
        JSON.stringify({ activity_logs: JSON.parse(text) })
          .replace(`,"event_hash":"${hash}"`, '')
          .replace(`"event_hash":"${hash}",`, '')
      )
    );
    expect(mapped.request.document.user).toBeUndefined();
  });
});
