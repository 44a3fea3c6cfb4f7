import React, { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiCode,
  EuiDescriptionList,
  EuiEmptyPrompt,
  EuiFlexGroup,
  EuiFlexItem,
  EuiButtonEmpty,
  EuiHealth,
  EuiIconTip,
  EuiLink,
  EuiLoadingSpinner,
  EuiPageTemplate,
  EuiPanel,
  EuiSpacer,
  EuiStat,
  EuiTitle,
  EuiToolTip,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { RunRecord } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { AppPage, useBreadcrumbs } from '../application/app';
import { useAppLink, useNotify, useServices } from '../application/app_context';
import { errorMessage, httpStatus } from '../services/http_error';
import { usePolling } from '../services/use_polling';
import { BackfillProgress } from './backfill_progress';
import { ConnectorFlyout } from './connector_flyout';
import { DeleteConnectorModal } from './delete_connector_modal';
import {
  countsSoFar,
  failedRecordsPath,
  failedRecordsSentence,
  formatCount,
  formatDurationMs,
  formatNextRun,
  formatRelative,
  formatTimestamp,
} from './format';
import { publicSource, sourceLabel } from '../sources/registry';
import { fieldsOf } from './form_state';
import { FailedRecordsLink, HealthBadge, healthLabel, lastErrorSentence } from './health_badge';
import { useConnectorActions } from './use_connectors';

/** What a run did, in words: failure, records that failed, a backfill cut short, or success. */
function runOutcome(run: RunRecord): { color: string; label: string } {
  if (run.outcome === 'failure') {
    return {
      color: 'danger',
      label: i18n.translate('auditSources.detail.outcomeFailed', { defaultMessage: 'Failed' }),
    };
  }
  if (run.pipelineErrors > 0) {
    return {
      color: 'warning',
      label: i18n.translate('auditSources.detail.outcomeRecordsFailed', {
        defaultMessage: '{count, plural, one {# record failed} other {# records failed}}',
        values: { count: run.pipelineErrors },
      }),
    };
  }
  if (run.outcome === 'partial' && run.error !== undefined) {
    return {
      color: 'warning',
      label: i18n.translate('auditSources.detail.outcomeStopped', {
        defaultMessage: 'Stopped early',
      }),
    };
  }
  return {
    color: 'success',
    label: i18n.translate('auditSources.detail.outcomeSucceeded', { defaultMessage: 'Succeeded' }),
  };
}

/** "Caught up" of a run: only a run that completed can have caught up or left a backfill. */
function caughtUpText(run: RunRecord): string {
  if (run.caughtUp)
    return i18n.translate('auditSources.detail.caughtUpYes', { defaultMessage: 'Yes' });
  if (run.outcome === 'failure' || run.error !== undefined) return '—';
  return i18n.translate('auditSources.detail.caughtUpNo', {
    defaultMessage: 'No (backfill continues)',
  });
}

function SettingsList({ connector }: { connector: ConnectorView }) {
  const labels = Object.fromEntries(fieldsOf(connector.kind).map((f) => [f.path, f.label]));
  const settings = Object.entries(connector.settings)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => ({
      title: labels[`settings.${key}`] ?? key,
      description:
        key === 'caCertificate' ? (
          i18n.translate('auditSources.detail.pemSet', { defaultMessage: 'PEM certificate (set)' })
        ) : (
          <EuiCode>{String(value)}</EuiCode>
        ),
    }));
  const secrets = Object.entries(connector.secrets).map(([key, state]) => ({
    title: labels[`secrets.${key}`] ?? key,
    description: (
      <EuiBadge color={state.isSet ? 'success' : 'default'} data-test-subj={`secretState-${key}`}>
        {state.isSet
          ? i18n.translate('auditSources.detail.secretSet', { defaultMessage: 'Set' })
          : i18n.translate('auditSources.detail.secretNotSet', { defaultMessage: 'Not set' })}
      </EuiBadge>
    ),
  }));
  return (
    <EuiDescriptionList
      type="column"
      compressed
      data-test-subj="connectorSettings"
      listItems={[
        {
          title: i18n.translate('auditSources.detail.source', { defaultMessage: 'Source' }),
          description: sourceLabel(connector.kind),
        },
        {
          title: i18n.translate('auditSources.detail.interval', {
            defaultMessage: 'Polling interval',
          }),
          description: connector.interval,
        },
        {
          title: i18n.translate('auditSources.detail.dataStream', {
            defaultMessage: 'Data stream',
          }),
          description: <EuiCode>{connector.dataStream}</EuiCode>,
        },
        ...settings,
        ...secrets,
        {
          title: i18n.translate('auditSources.detail.created', { defaultMessage: 'Created' }),
          description: formatTimestamp(connector.createdAt),
        },
        {
          title: i18n.translate('auditSources.detail.updated', { defaultMessage: 'Updated' }),
          description: formatTimestamp(connector.updatedAt),
        },
      ]}
    />
  );
}

function RunsTable({ runs }: { runs: RunRecord[] }) {
  const count = (n: number) => formatCount(n);
  const columns: Array<EuiBasicTableColumn<RunRecord>> = [
    {
      field: 'startedAt',
      name: i18n.translate('auditSources.detail.runStarted', { defaultMessage: 'Started' }),
      render: (startedAt: string) => formatTimestamp(startedAt),
    },
    {
      name: i18n.translate('auditSources.detail.runDuration', { defaultMessage: 'Duration' }),
      render: (run: RunRecord) =>
        formatDurationMs(Date.parse(run.finishedAt) - Date.parse(run.startedAt)),
    },
    {
      name: i18n.translate('auditSources.detail.runOutcome', { defaultMessage: 'Outcome' }),
      render: (run: RunRecord) => {
        const { color, label } = runOutcome(run);
        return (
          <EuiHealth color={color} data-test-subj="runOutcome">
            {label}
          </EuiHealth>
        );
      },
    },
    {
      field: 'read',
      name: i18n.translate('auditSources.detail.runRead', { defaultMessage: 'Read' }),
      align: 'right',
      render: count,
    },
    {
      field: 'written',
      name: i18n.translate('auditSources.detail.runWritten', { defaultMessage: 'Written' }),
      align: 'right',
      render: count,
    },
    {
      field: 'duplicates',
      name: i18n.translate('auditSources.detail.runDuplicates', { defaultMessage: 'Duplicates' }),
      align: 'right',
      render: count,
    },
    {
      field: 'pipelineErrors',
      name: i18n.translate('auditSources.detail.runPipelineErrors', {
        defaultMessage: 'Pipeline errors',
      }),
      align: 'right',
      render: count,
    },
    {
      name: i18n.translate('auditSources.detail.runCaughtUp', { defaultMessage: 'Caught up' }),
      render: (run: RunRecord) => caughtUpText(run),
    },
    {
      name: i18n.translate('auditSources.detail.runError', { defaultMessage: 'Error' }),
      truncateText: false,
      render: (run: RunRecord) => run.error ?? run.pipelineError ?? '',
    },
  ];
  const newestFirst = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <EuiBasicTable<RunRecord>
      tableCaption={i18n.translate('auditSources.detail.runsCaption', {
        defaultMessage: 'Recent runs',
      })}
      items={newestFirst}
      columns={columns}
      noItemsMessage={i18n.translate('auditSources.detail.noRuns', {
        defaultMessage: 'No runs yet: the first run starts shortly after the connector is enabled.',
      })}
      data-test-subj="recentRunsTable"
    />
  );
}

/** The "Pipeline errors" stat links to those documents on the events page. */
function PipelineErrorsStat({ connector, count }: { connector: ConnectorView; count: number }) {
  const link = useAppLink(failedRecordsPath(connector));
  const title = formatCount(count);
  return (
    <EuiStat
      title={
        count > 0 ? (
          <EuiLink {...link} data-test-subj="statPipelineErrorsLink">
            {title}
          </EuiLink>
        ) : (
          title
        )
      }
      description={i18n.translate('auditSources.detail.statPipelineErrors', {
        defaultMessage: 'Pipeline errors',
      })}
      titleSize="s"
      data-test-subj="statPipelineErrors"
    />
  );
}

/** The sentences of a degraded or failing connector, with the link to the failed records. */
function HealthCallouts({ connector, now }: { connector: ConnectorView; now: number }) {
  const { health } = connector;
  const error = lastErrorSentence(health, now);
  const failed = failedRecordsSentence(health, now);
  return (
    <>
      {error ? (
        <>
          <EuiCallOut
            color={health.status === 'failing' ? 'danger' : 'warning'}
            iconType="error"
            title={i18n.translate('auditSources.detail.lastErrorTitle', {
              defaultMessage: 'Last error, {when}',
              values: { when: formatRelative(health.lastError?.at, now) },
            })}
            data-test-subj="lastErrorCallout"
          >
            <p>{health.lastError?.message}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      ) : null}
      {failed ? (
        <>
          <EuiCallOut
            color="warning"
            iconType="warning"
            title={i18n.translate('auditSources.detail.failedRecordsTitle', {
              defaultMessage: 'Records could not be mapped',
            })}
            data-test-subj="failedRecordsCallout"
          >
            <p data-test-subj="failedRecordsSentence">{failed}</p>
            <p>
              <FailedRecordsLink connector={connector} />
            </p>
            <p>
              {i18n.translate('auditSources.detail.failedRecordsRule', {
                defaultMessage:
                  'The connector stays Degraded until a run writes new events without any pipeline error.',
              })}
            </p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      ) : null}
    </>
  );
}

export function ConnectorDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { api, pollIntervalMs, history } = useServices();
  const notify = useNotify();
  const [connector, setConnector] = useState<ConnectorView | undefined>();
  const [loadError, setLoadError] = useState<{ message: string; notFound: boolean } | undefined>();
  const [fetchedAt, setFetchedAt] = useState(Date.now());
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );

  useBreadcrumbs([
    {
      text: i18n.translate('auditSources.detail.breadcrumb', { defaultMessage: 'Connectors' }),
      path: '/',
    },
    { text: connector?.name ?? id },
  ]);
  const back = useAppLink('/');

  const load = useCallback(
    async (initial: boolean) => {
      try {
        const loaded = await api.getConnector(id);
        if (!mounted.current) return;
        setConnector(loaded);
        setLoadError(undefined);
        setFetchedAt(Date.now());
      } catch (error) {
        if (!mounted.current) return;
        setLoadError({ message: errorMessage(error), notFound: httpStatus(error) === 404 });
        if (initial && httpStatus(error) !== 404)
          notify.error(
            error,
            i18n.translate('auditSources.detail.loadError', {
              defaultMessage: 'Could not load the connector',
            })
          );
      }
    },
    [api, id, notify]
  );
  useEffect(() => {
    void load(true);
  }, [load]);
  usePolling(() => load(false), pollIntervalMs);

  const actions = useConnectorActions(setConnector);

  if (!connector) {
    return (
      <AppPage selectedTab="connectors">
        <EuiPageTemplate.Section>
          {loadError ? (
            <EuiEmptyPrompt
              iconType={loadError.notFound ? 'search' : 'error'}
              color={loadError.notFound ? 'subdued' : 'danger'}
              title={
                <h2>
                  {loadError.notFound
                    ? i18n.translate('auditSources.detail.notFound', {
                        defaultMessage: 'Connector not found',
                      })
                    : i18n.translate('auditSources.detail.loadError', {
                        defaultMessage: 'Could not load the connector',
                      })}
                </h2>
              }
              body={<p>{loadError.message}</p>}
              actions={
                <EuiButton onClick={() => history.push('/')}>
                  {i18n.translate('auditSources.detail.backToConnectors', {
                    defaultMessage: 'Back to connectors',
                  })}
                </EuiButton>
              }
            />
          ) : (
            <EuiEmptyPrompt
              icon={<EuiLoadingSpinner size="xl" />}
              title={
                <h2>
                  {i18n.translate('auditSources.detail.loading', {
                    defaultMessage: 'Loading connector',
                  })}
                </h2>
              }
            />
          )}
        </EuiPageTemplate.Section>
      </AppPage>
    );
  }

  const { health } = connector;
  const counts = countsSoFar(health);
  return (
    <AppPage selectedTab="connectors">
      <EuiPageTemplate.Section data-test-subj="connectorDetail">
        <EuiButtonEmpty
          {...back}
          iconType="arrowLeft"
          size="xs"
          flush="left"
          data-test-subj="detailBackLink"
        >
          {i18n.translate('auditSources.detail.backLink', { defaultMessage: 'Connectors' })}
        </EuiButtonEmpty>
        <EuiSpacer size="s" />
        <EuiFlexGroup alignItems="center" justifyContent="spaceBetween" wrap>
          <EuiFlexItem grow={false}>
            <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
              <EuiFlexItem grow={false}>
                <EuiTitle size="m">
                  <h2 data-test-subj="connectorDetailName">{connector.name}</h2>
                </EuiTitle>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiBadge color="hollow">{sourceLabel(connector.kind)}</EuiBadge>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <HealthBadge health={health} now={fetchedAt} />
              </EuiFlexItem>
            </EuiFlexGroup>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiFlexGroup gutterSize="s" responsive={false}>
              <EuiFlexItem grow={false}>
                <EuiButton
                  iconType="play"
                  size="s"
                  isDisabled={!connector.enabled}
                  onClick={() => void actions.runNow(connector).then(() => load(false))}
                  data-test-subj="detailRunNow"
                >
                  {i18n.translate('auditSources.detail.runNow', { defaultMessage: 'Run now' })}
                </EuiButton>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton
                  size="s"
                  iconType={connector.enabled ? 'pause' : 'play'}
                  onClick={() => void actions.setEnabled(connector, !connector.enabled)}
                  data-test-subj="detailToggleEnabled"
                >
                  {connector.enabled
                    ? i18n.translate('auditSources.detail.disable', { defaultMessage: 'Disable' })
                    : i18n.translate('auditSources.detail.enable', { defaultMessage: 'Enable' })}
                </EuiButton>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton
                  size="s"
                  fill
                  iconType="pencil"
                  onClick={() => setEditing(true)}
                  data-test-subj="detailEdit"
                >
                  {i18n.translate('auditSources.detail.edit', { defaultMessage: 'Edit' })}
                </EuiButton>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton
                  size="s"
                  color="danger"
                  iconType="trash"
                  onClick={() => setDeleting(true)}
                >
                  {i18n.translate('auditSources.detail.delete', { defaultMessage: 'Delete' })}
                </EuiButton>
              </EuiFlexItem>
            </EuiFlexGroup>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        {loadError ? (
          <>
            <EuiCallOut
              size="s"
              color="warning"
              iconType="warning"
              title={i18n.translate('auditSources.detail.refreshError', {
                defaultMessage: 'Could not refresh',
              })}
            >
              <p>{loadError.message}</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        <HealthCallouts connector={connector} now={fetchedAt} />
        <EuiFlexGroup gutterSize="m" wrap>
          {[
            {
              title: formatCount(counts.written),
              description: i18n.translate('auditSources.detail.statWritten', {
                defaultMessage: 'Events ingested',
              }),
              subj: 'statWritten',
            },
            {
              title: formatCount(counts.read),
              description: i18n.translate('auditSources.detail.statRead', {
                defaultMessage: 'Records read',
              }),
              subj: 'statRead',
            },
            {
              title: formatCount(counts.duplicates),
              description: i18n.translate('auditSources.detail.statDuplicates', {
                defaultMessage: 'Duplicates skipped',
              }),
              subj: 'statDuplicates',
            },
          ].map((stat) => (
            <EuiFlexItem key={stat.subj} style={{ minWidth: 150 }}>
              <EuiPanel hasBorder paddingSize="m">
                <EuiStat
                  title={stat.title}
                  description={stat.description}
                  titleSize="s"
                  data-test-subj={stat.subj}
                />
              </EuiPanel>
            </EuiFlexItem>
          ))}
          <EuiFlexItem style={{ minWidth: 150 }}>
            <EuiPanel hasBorder paddingSize="m">
              <PipelineErrorsStat connector={connector} count={counts.pipelineErrors} />
            </EuiPanel>
          </EuiFlexItem>
          <EuiFlexItem style={{ minWidth: 150 }}>
            <EuiPanel hasBorder paddingSize="m">
              <EuiStat
                title={formatDurationMs(health.lagMs)}
                description={
                  <span>
                    {i18n.translate('auditSources.detail.statLag', { defaultMessage: 'Lag' })}{' '}
                    <EuiIconTip
                      type="questionInCircle"
                      size="s"
                      color="subdued"
                      content={publicSource(connector.kind).lagExplanation()}
                      iconProps={{ 'data-test-subj': 'lagHelp' }}
                    />
                  </span>
                }
                titleSize="s"
                data-test-subj="statLag"
              />
            </EuiPanel>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        <EuiFlexGroup gutterSize="m" wrap>
          <EuiFlexItem style={{ minWidth: 320 }}>
            <EuiPanel hasBorder>
              <EuiTitle size="xs">
                <h3>
                  {i18n.translate('auditSources.detail.healthTitle', { defaultMessage: 'Health' })}
                </h3>
              </EuiTitle>
              <EuiSpacer size="s" />
              <EuiDescriptionList
                type="column"
                compressed
                listItems={[
                  {
                    title: i18n.translate('auditSources.detail.status', {
                      defaultMessage: 'Status',
                    }),
                    description: <span>{healthLabel(health.status)}</span>,
                  },
                  {
                    title: i18n.translate('auditSources.detail.lastRun', {
                      defaultMessage: 'Last run',
                    }),
                    description: (
                      <EuiToolTip content={formatTimestamp(health.lastRunAt)}>
                        <span tabIndex={0}>{formatRelative(health.lastRunAt, fetchedAt)}</span>
                      </EuiToolTip>
                    ),
                  },
                  {
                    title: i18n.translate('auditSources.detail.lastSuccess', {
                      defaultMessage: 'Last success',
                    }),
                    description: formatRelative(health.lastSuccessAt, fetchedAt),
                  },
                  {
                    title: i18n.translate('auditSources.detail.nextRun', {
                      defaultMessage: 'Next run',
                    }),
                    description: (
                      <span data-test-subj="detailNextRun">
                        {connector.enabled
                          ? formatNextRun(health, fetchedAt)
                          : i18n.translate('auditSources.detail.nextRunDisabled', {
                              defaultMessage: 'None (disabled)',
                            })}
                      </span>
                    ),
                  },
                ]}
              />
              <EuiSpacer size="m" />
              <EuiTitle size="xxs">
                <h4>
                  {i18n.translate('auditSources.detail.backfillTitle', {
                    defaultMessage: 'Initial backfill',
                  })}
                </h4>
              </EuiTitle>
              <EuiSpacer size="s" />
              <BackfillProgress health={health} now={fetchedAt} showComplete />
            </EuiPanel>
          </EuiFlexItem>
          <EuiFlexItem style={{ minWidth: 320 }}>
            <EuiPanel hasBorder>
              <EuiTitle size="xs">
                <h3>
                  {i18n.translate('auditSources.detail.settingsTitle', {
                    defaultMessage: 'Settings',
                  })}
                </h3>
              </EuiTitle>
              <EuiSpacer size="s" />
              <SettingsList connector={connector} />
            </EuiPanel>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        <EuiPanel hasBorder>
          <EuiTitle size="xs">
            <h3>
              {i18n.translate('auditSources.detail.runsTitle', { defaultMessage: 'Recent runs' })}
            </h3>
          </EuiTitle>
          <EuiSpacer size="s" />
          <RunsTable runs={health.recentRuns} />
        </EuiPanel>
      </EuiPageTemplate.Section>
      {editing ? (
        <ConnectorFlyout
          mode={{ type: 'edit', connector }}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setConnector(saved);
            setEditing(false);
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteConnectorModal
          connector={connector}
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            const deleted = await actions.remove(connector);
            setDeleting(false);
            if (deleted) history.push('/');
          }}
        />
      ) : null}
    </AppPage>
  );
}
