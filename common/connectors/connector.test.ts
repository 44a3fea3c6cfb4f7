import { isRight } from 'fp-ts/Either';
import { decodeErrorsByField } from '../decode';
import { credentialProblems, CreateConnectorRequest, UpdateConnectorRequest } from './connector';

const lumos = {
  kind: 'lumos',
  name: 'Lumos prod',
  enabled: true,
  interval: '5m',
  namespace: 'default',
  settings: { initialWindow: '180d' },
  secrets: { apiToken: 'lsk_abcdefgh12345' },
};

function errorsOf(value: unknown) {
  const result = CreateConnectorRequest.decode(value);
  return isRight(result) ? {} : decodeErrorsByField(result.left);
}

describe('CreateConnectorRequest', () => {
  it('accepts a valid Lumos connector and strips unknown keys', () => {
    const result = CreateConnectorRequest.decode({ ...lumos, extra: 1 });
    expect(isRight(result) && result.right).toEqual(lumos);
  });

  it('names each bad field with a message a user can act on', () => {
    const errors = errorsOf({
      ...lumos,
      interval: '10s',
      namespace: 'Prod-1',
      secrets: { apiToken: 'abc' },
    });
    expect(errors).toMatchObject({
      interval: 'Interval must be between 1m and 24h',
      namespace: 'Namespace must be lowercase',
      'secrets.apiToken': 'Lumos API tokens start with lsk_',
    });
  });

  it('accepts any whole number of days for the initial window, and "everything"', () => {
    expect(errorsOf({ ...lumos, settings: { initialWindow: 'everything' } })).toEqual({});
    expect(
      errorsOf({ ...lumos, settings: { initialWindow: 'forever' } })['settings.initialWindow']
    ).toMatch(/everything/);
  });

  it('validates Closer settings and the credential combination', () => {
    const closer = {
      kind: 'closer',
      name: 'Closer',
      enabled: true,
      interval: '1m',
      namespace: 'default',
      settings: { url: 'https://logs.closer.example:9243', authType: 'basic', username: 'reader' },
      secrets: {},
    };
    expect(errorsOf(closer)).toEqual({});
    expect(credentialProblems('closer', closer.settings, {})).toEqual({
      'secrets.password': 'Password is required for basic authentication',
    });
    expect(
      errorsOf({ ...closer, settings: { url: 'ftp://x', authType: 'basic' } })['settings.url']
    ).toBe('Must be an http:// or https:// URL');
    expect(
      errorsOf({ ...closer, settings: { ...closer.settings, query: '{"term":' } })['settings.query']
    ).toMatch(/Not valid JSON/);
  });
});

describe('UpdateConnectorRequest', () => {
  it('lets secrets be left out so the stored ones are kept', () => {
    const result = UpdateConnectorRequest.decode({ kind: 'lumos', name: 'Renamed' });
    expect(isRight(result) && result.right).toEqual({ kind: 'lumos', name: 'Renamed' });
  });
});

describe('field codecs on hostile input', () => {
  const closer = {
    kind: 'closer',
    name: 'Closer',
    enabled: true,
    interval: '1m',
    namespace: 'default',
    settings: { url: 'https://logs.closer.example:9243', authType: 'none' },
    secrets: {},
  };
  const closerWith = (settings: Record<string, unknown>) =>
    errorsOf({ ...closer, settings: { ...closer.settings, ...settings } });

  it('refuses a query too deep or too long to send on every search', () => {
    const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    expect(closerWith({ query: deep })['settings.query']).toMatch(/at most 64 levels/);
    const long = JSON.stringify({ terms: { 'message.user.id': ['x'.repeat(70_000)] } });
    expect(closerWith({ query: long })['settings.query']).toMatch(/at most 64 KiB/);
    expect(closerWith({ query: '{"term":{"message.user.id":"u1"}}' })['settings.query']).toBe(
      undefined
    );
  });

  it.each([
    'http://x.example/secret#',
    'http://x.example/a?',
    'https://x.example:9243/?q=1',
    'https://x.example/#frag',
  ])('refuses a base URL with ? or # (%s): it would fix the exact path', (url) => {
    expect(closerWith({ url })['settings.url']).toMatch(/Must not contain \? or #/);
    expect(closerWith({ proxyUrl: url })['settings.proxyUrl']).toMatch(/Must not contain \? or #/);
    expect(errorsOf({ ...lumos, settings: { baseUrl: url } })['settings.baseUrl']).toMatch(
      /Must not contain \? or #/
    );
  });

  it('keeps accepting base URLs with a path prefix', () => {
    expect(closerWith({ url: 'https://gw.example/closer/es/' })).toEqual({});
  });

  it.each([
    '..',
    '.',
    'closer,..',
    '../x',
    '..%2fx',
    '%2e%2e',
    'a,,b',
    'a\u0000b',
    'x'.repeat(1001),
  ])('refuses index %j, which could leave a gateway path prefix or is not a name', (index) => {
    expect(closerWith({ index })['settings.index']).toBeDefined();
  });

  it('accepts ordinary index names, patterns, exclusions and remote clusters', () => {
    for (const index of [
      'closer',
      'closer-*',
      'closer*,-closer-old',
      'eu:closer',
      '.ds-closer-1',
    ]) {
      expect(closerWith({ index })).toEqual({});
    }
  });

  describe('PemCertificate', () => {
    const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

    it('accepts the shape and refuses what is not one', () => {
      expect(closerWith({ caCertificate: PEM })).toEqual({});
      expect(closerWith({ caCertificate: `junk\n${PEM}\n${PEM}\n` })).toEqual({});
      for (const bad of [
        'MIIB',
        '-----BEGIN CERTIFICATE-----',
        '-----END CERTIFICATE----- -----BEGIN CERTIFICATE-----',
        '-----BEGIN CERTIFICATE-----   \n -----END CERTIFICATE-----',
      ]) {
        expect(closerWith({ caCertificate: bad })['settings.caCertificate']).toMatch(/PEM/);
      }
    });

    it('caps the length at 64 KiB', () => {
      const big = `${PEM}\n${'A'.repeat(64 * 1024)}`;
      expect(closerWith({ caCertificate: big })['settings.caCertificate']).toBe(
        'Must be at most 64 KiB'
      );
    });

    it('checks a hostile 1 MB body in linear time', () => {
      // The old regex (BEGIN[\s\S]+END) took ~70 s on this; 2 s only catches a super-linear
      // blow-up, not a speed goal.
      const hostile = `-----BEGIN CERTIFICATE-----${'-----BEGIN CERTIFICATE-----'.repeat(40_000)}`;
      const started = Date.now();
      for (const text of [hostile, hostile.slice(0, 60_000)]) {
        expect(closerWith({ caCertificate: text })['settings.caCertificate']).toBeDefined();
      }
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
});
