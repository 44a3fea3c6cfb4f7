/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { httpError, renderApp } from '../test_utils/mock_services';

/*
 * Edit mode (secrets write-only, discard confirm) is covered by the browser tests: rendering the
 * edit flyout under jsdom hangs the worker (not yet understood), while Chromium renders it fine.
 */

jest.setTimeout(30_000);

function field(path: string): HTMLInputElement {
  return screen.getByTestId(`field-${path}`) as HTMLInputElement;
}

function type(path: string, value: string) {
  const input = field(path);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}

function errorOf(path: string): string | null {
  return (
    within(screen.getByTestId(`row-${path}`)).queryByText(/./, { selector: '.euiFormErrorText' })
      ?.textContent ?? null
  );
}

async function openLumosForm() {
  const mocks = renderApp('/', {
    setup: ({ http }) => http.get.mockResolvedValue({ connectors: [] }),
  });
  await userEvent.click(await screen.findByTestId('createFirstConnectorButton'));
  fireEvent.click(within(screen.getByTestId('sourceCard-lumos')).getAllByRole('button')[0]);
  await screen.findByTestId('field-name');
  return mocks;
}

describe('ConnectorFlyout', () => {
  it('shows the codec messages next to a bad token, URL and interval; Save stays disabled', async () => {
    await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'abc');
    type('settings.baseUrl', 'not a url');
    type('interval', '30s');
    expect(errorOf('secrets.apiToken')).toBe('Lumos API tokens start with lsk_');
    expect(errorOf('settings.baseUrl')).toBe('Must be a URL such as https://example.com');
    expect(errorOf('interval')).toBe('Interval must be between 1m and 24h');
    expect(screen.getByTestId('saveConnectorButton')).toBeDisabled();

    type('secrets.apiToken', 'lsk_abcdefgh12');
    type('settings.baseUrl', 'https://api.lumos.com');
    type('interval', '10m');
    expect(errorOf('secrets.apiToken')).toBeNull();
    expect(errorOf('interval')).toBeNull();
    expect(screen.getByTestId('saveConnectorButton')).toBeEnabled();
  });

  it('tests the connection and previews the ECS documents of the draft', async () => {
    const { http } = await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    http.post.mockImplementation(async (path: string) =>
      path.endsWith('/_test')
        ? { ok: true, message: 'Connected', details: { 'Records available': 12 } }
        : {
            documents: [
              {
                index: 'logs-lumos.activity_logs-default',
                id: 'e1',
                document: { '@timestamp': '2026-01-01T00:00:00Z', event: { action: 'USER_LOGIN' } },
              },
            ],
          }
    );
    await userEvent.click(screen.getByTestId('testConnectionButton'));
    expect(await screen.findByTestId('testConnectionSuccess')).toHaveTextContent('Connected');
    const [testPath, testOptions] = http.post.mock.calls[0];
    expect(testPath).toBe('/internal/audit_sources/connectors/_test');
    expect(JSON.parse(testOptions.body)).toEqual({
      kind: 'lumos',
      namespace: 'default',
      settings: {},
      secrets: { apiToken: 'lsk_abcdefgh12' },
    });
    await userEvent.click(screen.getByTestId('previewButton'));
    const preview = await screen.findByTestId('previewResults');
    expect(preview).toHaveTextContent('Preview: 1 document');
    expect(preview).toHaveTextContent('"action": "USER_LOGIN"');
  });

  it('reports a failed test and maps a 400 onto the field it names', async () => {
    const { http } = await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    http.post.mockRejectedValueOnce(
      httpError(400, '[request body]: settings.baseUrl: Must be an http:// or https:// URL')
    );
    await userEvent.click(screen.getByTestId('testConnectionButton'));
    expect(await screen.findByTestId('testConnectionError')).toHaveTextContent(
      'Must be an http://'
    );
    expect(errorOf('settings.baseUrl')).toBe('Must be an http:// or https:// URL');
  });

  it('toasts and shows the server message when saving fails', async () => {
    const { http, toasts } = await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    http.post.mockRejectedValueOnce(httpError(409, 'A connector named Lumos already exists'));
    fireEvent.click(screen.getByTestId('saveConnectorButton'));
    expect(await screen.findByTestId('saveErrorCallout')).toHaveTextContent('already exists');
    expect(toasts.addError).toHaveBeenCalledWith(expect.any(Error), {
      title: 'Could not create the connector',
      toastMessage: 'A connector named Lumos already exists',
    });
  });
});
