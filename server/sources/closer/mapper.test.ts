import { CLOSER_EXAMPLE_HIT } from '../../../test/fixtures/closer/example_event';
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

  it('redacts a line that is not JSON before keeping it as the pipeline_error original', () => {
    // Truncated mid-record: the line never parses, yet its password must not be kept verbatim.
    const line = '{"_source":{"message":{"http.request.body":"password=hunter2&token=abc123"';
    const request = mapLine(closerMapper, line, context);
    expect(request.document.event).toMatchObject({ kind: 'pipeline_error' });
    const text = JSON.stringify(request.document);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc123');
    expect(text).toContain('http.request.body');
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

  it('builds event.original from the same redacted view as the fields, nested messages too', () => {
    const request = mapCloserRecord(
      hit({
        event: { action: 'agent_login' },
        http: {
          request: {
            headers: { authorization: 'Basic c2VjcmV0LWJhc2ljLTE=' },
            body: { content: '{"email":"a@b.c","password":"secret-pw-2"}' },
          },
        },
        url: { full: 'https://h/api/login#access_token=secret-tok-3' },
        token: 'secret-tok-4',
        extra: 'note password=secret pw five',
      }),
      context
    );
    const doc = request.document as Record<string, Record<string, unknown>>;
    expect(doc.event.kind).toBe('event');
    const text = JSON.stringify(request);
    for (const secret of ['c2VjcmV0', 'secret-pw-2', 'secret-tok-3', 'secret-tok-4', 'pw five']) {
      expect(text).not.toContain(secret);
    }
    const original = JSON.parse(doc.event.original as string);
    expect(original.message.http.request.headers.authorization).toBe(REDACTED);
    expect(original.message.token).toBe(REDACTED);
    expect(original.message.http.request.body.content).toBe(
      (doc.http.request as Record<string, Record<string, unknown>>).body.content
    );
  });

  it.each([
    [
      'JSON inside a JSON string',
      JSON.stringify({ data: JSON.stringify({ password: 'SECRET-1' }) }),
    ],
    ['a bracketed form key', 'user[password]=SECRET-1&user[email]=a'],
    ['a percent-encoded form key', 'user%5Bpassword%5D=SECRET-1&x=1'],
    ['mfa_code', 'mfa_code=SECRET-1'],
    ['totp', '{"totp":"SECRET-1"}'],
    ['verification_code', '{"verification_code":"SECRET-1"}'],
    ['GraphQL inside JSON', JSON.stringify({ query: 'mutation { login(password: "SECRET-1") }' })],
    ['a multi-word value in text', 'password=correct horse SECRET-1 staple'],
    ['a multi-word JSON value', '{"password": "two words SECRET-1"}'],
  ])('keeps a secret in %s out of every field', (_name, body) => {
    const request = mapCloserRecord(
      hit({ 'event.action': 'agent_login', 'http.request.body.content': body }),
      context
    );
    expect(request.document.event).toMatchObject({ kind: 'event' });
    expect(JSON.stringify(request)).not.toContain('SECRET-1');
  });

  it.each([
    ['a header', { 'http.request.headers.authorization': 'Bearer SECRET-2abcdef' }],
    ['message.token', { token: 'SECRET-2' }],
    ['a URL fragment', { 'url.full': 'https://h/cb#access_token=SECRET-2&state=x' }],
    ['an encoded query key', { 'url.full': 'https://h/cb?user%5Bpassword%5D=SECRET-2' }],
  ])('keeps a secret in %s out of every field', (_name, extra) => {
    const request = mapCloserRecord(hit({ 'event.action': 'agent_login', ...extra }), context);
    expect(request.document.event).toMatchObject({ kind: 'event' });
    expect(JSON.stringify(request)).not.toContain('SECRET-2');
  });

  it.each([
    [
      'an array under a secret key, in a body too long to parse',
      `{"password":["Zq9Xw7Vu6"],"logo":"${'A'.repeat(40_000)}"}`,
    ],
    [
      'an object under a secret key, in a body too deep to walk',
      `{"password":{"v":"Zq9Xw7Vu6"},"d":${'['.repeat(70)}${']'.repeat(70)}}`,
    ],
    ['an array under a secret key, in invalid JSON', '{"password":["Zq9Xw7Vu6"], "a": }'],
    ['a key spelt p_a_s_s_w_o_r_d', '{"p_a_s_s_w_o_r_d":"Zq9Xw7Vu6"}'],
    ['a key spelt with a JSON escape', '{"pas\\tsword":"Zq9Xw7Vu6"}'],
    [
      'a multipart field',
      '--b\r\nContent-Disposition: form-data; name="password"\r\n\r\nZq9Xw7Vu6\r\n--b--',
    ],
    ['an XML element', '<login><password>Zq9Xw7Vu6</password></login>'],
    ['a value on the next line', 'password:\n  Zq9Xw7Vu6\nuser: bob'],
    [
      'a private key block',
      JSON.stringify({
        key_file: '-----BEGIN PRIVATE KEY-----\nMIIZq9Xw7Vu6\n-----END PRIVATE KEY-----',
      }),
    ],
  ])('keeps %s out of the document and event.original', (_name, body) => {
    const request = mapCloserRecord(
      hit({ 'event.action': 'org_config_change', 'http.request.body.content': body }),
      context
    );
    const doc = request.document as Record<string, Record<string, unknown>>;
    expect(doc.event.kind).toBe('event');
    expect(JSON.stringify(request)).not.toContain('Zq9Xw7Vu6');
    expect(doc.event.original).toContain(REDACTED);
    expect(doc.tags).toContain(CLOSER_TAGS.bodyRedacted);
  });

  it('maps a body nested 15k deep (deeper than any walk allows) as text, without throwing', () => {
    const body = `${'['.repeat(15_000)}{"password":"SECRET-5"}${']'.repeat(15_000)}`;
    const request = mapCloserRecord(
      hit({ 'event.action': 'agent_login', 'http.request.body.content': body }),
      context
    );
    const doc = request.document as Record<string, Record<string, unknown>>;
    expect(doc.event.kind).toBe('event');
    expect(doc.tags).toContain(CLOSER_TAGS.bodyTruncated);
    expect((doc.http.request as Record<string, Record<string, unknown>>).body.bytes).toBe(
      body.length
    );
    expect(JSON.stringify(request)).not.toContain('SECRET-5');
  });

  it('turns a message nested 20k deep into a bounded, redacted pipeline_error', () => {
    const deep = `${'{"a":'.repeat(20_000)}"password=SECRET-3"${'}'.repeat(20_000)}`;
    const record = JSON.parse(
      `{"_index":"c","_id":"x","_source":{"@timestamp":"2026-01-01T00:00:00Z","message":{"event.action":"agent_login","token":"SECRET-3","deep":${deep}}}}`
    );
    const request = mapCloserRecord(record, context);
    const doc = request.document as Record<string, Record<string, unknown>>;
    expect(doc.event.kind).toBe('pipeline_error');
    expect(doc.error.message).toMatch(/nested deeper than 64 levels/);
    expect(request.id).toBe(closerDocumentId('c', 'x'));
    expect(JSON.stringify(request)).not.toContain('SECRET-3');
    expect((doc.event.original as string).length).toBeLessThan(70_000);
  });

  it('redacts a pipeline_error original on every path: secret keys anywhere, bodies, URL', () => {
    const request = mapCloserRecord(
      {
        _index: 'c',
        _id: 'x',
        _source: {
          '@timestamp': 'not a time',
          message: {
            'event.action': 'agent_login',
            'http.request.body': '{"password":"SECRET-4"}',
            'url.full': 'https://h/?token=SECRET-4',
            headers: { cookie: 'SECRET-4' },
          },
          token: 'SECRET-4',
        },
      },
      context
    );
    expect(request.document.event).toMatchObject({ kind: 'pipeline_error' });
    expect(JSON.stringify(request)).not.toContain('SECRET-4');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'treats event.category and event.action %j as unknown, not as Object.prototype members',
    (name) => {
      const doc = map({ 'event.action': name, 'event.category': [name], 'event.type': [name] });
      expect(doc.event).toMatchObject({
        kind: 'event',
        category: ['configuration'],
        type: ['info'],
      });
      expect(doc.tags).toContain(CLOSER_TAGS.unknownAction);
      expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    }
  );

  it('bounds every field of a record of huge values', () => {
    const huge = 'x'.repeat(1_000_000);
    const request = mapCloserRecord(
      {
        _index: huge,
        _id: huge,
        _source: {
          '@timestamp': '2026-01-01T00:00:00Z',
          message: {
            'event.action': huge,
            'event.category': Array.from({ length: 10_000 }, () => huge.slice(0, 5_000)),
            'user.id': huge,
            'user.roles': huge,
            'source.ip': huge,
            'url.full': `https://h/${huge}`,
            'http.request.body.content': huge,
            'http.response.body': huge,
            extra: huge,
          },
        },
      },
      context
    );
    expect(request.document.event).toMatchObject({ kind: 'event' });
    expect(JSON.stringify(request).length).toBeLessThan(200_000);
    expect(request.document.tags).toEqual(
      expect.arrayContaining([CLOSER_TAGS.urlTruncated, CLOSER_TAGS.bodyTruncated])
    );
  });
});
