import fc from 'fast-check';
import { createLoggerMock } from '../__mocks__/kibana_core_mocks';
import { redactingLogger, redactSecrets, SECRET_PLACEHOLDER, WITHHELD_MESSAGE } from './redact';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** Every spelling of `secret` (with `user`) that must not survive. */
function spellings(secret: string, user: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    b64(secret).replace(/=+$/, ''),
    b64url(secret),
    b64(`${user}:${secret}`).replace(/=+$/, ''),
    b64url(`${user}:${secret}`),
  ];
}

describe('redactSecrets', () => {
  it('hides an echoed Authorization: Basic base64(user:password)', () => {
    const header = `Basic ${b64('reader:s3cret-Pa55')}`;
    const text = `proxy said: 401 for request with authorization: ${header}`;
    const out = redactSecrets(text, ['s3cret-Pa55']);
    expect(out).not.toContain(b64('reader:s3cret-Pa55'));
    expect(out).toContain(SECRET_PLACEHOLDER);
    // What is left of the header is the user name's part, never enough to rebuild the password.
    expect(Buffer.from(out.slice(out.indexOf('Basic ') + 6), 'base64').toString()).not.toContain(
      's3cret'
    );
  });

  it('hides the raw, base64, URL-encoded and JSON-escaped forms', () => {
    const secret = 'p@ss w"rd/+=';
    const text = [
      secret,
      b64(secret),
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      encodeURIComponent(secret).split('%20').join('+'),
      JSON.stringify({ password: secret }),
    ].join(' | ');
    const out = redactSecrets(text, [secret]);
    expect(out).not.toContain('ss w');
    expect(out).not.toContain('w\\"rd');
    expect(out).not.toContain(b64(secret).slice(0, 8));
    expect(out).not.toContain('ss%20w');
  });

  it('leaves text alone when there is no secret (or only very short ones)', () => {
    expect(redactSecrets('nothing here', [undefined, 'abc', ''])).toBe('nothing here');
  });

  it('withholds a text that keeps forming a secret out of placeholders', () => {
    // `[redacted]` followed by `q` contains `ed]q`: replacing one secret makes the other.
    const out = redactSecrets('ppppq', ['pppp', 'ed]q']);
    expect(out).not.toContain('ed]q');
    expect(out).not.toContain('pppp');
    expect([`[redact${SECRET_PLACEHOLDER}`, WITHHELD_MESSAGE]).toContain(out);
  });

  // Property: whatever the text around it, no spelling of any secret survives.
  it('never lets a secret through in any spelling (property)', () => {
    const secretArb = fc.string({ minLength: 4, maxLength: 24 });
    const userArb = fc.string({ minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(secretArb, userArb), { minLength: 1, maxLength: 3 }),
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 }),
        (pairs, noise) => {
          const secrets = pairs.map(([secret]) => secret);
          const pieces = pairs.flatMap(([secret, user]) => spellings(secret, user));
          const text = [...noise, ...pieces, ...noise.reverse()].join(
            noise.length > 0 ? noise[0] : ' '
          );
          const out = redactSecrets(text, secrets);
          for (const [secret, user] of pairs) {
            // A secret that is part of the placeholder itself cannot be told apart from it.
            if (SECRET_PLACEHOLDER.includes(secret) || WITHHELD_MESSAGE.includes(secret)) continue;
            for (const spelling of spellings(secret, user)) {
              if (spelling.length >= 4 && !SECRET_PLACEHOLDER.includes(spelling)) {
                expect(out).not.toContain(spelling);
              }
            }
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it('stays linear: a megabyte of near-misses is redacted quickly', () => {
    // Generous bound that only catches a super-linear blow-up (split/join is linear).
    const text = 's3cre'.repeat(200_000);
    const started = Date.now();
    redactSecrets(text, ['s3cret', 'another-secret', 'third:one']);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('redactingLogger', () => {
  it('redacts every level, lazy messages, errors and child loggers', () => {
    const logger = createLoggerMock();
    const log = redactingLogger(logger, ['s3cret-Pa55', undefined]);
    const basic = b64('reader:s3cret-Pa55');
    log.warn(`Closer: answered 401: echoed ${basic}`);
    log.info(() => 'lazy s3cret-Pa55');
    log.error(new Error('boom s3cret-Pa55'));
    log.get('child').debug('child s3cret-Pa55');
    const lines = [
      ...logger.warn.mock.calls,
      ...logger.error.mock.calls,
      ...logger.debug.mock.calls,
      ...logger.info.mock.calls.map(([message]) =>
        typeof message === 'function' ? [(message as () => string)()] : [message]
      ),
    ].map(([message]) => (message instanceof Error ? message.message : String(message)));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line).toContain(SECRET_PLACEHOLDER);
      expect(line).not.toContain('s3cret');
      expect(line).not.toContain(basic);
    }
  });
});
