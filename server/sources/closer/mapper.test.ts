import { CLOSER_EXAMPLE_HIT } from '../../../test/closer_corpus/example_event';
import { mapLine } from '../source_mapper';
import { closerDocumentId, closerMapper, CLOSER_TAGS, mapCloserRecord } from './mapper';
import { REDACTED } from './redact';

const context = { namespace: 'ns1', now: new Date('2026-01-02T03:04:05.000Z') };
const base = CLOSER_EXAMPLE_HIT._source.message;

function hit(message: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    _index: 'closer-2026',
    _id: 'id-1',
    _source: { '@timestamp': '2026-01-01T00:00:00.000+0000', message, ...extra },
  };
}
function map(message: Record<string, unknown>) {
  return mapCloserRecord(hit(message), context).document as Record<string, Record<string, unknown>>;
}

describe('closer mapper', () => {
  it('accepts both body spellings and response bodies', () => {
    const a = map({
      ...base,
      'http.request.body.content': undefined,
      'http.request.body': '{"a":1}',
      'http.response.body': 'ok',
    });
    expect(a.http).toEqual({
      request: { method: 'PUT', body: { content: '{"a":1}', bytes: 7 } },
      response: { status_code: 204, body: { content: 'ok', bytes: 2 } },
    });
    const b = map({
      'event.action': 'org_topic_change',
      'http.response.body.content': '{"id":1}',
      'http.response.status_code': '500',
    });
    expect(b.http).toEqual({
      response: { status_code: 500, body: { content: '{"id":1}', bytes: 8 } },
    });
    expect(b.event.outcome).toBe('failure');
  });

  it('accepts an already nested message', () => {
    const doc = map({
      event: { action: 'agent_logout' },
      source: { ip: '/1.2.3.4' },
      http: { request: { body: { content: 'x' } } },
    });
    expect(doc.event).toMatchObject({
      action: 'agent_logout',
      category: ['authentication', 'session'],
      type: ['end'],
    });
    expect(doc.source).toEqual({ ip: '1.2.3.4', address: '1.2.3.4' });
    expect(doc.http).toEqual({ request: { body: { content: 'x', bytes: 1 } } });
  });

  it('redacts secrets in bodies, URL and event.original, and tags it', () => {
    const doc = map({
      'event.action': 'agent_login_with_magic_link',
      'http.request.body.content': '{"email":"a@b.c","password":"hunter2"}',
      'url.full': 'https://h.closer.app/api/session?token=magic-123&next=%2F',
    });
    const text = JSON.stringify(doc);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('magic-123');
    expect((doc.http.request as Record<string, Record<string, unknown>>).body.content).toBe(
      `{"email":"a@b.c","password":"${REDACTED}"}`
    );
    expect(doc.url).toMatchObject({ query: `token=${REDACTED}&next=/`, path: '/api/session' });
    expect(doc.tags).toContain(CLOSER_TAGS.bodyRedacted);
    expect(JSON.parse(doc.event.original as string).message['url.full']).toContain(REDACTED);
  });

  it('caps huge upload bodies, in the document and in event.original', () => {
    const upload = `data:image/png;base64,${'A'.repeat(500_000)}`;
    const doc = map({
      'event.action': 'widget_logo_creation',
      'http.request.body.content': upload,
    });
    const body = (doc.http.request as Record<string, Record<string, unknown>>).body;
    expect((body.content as string).length).toBeLessThan(8191);
    expect(body.bytes).toBe(upload.length);
    expect(doc.tags).toContain(CLOSER_TAGS.bodyTruncated);
    expect((doc.event.original as string).length).toBeLessThan(9000);
  });

  it('tags and keeps an invalid source IP out of source.ip', () => {
    const doc = map({
      'event.action': 'org_config_change',
      'source.ip': 'unknown',
      'url.full': 'not a url',
    });
    expect(doc.source).toEqual({ address: 'unknown' });
    expect(doc).not.toHaveProperty('related');
    expect(doc.url).toEqual({ full: 'not a url', original: 'not a url' });
    expect(doc.tags).toEqual(
      expect.arrayContaining([CLOSER_TAGS.invalidSourceIp, CLOSER_TAGS.invalidUrl])
    );
  });

  it('repairs categorization of unknown actions and tags them', () => {
    const doc = map({
      'event.action': 'brand_new_thing',
      'event.category': ['configuration'],
      'event.type': ['creation', 'user'],
      'event.kind': 'event',
    });
    expect(doc.event).toMatchObject({
      category: ['configuration'],
      type: ['creation'],
      kind: 'event',
    });
    expect(doc.tags).toContain(CLOSER_TAGS.unknownAction);
    expect(doc.message).toBe('Closer security event brand_new_thing');
  });

  it('derives the outcome from the status code when Closer gives none, and can drop event.original', () => {
    const doc = mapCloserRecord(
      hit({ 'event.action': 'agent_login', 'http.response.status_code': 401 }),
      context,
      { preserveOriginal: false }
    ).document as Record<string, Record<string, unknown>>;
    expect(doc.event.outcome).toBe('failure');
    expect(doc.event).not.toHaveProperty('original');
    expect(doc.tags).not.toContain(CLOSER_TAGS.preserveOriginal);
  });

  it.each([
    [
      'no message',
      { _index: 'c', _id: 'x', _source: { '@timestamp': '2026-01-01T00:00:00Z' } },
      /message/,
    ],
    [
      'bad timestamp',
      {
        _index: 'c',
        _id: 'x',
        _source: { '@timestamp': 'yesterday', message: { 'event.action': 'a' } },
      },
      /@timestamp/,
    ],
    ['kind as a number', hit({ 'event.kind': 7, 'event.action': 'a' }), /event\.kind/],
    ['roles as a number', hit({ 'event.action': 'a', 'user.roles': 3 }), /user\.roles/],
    ['no action', hit({}), /event\.action/],
    ['not a hit', { hello: 'world' }, /_index/],
  ])(
    'turns a record with %s into a pipeline_error keeping the original',
    (_name, record, reason) => {
      const request = mapCloserRecord(record, context);
      const doc = request.document as Record<string, Record<string, unknown>>;
      expect(doc.event.kind).toBe('pipeline_error');
      expect(doc.error.message).toMatch(reason);
      expect(JSON.parse(doc.event.original as string)).toEqual(record);
      expect(request.index).toBe('logs-closer.security-ns1');
      if ('_id' in record)
        expect(request.id).toBe(closerDocumentId(record._index as string, record._id as string));
    }
  );

  it('redacts the original of a pipeline_error too', () => {
    const request = mapCloserRecord(
      hit({ 'event.kind': 7, 'http.request.body': 'password=hunter2' }),
      context
    );
    expect(JSON.stringify(request.document)).not.toContain('hunter2');
  });

  it('never throws through the map command path', () => {
    expect(mapLine(closerMapper, '{not json', context).document.event).toMatchObject({
      kind: 'pipeline_error',
    });
    expect(mapLine(closerMapper, 'null', context).document.event).toMatchObject({
      kind: 'pipeline_error',
    });
  });

  it('is deterministic apart from event.created and maps fast', () => {
    const record = CLOSER_EXAMPLE_HIT;
    expect(mapCloserRecord(record, context)).toEqual(mapCloserRecord(record, context));
    const started = process.hrtime.bigint();
    const n = 20_000;
    for (let i = 0; i < n; i++) mapCloserRecord(record, context);
    const perSecond = n / (Number(process.hrtime.bigint() - started) / 1e9);
    // Loose bound for slow CI; the goal on a free core is >100k/s.
    expect(perSecond).toBeGreaterThan(10_000);
  });
});
