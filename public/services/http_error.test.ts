import { errorMessage, fieldErrorsFromError, fieldErrorsFromMessage } from './http_error';

describe('http errors', () => {
  const fields = [
    'name',
    'settings.url',
    'settings.username',
    'secrets.password',
    'settings.initialWindow',
  ];

  it('picks field problems out of a route-validation message', () => {
    expect(
      fieldErrorsFromMessage(
        '[request body]: settings.url: Must be a URL such as https://example.com; name: Name is required',
        fields
      )
    ).toEqual({
      'settings.url': 'Must be a URL such as https://example.com',
      name: 'Name is required',
    });
    expect(fieldErrorsFromMessage('Something else broke', fields)).toEqual({});
  });

  it('prefers attributes.fields when the server lists them', () => {
    const error = Object.assign(new Error('bad'), {
      body: {
        statusCode: 400,
        message: 'secrets.password: Password is required for basic authentication',
        attributes: { fields: { 'settings.username': 'Username is required', other: 'x' } },
      },
    });
    expect(fieldErrorsFromError(error, fields)).toEqual({
      'secrets.password': 'Password is required for basic authentication',
      'settings.username': 'Username is required',
    });
  });

  it('reads the server message first', () => {
    expect(
      errorMessage(
        Object.assign(new Error('Bad Request'), {
          body: { message: 'Lumos said no', statusCode: 400 },
        })
      )
    ).toBe('Lumos said no');
    expect(errorMessage(new Error('Network error'))).toBe('Network error');
    expect(errorMessage(undefined)).toBe('Unknown error');
  });
});
