import React, { useCallback, useEffect, useRef, useState } from 'react';
import {
  EuiBadge,
  EuiBasicTable,
  EuiCallOut,
  EuiFieldSearch,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiHealth,
  EuiPageTemplate,
  EuiSelect,
  EuiSpacer,
  EuiSuperDatePicker,
  EuiText,
  type CriteriaWithPagination,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { EventRow, EventsQuery, EventsResponse } from '../../common/api/routes';
import { AppPage, useBreadcrumbs } from '../application/app';
import { useNotify, useServices } from '../application/app_context';
import { formatTimestamp } from '../connectors/format';
import { errorMessage } from '../services/http_error';

type Outcome = NonNullable<EventsQuery['outcome']>;
type SourceFilter = NonNullable<EventsQuery['source']>;
type Scope = NonNullable<EventsQuery['scope']>;

interface Filters {
  from: string;
  to: string;
  query: string;
  source: SourceFilter;
  scope: Scope;
  outcome: Outcome | '';
  action: string;
  user: string;
  namespace: string;
}

/** `logs-lumos.activity_logs-prod` from a backing index `.ds-logs-lumos.activity_logs-prod-2026.01.02-000001`. */
export function dataStreamOf(index: string): string {
  return index.replace(/^\.ds-/, '').replace(/-\d{4}\.\d{2}\.\d{2}-\d+$/, '');
}

const OUTCOME_COLOR: Record<string, string> = {
  success: 'success',
  failure: 'danger',
  unknown: 'subdued',
};

const columns: Array<EuiBasicTableColumn<EventRow>> = [
  {
    field: 'timestamp',
    name: '@timestamp',
    width: '200px',
    render: (timestamp: string) => formatTimestamp(timestamp),
  },
  {
    field: 'source',
    name: 'Source',
    width: '90px',
    render: (source: string) => <EuiBadge color="hollow">{source}</EuiBadge>,
  },
  { field: 'action', name: 'event.action', truncateText: true },
  {
    field: 'outcome',
    name: 'event.outcome',
    width: '120px',
    render: (outcome?: string) =>
      outcome ? <EuiHealth color={OUTCOME_COLOR[outcome] ?? 'subdued'}>{outcome}</EuiHealth> : '—',
  },
  { field: 'user', name: 'User', truncateText: true },
  {
    field: 'index',
    name: 'Data stream',
    truncateText: true,
    render: (index: string) => (
      <EuiText size="xs" color="subdued" data-test-subj="eventDataStream">
        {dataStreamOf(index)}
      </EuiText>
    ),
  },
  { field: 'sourceIp', name: 'source.ip', width: '130px' },
  { field: 'message', name: 'Message', truncateText: true },
];

/** A quick look at the ingested events without leaving the app. */
export function EventsPage() {
  useBreadcrumbs([{ text: 'Events' }]);
  const { api } = useServices();
  const notify = useNotify();
  const [filters, setFilters] = useState<Filters>({
    from: 'now-7d',
    to: 'now',
    query: '',
    source: 'all',
    scope: 'space',
    outcome: '',
    action: '',
    user: '',
    namespace: '',
  });
  const [draftText, setDraftText] = useState({ query: '', action: '', user: '', namespace: '' });
  const [page, setPage] = useState({ index: 0, size: 25 });
  const [result, setResult] = useState<EventsResponse | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [refreshToken, setRefreshToken] = useState(0);
  const latestRequest = useRef(0);

  const search = useCallback(async () => {
    const requestId = ++latestRequest.current;
    setLoading(true);
    try {
      const response = await api.events({
        from: filters.from,
        to: filters.to,
        query: filters.query || undefined,
        source: filters.source,
        scope: filters.scope,
        outcome: filters.outcome || undefined,
        action: filters.action || undefined,
        user: filters.user || undefined,
        namespace: filters.namespace || undefined,
        page: page.index + 1,
        perPage: page.size,
      });
      if (requestId !== latestRequest.current) return;
      setResult(response);
      setError(undefined);
    } catch (caught) {
      if (requestId !== latestRequest.current) return;
      setError(errorMessage(caught));
      notify.error(caught, 'Could not search events');
    } finally {
      if (requestId === latestRequest.current) setLoading(false);
    }
  }, [api, filters, page, notify]);

  useEffect(() => {
    void search();
    // refreshToken re-runs the same search (the date picker's Refresh button).
  }, [search, refreshToken]);

  const apply = (patch: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    setPage((current) => ({ ...current, index: 0 }));
  };

  return (
    <AppPage selectedTab="events">
      <EuiPageTemplate.Section>
        <EuiFlexGroup gutterSize="s" wrap responsive={false}>
          <EuiFlexItem grow={3} style={{ minWidth: 280 }}>
            <EuiFieldSearch
              fullWidth
              placeholder='Search events, e.g. "USER_LOGIN" or user.email:alice@example.com'
              value={draftText.query}
              onChange={(event) => setDraftText((d) => ({ ...d, query: event.target.value }))}
              onSearch={(value) => apply({ query: value.trim() })}
              isClearable
              incremental={false}
              data-test-subj="eventsQuery"
            />
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiSuperDatePicker
              start={filters.from}
              end={filters.to}
              onTimeChange={({ start, end }) => apply({ from: start, to: end })}
              onRefresh={() => setRefreshToken((n) => n + 1)}
              isLoading={loading}
              width="auto"
              data-test-subj="eventsDatePicker"
            />
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="s" />
        <EuiFlexGroup gutterSize="s" wrap responsive={false}>
          <EuiFlexItem grow={false} style={{ minWidth: 160 }}>
            <EuiFormRow label="Source" display="rowCompressed">
              <EuiSelect
                compressed
                value={filters.source}
                options={[
                  { value: 'all', text: 'All sources' },
                  { value: 'lumos', text: 'Lumos' },
                  { value: 'closer', text: 'Closer' },
                ]}
                onChange={(event) => apply({ source: event.target.value as SourceFilter })}
                data-test-subj="eventsSourceFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 220 }}>
            <EuiFormRow label="Data streams" display="rowCompressed">
              <EuiSelect
                compressed
                value={filters.scope}
                options={[
                  { value: 'space', text: "This space's connectors" },
                  { value: 'all', text: 'All that I can read' },
                ]}
                onChange={(event) => apply({ scope: event.target.value as Scope })}
                data-test-subj="eventsScopeFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 160 }}>
            <EuiFormRow label="Outcome" display="rowCompressed">
              <EuiSelect
                compressed
                value={filters.outcome}
                options={[
                  { value: '', text: 'Any outcome' },
                  { value: 'success', text: 'Success' },
                  { value: 'failure', text: 'Failure' },
                  { value: 'unknown', text: 'Unknown' },
                ]}
                onChange={(event) => apply({ outcome: event.target.value as Outcome | '' })}
                data-test-subj="eventsOutcomeFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 200 }}>
            <EuiFormRow label="Action" display="rowCompressed">
              <EuiFieldText
                compressed
                placeholder="event.action"
                value={draftText.action}
                onChange={(event) => setDraftText((d) => ({ ...d, action: event.target.value }))}
                onBlur={() => apply({ action: draftText.action.trim() })}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') apply({ action: draftText.action.trim() });
                }}
                data-test-subj="eventsActionFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 200 }}>
            <EuiFormRow label="User" display="rowCompressed">
              <EuiFieldText
                compressed
                placeholder="user.name or user.email"
                value={draftText.user}
                onChange={(event) => setDraftText((d) => ({ ...d, user: event.target.value }))}
                onBlur={() => apply({ user: draftText.user.trim() })}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') apply({ user: draftText.user.trim() });
                }}
                data-test-subj="eventsUserFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 180 }}>
            <EuiFormRow label="Namespace" display="rowCompressed">
              <EuiFieldText
                compressed
                placeholder="data_stream.namespace"
                value={draftText.namespace}
                onChange={(event) => setDraftText((d) => ({ ...d, namespace: event.target.value }))}
                onBlur={() => apply({ namespace: draftText.namespace.trim() })}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') apply({ namespace: draftText.namespace.trim() });
                }}
                data-test-subj="eventsNamespaceFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        {error ? (
          <>
            <EuiCallOut color="danger" iconType="error" title="Could not search events" size="s">
              <p data-test-subj="eventsError">{error}</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        {result ? (
          <EuiText size="xs" color="subdued" data-test-subj="eventsTotal">
            {result.total.toLocaleString('en-US')} events
            {result.dataStreams && result.dataStreams.length > 0 ? (
              <span data-test-subj="eventsDataStreams"> in {result.dataStreams.join(', ')}</span>
            ) : null}
          </EuiText>
        ) : null}
        <EuiSpacer size="s" />
        <EuiBasicTable<EventRow>
          tableCaption="Events"
          items={result?.events ?? []}
          itemId="id"
          columns={columns}
          loading={loading}
          noItemsMessage={
            loading
              ? 'Searching…'
              : result?.dataStreams?.length === 0
                ? 'No connector of this space writes events of this source or namespace. Choose "All that I can read" under Data streams to search every namespace.'
                : 'No events match these filters in this time range.'
          }
          pagination={{
            pageIndex: page.index,
            pageSize: page.size,
            totalItemCount: result?.total ?? 0,
            pageSizeOptions: [10, 25, 50, 100],
          }}
          onChange={({ page: next }: CriteriaWithPagination<EventRow>) => {
            if (next) setPage({ index: next.index, size: next.size });
          }}
          rowProps={() => ({ 'data-test-subj': 'eventRow' })}
          data-test-subj="eventsTable"
        />
      </EuiPageTemplate.Section>
    </AppPage>
  );
}
