import React, { useCallback, useState } from 'react';
import {
  EuiButton,
  EuiCallOut,
  EuiCard,
  EuiEmptyPrompt,
  EuiFlexGrid,
  EuiFlexItem,
  EuiIcon,
  EuiLoadingSpinner,
  EuiPageTemplate,
  EuiSpacer,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { ConnectorView } from '../../common/connectors/view';
import type { SourceKind } from '../../common/data_streams';
import { AppPage, useBreadcrumbs } from '../application/app';
import type { PublicSource } from '../sources/public_source';
import { PUBLIC_SOURCES } from '../sources/registry';
import { useNotify } from '../application/app_context';
import type { BulkAction } from './bulk_actions';
import { ConnectorFlyout } from './connector_flyout';
import { ConnectorsTable } from './connectors_table';
import { DeleteConnectorModal } from './delete_connector_modal';
import type { FormMode } from './form_state';
import { useConnectorActions, useConnectors, type BulkOutcome } from './use_connectors';

function SourceCard({
  source,
  onPick,
}: {
  source: PublicSource;
  onPick: (kind: SourceKind) => void;
}) {
  return (
    <EuiCard
      layout="horizontal"
      icon={<EuiIcon type={source.icon} size="l" />}
      title={source.label()}
      titleSize="xs"
      description={`${source.summary()} ${source.needs()}`}
      onClick={() => onPick(source.kind)}
      hasBorder
      data-test-subj={`emptyStateSource-${source.kind}`}
    />
  );
}

function EmptyState({ onCreate }: { onCreate: (kind?: SourceKind) => void }) {
  return (
    <EuiEmptyPrompt
      data-test-subj="connectorsEmptyPrompt"
      iconType="logstashInput"
      title={
        <h2>
          {i18n.translate('auditSources.connectorsPage.empty.title', {
            defaultMessage: 'Add your first audit source',
          })}
        </h2>
      }
      body={
        <>
          <p>
            <FormattedMessage
              id="auditSources.connectorsPage.empty.body"
              defaultMessage="A connector pulls one source on a schedule and writes its records to Elasticsearch as ECS events, with a backfill of past records on its first run. Pick a source to start:"
            />
          </p>
          <EuiFlexGrid columns={2} gutterSize="m">
            {PUBLIC_SOURCES.map((source) => (
              <EuiFlexItem key={source.kind}>
                <SourceCard source={source} onPick={onCreate} />
              </EuiFlexItem>
            ))}
          </EuiFlexGrid>
        </>
      }
      actions={
        <EuiButton
          fill
          iconType="plusInCircle"
          onClick={() => onCreate()}
          data-test-subj="createFirstConnectorButton"
        >
          {i18n.translate('auditSources.connectorsPage.addConnector', {
            defaultMessage: 'Add connector',
          })}
        </EuiButton>
      }
    />
  );
}

/** One toast per bulk action: how many succeeded, and each failure with the server's words. */
function useBulkReport() {
  const notify = useNotify();
  return useCallback(
    (action: BulkAction, outcome: BulkOutcome) => {
      const count = outcome.done.length;
      if (count > 0) {
        const values = { count };
        notify.success(
          action === 'enable'
            ? i18n.translate('auditSources.connectorsPage.bulk.enabled', {
                defaultMessage: 'Enabled {count, plural, one {# connector} other {# connectors}}',
                values,
              })
            : action === 'disable'
              ? i18n.translate('auditSources.connectorsPage.bulk.disabled', {
                  defaultMessage:
                    'Disabled {count, plural, one {# connector} other {# connectors}}',
                  values,
                })
              : i18n.translate('auditSources.connectorsPage.bulk.deleted', {
                  defaultMessage: 'Deleted {count, plural, one {# connector} other {# connectors}}',
                  values,
                })
        );
      }
      if (outcome.failed.length > 0) {
        const text = outcome.failed
          .map(({ connector, message }) =>
            i18n.translate('auditSources.connectorsPage.bulk.failedItem', {
              defaultMessage: '“{name}”: {message}',
              values: { name: connector.name, message },
            })
          )
          .join('\n');
        notify.error(
          new Error(text),
          i18n.translate('auditSources.connectorsPage.bulk.failed', {
            defaultMessage:
              '{count, plural, one {# connector was} other {# connectors were}} not changed',
            values: { count: outcome.failed.length },
          })
        );
      }
    },
    [notify]
  );
}

export function ConnectorsPage() {
  useBreadcrumbs([
    {
      text: i18n.translate('auditSources.connectorsPage.breadcrumb', {
        defaultMessage: 'Connectors',
      }),
    },
  ]);
  const { connectors, spaceId, error, loading, reload, upsert, remove, fetchedAt } =
    useConnectors();
  const actions = useConnectorActions(upsert, remove);
  const report = useBulkReport();
  const [flyout, setFlyout] = useState<FormMode | undefined>();
  const [deleting, setDeleting] = useState<ConnectorView | undefined>();
  // From a source card, the flyout opens with that source picked (no source picker).
  const openCreate = (kind?: SourceKind) => setFlyout({ type: 'create', spaceId, kind });

  const createButton = (
    <EuiButton
      fill
      iconType="plusInCircle"
      onClick={() => openCreate()}
      data-test-subj="createConnectorButton"
    >
      {i18n.translate('auditSources.connectorsPage.addConnector', {
        defaultMessage: 'Add connector',
      })}
    </EuiButton>
  );

  let body: React.ReactNode;
  if (connectors === undefined && loading) {
    body = (
      <EuiEmptyPrompt
        icon={<EuiLoadingSpinner size="xl" />}
        title={
          <h2>
            {i18n.translate('auditSources.connectorsPage.loading', {
              defaultMessage: 'Loading connectors',
            })}
          </h2>
        }
      />
    );
  } else if (connectors === undefined) {
    body = (
      <EuiEmptyPrompt
        iconType="error"
        color="danger"
        title={
          <h2>
            {i18n.translate('auditSources.connectorsPage.loadFailed', {
              defaultMessage: 'Could not load connectors',
            })}
          </h2>
        }
        body={<p data-test-subj="connectorsLoadError">{error}</p>}
        actions={
          <EuiButton onClick={() => void reload()} iconType="refresh">
            {i18n.translate('auditSources.connectorsPage.tryAgain', {
              defaultMessage: 'Try again',
            })}
          </EuiButton>
        }
      />
    );
  } else if (connectors.length === 0) {
    body = <EmptyState onCreate={openCreate} />;
  } else {
    body = (
      <>
        {error ? (
          <>
            <EuiCallOut
              size="s"
              color="warning"
              iconType="warning"
              title={i18n.translate('auditSources.connectorsPage.refreshFailed', {
                defaultMessage: 'Could not refresh the list',
              })}
            >
              <p>{error}</p>
            </EuiCallOut>
            <EuiSpacer size="m" />
          </>
        ) : null}
        <ConnectorsTable
          connectors={connectors}
          now={fetchedAt}
          loading={false}
          pendingEnabled={actions.pendingEnabled}
          actions={{
            onEdit: (connector) => setFlyout({ type: 'edit', connector }),
            onDelete: setDeleting,
            onRunNow: (connector) => void actions.runNow(connector),
            onSetEnabled: (connector, enabled) => void actions.setEnabled(connector, enabled),
            onBulk: async (action, chosen) => {
              const outcome =
                action === 'delete'
                  ? await actions.bulkRemove(chosen)
                  : await actions.bulkSetEnabled(chosen, action === 'enable');
              report(action, outcome);
            },
          }}
        />
      </>
    );
  }

  return (
    <AppPage
      selectedTab="connectors"
      rightSideItems={connectors && connectors.length > 0 ? [createButton] : []}
    >
      <EuiPageTemplate.Section>{body}</EuiPageTemplate.Section>
      {flyout ? (
        <ConnectorFlyout
          mode={flyout}
          onClose={() => setFlyout(undefined)}
          onSaved={(connector) => {
            upsert(connector);
            setFlyout(undefined);
            void reload();
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteConnectorModal
          connector={deleting}
          onCancel={() => setDeleting(undefined)}
          onConfirm={async () => {
            await actions.remove(deleting);
            setDeleting(undefined);
          }}
        />
      ) : null}
    </AppPage>
  );
}
