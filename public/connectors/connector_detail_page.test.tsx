/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConnectorHealth } from '../../common/connectors/health';
import { closerConnector, health, renderApp } from '../test_utils/mock_services';

const FROM = '2025-06-01T00:00:00.000Z';

function degraded(overrides: Partial<ConnectorHealth> = {}): ConnectorHealth {
  const at = new Date(Date.now() - 60_000).toISOString();
  return health({
    status: 'degraded',
    totals: { read: 120, written: 120, duplicates: 0, pipelineErrors: 4 },
    backfill: { complete: true, from: FROM, cursor: at },
    lastRunAt: at,
    lagMs: 60_000,
    failedRecords: { count: 4, since: at, at, message: 'Invalid date "yesterday"' },
    recentRuns: [
      {
        startedAt: at,
        finishedAt: at,
        outcome: 'partial',
        read: 120,
        written: 120,
        duplicates: 0,
        pipelineErrors: 4,
        caughtUp: true,
        pipelineError: 'Invalid date "yesterday"',
      },
    ],
    ...overrides,
  });
}

function renderDetail(connectorHealth: ConnectorHealth) {
  return renderApp('/connectors/c-closer', {
    setup: ({ http }) =>
      http.get.mockResolvedValue(closerConnector({ namespace: 'prod', health: connectorHealth })),
  });
}

const EXPECTED_EVENTS_URL = `/events?kind=pipeline_error&source=closer&namespace=prod&from=${encodeURIComponent(FROM)}&scope=space`;

describe('ConnectorDetailPage', () => {
  it('says why it is degraded and links to exactly the failed records', async () => {
    const { history } = renderDetail(degraded());
    const sentence = await screen.findByTestId('failedRecordsSentence');
    expect(sentence).toHaveTextContent(
      '4 records could not be mapped (last a minute ago) and were indexed as pipeline errors: Invalid date "yesterday"'
    );
    const link = screen.getByTestId('failedRecordsLink');
    expect(link).toHaveTextContent('View the 4 failed records');
    expect(link).toHaveAttribute('href', EXPECTED_EVENTS_URL);
    // The stat links to the same documents.
    expect(screen.getByTestId('statPipelineErrorsLink')).toHaveAttribute(
      'href',
      EXPECTED_EVENTS_URL
    );
    await userEvent.click(link);
    expect(history.location.pathname).toBe('/events');
    expect(new URLSearchParams(history.location.search).get('kind')).toBe('pipeline_error');
  });

  it('names the run outcome after the records that failed, not "success"', async () => {
    renderDetail(degraded());
    const table = await screen.findByTestId('recentRunsTable');
    expect(within(table).getByTestId('runOutcome')).toHaveTextContent('4 records failed');
    expect(table).toHaveTextContent('Invalid date "yesterday"');
  });

  it('shows no failed-records warning once a clean run cleared it, but the stat still links', async () => {
    renderDetail(degraded({ status: 'healthy', failedRecords: undefined }));
    await screen.findByTestId('connectorDetail');
    expect(screen.queryByTestId('failedRecordsCallout')).not.toBeInTheDocument();
    expect(screen.getByTestId('statPipelineErrorsLink')).toHaveTextContent('4');
  });

  it('has a back link to the connectors list', async () => {
    const { history } = renderDetail(degraded());
    const back = await screen.findByTestId('detailBackLink');
    expect(back).toHaveTextContent('Connectors');
    await userEvent.click(back);
    expect(history.location.pathname).toBe('/');
  });

  it('explains lag for Closer and the backfill in tooltips', async () => {
    renderDetail(degraded());
    fireEvent.mouseOver(await screen.findByTestId('lagHelp'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('now minus its own Lag setting');
    fireEvent.mouseOut(screen.getByTestId('lagHelp'));
    fireEvent.mouseOver(screen.getByTestId('backfillHelp'));
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent('includes the run in progress')
    );
  });

  it('shows the moving count of the run in progress, and says the run is running', async () => {
    renderDetail(
      health({
        status: 'pending',
        totals: { read: 0, written: 0, duplicates: 0, pipelineErrors: 0 },
        backfill: { complete: false, from: FROM, cursor: '2025-09-01T00:00:00.000Z' },
        nextRunAt: new Date(Date.now() - 5000).toISOString(),
        running: {
          startedAt: new Date(Date.now() - 10_000).toISOString(),
          read: 2500,
          written: 2400,
          duplicates: 100,
          pipelineErrors: 0,
        },
      })
    );
    expect(await screen.findByTestId('backfillProgressText')).toHaveTextContent('2,400 events');
    expect(screen.getByTestId('statWritten')).toHaveTextContent('2,400');
    expect(screen.getByTestId('detailNextRun')).toHaveTextContent('Running now');
  });

  it('says "Due now" for a run whose time has come, and no "backfill continues" on a failed run', async () => {
    const at = new Date(Date.now() - 1000).toISOString();
    renderDetail(
      health({
        status: 'failing',
        backfill: { complete: false, from: FROM },
        nextRunAt: at,
        lastRunAt: at,
        lastError: { message: 'Closer answered 401', at },
        recentRuns: [
          {
            startedAt: at,
            finishedAt: at,
            outcome: 'failure',
            read: 0,
            written: 0,
            duplicates: 0,
            pipelineErrors: 0,
            caughtUp: false,
            error: 'Closer answered 401',
          },
        ],
      })
    );
    expect(await screen.findByTestId('detailNextRun')).toHaveTextContent('Due now');
    expect(screen.getByTestId('lastErrorCallout')).toHaveTextContent('Closer answered 401');
    const table = screen.getByTestId('recentRunsTable');
    expect(table).not.toHaveTextContent('backfill continues');
    expect(within(table).getByTestId('runOutcome')).toHaveTextContent('Failed');
  });

  it('shows the app description only on the connectors list', async () => {
    renderDetail(degraded());
    await screen.findByTestId('connectorDetail');
    expect(screen.getByTestId('auditSourcesHeader')).not.toHaveTextContent('Pull Lumos');
  });
});
