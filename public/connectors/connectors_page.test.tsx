/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  closerConnector,
  health,
  httpError,
  lumosConnector,
  renderApp,
} from '../test_utils/mock_services';

describe('ConnectorsPage', () => {
  it('explains what to do first when there are no connectors', async () => {
    const { http, chrome } = renderApp('/', {
      setup: ({ http }) => http.get.mockResolvedValue({ connectors: [], spaceId: 'default' }),
    });
    const prompt = await screen.findByTestId('connectorsEmptyPrompt');
    expect(prompt).toHaveTextContent('Add your first audit source');
    expect(prompt).toHaveTextContent('Lumos API token (lsk_');
    expect(prompt).toHaveTextContent('user or API key that can read the Closer index');
    expect(http.get).toHaveBeenCalledWith(
      '/internal/audit_sources/connectors',
      expect.objectContaining({})
    );
    expect(http.get.mock.calls[0][1]).not.toHaveProperty('version');
    expect(chrome.setBreadcrumbs).toHaveBeenCalledWith([
      expect.objectContaining({ text: 'Audit Sources' }),
      { text: 'Connectors' },
    ]);
    expect(chrome.docTitle.change).toHaveBeenCalledWith(['Connectors', 'Audit Sources']);
  });

  it('shows each health state, last error in a tooltip, counts and lag', async () => {
    const now = Date.now();
    renderApp('/', {
      setup: ({ http }) =>
        http.get.mockResolvedValue({
          connectors: [
            lumosConnector({
              id: 'a',
              name: 'A healthy',
              health: health({
                lagMs: 90_000,
                totals: { read: 1234, written: 1234, duplicates: 0, pipelineErrors: 0 },
              }),
            }),
            lumosConnector({
              id: 'b',
              name: 'B failing',
              health: health({
                status: 'failing',
                lastError: { message: 'Lumos answered 401', at: new Date(now).toISOString() },
              }),
            }),
            closerConnector({
              id: 'c',
              name: 'C degraded',
              health: health({ status: 'degraded' }),
            }),
            closerConnector({
              id: 'd',
              name: 'D pending',
              health: health({ status: 'pending', backfill: { complete: false } }),
            }),
            closerConnector({
              id: 'e',
              name: 'E disabled',
              enabled: false,
              health: health({ status: 'disabled' }),
            }),
          ],
          spaceId: 'default',
        }),
    });
    await screen.findByText('A healthy');
    expect(screen.getByTestId('healthBadge-healthy')).toHaveTextContent('Healthy');
    expect(screen.getByTestId('healthBadge-failing')).toHaveTextContent('Failing');
    expect(screen.getByTestId('healthBadge-degraded')).toHaveTextContent('Degraded');
    expect(screen.getByTestId('healthBadge-pending')).toHaveTextContent('Pending');
    expect(screen.getByTestId('healthBadge-disabled')).toHaveTextContent('Disabled');
    const rowA = screen.getByTestId('connectorRow-A healthy');
    expect(within(rowA).getByTestId('eventsIngested')).toHaveTextContent('1,234');
    expect(rowA).toHaveTextContent('1m 30s');

    await userEvent.hover(screen.getByTestId('healthBadge-failing'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Lumos answered 401');
  });

  it('toasts the server message when the list cannot be loaded', async () => {
    const { toasts } = renderApp('/', {
      setup: ({ http }) =>
        http.get.mockRejectedValue(
          httpError(403, 'Forbidden: missing privilege auditSources-read')
        ),
    });
    expect(await screen.findByTestId('connectorsLoadError')).toHaveTextContent(
      'missing privilege auditSources-read'
    );
    expect(toasts.addError).toHaveBeenCalledWith(expect.any(Error), {
      title: 'Could not load connectors',
      toastMessage: 'Forbidden: missing privilege auditSources-read',
    });
  });

  it('deletes after confirming', async () => {
    const { http, toasts } = renderApp('/', {
      setup: ({ http }) => {
        http.get.mockResolvedValue({ connectors: [lumosConnector()], spaceId: 'default' });
        http.delete.mockResolvedValue({});
      },
    });
    const row = await screen.findByTestId('connectorRow-Lumos prod');
    await userEvent.click(within(row).getByTestId('euiCollapsedItemActionsButton'));
    await userEvent.click(await screen.findByTestId('deleteAction'));
    const modal = await screen.findByTestId('deleteConnectorModal');
    await userEvent.click(within(modal).getByTestId('confirmModalConfirmButton'));
    await waitFor(() =>
      expect(http.delete).toHaveBeenCalledWith('/internal/audit_sources/connectors/c-lumos')
    );
    expect(toasts.addSuccess).toHaveBeenCalledWith('Deleted “Lumos prod”');
  }, 30_000);
});
