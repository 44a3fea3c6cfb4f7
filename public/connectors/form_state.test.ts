import { closerConnector, lumosConnector } from '../test_utils/mock_services';
import { initialFormState, validateForm, type FormMode } from './form_state';

function edited(mode: Extract<FormMode, { type: 'edit' }>, values: Record<string, string> = {}) {
  const state = initialFormState(mode.connector.kind, mode);
  return { ...state, values: { ...state.values, ...values } };
}

describe('validateForm: credentials', () => {
  it('counts a stored secret that is not replaced as given', () => {
    const mode: FormMode = { type: 'edit', connector: closerConnector() };
    expect(validateForm('closer', edited(mode), mode)).toEqual({});
    const lumos: FormMode = { type: 'edit', connector: lumosConnector() };
    expect(validateForm('lumos', edited(lumos), lumos)).toEqual({});
  });

  it('asks for a required secret neither stored nor entered, in the source’s words', () => {
    const closer = closerConnector({
      secrets: { password: { isSet: false }, apiKey: { isSet: false } },
    });
    const mode: FormMode = { type: 'edit', connector: closer };
    expect(validateForm('closer', edited(mode), mode)).toEqual({
      'secrets.password': 'Password is required for basic authentication',
    });
    const lumos: FormMode = {
      type: 'edit',
      connector: lumosConnector({ secrets: { apiToken: { isSet: false } } }),
    };
    expect(validateForm('lumos', edited(lumos), lumos)).toEqual({
      'secrets.apiToken': 'API token is required',
    });
    expect(
      validateForm('lumos', edited(lumos, { 'secrets.apiToken': 'lsk_abcdefgh12' }), lumos)
    ).toEqual({});
  });

  it('asks for the secret of the auth type chosen, not of the one stored', () => {
    const mode: FormMode = { type: 'edit', connector: closerConnector() };
    expect(validateForm('closer', edited(mode, { 'settings.authType': 'api_key' }), mode)).toEqual({
      'secrets.apiKey': 'API key is required for API key authentication',
    });
  });
});
