/*
 * Property-based: whatever a Closer hit looks like (random JSON, odd types, prototype keys, any
 * nesting of `message`, deep or huge values, secrets in every spelling we promise to catch),
 * mapCloserRecord returns a document or a pipeline_error, never throws, never lets a secret
 * through, and stays bounded in output size and time.
 */
import fc from 'fast-check';
import { ECS_EVENT_KINDS } from './ecs_categories';
import { mapCloserRecord } from './mapper';

const context = { namespace: 'default', now: new Date('2026-01-02T03:04:05.000Z') };

/** Generated secrets carry this marker; it must never appear in any output. */
const MARK = 'Zq9SECRETq';
const secretValue = fc.integer({ min: 0, max: 1e9 }).map((n) => `${MARK}${n}`);

/** Secret-looking key names, in the spellings Closer's clients may use. */
const secretKey = fc.constantFrom(
  'password',
  'newPassword',
  'client_secret',
  'apiKey',
  'X-API-Key',
  'access_token',
  'refreshToken',
  'authorization',
  'Cookie',
  'session_id',
  'mfa_code',
  'totp',
  'verification_code',
  'otp',
  'pin',
  'user[password]',
  'user%5Bpassword%5D',
  'p%61ssword',
  // Separators inside the word: key names are compared with them dropped.
  'p_a_s_s_w_o_r_d',
  'pass-word',
  'PassWord',
  'p.a.s.s.w.o.r.d',
  'a-p-i-k-e-y'
);

/**
 * Key names only JSON can spell (quoted, parsed or cut): spaces and control characters inside
 * the word, and the two non-ASCII letters that lowercase to ASCII ones.
 */
const jsonSecretKey = fc.oneof(
  secretKey,
  fc.constantFrom('t o k e n', 'pas\tsword', 'se\ncret', '\u212Aey', 'p\u0130n', 'my pin')
);

/** Padding that makes a JSON body too long (over 4 x 8000 chars) to be parsed: text path. */
const LONG_PAD = 'A'.repeat(33_000);
const DEEP_OPEN = '['.repeat(70);
const DEEP_CLOSE = ']'.repeat(70);

/**
 * Arrays and objects under secret keys, in JSON bodies handled as text: too long to parse, too
 * deep to walk, invalid, or cut; on their own or as a string in a parsed body.
 */
const secretStructureBody = fc
  .tuple(
    jsonSecretKey,
    secretValue,
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 4 }),
    fc.boolean()
  )
  .map(([key, secret, shape, container, wrapped]) => {
    const value = [
      [secret],
      { v: secret },
      ['x]}', { a: [secret, 'y"]'] }],
      [{ v: `${secret}\\"]` }, [[secret]]],
    ][shape];
    const pair = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    const body = [
      `{${pair},"logo":"${LONG_PAD}"}`,
      `{${pair},"d":${DEEP_OPEN}${DEEP_CLOSE}}`,
      `{"a":1,${pair},"b": }`,
      `{"a":1,${pair.slice(0, pair.indexOf(secret) + secret.length)}`,
      `{"a":1,\n  ${JSON.stringify(key)}:\n  ${JSON.stringify(value, null, 2)}, "b`,
    ][container];
    return wrapped ? JSON.stringify({ data: body }) : body;
  });

const PEM_LABELS = [
  'PRIVATE KEY',
  'RSA PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'OPENSSH PRIVATE KEY',
];

/** A body (text) holding the secret, in each spelling of the issue. */
const secretBody = fc
  .tuple(
    secretKey,
    jsonSecretKey,
    secretValue,
    fc.integer({ min: 0, max: 16 }),
    fc.constantFrom(...PEM_LABELS)
  )
  .map(([key, jsonKey, secret, spelling, label]) => {
    switch (spelling) {
      case 0:
        return JSON.stringify({ email: 'a@b.c', [jsonKey]: secret });
      case 1:
        return JSON.stringify({ data: JSON.stringify({ [jsonKey]: secret, n: 1 }) });
      case 10:
        return `{"${jsonKey}": "${secret} two words", "broken`;
      case 11:
        return [
          '--XyZ',
          'Content-Disposition: form-data; name="email"',
          '',
          'a@b.c',
          '--XyZ',
          `Content-Disposition: form-data; name="${key}"`,
          'Content-Type: text/plain',
          '',
          secret,
          '--XyZ--',
        ].join('\r\n');
      case 12:
        return `${key}:\n  ${secret}\nuser: bob`;
      case 13:
        return `<login><user>bob</user><${key}>${secret}</${key}></login>`;
      case 14:
        return JSON.stringify({ xml: `<${key} type="t"><![CDATA[${secret}]]></${key}>` });
      case 15: {
        const pem = `-----BEGIN ${label}-----\nMII${secret}\n-----END ${label}-----`;
        return secret.length % 2 === 0 ? `uploaded ${pem}` : JSON.stringify({ file: pem, a: 1 });
      }
      case 16:
        return `${key}=[${secret}, 2]&x=1`;
      case 2:
        return `${key}=${secret}&email=a%40b.c`;
      case 3:
        return `user%5Bpassword%5D=${secret}&user%5Bemail%5D=a`;
      case 4:
        return JSON.stringify({ query: `mutation { login(email: "a", password: "${secret}") }` });
      case 5:
        return `login failed for bob ${key}=${secret} correct horse battery staple`;
      case 6:
        return `{"${key}": "${secret} two words", "broken`;
      case 7:
        return `Authorization: Bearer ${secret}`;
      case 8:
        return JSON.stringify({ nested: [{ deeper: { [jsonKey]: { value: secret } } }] });
      default:
        return `${key}: ${secret}\nnext: line`;
    }
  });

const secretUrl = fc
  .tuple(secretKey, secretValue, fc.integer({ min: 0, max: 4 }))
  .map(([key, secret, spelling]) => {
    switch (spelling) {
      case 0:
        return `https://h.closer.app/api/magic?${encodeURIComponent(key)}=${secret}&next=%2F`;
      case 1:
        return `https://h.closer.app/cb#access_token=${secret}&state=x`;
      case 2:
        return `https://h.closer.app/x?user%5Bpassword%5D=${secret}`;
      case 3:
        return `https://bob:${secret}@h.closer.app/x`;
      default:
        return `https://h.closer.app/x;jsessionid=${secret}?a=1`;
    }
  });

/** Hostile text that once cost seconds, or overflows recursive code, or is just huge. */
const HOSTILE_TEXTS = [
  'otp'.repeat(11_000),
  '?'.repeat(100_000),
  `${'['.repeat(16_000)}${']'.repeat(16_000)}`,
  `{"a":${'['.repeat(5_000)}1${']'.repeat(5_000)}}`,
  `data:image/png;base64,${'A'.repeat(1_000_000)}`,
  `password=${'a '.repeat(500_000)}`,
  `https://h/?${'&token=x'.repeat(120_000)}`,
];
const hostileText = fc.constantFrom(...HOSTILE_TEXTS);
const DEEP_TOKEN = '@@deep-object@@';
const DEEP_JSON = `${'{"a":'.repeat(20_000)}"password=${MARK}"${'}'.repeat(20_000)}`;

const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const oddString = fc.oneof(fc.string(), fc.constantFrom(...PROTO_NAMES), fc.constant(''));
const oddValue = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(oddString, { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 })
);

/** Mostly the ordinary value, sometimes an odd one (so most records map and some do not). */
function usually<T>(ordinary: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 30, arbitrary: ordinary }, { weight: 1, arbitrary: oddValue });
}

/** Ordinary Closer fields with odd values mixed in. */
const ordinaryMessage = fc.record(
  {
    'event.action': fc.oneof(
      fc.constantFrom('agent_login', 'agent_skills_change', 'org_config_change', 'brand_new'),
      fc.constantFrom(...PROTO_NAMES),
      fc.string({ minLength: 1 })
    ),
    'event.kind': usually(fc.constantFrom(['event'], 'event', 'constructor', ['__proto__'])),
    'event.category': usually(
      fc.array(fc.oneof(fc.constantFrom('configuration', 'iam', ...PROTO_NAMES), fc.string()), {
        maxLength: 3,
      })
    ),
    'event.type': usually(
      fc.array(fc.oneof(fc.constantFrom('change', 'user', ...PROTO_NAMES), fc.string()), {
        maxLength: 3,
      })
    ),
    'event.outcome': usually(fc.constantFrom('success', 'failure', 'constructor')),
    'http.request.method': usually(fc.constantFrom('PUT', 'POST')),
    'http.response.status_code': usually(fc.constantFrom(204, '500', 401)),
    'user.id': usually(fc.oneof(fc.uuid(), fc.string())),
    'user.roles': usually(
      fc.oneof(fc.constant(['ADMIN']), fc.array(fc.string(), { maxLength: 3 }))
    ),
    'source.ip': usually(
      fc.oneof(fc.constantFrom('/89.187.249.34', 'h/[::1]:80', 'fe80::1%eth0'), fc.string())
    ),
    'ecs.version': fc.constant('1.9'),
  },
  { requiredKeys: ['event.action'] }
);

/** At the top of the message a dotted key is a path (`p.a.s.s` nests as `p` > `a` > ...). */
const topSecretKey = secretKey.filter((key) => !key.includes('.'));

/** Where the secret goes: a body, the URL, or any key anywhere in the message. */
const secretPlacement = fc.oneof(
  secretBody.map((body) => ({ 'http.request.body.content': body })),
  secretStructureBody.map((body) => ({ 'http.request.body.content': body })),
  secretStructureBody.map((body) => ({ 'http.response.body': body })),
  fc.tuple(jsonSecretKey, secretValue).map(([key, secret]) => ({ extra: { [key]: [secret] } })),
  secretBody.map((body) => ({ 'http.request.body': body })),
  secretBody.map((body) => ({ 'http.response.body.content': body })),
  secretUrl.map((url) => ({ 'url.full': url })),
  fc.tuple(topSecretKey, secretValue).map(([key, secret]) => ({ [key]: secret })),
  fc
    .tuple(topSecretKey, secretValue)
    .map(([key, secret]) => ({ [`${key}=${secret}`]: 'in the key' })),
  secretValue.map((secret) => ({ 'http.request.headers.authorization': `Basic ${secret}` })),
  fc
    .tuple(secretKey, secretValue)
    .map(([key, secret]) => ({ 'http.request.body': { [key]: secret, other: 1 } })),
  fc
    .tuple(secretKey, secretValue)
    .map(([key, secret]) => ({ extra: { list: [{ [key]: secret }] } }))
);

const hostilePlacement = fc.oneof(
  hostileText.map((text) => ({ 'http.request.body.content': text })),
  hostileText.map((text) => ({ 'url.full': text })),
  hostileText.map((text) => ({ 'user.id': text })),
  hostileText.map((text) => ({ [text.slice(0, 50_000)]: 'key' })),
  // Spliced in as JSON text in the property: fast-check and JSON.stringify would overflow on it.
  fc.constant({ deep: DEEP_TOKEN })
);

/** `{"a.b.c": v}` → `{"a": {"b.c": v}}` or `{"a": {"b": {"c": v}}}`, chosen per key. */
function nestSome(message: Record<string, unknown>, choices: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [key, value] of Object.entries(message)) {
    const parts = key.split('.');
    const cut = parts.length > 1 ? (choices[n++ % choices.length] ?? 0) % parts.length : 0;
    if (cut === 0) {
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      continue;
    }
    let node = out;
    for (const part of parts.slice(0, cut)) {
      const next = node[part];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.slice(cut).join('.')] = value;
  }
  return out;
}

const message = fc
  .tuple(
    ordinaryMessage,
    fc.array(secretPlacement, { maxLength: 3 }),
    fc.option(hostilePlacement, { freq: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...PROTO_NAMES)), oddValue, {
      maxKeys: 3,
    }),
    fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 })
  )
  .map(([base, secrets, hostile, extra, choices]) => {
    const flat: Record<string, unknown> = {};
    for (const part of [extra, base, ...secrets, hostile ?? {}])
      for (const [key, value] of Object.entries(part))
        Object.defineProperty(flat, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    return nestSome(flat, choices);
  });

const record = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        message,
        fc.oneof(
          fc.constant('2026-01-01T00:00:00.000+0000'),
          fc.constant('0050-01-01T00:00:00Z'),
          oddValue
        )
      )
      .map(([msg, timestamp]) => ({
        _index: 'closer',
        _id: 'id-1',
        _source: { '@timestamp': timestamp, message: msg },
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(message, oddValue)
      .map(([msg, odd]) => ({ _index: odd, _id: 'x', _source: { message: msg, token: odd } })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) }
);

/** Generous: the old regexes took ~23 s on one such record; linear code takes milliseconds. */
const MAX_MS_PER_RECORD = 2_000;
/** Every field is capped; this is their sum with room to spare. */
const MAX_OUTPUT_CHARS = 300_000;

describe('mapCloserRecord on any input (property-based)', () => {
  it('never throws, returns a document or a pipeline_error, bounded, with no secret in it', () => {
    fc.assert(
      fc.property(record, (input) => {
        // Through JSON, as records arrive: drops undefined, keeps own `__proto__` keys.
        const hit: unknown = JSON.parse(
          JSON.stringify(input).split(JSON.stringify(DEEP_TOKEN)).join(DEEP_JSON)
        );
        const started = process.hrtime.bigint();
        const request = mapCloserRecord(hit, context);
        const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
        const text = JSON.stringify(request);
        const event = request.document.event as Record<string, unknown>;
        expect(ECS_EVENT_KINDS.has(event.kind as string)).toBe(true);
        if (event.kind === 'pipeline_error')
          expect(typeof (request.document.error as Record<string, unknown>).message).toBe('string');
        expect(text).not.toContain(MARK);
        expect(text.length).toBeLessThan(MAX_OUTPUT_CHARS);
        expect(elapsedMs).toBeLessThan(MAX_MS_PER_RECORD);
      }),
      { numRuns: 400 }
    );
  });
});
