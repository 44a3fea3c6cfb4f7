/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { closerConnector, httpError, lumosConnector, renderApp } from '../test_utils/mock_services';

/*
 * Why edit mode used to "hang" here: EuiFlyout's focus trap (react-focus-on -> react-focus-lock)
 * scans every focusable node on mount and on each focus change, and focus-lock's visibility check
 * calls getComputedStyle on each node and its ancestors. jsdom computes styles by matching every
 * rule of every stylesheet, and Emotion (non-production) injects one <style> per rule: ~330 of
 * them for this page, ~20 ms per call. The edit flyout mounts with the whole form focusable (the
 * create flyout starts with three source cards), so one mount cost ~10 s and each change/blur
 * another scan: minutes per test. Not a loop in our code (Chromium renders it in milliseconds).
 * The fix, for this file: a getComputedStyle that reads inline styles only (enough for
 * focus-lock's display/visibility checks), restored afterwards.
 */
let restoreComputedStyle: () => void;
beforeAll(() => {
  const original = window.getComputedStyle;
  window.getComputedStyle = ((element: Element) =>
    element instanceof HTMLElement ? element.style : original(element)) as typeof original;
  restoreComputedStyle = () => {
    window.getComputedStyle = original;
  };
});
afterAll(() => restoreComputedStyle());

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

async function openLumosForm(spaceId = 'default') {
  const mocks = renderApp('/', {
    setup: ({ http }) => http.get.mockResolvedValue({ connectors: [], spaceId }),
  });
  await userEvent.click(await screen.findByTestId('createFirstConnectorButton'));
  fireEvent.click(within(screen.getByTestId('sourceCard-lumos')).getAllByRole('button')[0]);
  await screen.findByTestId('field-name');
  return mocks;
}

describe('ConnectorFlyout', () => {
  it('suggests the space id as the data stream namespace (a dash becomes an underscore)', async () => {
    await openLumosForm('team-b');
    expect(screen.getByTestId('field-namespace')).toHaveValue('team_b');
  });

  it('suggests default in the default space', async () => {
    await openLumosForm();
    expect(screen.getByTestId('field-namespace')).toHaveValue('default');
  });

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
  async function openEditFlyout(connector = closerConnector()) {
    const mocks = renderApp('/', {
      setup: ({ http }) =>
        http.get.mockResolvedValue({ connectors: [connector], spaceId: 'default' }),
    });
    const row = await screen.findByTestId(`connectorRow-${connector.name}`);
    fireEvent.click(within(row).getByTestId('editAction'));
    await screen.findByTestId('secretsCallout');
    return mocks;
  }

  it('edit mode: stored secrets show as Set, inputs stay empty, Save waits for a change', async () => {
    const { http } = await openEditFlyout();
    expect(screen.getByTestId('secretsCallout')).toHaveTextContent(/kept unless/i);
    expect(screen.getByTestId('secretState-secrets.password')).toHaveTextContent('Set');
    expect(field('secrets.password').value).toBe('');
    expect(field('name').value).toBe('Closer SOC');
    expect(field('settings.username').value).toBe('reader');
    expect(screen.getByTestId('saveConnectorButton')).toBeDisabled();

    type('name', 'Closer SOC (EU)');
    expect(screen.getByTestId('saveConnectorButton')).toBeEnabled();
    http.put.mockResolvedValue(closerConnector({ name: 'Closer SOC (EU)' }));
    fireEvent.click(screen.getByTestId('saveConnectorButton'));
    await waitFor(() => expect(http.put).toHaveBeenCalledTimes(1));
    const [path, options] = http.put.mock.calls[0] as [string, { body: string }];
    expect(path).toBe('/internal/audit_sources/connectors/c-closer');
    const body = JSON.parse(options.body) as Record<string, unknown>;
    expect(body.name).toBe('Closer SOC (EU)');
    // Secrets not re-entered are not sent: the stored ones are kept.
    expect(body.secrets).toBeUndefined();
  });

  it('edit mode: a re-entered secret is sent, and only that one', async () => {
    const { http } = await openEditFlyout(lumosConnector());
    expect(screen.getByTestId('secretState-secrets.apiToken')).toHaveTextContent('Set');
    type('secrets.apiToken', 'lsk_rotated_token_1234');
    http.put.mockResolvedValue(lumosConnector());
    fireEvent.click(screen.getByTestId('saveConnectorButton'));
    await waitFor(() => expect(http.put).toHaveBeenCalledTimes(1));
    const body = JSON.parse((http.put.mock.calls[0] as [string, { body: string }])[1].body) as {
      secrets?: Record<string, string>;
    };
    expect(body.secrets).toEqual({ apiToken: 'lsk_rotated_token_1234' });
  });

  it('edit mode: closing a modified form asks to discard; Keep editing keeps it', async () => {
    await openEditFlyout();
    fireEvent.click(screen.getByTestId('cancelButton'));
    // Unmodified: closes at once.
    await waitFor(() => expect(screen.queryByTestId('connectorFlyout')).toBeNull());

    const row = screen.getByTestId('connectorRow-Closer SOC');
    fireEvent.click(within(row).getByTestId('editAction'));
    await screen.findByTestId('secretsCallout');
    type('settings.username', 'someone-else');
    fireEvent.click(screen.getByTestId('cancelButton'));
    const modal = await screen.findByTestId('discardChangesModal');
    expect(modal).toHaveTextContent('Discard unsaved changes?');
    fireEvent.click(within(modal).getByText('Keep editing'));
    await waitFor(() => expect(screen.queryByTestId('discardChangesModal')).toBeNull());
    expect(field('settings.username').value).toBe('someone-else');

    fireEvent.click(screen.getByTestId('cancelButton'));
    fireEvent.click(
      within(await screen.findByTestId('discardChangesModal')).getByText('Discard changes')
    );
    await waitFor(() => expect(screen.queryByTestId('connectorFlyout')).toBeNull());
  });
});
