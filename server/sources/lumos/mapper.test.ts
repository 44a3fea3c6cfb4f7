import { ECS_VERSION } from '../../ingest/ecs';
import { documentId } from '../../ingest/document_id';
import { lumosMapper, mapLumosRecord } from './mapper';
import { categorize } from './event_category';

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
      message: JSON.stringify(record),
    });
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
