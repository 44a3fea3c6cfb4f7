import {
  isSecretKey,
  jsonTextDepth,
  REDACTED,
  redactBody,
  redactedView,
  redactText,
  redactUrl,
  TOO_DEEP,
} from './redact';

/** Milliseconds `run` takes. */
function millis(run: () => unknown): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

describe('redaction', () => {
  it('walks JSON bodies by key name, keeping structure and harmless values', () => {
    const body = JSON.stringify({
      email: 'a@b.c',
      password: 'hunter2',
      nested: { clientSecret: 's', apiKey: 'k', list: [{ access_token: 't', name: 'n' }] },
      mapping: 'kept',
      header: 'Bearer abcdef123456',
    });
    const result = redactBody(body);
    expect(JSON.parse(result.content)).toEqual({
      email: 'a@b.c',
      password: REDACTED,
      nested: {
        clientSecret: REDACTED,
        apiKey: REDACTED,
        list: [{ access_token: REDACTED, name: 'n' }],
      },
      mapping: 'kept',
      header: `Bearer ${REDACTED}`,
    });
    expect(result).toMatchObject({
      redacted: true,
      truncated: false,
      bytes: Buffer.byteLength(body),
    });
  });

  it('leaves bodies without secrets byte-identical', () => {
    const body = '{"skills":["skill"]}';
    expect(redactBody(body)).toEqual({
      content: body,
      bytes: 20,
      redacted: false,
      truncated: false,
    });
  });

  it('falls back to name=value redaction for text that is not JSON', () => {
    expect(redactText('user=bob&password=hunter2&apiKey=k-1&x=1')).toBe(
      `user=bob&password=${REDACTED}&apiKey=${REDACTED}&x=1`
    );
    expect(redactText('{"password": "two words", "broken')).toBe(
      `{"password": "${REDACTED}", "broken`
    );
    expect(redactText('Authorization: Basic dXNlcjpwYXNz')).toBe(`Authorization: ${REDACTED}`);
    expect(redactBody('token: abc.def').content).toBe(`token: ${REDACTED}`);
  });

  it('cuts huge bodies with a marker and still redacts the kept part', () => {
    const upload = `password=p1&logo=data:image/png;base64,${'A'.repeat(200_000)}`;
    const result = redactBody(upload, 1000);
    expect(result.truncated).toBe(true);
    expect(result.content.length).toBeLessThan(1100);
    expect(result.content).toContain(`password=${REDACTED}`);
    expect(result.content).toMatch(/…\[truncated by audit_sources: \d+ bytes in total\]$/);
    expect(result.bytes).toBe(Buffer.byteLength(upload));
  });

  it('redacts secret query parameters and URL passwords', () => {
    expect(redactUrl('https://h/api/magic?token=abc&redirect=%2Fx')).toBe(
      `https://h/api/magic?token=${REDACTED}&redirect=%2Fx`
    );
    expect(redactUrl('https://bob:pw@h/x?a=1')).toBe(`https://bob:${REDACTED}@h/x?a=1`);
    expect(redactUrl('https://h/api/users/1/skills')).toBe('https://h/api/users/1/skills');
  });

  it('classifies key names', () => {
    for (const key of [
      'password',
      'newPassword',
      'old_password',
      'client-secret',
      'refreshToken',
      'X-API-Key',
      'otp',
      'pin',
      'code',
    ]) {
      expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: true });
    }
    for (const key of ['mapping', 'email', 'skills', 'name', 'country_code', 'topic']) {
      expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: false });
    }
  });

  it('classifies the one-time-code and bracketed key names', () => {
    for (const key of [
      'mfa_code',
      'totp',
      'verification_code',
      'user[password]',
      'user%5Bpassword%5D',
      'user%255Bpassword%255D',
      'p%61ssword',
      'user[pin]',
      'login.code',
      'http.request.headers.authorization',
      'message.token',
      'recovery-code',
      'user pin',
      'Postal Code',
      'p\u0130n',
      'a,key',
    ]) {
      expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: true });
    }
    for (const key of ['status_code', 'http.response.status_code', 'footprint', 'author']) {
      expect({ key, secret: isSecretKey(key) }).toEqual({ key, secret: false });
    }
  });

  it.each([
    ['user[password]=hunter2&x=1', `user[password]=${REDACTED}&x=1`],
    ['user%5Bpassword%5D=hunter2&x=1', `user%5Bpassword%5D=${REDACTED}&x=1`],
    ['p%61ssword=hunter2&a=%zz', `p%61ssword=${REDACTED}&a=%zz`],
    ['mfa_code=123456&totp=654321', `mfa_code=${REDACTED}&totp=${REDACTED}`],
    ['verification_code: 987654', `verification_code: ${REDACTED}`],
    [
      'login failed password=correct horse battery staple user=bob',
      `login failed password=${REDACTED} user=bob`,
    ],
    ['password: correct horse battery staple', `password: ${REDACTED}`],
    ['{"password": "two words"}', `{"password": "${REDACTED}"}`],
    [
      'mutation { login(email: "a@b.c", password: "hunter2") }',
      `mutation { login(email: "a@b.c", password: "${REDACTED}") }`,
    ],
    ['{\\"password\\":\\"hunter2\\",\\"a\\":1}', `{\\"password\\":\\"${REDACTED}\\",\\"a\\":1}`],
    ['x-api-key: abc def', `x-api-key: ${REDACTED}`],
    ['sent Bearer abcdef123456 upstream', `sent Bearer ${REDACTED} upstream`],
    ['time 12:30:45 code 7', 'time 12:30:45 code 7'],
  ])('redacts text %j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('redacts JSON held in JSON strings and GraphQL arguments inside JSON', () => {
    const body = JSON.stringify({
      data: JSON.stringify({ password: 'inner-1', list: [JSON.stringify({ token: 'inner-2' })] }),
      query: 'mutation { login(email: "a", password: "gql-3") }',
      form: 'user[password]=form-4&x=1',
      note: 'password=correct horse battery staple',
    });
    const result = redactBody(body);
    expect(result.redacted).toBe(true);
    for (const secret of ['inner-1', 'inner-2', 'gql-3', 'form-4', 'horse']) {
      expect(result.content).not.toContain(secret);
    }
    const outer = JSON.parse(result.content);
    expect(JSON.parse(outer.data)).toEqual({
      password: REDACTED,
      list: [JSON.stringify({ token: REDACTED })],
    });
    expect(outer.form).toBe(`user[password]=${REDACTED}&x=1`);
  });

  it('redacts pairs held in key names, in bodies and in copied values', () => {
    const body = redactBody('{"token=SECRET-K1&x": 1, "ok": {"password: SECRET-K2": 2}}');
    expect(body.content).not.toContain('SECRET-K');
    const view = redactedView(JSON.parse('{"a": {"user[password]=SECRET-K3": 1}}'));
    expect(JSON.stringify(view.value)).not.toContain('SECRET-K');
  });

  it('redacts multi-word JSON values and values that are objects or numbers', () => {
    const result = redactBody('{"password": "two words", "pin": 1234, "auth": {"user": "u"}}');
    expect(JSON.parse(result.content)).toEqual({
      password: REDACTED,
      pin: REDACTED,
      auth: REDACTED,
    });
  });

  it('treats JSON too deep to walk as text, without throwing', () => {
    const deep = `${'['.repeat(16_000)}"password=hunter2"${']'.repeat(16_000)}`;
    expect(jsonTextDepth(deep)).toBeGreaterThan(64);
    const result = redactBody(deep);
    expect(result.truncated).toBe(true);
    expect(result.content.length).toBeLessThan(8100);
    const shallowEnough = `${'['.repeat(3000)}{"password":"hunter2"}${']'.repeat(3000)}`;
    expect(redactBody(shallowEnough).content).not.toContain('hunter2');
  });

  it('redacts tokens in URL fragments, bracketed and encoded query keys and nested URLs', () => {
    expect(redactUrl('https://h/cb#access_token=abc123&state=1')).toBe(
      `https://h/cb#access_token=${REDACTED}&state=1`
    );
    expect(redactUrl('https://h/cb#/route?id_token=abc&x=1')).toBe(
      `https://h/cb#/route?id_token=${REDACTED}&x=1`
    );
    expect(redactUrl('https://h/x?user%5Bpassword%5D=pw&user[password]=pw2&a=1')).toBe(
      `https://h/x?user%5Bpassword%5D=${REDACTED}&user[password]=${REDACTED}&a=1`
    );
    expect(redactUrl('https://h/x;jsessionid=ABC?mfa_code=1')).toBe(
      `https://h/x;jsessionid=${REDACTED}?mfa_code=${REDACTED}`
    );
    expect(redactUrl('https://h/?next=%2Fcb%3Ftoken%3Dabc&y=2')).toBe(
      `https://h/?next=${REDACTED}&y=2`
    );
  });

  it('cuts a huge URL before scanning it, and marks it', () => {
    const url = `https://h/x?token=${'a'.repeat(20_000)}`;
    const safe = redactUrl(url);
    expect(safe).toBe(
      `https://h/x?token=${REDACTED}…[truncated by audit_sources: ${url.length} characters in total]`
    );
  });

  // Each of these took seconds to minutes with the regexes this replaces (the `?` URL ~23 s
  // per 100 KB); linear code takes milliseconds. The bound is generous on purpose: it only
  // catches a super-linear blow-up, not a slow machine.
  it.each([
    ['otp… login body', () => redactBody('otp'.repeat(350_000), 1_000_000)],
    ['otp… text', () => redactText('otp'.repeat(350_000))],
    ['? URL', () => redactUrl('?'.repeat(1_000_000), 2_000_000)],
    ['&token= URL', () => redactUrl(`https://h/?${'&token=x'.repeat(120_000)}`, 2_000_000)],
    ['pairs with spaces', () => redactText('password=a b '.repeat(80_000))],
    ['escaped quotes', () => redactText('password:\\"'.repeat(100_000))],
    ['open quote', () => redactText(`password:"${'a'.repeat(1_000_000)}`)],
    ['blank runs', () => redactText(`password=a${' '.repeat(1_000_000)}x`)],
    ['schemes', () => redactText('Bearer '.repeat(150_000))],
    ['one long key', () => redactText(`${'k'.repeat(1_000_000)}=`)],
    ['escapes', () => redactText(`${'%41'.repeat(330_000)}=x`)],
    ['open brackets', () => redactText(`password=${'['.repeat(1_000_000)}`)],
    ['bracket values', () => redactText('password=[a] '.repeat(80_000))],
    ['open strings in brackets', () => redactText(`password=[${'\\"'.repeat(500_000)}`)],
    ['separated words', () => redactText('p_a_s_'.repeat(170_000))],
    ['multipart names', () => redactText('name="password"\n'.repeat(60_000))],
    ['multipart parts', () => redactText('name="password"\n\nx\n'.repeat(50_000))],
    ['multipart bare names', () => redactText('name=x ='.repeat(125_000))],
    ['open multipart names', () => redactText('name="'.repeat(160_000))],
    ['XML tags', () => redactText('<password>'.repeat(100_000))],
    ['XML tags with attributes', () => redactText(`<password ${'a'.repeat(1_000_000)}`)],
    ['CDATA', () => redactText('<secret><![CDATA['.repeat(60_000))],
    ['key armour', () => redactText('-----BEGIN PRIVATE KEY-----'.repeat(40_000))],
    ['key headers', () => redactText('-----BEGIN '.repeat(90_000))],
    ['line breaks', () => redactText(`password:${'\n'.repeat(1_000_000)}`)],
    ['quoted keys', () => redactText('" x":'.repeat(200_000))],
    ['long quoted keys', () => redactText(`"${'a b'.repeat(330_000)}":`)],
    [
      'nested JSON strings',
      () => redactBody(JSON.stringify({ a: JSON.stringify({ b: 'password=x '.repeat(2_500) }) })),
    ],
  ])('stays linear on 1 MB of hostile %s', (_name, run) => {
    expect(millis(run)).toBeLessThan(2_000);
  });

  describe('arrays and objects under secret keys in text', () => {
    it.each([
      ['an array', '{"password":["zq9Xw7Vu"],"a":1', `{"password":${REDACTED},"a":1`],
      ['an object', '{"password":{"v":"zq9Xw7Vu"}} x', `{"password":${REDACTED}} x`],
      ['nested brackets', '{"token":[{"a":["zq9Xw7Vu"]},2],"a":1', `{"token":${REDACTED},"a":1`],
      ['a closer in a string', '{"secret":["a]}zq9Xw7Vu"],"a":1', `{"secret":${REDACTED},"a":1`],
      [
        'an escaped quote in a string',
        '{"secret":["a\\"]zq9Xw7Vu"],"a":1',
        `{"secret":${REDACTED},"a":1`,
      ],
      [
        'JSON-escaped JSON',
        '{\\"password\\":[\\"a]zq9Xw7Vu\\",\\"b\\\\\\"]\\"],\\"a\\":1}',
        `{\\"password\\":${REDACTED},\\"a\\":1}`,
      ],
      ['an unclosed array (cut text)', 'password=[zq9Xw7Vu, "more', `password=${REDACTED}`],
      [
        'a GraphQL input object',
        'login(credentials: {user: "u", pw: "zq9Xw7Vu"}) { id }',
        `login(credentials: ${REDACTED}) { id }`,
      ],
    ])('redacts %s whole', (_name, text, expected) => {
      expect(redactText(text)).toBe(expected);
    });

    it('redacts them in bodies too long, too deep or too broken to parse', () => {
      const long = `{"password":["zq9Xw7Vu"],"logo":"${'A'.repeat(40_000)}"}`;
      const deep = `{"password":{"v":"zq9Xw7Vu"},"d":${'['.repeat(100)}${']'.repeat(100)}}`;
      const broken = '{"password":["zq9Xw7Vu"], "a": }';
      for (const body of [long, deep, broken]) {
        const result = redactBody(body);
        expect(result.content).not.toContain('zq9Xw7Vu');
        expect(result.content.startsWith(`{"password":${REDACTED},`)).toBe(true);
        expect(result.redacted).toBe(true);
      }
    });
  });

  describe('key names spelt with separators or escapes inside the word', () => {
    it.each([
      ['p_a_s_s_w_o_r_d'],
      ['pass-word'],
      ['PassWord'],
      ['p.a.s.s.w.o.r.d'],
      ['pass.word'],
      ['t o k e n'],
      ['a-p-i-k-e-y'],
      ['s-i-d'],
      ['c$o$d$e'],
      ['\u212Aey'], // Kelvin sign: lowercases to `k`
      ['p\u0130n'], // dotted capital I: lowercases to `i` + a combining dot
    ])('redacts a JSON body keyed %j', (key) => {
      const body = JSON.stringify({ [key]: 'zq9Xw7Vu', a: 1 });
      expect(JSON.parse(redactBody(body).content)).toEqual({ [key]: REDACTED, a: 1 });
      // Also as JSON held in a JSON string, and in a GraphQL-ish text argument.
      expect(redactBody(JSON.stringify({ data: body })).content).not.toContain('zq9Xw7Vu');
    });

    it.each([
      ['a tab escape', '{"pas\\tsword":"zq9Xw7Vu"}'],
      ['a newline escape', '{"se\\ncret":"zq9Xw7Vu"}'],
      ['a backspace escape', '{"to\\bken":"zq9Xw7Vu"}'],
    ])('redacts a JSON body whose key holds %s', (_name, body) => {
      expect(redactBody(body).content).not.toContain('zq9Xw7Vu');
    });

    it.each([
      ['p_a_s_s_w_o_r_d=zq9Xw7Vu&x=1', `p_a_s_s_w_o_r_d=${REDACTED}&x=1`],
      ['pass-word: zq9Xw7Vu', `pass-word: ${REDACTED}`],
      ['user[p_a_s_s]=zq9Xw7Vu', `user[p_a_s_s]=${REDACTED}`],
      ['a.p.i-k.e.y=zq9Xw7Vu', `a.p.i-k.e.y=${REDACTED}`],
    ])('redacts text %j', (text, expected) => {
      expect(redactText(text)).toBe(expected);
    });

    it.each([
      ['t o k e n'],
      ['pas\tsword'],
      ['\u212Aey'],
      ['p\u0130n'],
      ['my pin'],
      ['se\\ncret'],
      ['\\u0070assword'],
      ['to\\\\u006ben'],
    ])('redacts a quoted key %j in JSON too broken to parse', (key) => {
      const text = `{"a": 1, "${key}": "zq9Xw7Vu", "b`;
      expect(redactBody(text).content).toBe(`{"a": 1, "${key}": "${REDACTED}", "b`);
    });

    it('redacts such URL parameters', () => {
      expect(redactUrl('https://h/x?p_a_s_s_w_o_r_d=zq9Xw7Vu&a=1')).toBe(
        `https://h/x?p_a_s_s_w_o_r_d=${REDACTED}&a=1`
      );
      expect(redactUrl('https://h/x#t-o-k-e-n=zq9Xw7Vu')).toBe(`https://h/x#t-o-k-e-n=${REDACTED}`);
    });
  });

  describe('other spellings of a secret', () => {
    it('redacts multipart form fields named like secrets, up to the next boundary', () => {
      const body = [
        '--XyZ',
        'Content-Disposition: form-data; name="email"',
        '',
        'a@b.c',
        '--XyZ',
        'Content-Disposition: form-data; name="password"',
        '',
        'zq9Xw7Vu',
        '--XyZ',
        'Content-Disposition: form-data; name="api_key"',
        'Content-Type: text/plain',
        '',
        'zq9Xw7Vu two',
        'lines',
        '--XyZ',
        'Content-Disposition: form-data; name=token',
        '',
        'zq9Xw7Vu',
        '--XyZ--',
        '',
      ].join('\r\n');
      const safe = redactBody(body).content;
      expect(safe).not.toContain('zq9Xw7Vu');
      expect(safe).toContain('name="email"\r\n\r\na@b.c\r\n--XyZ');
      expect(safe).toContain(`name="password"\r\n\r\n${REDACTED}\r\n--XyZ`);
      expect(safe).toContain(`Content-Type: text/plain\r\n\r\n${REDACTED}\r\n--XyZ`);
      // Cut before its boundary: the rest of the text goes.
      expect(redactText('--b\nContent-Disposition: form-data; name="password"\n\nzq9Xw7Vu')).toBe(
        `--b\nContent-Disposition: form-data; name="password"\n\n${REDACTED}`
      );
    });

    it.each([
      ['password:\n  zq9Xw7Vu\nuser: bob', `password:\n  ${REDACTED}\nuser: bob`],
      ['token =\r\n zq9Xw7Vu', `token =\r\n ${REDACTED}`],
      ['{"password":\n  "zq9Xw7Vu", "a', `{"password":\n  "${REDACTED}", "a`],
    ])('redacts a value on the line after its key: %j', (text, expected) => {
      expect(redactText(text)).toBe(expected);
    });

    it.each([
      [
        '<login><user>bob</user><password>zq9Xw7Vu</password></login>',
        `<login><user>bob</user><password>${REDACTED}</password></login>`,
      ],
      ['<Password type="x">zq9Xw7Vu</Password>', `<Password type="x">${REDACTED}</Password>`],
      ['<ns:api-key>zq9Xw7Vu<\\/ns:api-key>', `<ns:api-key>${REDACTED}<\\/ns:api-key>`],
      ['<secret><![CDATA[a<b zq9Xw7Vu]]></secret>', `<secret>${REDACTED}</secret>`],
      ['<token>zq9Xw7Vu', `<token>${REDACTED}`],
      ['<user>bob</user><password/>', '<user>bob</user><password/>'],
    ])('redacts XML elements named like secrets: %j', (text, expected) => {
      expect(redactText(text)).toBe(expected);
    });

    it('redacts private key blocks anywhere, keeping their armour lines', () => {
      const key = [
        '-----BEGIN RSA PRIVATE KEY-----',
        'MIIEzq9Xw7VuAAAA+/==',
        '-----END RSA PRIVATE KEY-----',
      ].join('\n');
      const safe = `-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----`;
      expect(redactText(`uploaded ${key} ok`)).toBe(`uploaded ${safe} ok`);
      expect(JSON.parse(redactBody(JSON.stringify({ pem: key, a: 1 })).content)).toEqual({
        pem: safe,
        a: 1,
      });
      // JSON-escaped line breaks, and a block cut before its END line.
      expect(redactText(JSON.stringify(key))).toBe(JSON.stringify(safe));
      expect(redactText('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk zq9Xw7Vu')).toBe(
        `-----BEGIN OPENSSH PRIVATE KEY-----${REDACTED}`
      );
      // Certificates and public keys are not secret.
      const cert = '-----BEGIN CERTIFICATE-----\nMIIBzq\n-----END CERTIFICATE-----';
      expect(redactText(cert)).toBe(cert);
    });
  });

  it('copies a value with secrets redacted by key anywhere, iteratively, dropping what is too deep', () => {
    const deep = `${'{"a":'.repeat(20_000)}"password=leaf"${'}'.repeat(20_000)}`;
    const source = `{"headers":{"authorization":"Basic dXNlcjpwYXNz","x-token":"tok"},
      "list":[{"secret":"s"},"user[password]=p"],"__proto__":{"password":"proto-secret"},"deep":${deep}}`;
    const view = redactedView(JSON.parse(source));
    expect(view.tooDeep).toBe(true);
    const text = JSON.stringify(view.value);
    for (const secret of ['dXNlcjpwYXNz', 'tok"', '"s"', '=p"', 'proto-secret', 'leaf']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(TOO_DEEP);
    expect(Object.getPrototypeOf(view.value)).toBe(Object.prototype);
  });
});
