import * as t from 'io-ts';
import { CreateConnectorRequest, credentialProblems } from '../../common/connectors/connector';
import { buildRouteValidation } from './route_validation';

const factory = {
  ok: <T>(value: T) => ({ value }),
  badRequest: (error: Error | string) =>
    ({ error: error instanceof Error ? error : new Error(error) }) as never,
};

function messageOf(result: { value?: unknown; error?: Error }): string | undefined {
  return result.error?.message;
}

describe('buildRouteValidation', () => {
  const lumos = {
    kind: 'lumos',
    name: 'Lumos',
    enabled: true,
    interval: '5m',
    namespace: 'default',
    settings: {},
    secrets: { apiToken: 'lsk_abcdefgh1234' },
  };

  it('returns the decoded value, unknown keys stripped', () => {
    const validate = buildRouteValidation(CreateConnectorRequest);
    expect(validate({ ...lumos, extra: true }, factory)).toEqual({ value: lumos });
  });

  it('answers a 400 whose message names every failing field', () => {
    const validate = buildRouteValidation(CreateConnectorRequest);
    const message = messageOf(
      validate({ ...lumos, interval: '5s', secrets: { apiToken: 'nope' } }, factory)
    );
    expect(message).toContain('interval: Interval must be between 1m and 24h');
    expect(message).toContain('secrets.apiToken: Lumos API tokens start with lsk_');
  });

  it('names the discriminator when the kind is unknown or missing', () => {
    const validate = buildRouteValidation(CreateConnectorRequest);
    expect(messageOf(validate({ name: 'x' }, factory))).toBe('kind: must be one of lumos, closer');
    expect(messageOf(validate(undefined, factory))).toBe('kind: must be one of lumos, closer');
  });

  it('applies cross-field checks after decoding, naming their fields', () => {
    const validate = buildRouteValidation(CreateConnectorRequest, (body) =>
      credentialProblems(body.kind, body.settings, body.secrets)
    );
    const message = messageOf(
      validate(
        {
          ...lumos,
          kind: 'closer',
          settings: { url: 'https://closer.example', authType: 'api_key' },
          secrets: {},
        },
        factory
      )
    );
    expect(message).toBe('secrets.apiKey: API key is required for API key authentication');
  });

  it('works for query strings (numbers from text)', () => {
    const validate = buildRouteValidation(t.exact(t.type({ id: t.string })));
    expect(messageOf(validate({ id: 3 }, factory))).toBe('id: expected string, got 3');
  });
});
