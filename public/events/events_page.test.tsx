/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import '@testing-library/jest-dom';
import React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ROUTES, type EventRow } from '../../common/api/routes';
import { httpError, renderApp, renderWithServices } from '../test_utils/mock_services';
import { EventFlyout, flattenDocument } from './event_flyout';
import { eventsPath, eventsQueryFromUrl } from './events_url';
import { FILTER_DEBOUNCE_MS } from './use_debounced_text';

const lumosRow: EventRow = {
  id: 'doc-1',
  index: '.ds-logs-lumos.activity_logs-default-2026.01.01-000001',
  timestamp: '2026-01-01T10:00:00.000Z',
  source: 'lumos',
  action: 'USER_LOGIN',
  outcome: 'success',
  kind: 'event',
  user: 'alice@example.com',
  message: 'A user logged in',
};

const errorRow: EventRow = {
  id: 'doc-2',
  index: '.ds-logs-closer.security-default-2026.01.01-000001',
  timestamp: '2026-01-01T11:00:00.000Z',
  source: 'closer',
  kind: 'pipeline_error',
  user: 'u-42',
  errorMessage: 'Not a Closer record: event.created: is required',
};

type Get = jest.Mock;

// EUI's tables and flyouts render slowly in jsdom on a loaded machine; nothing here is timed.
jest.setTimeout(60_000);

/** core.http.get answering each route: events, suggestions and documents. */
function answer(
  get: Get,
  handlers: {
    events?: (query: Record<string, unknown>) => unknown;
    document?: (query: Record<string, unknown>) => unknown;
  } = {}
) {
  get.mockImplementation(async (path: string, options: { query?: Record<string, unknown> }) => {
    const query = options?.query ?? {};
    if (path === ROUTES.events) {
      return handlers.events?.(query) ?? { total: 2, events: [lumosRow, errorRow] };
    }
    if (path === ROUTES.eventSuggestions) return { values: [`${String(query.field)}-value`] };
    if (path === ROUTES.eventDocument) {
      return (
        handlers.document?.(query) ?? {
          index: query.index,
          id: query.id,
          document: {
            '@timestamp': lumosRow.timestamp,
            event: { action: 'USER_LOGIN', category: ['authentication', 'iam'] },
            user: { email: 'alice@example.com' },
          },
        }
      );
    }
    throw new Error(`unexpected ${path}`);
  });
}

function eventsCalls(get: Get): Array<Record<string, unknown>> {
  return get.mock.calls
    .filter(([path]) => path === ROUTES.events)
    .map(([, options]) => (options as { query: Record<string, unknown> }).query);
}

describe('events URL state', () => {
  it('reads each key with the route codec, dropping only the bad ones', () => {
    expect(
      eventsQueryFromUrl('?query=a%3Ab&kind=pipeline_error&sort=message&page=3&perPage=x&scope=all')
    ).toEqual({ query: 'a:b', kind: 'pipeline_error', page: 3, scope: 'all' });
    // The link other pages build.
    expect(
      eventsQueryFromUrl(
        eventsPath({
          kind: 'pipeline_error',
          source: 'closer',
          namespace: 'prod',
          from: '2026-01-01',
        }).split('?')[1]
      )
    ).toEqual({ kind: 'pipeline_error', source: 'closer', namespace: 'prod', from: '2026-01-01' });
  });

  it('flattens a document into dotted fields like the doc viewer', () => {
    expect(
      flattenDocument({ a: { b: 1, c: ['x', 'y'], d: [{ e: 1 }] }, '@timestamp': 't', f: {} })
    ).toEqual([
      { field: '@timestamp', value: 't' },
      { field: 'a.b', value: '1' },
      { field: 'a.c', value: 'x, y' },
      { field: 'a.d', value: '[{"e":1}]' },
      { field: 'f', value: '{}' },
    ]);
  });
});

describe('EventsPage', () => {
  afterEach(() => jest.useRealTimers());

  it('searches what the URL says, and writes every change back to it', async () => {
    const { http, history } = renderApp(
      '/events?query=user.id%3Au-42&kind=pipeline_error&sort=user&order=desc&page=2&from=now-30d&scope=all',
      { setup: ({ http }) => answer(http.get) }
    );
    await screen.findAllByTestId('eventRow');
    expect(eventsCalls(http.get)[0]).toEqual({
      query: 'user.id:u-42',
      kind: 'pipeline_error',
      sort: 'user',
      order: 'desc',
      page: 2,
      from: 'now-30d',
      to: 'now',
      scope: 'all',
    });
    expect(screen.getByTestId('eventsQuery')).toHaveValue('user.id:u-42');
    expect(screen.getByTestId('eventsKindFilter')).toHaveValue('pipeline_error');
    expect(screen.getByTestId('eventsScopeFilter')).toHaveValue('all');

    fireEvent.change(screen.getByTestId('eventsOutcomeFilter'), { target: { value: 'failure' } });
    await waitFor(() => expect(history.location.search).toContain('outcome=failure'));
    // A new filter starts at the first page; the rest of the state stays.
    expect(eventsQueryFromUrl(history.location.search)).toEqual({
      query: 'user.id:u-42',
      kind: 'pipeline_error',
      outcome: 'failure',
      sort: 'user',
      order: 'desc',
      from: 'now-30d',
      scope: 'all',
    });
    await waitFor(() =>
      expect(eventsCalls(http.get).at(-1)).toMatchObject({
        outcome: 'failure',
        query: 'user.id:u-42',
      })
    );

    // Sorting by a column: the allow-listed field name goes to the URL and the route.
    fireEvent.click(within(screen.getByTestId('eventsTable')).getByText('event.action'));
    await waitFor(() => expect(history.location.search).toContain('sort=event.action'));
    await waitFor(() =>
      expect(eventsCalls(http.get).at(-1)).toMatchObject({ sort: 'event.action' })
    );
  });

  it('applies a typed filter once typing pauses, without Enter, and suggests values', async () => {
    jest.useFakeTimers();
    const { http, history } = renderApp('/events', { setup: ({ http }) => answer(http.get) });
    await act(async () => {
      await jest.runOnlyPendingTimersAsync();
    });
    const before = eventsCalls(http.get).length;
    const user = screen.getByTestId('eventsUserFilter');
    fireEvent.change(user, { target: { value: 'Al' } });
    fireEvent.change(user, { target: { value: 'Alice' } });
    await act(async () => {
      await jest.advanceTimersByTimeAsync(FILTER_DEBOUNCE_MS - 50);
    });
    // Still typing: nothing applied yet.
    expect(eventsCalls(http.get)).toHaveLength(before);
    expect(history.location.search).toBe('');
    await act(async () => {
      await jest.advanceTimersByTimeAsync(100);
    });
    expect(history.location.search).toBe('?user=Alice');
    await act(async () => {
      await jest.runOnlyPendingTimersAsync();
    });
    expect(eventsCalls(http.get).slice(before)).toEqual([
      expect.objectContaining({ user: 'Alice' }),
    ]);
    const suggestionCalls = http.get.mock.calls.filter(
      ([path]) => path === ROUTES.eventSuggestions
    );
    expect(suggestionCalls.at(-1)?.[1]).toMatchObject({
      query: { field: 'user', prefix: 'Alice' },
    });
    const options = screen.getByTestId('eventsUserFilterSuggestions').querySelectorAll('option');
    expect([...options].map((option) => option.value)).toEqual(['user-value']);
    expect(user).toHaveAttribute('list', 'eventsUserFilter-suggestions');

    // Enter on a value already applied searches again (like Refresh), with the same filters.
    fireEvent.keyDown(user, { key: 'Enter' });
    await act(async () => {
      await jest.runOnlyPendingTimersAsync();
    });
    expect(eventsCalls(http.get).slice(before)).toEqual([
      expect.objectContaining({ user: 'Alice' }),
      expect.objectContaining({ user: 'Alice' }),
    ]);
  });

  it('shows a Lucene syntax error under the search bar, without stale rows or a toast', async () => {
    const reason = 'Cannot parse \'user.email:(alice\': Encountered "<EOF>" at line 1, column 17.';
    const { toasts } = renderApp('/events?query=user.email%3A(alice', {
      setup: ({ http }) =>
        answer(http.get, {
          events: (query) => {
            if (query.query) {
              throw httpError(400, `query: ${reason}`, { fields: { query: reason } });
            }
            return undefined;
          },
        }),
    });
    const row = await screen.findByTestId('eventsQueryRow');
    await waitFor(() => expect(row).toHaveTextContent(reason));
    expect(screen.queryByTestId('eventRow')).not.toBeInTheDocument();
    expect(screen.queryByTestId('eventsTotal')).not.toBeInTheDocument();
    expect(screen.queryByTestId('eventsError')).not.toBeInTheDocument();
    expect(toasts.addError).not.toHaveBeenCalled();
  });

  it('shows an error.message column, the pipeline_error badge and tooltips', async () => {
    renderApp('/events', { setup: ({ http }) => answer(http.get) });
    const rows = await screen.findAllByTestId('eventRow');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]).getByTestId('eventPipelineError')).toHaveTextContent('pipeline_error');
    expect(within(rows[1]).getByTestId('eventErrorMessage')).toHaveTextContent(
      'Not a Closer record'
    );
    expect(within(rows[1]).getByTestId('eventUser')).toHaveTextContent('u-42');
    expect(within(rows[0]).getByTestId('eventDataStream')).toHaveTextContent(
      'logs-lumos.activity_logs-default'
    );
    expect(within(rows[0]).getByTestId('eventTimestamp')).toHaveClass('eui-textNoWrap');
    expect(screen.getByTestId('eventsTotal')).toHaveTextContent('2 events');
  });

  it('opens the document of a clicked row in a flyout', async () => {
    const { http } = renderApp('/events', { setup: ({ http }) => answer(http.get) });
    const rows = await screen.findAllByTestId('eventRow');
    // Slow in jsdom only: the flyout's focus trap calls getComputedStyle on every focusable
    // element, and jsdom re-reads all of EUI's stylesheets for each call.
    fireEvent.click(within(rows[0]).getByText('A user logged in'));
    const flyout = await screen.findByTestId('eventFlyout');
    expect(http.get).toHaveBeenCalledWith(
      ROUTES.eventDocument,
      expect.objectContaining({ query: { index: lumosRow.index, id: 'doc-1' } })
    );
    expect(await within(flyout).findByTestId('eventField-user.email')).toHaveTextContent(
      'alice@example.com'
    );
  }, 180_000);
  it('keeps the namespace filter working without toasts and shows its 400 under the field', async () => {
    const { toasts } = renderApp('/events?namespace=a-b', {
      setup: ({ http }) =>
        answer(http.get, {
          events: (query) => {
            if (query.namespace === 'a-b') {
              throw httpError(400, '[request query]: namespace: Namespace cannot contain -');
            }
            return undefined;
          },
        }),
    });
    await waitFor(() => expect(screen.getByText('Namespace cannot contain -')).toBeInTheDocument());
    expect(toasts.addError).not.toHaveBeenCalled();
  });
});

describe('EventFlyout', () => {
  function renderFlyout(document: () => unknown, row: EventRow = lumosRow) {
    return renderWithServices(<EventFlyout row={row} onClose={() => undefined} />, ({ http }) =>
      http.get.mockImplementation(async () => document())
    );
  }

  it('shows the full document as a field table and as JSON, like the doc viewer', async () => {
    const { http } = renderFlyout(() => ({
      index: lumosRow.index,
      id: 'doc-1',
      document: {
        '@timestamp': lumosRow.timestamp,
        event: { action: 'USER_LOGIN', category: ['authentication', 'iam'] },
        user: { email: 'alice@example.com' },
      },
    }));
    const flyout = await screen.findByTestId('eventFlyout');
    expect(http.get).toHaveBeenCalledWith(
      ROUTES.eventDocument,
      expect.objectContaining({ query: { index: lumosRow.index, id: 'doc-1' } })
    );
    expect(within(flyout).getByRole('heading')).toHaveTextContent('USER_LOGIN');
    expect(within(flyout).getByTestId('eventFlyoutSubtitle')).toHaveTextContent(
      'logs-lumos.activity_logs-default, document doc-1'
    );
    const category = await within(flyout).findByTestId('eventField-event.category');
    expect(category).toHaveTextContent('authentication, iam');
    expect(within(flyout).getByTestId('eventField-user.email')).toHaveTextContent(
      'alice@example.com'
    );
    fireEvent.click(within(flyout).getByTestId('eventFlyoutTab-json'));
    expect(within(flyout).getByTestId('eventFlyoutJson')).toHaveTextContent(
      '"action": "USER_LOGIN"'
    );
  });

  it("says why a document cannot be read, in the server's words", async () => {
    renderFlyout(() => {
      throw httpError(404, 'No event doc-2 in .ds-logs-closer: it may have been deleted');
    }, errorRow);
    expect(await screen.findByTestId('eventFlyoutError')).toHaveTextContent(
      'it may have been deleted'
    );
    expect(screen.getByRole('heading')).toHaveTextContent('Record that could not be mapped');
  });
});
