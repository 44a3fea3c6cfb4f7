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
    [
      'nested JSON strings',
      () => redactBody(JSON.stringify({ a: JSON.stringify({ b: 'password=x '.repeat(2_500) }) })),
    ],
  ])('stays linear on 1 MB of hostile %s', (_name, run) => {
    expect(millis(run)).toBeLessThan(2_000);
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
