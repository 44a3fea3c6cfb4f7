import React, { useCallback, useEffect, useState } from 'react';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiCode,
  EuiFlexGroup,
  EuiFlexItem,
  EuiPageTemplate,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { SavedViewState } from '../../common/api/saved_views';
import { AppPage, useBreadcrumbs } from '../application/app';
import { useNotify, useServices } from '../application/app_context';
import { sourceLabel } from '../sources/registry';
import { errorMessage, httpStatus } from '../services/http_error';
import { SOURCE_KINDS, type SourceKind } from '../../common/data_streams';
import {
  definedDataViewIds,
  definedViews,
  discoverParams,
  ensureDataViews,
  getDiscoverLocator,
} from './saved_views';

export function SavedViewsPage() {
  useBreadcrumbs([
    {
      text: i18n.translate('auditSources.savedViews.breadcrumb', { defaultMessage: 'Saved views' }),
    },
  ]);
  const { api, deps } = useServices();
  const notify = useNotify();
  const locator = getDiscoverLocator(deps.share);
  const [views, setViews] = useState<SavedViewState[]>(definedViews());
  const [serverSupport, setServerSupport] = useState<boolean | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [dataViewsSaved, setDataViewsSaved] = useState(false);
  // The current space's ids, as the server names them (idInSpace).
  const [dataViewIds, setDataViewIds] = useState(definedDataViewIds());
  // Until the first answer the table shows the definitions, not a guess of what exists.
  const [loaded, setLoaded] = useState(false);

  const load = useCallback(async () => {
    try {
      const response = await api.savedViews();
      setViews(response.views);
      setServerSupport(true);
      setLoadError(undefined);
      setDataViewsSaved(response.dataViews.every((dataView) => dataView.exists));
      setDataViewIds(
        Object.fromEntries(response.dataViews.map(({ source, id }) => [source, id])) as Record<
          SourceKind,
          string
        >
      );
    } catch (error) {
      if (httpStatus(error) === 404) {
        setServerSupport(false);
      } else {
        setLoadError(errorMessage(error));
        notify.error(
          error,
          i18n.translate('auditSources.savedViews.loadError', {
            defaultMessage: 'Could not load the saved views',
          })
        );
      }
    } finally {
      setLoaded(true);
    }
  }, [api, notify]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    setCreating(true);
    try {
      let dataViews = SOURCE_KINDS.map((source) => ({ source, id: dataViewIds[source] }));
      if (deps.dataViews) {
        const ensured = await ensureDataViews(deps.dataViews, dataViewIds);
        dataViews = ensured.map(({ source, id }) => ({ source, id }));
        setDataViewsSaved(true);
      }
      if (serverSupport !== false) {
        const unique = dataViews.filter(
          (entry, index) => dataViews.findIndex((other) => other.source === entry.source) === index
        );
        const response = await api.ensureSavedViews({ dataViews: unique });
        setViews(response.views);
        setDataViewsSaved(true);
      }
      notify.success(
        i18n.translate('auditSources.savedViews.ready', {
          defaultMessage: 'Saved views are ready',
        }),
        i18n.translate('auditSources.savedViews.readyText', {
          defaultMessage: 'Open them in Discover from this page.',
        })
      );
    } catch (error) {
      notify.error(
        error,
        i18n.translate('auditSources.savedViews.createError', {
          defaultMessage: 'Could not create the saved views',
        })
      );
    } finally {
      setCreating(false);
    }
  };

  const open = async (view: SavedViewState) => {
    if (!locator) return;
    try {
      await locator.navigate(discoverParams(view, dataViewsSaved));
    } catch (error) {
      notify.error(
        error,
        i18n.translate('auditSources.savedViews.openError', {
          defaultMessage: 'Could not open Discover',
        })
      );
    }
  };

  const missing = views.filter((view) => !view.exists).length;
  const columns: Array<EuiBasicTableColumn<SavedViewState>> = [
    {
      field: 'title',
      name: i18n.translate('auditSources.savedViews.columnSearch', {
        defaultMessage: 'Saved search',
      }),
      render: (title: string, view) => (
        <div>
          <strong>{title}</strong>
          <EuiText size="xs" color="subdued">
            {view.description}
          </EuiText>
        </div>
      ),
    },
    {
      field: 'source',
      name: i18n.translate('auditSources.savedViews.columnSource', { defaultMessage: 'Source' }),
      width: '100px',
      render: (source: SavedViewState['source']) => (
        <EuiBadge color="hollow">{sourceLabel(source)}</EuiBadge>
      ),
    },
    {
      field: 'query',
      name: i18n.translate('auditSources.savedViews.columnQuery', { defaultMessage: 'Query' }),
      render: (query: string) =>
        query ? (
          <EuiCode>{query}</EuiCode>
        ) : (
          <EuiText size="s" color="subdued">
            {i18n.translate('auditSources.savedViews.allEvents', { defaultMessage: 'All events' })}
          </EuiText>
        ),
    },
    {
      field: 'exists',
      name: i18n.translate('auditSources.savedViews.columnStatus', { defaultMessage: 'Status' }),
      width: '120px',
      render: (exists: boolean) =>
        !loaded ? (
          <EuiBadge color="hollow">
            {i18n.translate('auditSources.savedViews.checking', { defaultMessage: 'Checking…' })}
          </EuiBadge>
        ) : (
          <EuiBadge
            color={exists ? 'success' : 'default'}
            data-test-subj={exists ? 'viewSaved' : 'viewMissing'}
          >
            {exists
              ? i18n.translate('auditSources.savedViews.saved', { defaultMessage: 'Saved' })
              : i18n.translate('auditSources.savedViews.notCreated', {
                  defaultMessage: 'Not created',
                })}
          </EuiBadge>
        ),
    },
    ...(locator
      ? [
          {
            name: i18n.translate('auditSources.savedViews.columnActions', {
              defaultMessage: 'Actions',
            }),
            width: '170px',
            render: (view: SavedViewState) => (
              <EuiButton
                size="s"
                iconType="discoverApp"
                onClick={() => void open(view)}
                data-test-subj={`openInDiscover-${view.id}`}
              >
                {i18n.translate('auditSources.savedViews.openInDiscover', {
                  defaultMessage: 'Open in Discover',
                })}
              </EuiButton>
            ),
          } satisfies EuiBasicTableColumn<SavedViewState>,
        ]
      : []),
  ];

  return (
    <AppPage selectedTab="saved_views">
      <EuiPageTemplate.Section>
        <EuiFlexGroup justifyContent="spaceBetween" alignItems="center" wrap>
          <EuiFlexItem>
            <EuiText size="s">
              <p>
                {i18n.translate('auditSources.savedViews.intro', {
                  defaultMessage:
                    'A data view per data stream and ready-made saved searches, to explore the events in Discover. Creating them again changes nothing.',
                })}
              </p>
            </EuiText>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton
              fill={missing > 0}
              iconType="plusInCircle"
              isLoading={creating}
              isDisabled={!loaded || missing === 0 || (serverSupport === false && !deps.dataViews)}
              onClick={() => void create()}
              data-test-subj="createSavedViewsButton"
            >
              {missing > 0
                ? i18n.translate('auditSources.savedViews.create', {
                    defaultMessage: 'Create data views and saved searches',
                  })
                : i18n.translate('auditSources.savedViews.allExist', {
                    defaultMessage: 'All saved views exist',
                  })}
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        {!locator ? (
          <>
            <EuiCallOut
              size="s"
              iconType="iInCircle"
              title={i18n.translate('auditSources.savedViews.noDiscoverTitle', {
                defaultMessage: 'Discover links are unavailable',
              })}
              data-test-subj="noDiscoverCallout"
            >
              <p>
                {i18n.translate('auditSources.savedViews.noDiscoverBody', {
                  defaultMessage:
                    'The Share plugin or Discover’s locator is not available in this Kibana, so the views cannot be opened from here. They can still be created and found in Discover under “Open”.',
                })}
              </p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        {!deps.dataViews ? (
          <>
            <EuiCallOut
              size="s"
              iconType="iInCircle"
              title={i18n.translate('auditSources.savedViews.noDataViewsTitle', {
                defaultMessage: 'Data views plugin unavailable',
              })}
              data-test-subj="noDataViewsCallout"
            >
              <p>
                {serverSupport === false
                  ? i18n.translate('auditSources.savedViews.noDataViewsUnsupported', {
                      defaultMessage:
                        'The data views are created by the Audit Sources server instead of the Data Views plugin, which this server does not support yet.',
                    })
                  : i18n.translate('auditSources.savedViews.noDataViewsBody', {
                      defaultMessage:
                        'The data views are created by the Audit Sources server instead of the Data Views plugin.',
                    })}
              </p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        {serverSupport === false ? (
          <>
            <EuiCallOut
              size="s"
              color="warning"
              iconType="warning"
              title={i18n.translate('auditSources.savedViews.noRouteTitle', {
                defaultMessage: 'Saved searches cannot be created yet',
              })}
              data-test-subj="noSavedViewsRoute"
            >
              <p>
                {i18n.translate('auditSources.savedViews.noRouteBody', {
                  defaultMessage:
                    'This Audit Sources server does not offer the saved-views API. The data views can be created, and each view below opens Discover with its query instead of a saved search.',
                })}
              </p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        {loadError ? (
          <>
            <EuiCallOut
              size="s"
              color="danger"
              iconType="error"
              title={i18n.translate('auditSources.savedViews.loadError', {
                defaultMessage: 'Could not load the saved views',
              })}
            >
              <p>{loadError}</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        <EuiBasicTable<SavedViewState>
          tableCaption={i18n.translate('auditSources.savedViews.caption', {
            defaultMessage: 'Saved views',
          })}
          items={views}
          itemId="id"
          columns={columns}
          rowProps={(view) => ({ 'data-test-subj': `savedViewRow-${view.id}` })}
        />
      </EuiPageTemplate.Section>
    </AppPage>
  );
}
