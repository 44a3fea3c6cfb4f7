import { isSecretKey, REDACTED, redactBody, redactText, redactUrl } from './redact';

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
});
