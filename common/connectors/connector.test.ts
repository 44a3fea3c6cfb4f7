import { isRight } from 'fp-ts/Either';
import { decodeErrorsByField } from '../decode';
import {
  closerCredentialProblems,
  CreateConnectorRequest,
  UpdateConnectorRequest,
} from './connector';

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
    expect(closerCredentialProblems(closer.settings as never, {})).toEqual({
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
