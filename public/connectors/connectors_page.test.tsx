/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConnectorView } from '../../common/connectors/view';
import {
  closerConnector,
  health,
  httpError,
  lumosConnector,
  renderApp,
  withInlineComputedStyle,
} from '../test_utils/mock_services';

/*
 * EUI's focus traps (confirm modals, flyout) call getComputedStyle on every focusable node, which
 * jsdom answers by matching each of Emotion's hundreds of <style> rules: seconds per call here.
 * Inline styles are enough for focus-lock's visibility checks (connector_flyout.test.tsx does the
 * same).
 */
withInlineComputedStyle();

/** `count` Lumos connectors "Connector 01"…, in namespaces team_a / team_b alternately. */
function many(count: number): ConnectorView[] {
  return Array.from({ length: count }, (_, i) =>
    lumosConnector({
      id: `c-${i + 1}`,
      name: `Connector ${String(i + 1).padStart(2, '0')}`,
      namespace: i % 2 === 0 ? 'team_a' : 'team_b',
      health: health({ totals: { read: i, written: i, duplicates: 0, pipelineErrors: 0 } }),
    })
  );
}

const rowNames = () =>
  screen.queryAllByTestId('connectorLink').map((link) => link.textContent ?? '');

/** A promise with its resolve/reject outside, to hold a request open. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

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

  it('opens the create flyout with the source of the empty-state card picked', async () => {
    renderApp('/', {
      setup: ({ http }) => http.get.mockResolvedValue({ connectors: [], spaceId: 'default' }),
    });
    await userEvent.click(await screen.findByTestId('emptyStateSource-closer'));
    const flyout = await screen.findByTestId('connectorFlyout');
    expect(within(flyout).getByTestId('field-settings.url')).toBeInTheDocument();
  }, 30_000);

  it('shows full names, so two long look-alike names stay apart', async () => {
    const long = 'Newcomer onboarding tenant with a very long descriptive name';
    renderApp('/', {
      setup: ({ http }) =>
        http.get.mockResolvedValue({
          connectors: [
            lumosConnector({ id: 'a', name: `${long} (EU)` }),
            lumosConnector({ id: 'b', name: `${long} (US)` }),
          ],
          spaceId: 'default',
        }),
    });
    await screen.findByTestId(`connectorRow-${long} (EU)`);
    expect(rowNames()).toEqual([`${long} (EU)`, `${long} (US)`]);
  });

  it('searches by name, source and namespace, case-insensitively', async () => {
    renderApp('/', {
      setup: ({ http }) =>
        http.get.mockResolvedValue({
          connectors: [
            ...many(3),
            closerConnector({ id: 'x', name: 'SOC index', namespace: 'soc' }),
          ],
          spaceId: 'default',
        }),
    });
    await screen.findByText('SOC index');
    const search = screen.getByTestId('connectorsSearch');
    await userEvent.type(search, 'connector 02');
    expect(rowNames()).toEqual(['Connector 02']);
    await userEvent.clear(search);
    await userEvent.type(search, 'CLOSER');
    expect(rowNames()).toEqual(['SOC index']);
    await userEvent.clear(search);
    await userEvent.type(search, 'team_a');
    expect(rowNames()).toEqual(['Connector 01', 'Connector 03']);
    await userEvent.clear(search);
    await userEvent.type(search, 'nothing like it');
    expect(rowNames()).toEqual([]);
    expect(screen.getByText('No connector matches “nothing like it”')).toBeInTheDocument();
  }, 30_000);

  it('pages 10, 25 or 50 at a time and sorts by a column', async () => {
    renderApp('/', {
      setup: ({ http }) => http.get.mockResolvedValue({ connectors: many(27), spaceId: 'default' }),
    });
    await screen.findByText('Connector 01');
    expect(rowNames()).toHaveLength(10);
    await userEvent.click(screen.getByTestId('pagination-button-2'));
    expect(rowNames()).toEqual([
      'Connector 21',
      'Connector 22',
      'Connector 23',
      'Connector 24',
      'Connector 25',
      'Connector 26',
      'Connector 27',
    ]);
    await userEvent.click(screen.getByTestId('tablePaginationPopoverButton'));
    await userEvent.click(await screen.findByTestId('tablePagination-25-rows'));
    expect(rowNames()).toHaveLength(25);
    expect(rowNames()[0]).toBe('Connector 01');
    // Events ingested, descending: the busiest first.
    const header = screen.getByTestId('tableHeaderCell_written_5');
    await userEvent.click(within(header).getByRole('button'));
    await userEvent.click(within(header).getByRole('button'));
    expect(rowNames()[0]).toBe('Connector 27');
    const nameHeader = screen.getByTestId('tableHeaderCell_name_0');
    await userEvent.click(within(nameHeader).getByRole('button'));
    expect(rowNames()[0]).toBe('Connector 01');
  }, 60_000);

  it('disables the selection after a confirmation naming them', async () => {
    const connectors = many(3);
    const { http, toasts } = renderApp('/', {
      setup: ({ http }) => {
        http.get.mockResolvedValue({ connectors, spaceId: 'default' });
        http.put.mockImplementation(async (path: string) => {
          const id = path.split('/').pop();
          const connector = connectors.find((c) => c.id === id)!;
          return { ...connector, enabled: false, health: health({ status: 'disabled' }) };
        });
      },
    });
    await screen.findByText('Connector 01');
    for (const name of ['Connector 01', 'Connector 03']) {
      const row = screen.getByTestId(`connectorRow-${name}`);
      await userEvent.click(within(row).getByRole('checkbox'));
    }
    expect(screen.getByTestId('bulkSelectedCount')).toHaveTextContent('2 connectors selected');
    await userEvent.click(screen.getByTestId('bulkDisableButton'));
    const modal = await screen.findByTestId('bulkConfirmModal');
    expect(modal).toHaveTextContent('Disable 2 connectors?');
    expect(within(modal).getByTestId('bulkConfirmNames')).toHaveTextContent(
      'Connector 01Connector 03'
    );
    expect(http.put).not.toHaveBeenCalled();
    await userEvent.click(within(modal).getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(toasts.addSuccess).toHaveBeenCalledWith('Disabled 2 connectors'));
    expect(http.put.mock.calls.map(([path]) => path).sort()).toEqual([
      '/internal/audit_sources/connectors/c-1',
      '/internal/audit_sources/connectors/c-3',
    ]);
    expect(JSON.parse(http.put.mock.calls[0][1].body)).toEqual({ kind: 'lumos', enabled: false });
    const switches = screen.getAllByTestId('enabledSwitch');
    expect(switches.map((s) => s.getAttribute('aria-checked'))).toEqual(['false', 'true', 'false']);
  }, 30_000);

  it('deletes the selection after confirming, and reports a failure with its reason', async () => {
    const { http, toasts } = renderApp('/', {
      setup: ({ http }) => {
        http.get.mockResolvedValue({ connectors: many(2), spaceId: 'default' });
        http.delete.mockImplementation(async (path: string) => {
          if (path.endsWith('/c-2')) throw httpError(403, 'Forbidden: missing auditSources-write');
          return {};
        });
      },
    });
    await screen.findByText('Connector 01');
    await userEvent.click(screen.getByTestId('checkboxSelectAll'));
    await userEvent.click(screen.getByTestId('bulkDeleteButton'));
    const modal = await screen.findByTestId('bulkConfirmModal');
    expect(modal).toHaveTextContent('Delete 2 connectors?');
    await userEvent.click(within(modal).getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(toasts.addSuccess).toHaveBeenCalledWith('Deleted 1 connector'));
    expect(http.delete).toHaveBeenCalledTimes(2);
    expect(toasts.addError).toHaveBeenCalledWith(expect.any(Error), {
      title: '1 connector was not changed',
      toastMessage: '“Connector 02”: Forbidden: missing auditSources-write',
    });
    expect(rowNames()).toEqual(['Connector 02']);
  }, 30_000);

  it('flips the switch at once, shows it saving, and rolls back with a toast on error', async () => {
    const answer = deferred<unknown>();
    const { toasts } = renderApp('/', {
      setup: ({ http }) => {
        http.get.mockResolvedValue({ connectors: [lumosConnector()], spaceId: 'default' });
        http.put.mockReturnValue(answer.promise);
      },
    });
    const row = await screen.findByTestId('connectorRow-Lumos prod');
    const toggle = within(row).getByTestId('enabledSwitch');
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(toggle);
    // Before the server answers: already off, disabled while saving, with a spinner.
    expect(within(row).getByTestId('enabledSwitch')).toHaveAttribute('aria-checked', 'false');
    expect(within(row).getByTestId('enabledSwitch')).toBeDisabled();
    expect(within(row).getByTestId('enabledSwitchPending')).toBeInTheDocument();
    answer.reject(httpError(409, 'The connector was changed by someone else in the meantime'));
    await waitFor(() =>
      expect(within(row).getByTestId('enabledSwitch')).toHaveAttribute('aria-checked', 'true')
    );
    expect(within(row).queryByTestId('enabledSwitchPending')).not.toBeInTheDocument();
    expect(toasts.addError).toHaveBeenCalledWith(expect.any(Error), {
      title: 'Could not disable “Lumos prod”',
      toastMessage: 'The connector was changed by someone else in the meantime',
    });
  }, 30_000);
});
