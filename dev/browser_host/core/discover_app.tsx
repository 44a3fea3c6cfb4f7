import React, { useEffect, useState } from 'react';
import { render, unmountComponentAtNode } from 'react-dom';
import {
  EuiBadge,
  EuiBasicTable,
  EuiCallOut,
  EuiFieldSearch,
  EuiFlexGroup,
  EuiFlexItem,
  EuiPageTemplate,
  EuiProvider,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { App, HttpSetup } from '@kbn/core/public';
import type { DataViewsPublicPluginStart } from '@kbn/data-views-plugin/public';
import type { DiscoverAppLocatorParams } from '@kbn/discover-plugin/public';
import { SAVED_OBJECTS_API } from './data_views';
import { DISCOVER_PARAMS_KEY } from './share';

// Outside /internal and /api: the Kibana host hands only other paths to its pageHandler.
export const DISCOVER_SEARCH_PATH = '/browser_host/discover/_search';

interface Hit {
  _index: string;
  _id: string;
  _source: Record<string, unknown>;
}

/** A `search` saved object (a Discover session) as the saved-objects HTTP API returns it. */
interface SearchObject {
  id: string;
  attributes: {
    title: string;
    description?: string;
    tabs?: Array<{
      attributes: {
        columns?: string[];
        kibanaSavedObjectMeta?: { searchSourceJSON?: string };
      };
    }>;
  };
  references: Array<{ name: string; type: string; id: string }>;
}

interface Resolved {
  title: string;
  query: string;
  columns: string[];
  indexPattern: string;
  dataViewName: string;
  source?: string;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
  if (path in source) return source[path];
  return path.split('.').reduce<unknown>((value, key) => {
    if (value === null || typeof value !== 'object') return undefined;
    return (value as Record<string, unknown>)[key];
  }, source);
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * What Discover would load: for `savedSearchId`, the `search` saved object's first tab (query
 * from its searchSourceJSON, columns) and the data view its `indexRefName` reference names, as
 * the saved_search plugin's getDiscoverSession does; otherwise the locator's own params.
 */
async function resolve(
  params: DiscoverAppLocatorParams,
  http: HttpSetup,
  dataViews: DataViewsPublicPluginStart
): Promise<Resolved> {
  let saved: { title: string; query: string; columns: string[]; dataViewId?: string } | undefined;
  if (params.savedSearchId) {
    const object = await http.get<SearchObject>(
      `${SAVED_OBJECTS_API}/search/${encodeURIComponent(params.savedSearchId)}`
    );
    const tab = object.attributes.tabs?.[0]?.attributes;
    const searchSource = JSON.parse(tab?.kibanaSavedObjectMeta?.searchSourceJSON ?? '{}') as {
      query?: { query?: unknown };
      indexRefName?: string;
    };
    saved = {
      title: object.attributes.title,
      query: typeof searchSource.query?.query === 'string' ? searchSource.query.query : '',
      columns: tab?.columns ?? [],
      dataViewId: object.references.find((ref) => ref.name === searchSource.indexRefName)?.id,
    };
  }
  const dataViewId = saved?.dataViewId ?? params.dataViewId;
  let indexPattern = params.dataViewSpec?.title ?? '';
  let dataViewName = params.dataViewSpec?.name ?? indexPattern;
  if (dataViewId && !indexPattern) {
    const dataView = await dataViews.get(dataViewId);
    indexPattern = dataView.title;
    dataViewName = dataView.getName();
  }
  const query =
    saved?.query ?? (params.query && 'query' in params.query ? String(params.query.query) : '');
  return {
    title: saved?.title ?? 'New search',
    query,
    columns: saved?.columns ?? params.columns ?? [],
    indexPattern,
    dataViewName,
    source: indexPattern.includes('closer')
      ? 'closer'
      : indexPattern.includes('lumos')
        ? 'lumos'
        : undefined,
  };
}

function DiscoverStandIn({
  http,
  dataViews,
  search,
  useHostSearch,
}: {
  http: HttpSetup;
  dataViews: DataViewsPublicPluginStart;
  search: string;
  useHostSearch: boolean;
}) {
  const [resolved, setResolved] = useState<Resolved | undefined>();
  const [hits, setHits] = useState<{ total: number; hits: Hit[] } | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const raw = new URLSearchParams(search).get(DISCOVER_PARAMS_KEY);
    const params = (raw ? JSON.parse(raw) : {}) as DiscoverAppLocatorParams;
    (async () => {
      const view = await resolve(params, http, dataViews);
      setResolved(view);
      if (useHostSearch) {
        setHits(
          await http.post<{ total: number; hits: Hit[] }>(DISCOVER_SEARCH_PATH, {
            body: JSON.stringify({ index: view.indexPattern, query: view.query, size: 50 }),
          })
        );
      } else {
        // Without a host search route: the plugin's own events API, filtered by source.
        const events = await http.get<{ total: number; events: Array<Record<string, unknown>> }>(
          '/internal/audit_sources/events',
          {
            query: {
              source: view.source ?? 'all',
              query: view.query || undefined,
              from: 'now-1y',
              perPage: 50,
            },
          }
        );
        setHits({
          total: events.total,
          hits: events.events.map((event) => ({
            _index: String(event.index),
            _id: String(event.id),
            _source: {
              '@timestamp': event.timestamp,
              'event.action': event.action,
              'event.outcome': event.outcome,
              'user.name': event.user,
              'user.email': event.user,
              'source.ip': event.sourceIp,
              message: event.message,
            },
          })),
        });
      }
    })().catch((caught: Error & { body?: { message?: string } }) =>
      setError(caught.body?.message ?? caught.message)
    );
  }, [http, dataViews, search, useHostSearch]);

  const columnNames = ['@timestamp', ...(resolved?.columns ?? ['message'])];
  const columns: Array<EuiBasicTableColumn<Hit>> = columnNames.map((name) => ({
    name,
    render: (hit: Hit) => display(getPath(hit._source, name)),
  }));

  return (
    <EuiPageTemplate restrictWidth={false} panelled offset={0} grow>
      <EuiPageTemplate.Header
        pageTitle={resolved?.title ?? 'Discover'}
        iconType="discoverApp"
        description="Discover"
        bottomBorder
      />
      <EuiPageTemplate.Section>
        <EuiCallOut
          size="s"
          iconType="iInCircle"
          title="Discover stand-in"
          data-test-subj="discoverStandIn"
        >
          <p>
            This test host has no real Discover: this page shows what the locator asked for (saved
            search, data view, query) and the first matching documents.
          </p>
        </EuiCallOut>
        <EuiSpacer size="m" />
        {error ? (
          <EuiCallOut
            color="danger"
            iconType="error"
            title="Search failed"
            data-test-subj="discoverError"
          >
            <p>{error}</p>
          </EuiCallOut>
        ) : null}
        {resolved ? (
          <>
            <EuiFlexGroup gutterSize="s" alignItems="center">
              <EuiFlexItem grow={false}>
                <EuiBadge
                  color="hollow"
                  iconType="indexPatternApp"
                  data-test-subj="discoverDataView"
                >
                  {resolved.dataViewName || resolved.indexPattern}
                </EuiBadge>
              </EuiFlexItem>
              <EuiFlexItem>
                <EuiFieldSearch
                  fullWidth
                  readOnly
                  value={resolved.query}
                  placeholder="Filter your data using KQL syntax"
                  data-test-subj="discoverQuery"
                />
              </EuiFlexItem>
            </EuiFlexGroup>
            <EuiSpacer size="m" />
            <EuiText size="s" data-test-subj="discoverHits">
              <strong>{hits ? hits.total.toLocaleString('en-US') : '…'}</strong> hits
            </EuiText>
            <EuiSpacer size="s" />
            <EuiBasicTable<Hit>
              tableCaption="Documents"
              items={hits?.hits ?? []}
              columns={columns}
              loading={!hits && !error}
              rowProps={() => ({ 'data-test-subj': 'discoverRow' })}
            />
          </>
        ) : null}
      </EuiPageTemplate.Section>
    </EuiPageTemplate>
  );
}

/** The stand-in app, registered by the host like any plugin's app. */
export function discoverStandInApp(
  http: HttpSetup,
  dataViews: DataViewsPublicPluginStart,
  useHostSearch: boolean
): App {
  return {
    id: 'discover',
    title: 'Discover',
    order: 1000,
    euiIconType: 'discoverApp',
    category: { id: 'kibana', label: 'Analytics', order: 1000, euiIconType: 'logoKibana' },
    mount: ({ element, history }) => {
      const renderPage = () =>
        render(
          <EuiProvider colorMode="light" globalStyles={false} utilityClasses={false}>
            <DiscoverStandIn
              http={http}
              dataViews={dataViews}
              search={history.location.search}
              useHostSearch={useHostSearch}
            />
          </EuiProvider>,
          element
        );
      renderPage();
      const stop = history.listen(renderPage);
      return () => {
        stop();
        unmountComponentAtNode(element);
      };
    },
  };
}
