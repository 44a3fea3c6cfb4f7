import React from 'react';
import {
  EuiBadge,
  EuiBasicTable,
  EuiFlexGroup,
  EuiFlexItem,
  EuiIcon,
  EuiLink,
  EuiSwitch,
  EuiText,
  EuiToolTip,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { ConnectorView } from '../../common/connectors/view';
import { useServices } from '../application/app_context';
import { BackfillProgress } from './backfill_progress';
import {
  formatCount,
  formatDurationMs,
  formatRelative,
  formatTimestamp,
  SOURCE_LABELS,
} from './format';
import { HealthBadge } from './health_badge';
import { SOURCE_DESCRIPTIONS } from './connector_flyout';

export interface ConnectorRowActions {
  onEdit: (connector: ConnectorView) => void;
  onDelete: (connector: ConnectorView) => void;
  onRunNow: (connector: ConnectorView) => void;
  onSetEnabled: (connector: ConnectorView, enabled: boolean) => void;
}

function NameLink({ connector }: { connector: ConnectorView }) {
  const { history } = useServices();
  const path = `/connectors/${encodeURIComponent(connector.id)}`;
  return (
    <EuiLink
      href={history.createHref({ pathname: path })}
      onClick={(event: React.MouseEvent) => {
        event.preventDefault();
        history.push(path);
      }}
      data-test-subj="connectorLink"
    >
      {connector.name}
    </EuiLink>
  );
}

export function ConnectorsTable({
  connectors,
  now,
  loading,
  actions,
}: {
  connectors: ConnectorView[];
  now: number;
  loading: boolean;
  actions: ConnectorRowActions;
}) {
  const columns: Array<EuiBasicTableColumn<ConnectorView>> = [
    {
      field: 'name',
      name: 'Name',
      sortable: true,
      truncateText: true,
      render: (_name: string, connector) => <NameLink connector={connector} />,
    },
    {
      field: 'kind',
      name: 'Source',
      width: '110px',
      render: (_kind: string, connector) => (
        <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiIcon type={SOURCE_DESCRIPTIONS[connector.kind].icon} size="s" />
          </EuiFlexItem>
          <EuiFlexItem grow={false}>{SOURCE_LABELS[connector.kind]}</EuiFlexItem>
        </EuiFlexGroup>
      ),
    },
    {
      field: 'enabled',
      name: 'Enabled',
      width: '90px',
      render: (enabled: boolean, connector) => (
        <EuiSwitch
          label={enabled ? 'Enabled' : 'Disabled'}
          showLabel={false}
          compressed
          checked={enabled}
          onChange={(event) => actions.onSetEnabled(connector, event.target.checked)}
          data-test-subj="enabledSwitch"
        />
      ),
    },
    {
      name: 'Health',
      width: '200px',
      render: (connector: ConnectorView) => (
        <div style={{ width: '100%' }}>
          <HealthBadge health={connector.health} />
          {connector.enabled && !connector.health.backfill.complete ? (
            <BackfillProgress health={connector.health} now={now} compact />
          ) : null}
        </div>
      ),
    },
    {
      name: 'Last success',
      width: '140px',
      render: (connector: ConnectorView) =>
        connector.health.lastSuccessAt ? (
          <EuiToolTip content={formatTimestamp(connector.health.lastSuccessAt)}>
            <span tabIndex={0}>{formatRelative(connector.health.lastSuccessAt, now)}</span>
          </EuiToolTip>
        ) : (
          <EuiText size="s" color="subdued">
            Never
          </EuiText>
        ),
    },
    {
      name: 'Events ingested',
      width: '130px',
      align: 'right',
      render: (connector: ConnectorView) => (
        <span data-test-subj="eventsIngested">{formatCount(connector.health.totals.written)}</span>
      ),
    },
    {
      name: 'Lag',
      width: '90px',
      align: 'right',
      render: (connector: ConnectorView) => formatDurationMs(connector.health.lagMs),
    },
    {
      name: 'Actions',
      width: '120px',
      actions: [
        {
          name: 'Run now',
          description: 'Start a run now instead of waiting for the schedule',
          icon: 'play',
          type: 'icon',
          isPrimary: true,
          available: (connector) => connector.enabled,
          onClick: (connector) => actions.onRunNow(connector),
          'data-test-subj': 'runNowAction',
        },
        {
          name: 'Edit',
          description: 'Edit this connector',
          icon: 'pencil',
          type: 'icon',
          isPrimary: true,
          onClick: (connector) => actions.onEdit(connector),
          'data-test-subj': 'editAction',
        },
        {
          name: (connector) => (connector.enabled ? 'Disable' : 'Enable'),
          description: (connector) =>
            connector.enabled ? 'Stop pulling from this source' : 'Resume pulling from this source',
          icon: (connector) => (connector.enabled ? 'pause' : 'play'),
          type: 'icon',
          onClick: (connector) => actions.onSetEnabled(connector, !connector.enabled),
          'data-test-subj': 'toggleEnabledAction',
        },
        {
          name: 'Delete',
          description: 'Delete this connector',
          icon: 'trash',
          type: 'icon',
          color: 'danger',
          onClick: (connector) => actions.onDelete(connector),
          'data-test-subj': 'deleteAction',
        },
      ],
    },
  ];
  return (
    <EuiBasicTable<ConnectorView>
      tableCaption="Connectors"
      items={[...connectors].sort((a, b) => a.name.localeCompare(b.name))}
      itemId="id"
      columns={columns}
      loading={loading}
      rowProps={(connector) => ({ 'data-test-subj': `connectorRow-${connector.name}` })}
      noItemsMessage="No connectors"
    />
  );
}

export function SourceKindBadge({ connector }: { connector: ConnectorView }) {
  return <EuiBadge color="hollow">{SOURCE_LABELS[connector.kind]}</EuiBadge>;
}
