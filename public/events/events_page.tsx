import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useHistory, useLocation } from 'react-router-dom';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButtonIcon,
  EuiCallOut,
  EuiFieldSearch,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiHealth,
  EuiLink,
  EuiPageTemplate,
  EuiSelect,
  EuiSpacer,
  EuiSuperDatePicker,
  EuiText,
  EuiToolTip,
  type CriteriaWithPagination,
  type EuiBasicTableColumn,
  type EuiTableSortingType,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type {
  EventRow,
  EventsQuery,
  EventsResponse,
  EventsSortField,
  SuggestionField,
} from '../../common/api/routes';
import { AppPage, useBreadcrumbs } from '../application/app';
import { useServices } from '../application/app_context';
import { formatTimestamp } from '../connectors/format';
import { errorMessage, fieldErrorsFromError } from '../services/http_error';
import { PUBLIC_SOURCES } from '../sources/registry';
import { dataStreamOf } from './data_stream';
import { EventFlyout } from './event_flyout';
import { fetchEventSuggestions } from './events_api';
import { eventsPath, eventsQueryFromUrl, eventsUrlState } from './events_url';
import { useDebouncedText } from './use_debounced_text';

type Outcome = NonNullable<EventsQuery['outcome']>;
type SourceFilter = NonNullable<EventsQuery['source']>;
type Scope = NonNullable<EventsQuery['scope']>;
type Kind = NonNullable<EventsQuery['kind']>;

export const DEFAULT_FROM = 'now-7d';
const DEFAULT_TO = 'now';
const DEFAULT_PAGE_SIZE = 25;

/** The Lucene syntax reference (the search bar is Elasticsearch query_string). */
const QUERY_SYNTAX_URL =
  'https://www.elastic.co/docs/reference/query-languages/query-dsl/query-dsl-query-string-query#query-string-syntax';

/** The request fields whose 400s are shown under their own control, not in a callout. */
const FIELDS_WITH_ERRORS = ['query', 'namespace', 'action', 'user', 'from', 'to'] as const;
type FieldErrors = Partial<Record<(typeof FIELDS_WITH_ERRORS)[number], string>>;

/** The table column (EventRow key) each sortable field is shown in. */
const SORT_COLUMNS: Partial<Record<keyof EventRow, EventsSortField>> = {
  timestamp: '@timestamp',
  action: 'event.action',
  outcome: 'event.outcome',
  user: 'user',
  index: 'data_stream',
  sourceIp: 'source.ip',
};

function columnOfSort(sort: EventsSortField): keyof EventRow {
  const entry = Object.entries(SORT_COLUMNS).find(([, field]) => field === sort);
  return (entry?.[0] ?? 'timestamp') as keyof EventRow;
}

const COMMONLY_USED_RANGES = [
  {
    start: 'now-15m',
    end: 'now',
    label: i18n.translate('auditSources.events.range.last15Minutes', {
      defaultMessage: 'Last 15 minutes',
    }),
  },
  {
    start: 'now-1h',
    end: 'now',
    label: i18n.translate('auditSources.events.range.lastHour', { defaultMessage: 'Last 1 hour' }),
  },
  {
    start: 'now-24h',
    end: 'now',
    label: i18n.translate('auditSources.events.range.last24Hours', {
      defaultMessage: 'Last 24 hours',
    }),
  },
  {
    start: 'now-7d',
    end: 'now',
    label: i18n.translate('auditSources.events.range.last7Days', {
      defaultMessage: 'Last 7 days',
    }),
  },
  {
    start: 'now-30d',
    end: 'now',
    label: i18n.translate('auditSources.events.range.last30Days', {
      defaultMessage: 'Last 30 days',
    }),
  },
  {
    start: 'now-90d',
    end: 'now',
    label: i18n.translate('auditSources.events.range.last90Days', {
      defaultMessage: 'Last 90 days',
    }),
  },
];

const OUTCOME_COLOR: Record<string, string> = {
  success: 'success',
  failure: 'danger',
  unknown: 'subdued',
};

/** One line, cut with an ellipsis, the whole text in a tooltip. */
function Truncated({ text, testSubj }: { text?: string; testSubj?: string }) {
  if (!text) return <>{'—'}</>;
  return (
    <EuiToolTip content={text} display="block" anchorClassName="eui-textTruncate">
      <span data-test-subj={testSubj} tabIndex={0}>
        {text}
      </span>
    </EuiToolTip>
  );
}

const errorMessageColumn: EuiBasicTableColumn<EventRow> = {
  field: 'errorMessage',
  name: i18n.translate('auditSources.events.column.errorMessage', {
    defaultMessage: 'error.message',
  }),
  render: (message?: string) => <Truncated text={message} testSubj="eventErrorMessage" />,
};

/**
 * The table's columns. No source column: the data stream names it (`logs-lumos.…`), and at
 * 1280 px every column counts. `error.message` only when the page has records that could not
 * be mapped (it is empty for every other event).
 */
function buildColumns(
  onOpen: (row: EventRow) => void,
  withErrorMessage: boolean
): Array<EuiBasicTableColumn<EventRow>> {
  const openLabel = i18n.translate('auditSources.events.openDocument', {
    defaultMessage: 'View the document',
  });
  return [
    {
      width: '40px',
      name: '',
      render: (row: EventRow) => (
        <EuiToolTip content={openLabel} disableScreenReaderOutput>
          <EuiButtonIcon
            iconType="expand"
            aria-label={openLabel}
            onClick={(event: React.MouseEvent) => {
              event.stopPropagation();
              onOpen(row);
            }}
            data-test-subj="eventOpenDocument"
          />
        </EuiToolTip>
      ),
    },
    {
      field: 'timestamp',
      name: i18n.translate('auditSources.events.column.timestamp', {
        defaultMessage: '@timestamp',
      }),
      width: '220px',
      sortable: true,
      render: (timestamp: string) => (
        <span className="eui-textNoWrap" data-test-subj="eventTimestamp">
          {formatTimestamp(timestamp)}
        </span>
      ),
    },
    {
      field: 'action',
      name: i18n.translate('auditSources.events.column.action', {
        defaultMessage: 'event.action',
      }),
      sortable: true,
      render: (action: string | undefined, row: EventRow) =>
        row.kind === 'pipeline_error' ? (
          <EuiBadge color="danger" data-test-subj="eventPipelineError">
            {i18n.translate('auditSources.events.pipelineErrorBadge', {
              defaultMessage: 'pipeline_error',
            })}
          </EuiBadge>
        ) : (
          <Truncated text={action} />
        ),
    },
    {
      field: 'outcome',
      name: i18n.translate('auditSources.events.column.outcome', {
        defaultMessage: 'event.outcome',
      }),
      width: '130px',
      sortable: true,
      render: (outcome?: string) =>
        outcome ? (
          <EuiHealth color={OUTCOME_COLOR[outcome] ?? 'subdued'}>{outcome}</EuiHealth>
        ) : (
          '—'
        ),
    },
    {
      field: 'user',
      name: i18n.translate('auditSources.events.column.user', { defaultMessage: 'User' }),
      sortable: true,
      render: (user?: string) => <Truncated text={user} testSubj="eventUser" />,
    },
    {
      field: 'index',
      name: i18n.translate('auditSources.events.column.dataStream', {
        defaultMessage: 'Data stream',
      }),
      sortable: true,
      render: (index: string) => (
        <EuiText size="xs" color="subdued" style={{ minWidth: 0, width: '100%' }}>
          <Truncated text={dataStreamOf(index)} testSubj="eventDataStream" />
        </EuiText>
      ),
    },
    {
      field: 'sourceIp',
      name: i18n.translate('auditSources.events.column.sourceIp', { defaultMessage: 'source.ip' }),
      width: '130px',
      sortable: true,
    },
    {
      field: 'message',
      name: i18n.translate('auditSources.events.column.message', { defaultMessage: 'Message' }),
      render: (message?: string) => <Truncated text={message} />,
    },
    ...(withErrorMessage ? [errorMessageColumn] : []),
  ];
}

/**
 * Suggested values of one filter (terms aggregation over the table's scope and time range),
 * fetched as the user types, for the field's <datalist>.
 */
function useSuggestions(
  field: SuggestionField,
  prefix: string,
  scope: Pick<EventsQuery, 'source' | 'scope' | 'namespace' | 'from' | 'to'>
): string[] {
  const { core } = useServices();
  const [values, setValues] = useState<string[]>([]);
  const { source, scope: dataStreams, namespace, from, to } = scope;
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchEventSuggestions(
        core.http,
        { field, prefix: prefix.trim(), source, scope: dataStreams, namespace, from, to },
        controller.signal
      ).then(
        (next) => !controller.signal.aborted && setValues(next),
        // Suggestions are a convenience: a failure (the table shows why) leaves none.
        () => !controller.signal.aborted && setValues([])
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [core.http, field, prefix, source, dataStreams, namespace, from, to]);
  return values;
}

/** A text filter that applies as typed, with value suggestions. */
function SuggestedFilter({
  field,
  label,
  placeholder,
  value,
  error,
  onCommit,
  onRefresh,
  suggestionScope,
  testSubj,
}: {
  field: SuggestionField;
  label: string;
  placeholder: string;
  value: string;
  error?: string;
  onCommit: (text: string) => void;
  /** Enter on a value already applied searches again, as the Refresh button does. */
  onRefresh: () => void;
  suggestionScope: Pick<EventsQuery, 'source' | 'scope' | 'namespace' | 'from' | 'to'>;
  testSubj: string;
}) {
  const { draft, setDraft, flush } = useDebouncedText(value, onCommit);
  const suggestions = useSuggestions(field, draft, suggestionScope);
  const listId = `${testSubj}-suggestions`;
  return (
    <>
      <EuiFormRow label={label} display="rowCompressed" isInvalid={!!error} error={error}>
        <EuiFieldText
          compressed
          placeholder={placeholder}
          value={draft}
          isInvalid={!!error}
          list={listId}
          autoComplete="off"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !flush()) onRefresh();
          }}
          data-test-subj={testSubj}
        />
      </EuiFormRow>
      <datalist id={listId} data-test-subj={`${testSubj}Suggestions`}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
    </>
  );
}

/** What the page searches: the URL's state with the defaults filled in. */
function withDefaults(query: EventsQuery): EventsQuery & { from: string; to: string } {
  return { ...query, from: query.from ?? DEFAULT_FROM, to: query.to ?? DEFAULT_TO };
}

/**
 * A quick look at the ingested events without leaving the app, like a small Discover: Lucene
 * search, filters applied as typed, sortable columns, a document flyout. Its state lives in the
 * URL (`/events?query=…&kind=…&page=2`), so a reload or a link shows the same search.
 */
export function EventsPage() {
  useBreadcrumbs([
    { text: i18n.translate('auditSources.events.breadcrumb', { defaultMessage: 'Events' }) },
  ]);
  const { api } = useServices();
  const history = useHistory();
  const location = useLocation();
  const urlQuery = useMemo(() => eventsQueryFromUrl(location.search), [location.search]);
  const query = useMemo(() => withDefaults(urlQuery), [urlQuery]);
  const [result, setResult] = useState<EventsResponse | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [refreshToken, setRefreshToken] = useState(0);
  const [opened, setOpened] = useState<EventRow | undefined>();
  const latestRequest = useRef(0);

  /** A new search: the URL changes (replace: typing must not flood the back button). */
  const update = useCallback(
    (patch: Partial<EventsQuery>, keepPage = false) => {
      const next: EventsQuery = { ...eventsQueryFromUrl(history.location.search), ...patch };
      if (!keepPage) delete next.page;
      history.replace(eventsPath(eventsUrlState(next)));
    },
    [history]
  );

  const search = useCallback(async () => {
    const requestId = ++latestRequest.current;
    setLoading(true);
    try {
      const response = await api.events(query);
      if (requestId !== latestRequest.current) return;
      setResult(response);
      setError(undefined);
      setFieldErrors({});
    } catch (caught) {
      if (requestId !== latestRequest.current) return;
      const byField = fieldErrorsFromError(caught, FIELDS_WITH_ERRORS) as FieldErrors;
      // No stale rows under an error: they would read as the answer to the new search.
      setResult(undefined);
      setFieldErrors(byField);
      setError(Object.keys(byField).length > 0 ? undefined : errorMessage(caught));
    } finally {
      if (requestId === latestRequest.current) setLoading(false);
    }
  }, [api, query]);

  useEffect(() => {
    void search();
    // refreshToken re-runs the same search (the date picker's Refresh button).
  }, [search, refreshToken]);

  const refresh = useCallback(() => setRefreshToken((n) => n + 1), []);
  const searchText = useDebouncedText(urlQuery.query ?? '', (text) => update({ query: text }));
  const suggestionScope = {
    source: query.source,
    scope: query.scope,
    namespace: query.namespace,
    from: query.from,
    to: query.to,
  };
  const withErrorMessage =
    query.kind === 'pipeline_error' || !!result?.events.some((row) => row.errorMessage);
  const columns = useMemo(() => buildColumns(setOpened, withErrorMessage), [withErrorMessage]);
  const hasFieldError = Object.keys(fieldErrors).length > 0;
  const sortField = query.sort ?? '@timestamp';
  const sorting: EuiTableSortingType<EventRow> = {
    sort: {
      field: columnOfSort(sortField),
      direction: query.order ?? (sortField === '@timestamp' ? 'desc' : 'asc'),
    },
  };
  const pageSize = query.perPage ?? DEFAULT_PAGE_SIZE;
  const dateError = fieldErrors.from ?? fieldErrors.to;

  return (
    <AppPage selectedTab="events">
      <EuiPageTemplate.Section>
        <EuiFlexGroup gutterSize="s" wrap responsive={false} alignItems="flexStart">
          <EuiFlexItem grow={3} style={{ minWidth: 280 }}>
            <EuiFormRow
              fullWidth
              isInvalid={!!fieldErrors.query}
              error={fieldErrors.query}
              helpText={
                fieldErrors.query ? undefined : (
                  <>
                    {i18n.translate('auditSources.events.queryHelp', {
                      defaultMessage:
                        'Lucene query syntax (Elasticsearch query_string), applied as you type.',
                    })}{' '}
                    <EuiLink href={QUERY_SYNTAX_URL} target="_blank" external>
                      {i18n.translate('auditSources.events.querySyntaxLink', {
                        defaultMessage: 'Syntax',
                      })}
                    </EuiLink>
                  </>
                )
              }
              data-test-subj="eventsQueryRow"
            >
              <EuiFieldSearch
                fullWidth
                placeholder={i18n.translate('auditSources.events.queryPlaceholder', {
                  defaultMessage:
                    'Lucene syntax, e.g. user.email:alice@example.com or event.kind:pipeline_error',
                })}
                aria-label={i18n.translate('auditSources.events.queryLabel', {
                  defaultMessage: 'Search events',
                })}
                value={searchText.draft}
                isInvalid={!!fieldErrors.query}
                onChange={(event) => searchText.setDraft(event.target.value)}
                onSearch={(value) => {
                  if (!searchText.flush(value)) refresh();
                }}
                isClearable
                incremental={false}
                data-test-subj="eventsQuery"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiFormRow isInvalid={!!dateError} error={dateError}>
              <EuiSuperDatePicker
                start={query.from}
                end={query.to}
                commonlyUsedRanges={COMMONLY_USED_RANGES}
                onTimeChange={({ start, end }) => update({ from: start, to: end })}
                onRefresh={refresh}
                isLoading={loading}
                width="auto"
                data-test-subj="eventsDatePicker"
              />
            </EuiFormRow>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="s" />
        <EuiFlexGroup gutterSize="s" wrap responsive={false}>
          <EuiFlexItem grow={false} style={{ minWidth: 140 }}>
            <EuiFormRow
              label={i18n.translate('auditSources.events.sourceLabel', {
                defaultMessage: 'Source',
              })}
              display="rowCompressed"
            >
              <EuiSelect
                compressed
                value={query.source ?? 'all'}
                options={[
                  {
                    value: 'all',
                    text: i18n.translate('auditSources.events.sourceAll', {
                      defaultMessage: 'All sources',
                    }),
                  },
                  ...PUBLIC_SOURCES.map((source) => ({
                    value: source.kind,
                    text: source.label(),
                  })),
                ]}
                onChange={(event) => {
                  const source = event.target.value as SourceFilter;
                  update({ source: source === 'all' ? undefined : source });
                }}
                data-test-subj="eventsSourceFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 200 }}>
            <EuiFormRow
              label={i18n.translate('auditSources.events.scopeLabel', {
                defaultMessage: 'Data streams',
              })}
              display="rowCompressed"
            >
              <EuiSelect
                compressed
                value={query.scope ?? 'space'}
                options={[
                  {
                    value: 'space',
                    text: i18n.translate('auditSources.events.scopeSpace', {
                      defaultMessage: "This space's connectors",
                    }),
                  },
                  {
                    value: 'all',
                    text: i18n.translate('auditSources.events.scopeAll', {
                      defaultMessage: 'All that I can read',
                    }),
                  },
                ]}
                onChange={(event) => {
                  const scope = event.target.value as Scope;
                  update({ scope: scope === 'space' ? undefined : scope });
                }}
                data-test-subj="eventsScopeFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 150 }}>
            <EuiFormRow
              label={i18n.translate('auditSources.events.kindLabel', { defaultMessage: 'Kind' })}
              display="rowCompressed"
            >
              <EuiSelect
                compressed
                value={query.kind ?? ''}
                options={[
                  {
                    value: '',
                    text: i18n.translate('auditSources.events.kindAny', {
                      defaultMessage: 'Any kind',
                    }),
                  },
                  {
                    value: 'event',
                    text: i18n.translate('auditSources.events.kindEvent', {
                      defaultMessage: 'Events',
                    }),
                  },
                  {
                    value: 'pipeline_error',
                    text: i18n.translate('auditSources.events.kindPipelineError', {
                      defaultMessage: 'Pipeline errors',
                    }),
                  },
                ]}
                onChange={(event) =>
                  update({ kind: (event.target.value || undefined) as Kind | undefined })
                }
                data-test-subj="eventsKindFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 150 }}>
            <EuiFormRow
              label={i18n.translate('auditSources.events.outcomeLabel', {
                defaultMessage: 'Outcome',
              })}
              display="rowCompressed"
            >
              <EuiSelect
                compressed
                value={query.outcome ?? ''}
                options={[
                  {
                    value: '',
                    text: i18n.translate('auditSources.events.outcomeAny', {
                      defaultMessage: 'Any outcome',
                    }),
                  },
                  {
                    value: 'success',
                    text: i18n.translate('auditSources.events.outcomeSuccess', {
                      defaultMessage: 'Success',
                    }),
                  },
                  {
                    value: 'failure',
                    text: i18n.translate('auditSources.events.outcomeFailure', {
                      defaultMessage: 'Failure',
                    }),
                  },
                  {
                    value: 'unknown',
                    text: i18n.translate('auditSources.events.outcomeUnknown', {
                      defaultMessage: 'Unknown',
                    }),
                  },
                ]}
                onChange={(event) =>
                  update({ outcome: (event.target.value || undefined) as Outcome | undefined })
                }
                data-test-subj="eventsOutcomeFilter"
              />
            </EuiFormRow>
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 200 }}>
            <SuggestedFilter
              field="action"
              label={i18n.translate('auditSources.events.actionLabel', {
                defaultMessage: 'Action',
              })}
              placeholder={i18n.translate('auditSources.events.actionPlaceholder', {
                defaultMessage: 'event.action, any case',
              })}
              value={urlQuery.action ?? ''}
              error={fieldErrors.action}
              onCommit={(action) => update({ action })}
              onRefresh={refresh}
              suggestionScope={suggestionScope}
              testSubj="eventsActionFilter"
            />
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 200 }}>
            <SuggestedFilter
              field="user"
              label={i18n.translate('auditSources.events.userLabel', { defaultMessage: 'User' })}
              placeholder={i18n.translate('auditSources.events.userPlaceholder', {
                defaultMessage: 'user.name, user.email or user.id',
              })}
              value={urlQuery.user ?? ''}
              error={fieldErrors.user}
              onCommit={(user) => update({ user })}
              onRefresh={refresh}
              suggestionScope={suggestionScope}
              testSubj="eventsUserFilter"
            />
          </EuiFlexItem>
          <EuiFlexItem grow={false} style={{ minWidth: 180 }}>
            <SuggestedFilter
              field="namespace"
              label={i18n.translate('auditSources.events.namespaceLabel', {
                defaultMessage: 'Namespace',
              })}
              placeholder={i18n.translate('auditSources.events.namespacePlaceholder', {
                defaultMessage: 'data_stream.namespace',
              })}
              value={urlQuery.namespace ?? ''}
              error={fieldErrors.namespace}
              onCommit={(namespace) => update({ namespace })}
              onRefresh={refresh}
              suggestionScope={suggestionScope}
              testSubj="eventsNamespaceFilter"
            />
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        {error ? (
          <>
            <EuiCallOut
              color="danger"
              iconType="error"
              title={i18n.translate('auditSources.events.searchError', {
                defaultMessage: 'Could not search events',
              })}
              size="s"
            >
              <p data-test-subj="eventsError">{error}</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        {result ? (
          <EuiText size="xs" color="subdued" data-test-subj="eventsTotal">
            {i18n.translate('auditSources.events.total', {
              defaultMessage: '{total, plural, one {# event} other {# events}}',
              values: { total: result.total },
            })}
            {result.dataStreams && result.dataStreams.length > 0 ? (
              <span data-test-subj="eventsDataStreams">
                {i18n.translate('auditSources.events.totalIn', {
                  defaultMessage: ' in {dataStreams}',
                  values: { dataStreams: result.dataStreams.join(', ') },
                })}
              </span>
            ) : null}
          </EuiText>
        ) : null}
        <EuiSpacer size="s" />
        <EuiBasicTable<EventRow>
          tableCaption={i18n.translate('auditSources.events.tableCaption', {
            defaultMessage: 'Events',
          })}
          items={result?.events ?? []}
          itemId="id"
          columns={columns}
          loading={loading}
          sorting={sorting}
          noItemsMessage={
            loading
              ? i18n.translate('auditSources.events.searching', { defaultMessage: 'Searching…' })
              : hasFieldError || error
                ? i18n.translate('auditSources.events.notSearched', {
                    defaultMessage: 'The search did not run: fix what is marked above.',
                  })
                : result?.dataStreams?.length === 0
                  ? i18n.translate('auditSources.events.noDataStreams', {
                      defaultMessage:
                        'No connector of this space writes events of this source or namespace. Choose "All that I can read" under Data streams to search every namespace.',
                    })
                  : i18n.translate('auditSources.events.noEvents', {
                      defaultMessage: 'No events match these filters in this time range.',
                    })
          }
          pagination={{
            pageIndex: (query.page ?? 1) - 1,
            pageSize,
            totalItemCount: result?.total ?? 0,
            pageSizeOptions: [10, 25, 50, 100],
          }}
          onChange={({ page, sort }: CriteriaWithPagination<EventRow>) => {
            const nextSort = sort ? SORT_COLUMNS[sort.field] : undefined;
            if (
              nextSort &&
              (nextSort !== sortField || sort?.direction !== sorting.sort?.direction)
            ) {
              update({ sort: nextSort, order: sort?.direction });
              return;
            }
            if (!page) return;
            const perPage = page.size === DEFAULT_PAGE_SIZE ? undefined : page.size;
            // A new page size starts over at the first page.
            const samePageSize = page.size === pageSize;
            update(
              { perPage, page: samePageSize && page.index > 0 ? page.index + 1 : undefined },
              samePageSize
            );
          }}
          rowProps={(row) => ({
            'data-test-subj': 'eventRow',
            style: { cursor: 'pointer' },
            onClick: () => setOpened(row),
          })}
          data-test-subj="eventsTable"
        />
        {opened ? <EventFlyout row={opened} onClose={() => setOpened(undefined)} /> : null}
      </EuiPageTemplate.Section>
    </AppPage>
  );
}
