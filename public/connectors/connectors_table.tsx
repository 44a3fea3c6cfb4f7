import React, { useMemo, useState } from 'react';
import {
  EuiBasicTable,
  EuiFieldSearch,
  EuiFlexGroup,
  EuiFlexItem,
  EuiIcon,
  EuiLink,
  EuiLoadingSpinner,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiToolTip,
  type Criteria,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { ConnectorView } from '../../common/connectors/view';
import type { HealthStatus } from '../../common/connectors/health';
import { useServices } from '../application/app_context';
import { BackfillProgress } from './backfill_progress';
import { BulkActions, type BulkAction } from './bulk_actions';
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
  onBulk: (action: BulkAction, connectors: readonly ConnectorView[]) => Promise<void>;
}

export const PAGE_SIZE_OPTIONS = [10, 25, 50];

/** Worst first when sorted ascending: what needs attention comes up. */
const STATUS_ORDER: Readonly<Record<HealthStatus, number>> = {
  failing: 0,
  degraded: 1,
  pending: 2,
  healthy: 3,
  disabled: 4,
};

/**
 * One table row: the connector as shown (its switch already in the state asked for) plus the
 * values the sortable columns sort by, which EuiBasicTable reads as top-level fields.
 */
interface Row {
  id: string;
  connector: ConnectorView;
  /** Waiting for the server to confirm an enable/disable. */
  pending: boolean;
  name: string;
  kind: string;
  namespace: string;
  enabled: boolean;
  status: number;
  lastSuccess: string;
  written: number;
  lag: number;
}

type SortField = 'name' | 'kind' | 'enabled' | 'status' | 'lastSuccess' | 'written' | 'lag';

function toRow(connector: ConnectorView, pendingEnabled: ReadonlyMap<string, boolean>): Row {
  const asked = pendingEnabled.get(connector.id);
  const shown = asked === undefined ? connector : { ...connector, enabled: asked };
  return {
    id: connector.id,
    connector: shown,
    pending: asked !== undefined,
    name: connector.name,
    kind: SOURCE_LABELS[connector.kind],
    namespace: connector.namespace,
    enabled: shown.enabled,
    status: STATUS_ORDER[connector.health.status] ?? 99,
    lastSuccess: connector.health.lastSuccessAt ?? '',
    written: connector.health.totals.written,
    lag: connector.health.lagMs ?? Number.POSITIVE_INFINITY,
  };
}

/** Case-insensitive substring on the name, the source (label or kind) and the namespace. */
export function matchesSearch(connector: ConnectorView, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    connector.name,
    connector.kind,
    SOURCE_LABELS[connector.kind],
    connector.namespace,
    connector.dataStream,
  ]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

function compareRows(a: Row, b: Row, field: SortField): number {
  const left = a[field];
  const right = b[field];
  if (typeof left === 'string' && typeof right === 'string') {
    return left.localeCompare(right, undefined, { sensitivity: 'base', numeric: true });
  }
  return Number(left) - Number(right);
}

function NameLink({ connector }: { connector: ConnectorView }) {
  const { history } = useServices();
  const path = `/connectors/${encodeURIComponent(connector.id)}`;
  return (
    // The whole name, wrapped if long: two "Newcomer …" must never look the same.
    <EuiLink
      href={history.createHref({ pathname: path })}
      onClick={(event: React.MouseEvent) => {
        event.preventDefault();
        history.push(path);
      }}
      style={{ overflowWrap: 'break-word' }}
      data-test-subj="connectorLink"
    >
      {connector.name}
    </EuiLink>
  );
}

function EnabledSwitch({
  row,
  onSetEnabled,
}: {
  row: Row;
  onSetEnabled: ConnectorRowActions['onSetEnabled'];
}) {
  const { connector, pending } = row;
  return (
    <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false}>
      <EuiFlexItem grow={false}>
        <EuiSwitch
          label={
            connector.enabled
              ? i18n.translate('auditSources.connectorsTable.enabledLabel', {
                  defaultMessage: 'Enabled',
                })
              : i18n.translate('auditSources.connectorsTable.disabledLabel', {
                  defaultMessage: 'Disabled',
                })
          }
          showLabel={false}
          compressed
          checked={connector.enabled}
          disabled={pending}
          onChange={(event) => onSetEnabled(connector, event.target.checked)}
          data-test-subj="enabledSwitch"
        />
      </EuiFlexItem>
      {pending ? (
        <EuiFlexItem grow={false}>
          <EuiLoadingSpinner
            size="s"
            aria-label={i18n.translate('auditSources.connectorsTable.savingEnabled', {
              defaultMessage: 'Saving',
            })}
            data-test-subj="enabledSwitchPending"
          />
        </EuiFlexItem>
      ) : null}
    </EuiFlexGroup>
  );
}

function columnsFor(now: number, actions: ConnectorRowActions): Array<EuiBasicTableColumn<Row>> {
  return [
    {
      field: 'name',
      name: i18n.translate('auditSources.connectorsTable.name', { defaultMessage: 'Name' }),
      sortable: true,
      render: (_name: string, row: Row) => (
        <div>
          <NameLink connector={row.connector} />
          <EuiText size="xs" color="subdued" data-test-subj="connectorNamespace">
            {i18n.translate('auditSources.connectorsTable.namespaceLine', {
              defaultMessage: 'Namespace {namespace}',
              values: { namespace: row.namespace },
            })}
          </EuiText>
        </div>
      ),
    },
    {
      field: 'kind',
      name: i18n.translate('auditSources.connectorsTable.source', { defaultMessage: 'Source' }),
      sortable: true,
      width: '90px',
      render: (_kind: string, row: Row) => (
        <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiIcon type={SOURCE_DESCRIPTIONS[row.connector.kind].icon} size="s" />
          </EuiFlexItem>
          <EuiFlexItem grow={false}>{SOURCE_LABELS[row.connector.kind]}</EuiFlexItem>
        </EuiFlexGroup>
      ),
    },
    {
      field: 'enabled',
      name: i18n.translate('auditSources.connectorsTable.enabled', { defaultMessage: 'Enabled' }),
      sortable: true,
      width: '95px',
      render: (_enabled: boolean, row: Row) => (
        <EnabledSwitch row={row} onSetEnabled={actions.onSetEnabled} />
      ),
    },
    {
      field: 'status',
      name: i18n.translate('auditSources.connectorsTable.health', { defaultMessage: 'Health' }),
      sortable: true,
      width: '140px',
      render: (_status: number, { connector }: Row) => (
        <div style={{ width: '100%' }}>
          <HealthBadge health={connector.health} />
          {connector.enabled && !connector.health.backfill.complete ? (
            <BackfillProgress health={connector.health} now={now} compact />
          ) : null}
        </div>
      ),
    },
    {
      field: 'lastSuccess',
      name: i18n.translate('auditSources.connectorsTable.lastSuccess', {
        defaultMessage: 'Last success',
      }),
      sortable: true,
      width: '125px',
      render: (_at: string, { connector }: Row) =>
        connector.health.lastSuccessAt ? (
          <EuiToolTip content={formatTimestamp(connector.health.lastSuccessAt)}>
            <span tabIndex={0} style={{ whiteSpace: 'nowrap' }} data-test-subj="lastSuccess">
              {formatRelative(connector.health.lastSuccessAt, now)}
            </span>
          </EuiToolTip>
        ) : (
          <EuiText size="s" color="subdued" style={{ whiteSpace: 'nowrap' }}>
            {i18n.translate('auditSources.connectorsTable.never', { defaultMessage: 'Never' })}
          </EuiText>
        ),
    },
    {
      field: 'written',
      name: i18n.translate('auditSources.connectorsTable.eventsIngested', {
        defaultMessage: 'Events ingested',
      }),
      sortable: true,
      width: '130px',
      align: 'right',
      render: (written: number) => (
        <span data-test-subj="eventsIngested">{formatCount(written)}</span>
      ),
    },
    {
      field: 'lag',
      name: i18n.translate('auditSources.connectorsTable.lag', { defaultMessage: 'Lag' }),
      sortable: true,
      width: '70px',
      align: 'right',
      render: (_lag: number, { connector }: Row) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDurationMs(connector.health.lagMs)}</span>
      ),
    },
    {
      name: i18n.translate('auditSources.connectorsTable.actions', { defaultMessage: 'Actions' }),
      width: '90px',
      actions: [
        {
          name: i18n.translate('auditSources.connectorsTable.runNow', {
            defaultMessage: 'Run now',
          }),
          description: i18n.translate('auditSources.connectorsTable.runNowDescription', {
            defaultMessage: 'Start a run now instead of waiting for the schedule',
          }),
          icon: 'play',
          type: 'icon',
          isPrimary: true,
          available: ({ connector }) => connector.enabled,
          onClick: ({ connector }) => actions.onRunNow(connector),
          'data-test-subj': 'runNowAction',
        },
        {
          name: i18n.translate('auditSources.connectorsTable.edit', { defaultMessage: 'Edit' }),
          description: i18n.translate('auditSources.connectorsTable.editDescription', {
            defaultMessage: 'Edit this connector',
          }),
          icon: 'pencil',
          type: 'icon',
          isPrimary: true,
          onClick: ({ connector }) => actions.onEdit(connector),
          'data-test-subj': 'editAction',
        },
        {
          name: ({ connector }) =>
            connector.enabled
              ? i18n.translate('auditSources.connectorsTable.disable', {
                  defaultMessage: 'Disable',
                })
              : i18n.translate('auditSources.connectorsTable.enable', {
                  defaultMessage: 'Enable',
                }),
          description: ({ connector }) =>
            connector.enabled
              ? i18n.translate('auditSources.connectorsTable.disableDescription', {
                  defaultMessage: 'Stop pulling from this source',
                })
              : i18n.translate('auditSources.connectorsTable.enableDescription', {
                  defaultMessage: 'Resume pulling from this source',
                }),
          icon: ({ connector }) => (connector.enabled ? 'pause' : 'play'),
          type: 'icon',
          enabled: ({ pending }) => !pending,
          onClick: ({ connector }) => actions.onSetEnabled(connector, !connector.enabled),
          'data-test-subj': 'toggleEnabledAction',
        },
        {
          name: i18n.translate('auditSources.connectorsTable.delete', {
            defaultMessage: 'Delete',
          }),
          description: i18n.translate('auditSources.connectorsTable.deleteDescription', {
            defaultMessage: 'Delete this connector',
          }),
          icon: 'trash',
          type: 'icon',
          color: 'danger',
          onClick: ({ connector }) => actions.onDelete(connector),
          'data-test-subj': 'deleteAction',
        },
      ],
    },
  ];
}

/**
 * The connectors of the space: searched, sorted and paged in the browser (a space holds tens to
 * hundreds, which the list route returns in one answer), with a selection for bulk actions.
 * Search, sort, page and selection survive the list's polling; a selected connector that is
 * gone (deleted elsewhere) drops out of the selection.
 */
export function ConnectorsTable({
  connectors,
  now,
  loading,
  actions,
  pendingEnabled = new Map(),
}: {
  connectors: ConnectorView[];
  now: number;
  loading: boolean;
  actions: ConnectorRowActions;
  pendingEnabled?: ReadonlyMap<string, boolean>;
}) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ field: SortField; direction: 'asc' | 'desc' }>({
    field: 'name',
    direction: 'asc',
  });
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZE_OPTIONS[0]);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(() => {
    const matching = connectors
      .filter((connector) => matchesSearch(connector, search))
      .map((connector) => toRow(connector, pendingEnabled));
    const sign = sort.direction === 'asc' ? 1 : -1;
    // Ties by name, so equal values keep a stable, readable order.
    return matching.sort(
      (a, b) => sign * compareRows(a, b, sort.field) || compareRows(a, b, 'name')
    );
  }, [connectors, pendingEnabled, search, sort]);

  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(pageIndex, pageCount - 1);
  const pageRows = rows.slice(page * pageSize, (page + 1) * pageSize);
  const selected = rows.filter((row) => selectedIds.has(row.id));

  const onChange = ({ page: nextPage, sort: nextSort }: Criteria<Row>) => {
    if (nextPage) {
      setPageIndex(nextPage.size === pageSize ? nextPage.index : 0);
      setPageSize(nextPage.size);
    }
    if (nextSort) setSort({ field: nextSort.field as SortField, direction: nextSort.direction });
  };

  return (
    <>
      <EuiFlexGroup gutterSize="m" alignItems="center" responsive={false} wrap>
        <EuiFlexItem grow={true} style={{ minWidth: 240 }}>
          <EuiFieldSearch
            fullWidth
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setPageIndex(0);
            }}
            placeholder={i18n.translate('auditSources.connectorsTable.searchPlaceholder', {
              defaultMessage: 'Search by name, source or namespace',
            })}
            aria-label={i18n.translate('auditSources.connectorsTable.searchLabel', {
              defaultMessage: 'Search connectors',
            })}
            data-test-subj="connectorsSearch"
          />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <BulkActions
            selected={selected.map((row) => row.connector)}
            onRun={async (action, chosen) => {
              await actions.onBulk(action, chosen);
              if (action === 'delete') setSelectedIds(new Set());
            }}
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="m" />
      <EuiBasicTable<Row>
        tableCaption={i18n.translate('auditSources.connectorsTable.caption', {
          defaultMessage: 'Connectors',
        })}
        items={pageRows}
        itemId="id"
        columns={columnsFor(now, actions)}
        loading={loading}
        rowProps={(row) => ({ 'data-test-subj': `connectorRow-${row.name}` })}
        noItemsMessage={
          search
            ? i18n.translate('auditSources.connectorsTable.noMatches', {
                defaultMessage: 'No connector matches “{search}”',
                values: { search },
              })
            : i18n.translate('auditSources.connectorsTable.noItems', {
                defaultMessage: 'No connectors',
              })
        }
        sorting={{ sort }}
        pagination={{
          pageIndex: page,
          pageSize,
          totalItemCount: rows.length,
          pageSizeOptions: PAGE_SIZE_OPTIONS,
        }}
        onChange={onChange}
        selection={{
          selected,
          onSelectionChange: (chosen: Row[]) => {
            // The table reports the current page only: keep what is selected on other pages.
            const onPage = new Set(pageRows.map((row) => row.id));
            setSelectedIds((current) => {
              const next = new Set([...current].filter((id) => !onPage.has(id)));
              for (const row of chosen) next.add(row.id);
              return next;
            });
          },
        }}
        data-test-subj="connectorsTable"
      />
    </>
  );
}
