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
  EuiHealth,
  EuiLoadingSpinner,
  EuiPageTemplate,
  EuiPanel,
  EuiSpacer,
  EuiStat,
  EuiTitle,
  EuiToolTip,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { RunRecord } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { AppPage, useBreadcrumbs } from '../application/app';
import { useNotify, useServices } from '../application/app_context';
import { errorMessage, httpStatus } from '../services/http_error';
import { usePolling } from '../services/use_polling';
import { BackfillProgress } from './backfill_progress';
import { ConnectorFlyout } from './connector_flyout';
import { DeleteConnectorModal } from './delete_connector_modal';
import {
  formatCount,
  formatDurationMs,
  formatRelative,
  formatTimestamp,
  SOURCE_LABELS,
} from './format';
import { fieldsOf } from './form_state';
import { HealthBadge } from './health_badge';
import { useConnectorActions } from './use_connectors';

const OUTCOME_COLOR: Record<RunRecord['outcome'], string> = {
  success: 'success',
  partial: 'warning',
  failure: 'danger',
};

function SettingsList({ connector }: { connector: ConnectorView }) {
  const labels = Object.fromEntries(fieldsOf(connector.kind).map((f) => [f.path, f.label]));
  const settings = Object.entries(connector.settings as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => ({
      title: labels[`settings.${key}`] ?? key,
      description:
        key === 'caCertificate' ? 'PEM certificate (set)' : <EuiCode>{String(value)}</EuiCode>,
    }));
  const secrets = Object.entries(connector.secrets as Record<string, { isSet: boolean }>).map(
    ([key, state]) => ({
      title: labels[`secrets.${key}`] ?? key,
      description: (
        <EuiBadge color={state.isSet ? 'success' : 'default'} data-test-subj={`secretState-${key}`}>
          {state.isSet ? 'Set' : 'Not set'}
        </EuiBadge>
      ),
    })
  );
  return (
    <EuiDescriptionList
      type="column"
      compressed
      data-test-subj="connectorSettings"
      listItems={[
        { title: 'Source', description: SOURCE_LABELS[connector.kind] },
        { title: 'Polling interval', description: connector.interval },
        { title: 'Data stream', description: <EuiCode>{connector.dataStream}</EuiCode> },
        ...settings,
        ...secrets,
        { title: 'Created', description: formatTimestamp(connector.createdAt) },
        { title: 'Updated', description: formatTimestamp(connector.updatedAt) },
      ]}
    />
  );
}

function RunsTable({ runs }: { runs: RunRecord[] }) {
  const columns: Array<EuiBasicTableColumn<RunRecord>> = [
    {
      field: 'startedAt',
      name: 'Started',
      render: (startedAt: string) => formatTimestamp(startedAt),
    },
    {
      name: 'Duration',
      render: (run: RunRecord) =>
        formatDurationMs(Date.parse(run.finishedAt) - Date.parse(run.startedAt)),
    },
    {
      field: 'outcome',
      name: 'Outcome',
      render: (outcome: RunRecord['outcome']) => (
        <EuiHealth color={OUTCOME_COLOR[outcome]}>{outcome}</EuiHealth>
      ),
    },
    { field: 'read', name: 'Read', align: 'right', render: (n: number) => formatCount(n) },
    { field: 'written', name: 'Written', align: 'right', render: (n: number) => formatCount(n) },
    {
      field: 'duplicates',
      name: 'Duplicates',
      align: 'right',
      render: (n: number) => formatCount(n),
    },
    {
      field: 'pipelineErrors',
      name: 'Pipeline errors',
      align: 'right',
      render: (n: number) => formatCount(n),
    },
    {
      field: 'caughtUp',
      name: 'Caught up',
      render: (caughtUp: boolean) => (caughtUp ? 'Yes' : 'No (backfill continues)'),
    },
    {
      field: 'error',
      name: 'Error',
      truncateText: false,
      render: (error?: string) => error ?? '',
    },
  ];
  const newestFirst = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <EuiBasicTable<RunRecord>
      tableCaption="Recent runs"
      items={newestFirst}
      columns={columns}
      noItemsMessage="No runs yet: the first run starts shortly after the connector is enabled."
      data-test-subj="recentRunsTable"
    />
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

  useBreadcrumbs([{ text: 'Connectors', path: '/' }, { text: connector?.name ?? id }]);

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
          notify.error(error, 'Could not load the connector');
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
                  {loadError.notFound ? 'Connector not found' : 'Could not load the connector'}
                </h2>
              }
              body={<p>{loadError.message}</p>}
              actions={<EuiButton onClick={() => history.push('/')}>Back to connectors</EuiButton>}
            />
          ) : (
            <EuiEmptyPrompt
              icon={<EuiLoadingSpinner size="xl" />}
              title={<h2>Loading connector</h2>}
            />
          )}
        </EuiPageTemplate.Section>
      </AppPage>
    );
  }

  const { health } = connector;
  return (
    <AppPage selectedTab="connectors">
      <EuiPageTemplate.Section data-test-subj="connectorDetail">
        <EuiFlexGroup alignItems="center" justifyContent="spaceBetween" wrap>
          <EuiFlexItem grow={false}>
            <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
              <EuiFlexItem grow={false}>
                <EuiTitle size="m">
                  <h2 data-test-subj="connectorDetailName">{connector.name}</h2>
                </EuiTitle>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiBadge color="hollow">{SOURCE_LABELS[connector.kind]}</EuiBadge>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <HealthBadge health={health} />
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
                  Run now
                </EuiButton>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton
                  size="s"
                  iconType={connector.enabled ? 'pause' : 'play'}
                  onClick={() => void actions.setEnabled(connector, !connector.enabled)}
                  data-test-subj="detailToggleEnabled"
                >
                  {connector.enabled ? 'Disable' : 'Enable'}
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
                  Edit
                </EuiButton>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButton
                  size="s"
                  color="danger"
                  iconType="trash"
                  onClick={() => setDeleting(true)}
                >
                  Delete
                </EuiButton>
              </EuiFlexItem>
            </EuiFlexGroup>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        {loadError ? (
          <>
            <EuiCallOut size="s" color="warning" iconType="warning" title="Could not refresh">
              <p>{loadError.message}</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        {health.lastError && (health.status === 'failing' || health.status === 'degraded') ? (
          <>
            <EuiCallOut
              color={health.status === 'failing' ? 'danger' : 'warning'}
              iconType="error"
              title={`Last error, ${formatRelative(health.lastError.at, fetchedAt)}`}
              data-test-subj="lastErrorCallout"
            >
              <p>{health.lastError.message}</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        <EuiFlexGroup gutterSize="m" wrap>
          {[
            {
              title: formatCount(health.totals.written),
              description: 'Events ingested',
              subj: 'statWritten',
            },
            {
              title: formatCount(health.totals.read),
              description: 'Records read',
              subj: 'statRead',
            },
            {
              title: formatCount(health.totals.duplicates),
              description: 'Duplicates skipped',
              subj: 'statDuplicates',
            },
            {
              title: formatCount(health.totals.pipelineErrors),
              description: 'Pipeline errors',
              subj: 'statPipelineErrors',
            },
            { title: formatDurationMs(health.lagMs), description: 'Lag', subj: 'statLag' },
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
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        <EuiFlexGroup gutterSize="m" wrap>
          <EuiFlexItem style={{ minWidth: 320 }}>
            <EuiPanel hasBorder>
              <EuiTitle size="xs">
                <h3>Health</h3>
              </EuiTitle>
              <EuiSpacer size="s" />
              <EuiDescriptionList
                type="column"
                compressed
                listItems={[
                  { title: 'Status', description: <HealthBadge health={health} /> },
                  {
                    title: 'Last run',
                    description: (
                      <EuiToolTip content={formatTimestamp(health.lastRunAt)}>
                        <span tabIndex={0}>{formatRelative(health.lastRunAt, fetchedAt)}</span>
                      </EuiToolTip>
                    ),
                  },
                  {
                    title: 'Last success',
                    description: formatRelative(health.lastSuccessAt, fetchedAt),
                  },
                  { title: 'Next run', description: formatRelative(health.nextRunAt, fetchedAt) },
                ]}
              />
              <EuiSpacer size="m" />
              <EuiTitle size="xxs">
                <h4>Initial backfill</h4>
              </EuiTitle>
              <EuiSpacer size="s" />
              <BackfillProgress health={health} now={fetchedAt} showComplete />
            </EuiPanel>
          </EuiFlexItem>
          <EuiFlexItem style={{ minWidth: 320 }}>
            <EuiPanel hasBorder>
              <EuiTitle size="xs">
                <h3>Settings</h3>
              </EuiTitle>
              <EuiSpacer size="s" />
              <SettingsList connector={connector} />
            </EuiPanel>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="m" />
        <EuiPanel hasBorder>
          <EuiTitle size="xs">
            <h3>Recent runs</h3>
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
