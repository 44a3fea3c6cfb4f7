/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  closerConnector,
  httpError,
  lumosConnector,
  renderApp,
  withInlineComputedStyle,
} from '../test_utils/mock_services';

/*
 * Kibana renders the app inside core.rendering.addContext (render_app.tsx), which provides the
 * I18nProvider the FormattedMessages need; renderApp renders <App> alone, so wrap it here.
 */
jest.mock('../application/app', () => {
  const actual = jest.requireActual('../application/app');
  const { I18nProvider } = jest.requireActual('@kbn/i18n-react');
  const ReactActual = jest.requireActual('react');
  return {
    ...actual,
    App: (props: Record<string, unknown>) =>
      ReactActual.createElement(I18nProvider, null, ReactActual.createElement(actual.App, props)),
  };
});

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
withInlineComputedStyle();

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

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
const PEM_END = '-----END CERTIFICATE-----';
/** Structurally a certificate (base64 of a DER SEQUENCE); only the server parses it for real. */
const CERTIFICATE = `${PEM_BEGIN}\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVCb2R5MA==\n${PEM_END}`;

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

  it('a failed save is one callout in the flyout, never a toast', async () => {
    const { http, toasts } = await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    http.post.mockRejectedValueOnce(httpError(409, 'A connector named Lumos already exists'));
    fireEvent.click(screen.getByTestId('saveConnectorButton'));
    expect(await screen.findByTestId('saveErrorCallout')).toHaveTextContent(
      'The connector was not savedA connector named Lumos already exists'
    );
    expect(screen.getAllByText('A connector named Lumos already exists')).toHaveLength(1);
    expect(toasts.addError).not.toHaveBeenCalled();
    expect(toasts.addDanger).not.toHaveBeenCalled();
  });

  it('names fields by label, not API path, when the server refuses a save', async () => {
    const { http, toasts } = await openEditFlyout();
    type('settings.url', 'https://elsewhere.example:9200');
    const message =
      'secrets.password: Re-enter this secret: settings.url changed, and a stored secret is only used for the destination, index, query and user it was entered for';
    http.put.mockRejectedValueOnce(
      httpError(400, message, {
        fields: {
          'secrets.password':
            'Re-enter this secret: settings.url changed, and a stored secret is only used for the destination, index, query and user it was entered for',
        },
      })
    );
    fireEvent.click(screen.getByTestId('saveConnectorButton'));
    const callout = await screen.findByTestId('saveErrorCallout');
    const expected =
      'Re-enter it, because Closer Elasticsearch URL changed — a stored secret is only used for the destination it was entered for';
    expect(within(callout).getByTestId('saveError-secrets.password')).toHaveTextContent(
      `Password: ${expected}`
    );
    expect(errorOf('secrets.password')).toBe(expected);
    expect(document.body.textContent).not.toContain('secrets.password');
    expect(document.body.textContent).not.toContain('settings.url');
    expect(toasts.addError).not.toHaveBeenCalled();
    // The label in the callout jumps to the field.
    fireEvent.click(within(callout).getByText('Password'));
    await waitFor(() => expect(field('secrets.password')).toHaveFocus());
  });

  it('Test with invalid fields says how many and which, and focuses the first', async () => {
    const { http } = await openLumosForm();
    type('settings.baseUrl', 'not a url');
    fireEvent.click(screen.getByTestId('testConnectionButton'));
    expect(screen.getByTestId('testBlockedReason')).toHaveTextContent(
      'Fix the 2 highlighted fields first: API token, Base URL.'
    );
    await waitFor(() => expect(field('secrets.apiToken')).toHaveFocus());
    expect(errorOf('secrets.apiToken')).toBe('Lumos API tokens start with lsk_');
    expect(http.post).not.toHaveBeenCalled();
  });

  it('opens Advanced settings to focus an invalid field inside it', async () => {
    await openLumosForm();
    type('secrets.apiToken', 'lsk_abcdefgh12');
    fireEvent.click(screen.getByText('Advanced settings'));
    type('settings.proxyUrl', 'proxy');
    fireEvent.click(screen.getByText('Advanced settings'));
    fireEvent.click(screen.getByTestId('testConnectionButton'));
    expect(screen.getByTestId('testBlockedReason')).toHaveTextContent(
      'Fix the highlighted field first: Proxy URL.'
    );
    await waitFor(() => expect(field('settings.proxyUrl')).toHaveFocus());
  });

  it('a disabled Save says why', async () => {
    await openLumosForm();
    const save = screen.getByTestId('saveConnectorButton');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    expect(save).toBeDisabled();
    expect(save).toHaveAccessibleDescription('Enter a name');
    type('name', 'Lumos');
    type('interval', '5s');
    type('settings.baseUrl', 'nope');
    expect(save).toHaveAccessibleDescription('Fix 2 fields: Base URL, Polling interval');
    fireEvent.mouseOver(save.parentElement as HTMLElement);
    expect(await screen.findByTestId('saveDisabledReason')).toHaveTextContent(
      'Fix 2 fields: Base URL, Polling interval'
    );
    type('interval', '5m');
    type('settings.baseUrl', '');
    expect(save).toBeEnabled();
    expect(save).not.toHaveAccessibleDescription();
  });

  it('an unchanged edit form says "Nothing changed" on its disabled Save', async () => {
    await openEditFlyout();
    expect(screen.getByTestId('saveConnectorButton')).toHaveAccessibleDescription(
      'Nothing changed'
    );
  });

  it('marks test and preview results stale when an input changes, fresh after a new run', async () => {
    const { http } = await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    http.post.mockImplementation(async (path: string) =>
      path.endsWith('/_test')
        ? { ok: false, message: 'Lumos answered HTTP 401' }
        : { documents: [], message: 'The source returned no records for these settings' }
    );
    await userEvent.click(screen.getByTestId('testConnectionButton'));
    await screen.findByTestId('testConnectionFailure');
    await userEvent.click(screen.getByTestId('previewButton'));
    await screen.findByTestId('previewResults');
    expect(screen.queryByTestId('testStale')).toBeNull();
    expect(screen.queryByTestId('previewStale')).toBeNull();

    // The name is not an input of the test: no marker.
    type('name', 'Lumos 2');
    expect(screen.queryByTestId('testStale')).toBeNull();

    type('secrets.apiToken', 'lsk_other_token_99');
    expect(screen.getByTestId('testStale')).toHaveTextContent(
      'Settings changed since this test — test again.'
    );
    expect(screen.getByTestId('previewStale')).toHaveTextContent(
      'Settings changed since this preview — preview again.'
    );
    await userEvent.click(screen.getByTestId('testConnectionButton'));
    await waitFor(() => expect(screen.queryByTestId('testStale')).toBeNull());
    expect(screen.getByTestId('previewStale')).toBeInTheDocument();
  });

  it('warns about silly durations and a CA over http://, and Save stays possible', async () => {
    await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    type('settings.initialWindow', '0s');
    fireEvent.click(screen.getByText('Advanced settings'));
    type('settings.lateArrivalWindow', '400d');
    type('settings.baseUrl', 'http://lumos.internal:8080');
    type('settings.caCertificate', CERTIFICATE);
    expect(screen.getByTestId('fieldWarning-settings.initialWindow')).toHaveTextContent(
      'A window of 0 reads no history'
    );
    expect(screen.getByTestId('fieldWarning-settings.lateArrivalWindow')).toHaveTextContent(
      'Every run re-reads 400d before its checkpoint'
    );
    expect(screen.getByTestId('fieldWarning-settings.caCertificate')).toHaveTextContent(
      'The CA certificate is not used over http://'
    );
    expect(screen.getByTestId('saveConnectorButton')).toBeEnabled();

    type('settings.baseUrl', 'https://lumos.internal');
    expect(screen.queryByTestId('fieldWarning-settings.caCertificate')).toBeNull();
  });

  it('warns about a Closer lag over an hour', async () => {
    await openEditFlyout();
    type('settings.lag', '90d');
    expect(screen.getByTestId('fieldWarning-settings.lag')).toHaveTextContent(
      'Events reach Elasticsearch 90d after Closer records them'
    );
    expect(screen.getByTestId('saveConnectorButton')).toBeEnabled();
  });

  it('a PEM whose body is not a certificate is an error next to the field', async () => {
    await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    fireEvent.click(screen.getByText('Advanced settings'));
    type('settings.caCertificate', `${PEM_BEGIN}\nthis is not base64\n${PEM_END}`);
    expect(errorOf('settings.caCertificate')).toMatch(/must be base64/);
    expect(screen.getByTestId('saveConnectorButton')).toBeDisabled();
    type('settings.caCertificate', `${PEM_BEGIN}\nQUJDRA==\n${PEM_END}`);
    expect(errorOf('settings.caCertificate')).toMatch(/is not a certificate/);
    type('settings.caCertificate', CERTIFICATE);
    expect(errorOf('settings.caCertificate')).toBeNull();
  });

  it('shows the server’s certificate message next to the field', async () => {
    const { http } = await openLumosForm();
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    fireEvent.click(screen.getByText('Advanced settings'));
    type('settings.caCertificate', CERTIFICATE);
    http.post.mockRejectedValueOnce(
      httpError(
        400,
        'settings.caCertificate: Not a valid certificate: the PEM block does not parse',
        {
          fields: {
            'settings.caCertificate': 'Not a valid certificate: the PEM block does not parse',
          },
        }
      )
    );
    await userEvent.click(screen.getByTestId('testConnectionButton'));
    await screen.findByTestId('testConnectionError');
    expect(errorOf('settings.caCertificate')).toBe(
      'Not a valid certificate: the PEM block does not parse'
    );
    expect(screen.getByTestId('testConnectionError')).toHaveTextContent(
      'CA certificate: Not a valid certificate'
    );
  });

  it('shows test details in words, and the Closer name placeholder names Closer', async () => {
    const { http } = await openLumosForm();
    expect(field('name')).toHaveAttribute('placeholder', 'e.g. Lumos production');
    type('name', 'Lumos');
    type('secrets.apiToken', 'lsk_abcdefgh12');
    http.post.mockResolvedValueOnce({
      ok: true,
      message: 'Connected to Lumos',
      details: { baseUrl: 'https://api.lumos.com', eventsLast24h: 1200, searchApi: 'pit' },
    });
    await userEvent.click(screen.getByTestId('testConnectionButton'));
    const verdict = await screen.findByTestId('testConnectionSuccess');
    expect(verdict).toHaveTextContent('Base URLhttps://api.lumos.com');
    expect(verdict).toHaveTextContent('Events in the last 24 hours1,200');
    expect(verdict).toHaveTextContent('Search APIPoint in time with search_after');
    expect(verdict).not.toHaveTextContent('eventsLast24h');

    fireEvent.click(screen.getByTestId('backButton'));
    fireEvent.click(
      within(await screen.findByTestId('discardChangesModal')).getByText('Discard changes')
    );
  });

  it('the Closer name placeholder is not a Lumos one', async () => {
    renderApp('/', {
      setup: ({ http }) => http.get.mockResolvedValue({ connectors: [], spaceId: 'default' }),
    });
    await userEvent.click(await screen.findByTestId('createFirstConnectorButton'));
    fireEvent.click(within(screen.getByTestId('sourceCard-closer')).getAllByRole('button')[0]);
    expect(await screen.findByTestId('field-name')).toHaveAttribute(
      'placeholder',
      'e.g. Closer SOC'
    );
  });

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
