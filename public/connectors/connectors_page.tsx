import React, { useState } from 'react';
import {
  EuiButton,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiFlexGrid,
  EuiFlexItem,
  EuiLoadingSpinner,
  EuiPageTemplate,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import type { ConnectorView } from '../../common/connectors/view';
import { AppPage, useBreadcrumbs } from '../application/app';
import { ConnectorFlyout, SOURCE_DESCRIPTIONS } from './connector_flyout';
import { ConnectorsTable } from './connectors_table';
import { DeleteConnectorModal } from './delete_connector_modal';
import type { FormMode } from './form_state';
import { SOURCE_LABELS } from './format';
import { useConnectorActions, useConnectors } from './use_connectors';

function EmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <EuiEmptyPrompt
      data-test-subj="connectorsEmptyPrompt"
      iconType="logstashInput"
      title={<h2>Add your first audit source</h2>}
      body={
        <>
          <p>
            A connector pulls one source on a schedule and writes its records to Elasticsearch as
            ECS events, with a backfill of past records on its first run.
          </p>
          <EuiFlexGrid columns={2} gutterSize="m">
            {(['lumos', 'closer'] as const).map((kind) => (
              <EuiFlexItem key={kind}>
                <EuiPanel hasBorder paddingSize="s">
                  <EuiTitle size="xxs">
                    <h3>{SOURCE_LABELS[kind]}</h3>
                  </EuiTitle>
                  <EuiText size="xs">
                    <p>
                      {SOURCE_DESCRIPTIONS[kind].summary} {SOURCE_DESCRIPTIONS[kind].needs}
                    </p>
                  </EuiText>
                </EuiPanel>
              </EuiFlexItem>
            ))}
          </EuiFlexGrid>
        </>
      }
      actions={
        <EuiButton
          fill
          iconType="plusInCircle"
          onClick={onCreate}
          data-test-subj="createFirstConnectorButton"
        >
          Add connector
        </EuiButton>
      }
    />
  );
}

export function ConnectorsPage() {
  useBreadcrumbs([{ text: 'Connectors' }]);
  const { connectors, spaceId, error, loading, reload, upsert, remove, fetchedAt } =
    useConnectors();
  const actions = useConnectorActions(upsert);
  const [flyout, setFlyout] = useState<FormMode | undefined>();
  const [deleting, setDeleting] = useState<ConnectorView | undefined>();

  const createButton = (
    <EuiButton
      fill
      iconType="plusInCircle"
      onClick={() => setFlyout({ type: 'create', spaceId })}
      data-test-subj="createConnectorButton"
    >
      Add connector
    </EuiButton>
  );

  let body: React.ReactNode;
  if (connectors === undefined && loading) {
    body = (
      <EuiEmptyPrompt icon={<EuiLoadingSpinner size="xl" />} title={<h2>Loading connectors</h2>} />
    );
  } else if (connectors === undefined) {
    body = (
      <EuiEmptyPrompt
        iconType="error"
        color="danger"
        title={<h2>Could not load connectors</h2>}
        body={<p data-test-subj="connectorsLoadError">{error}</p>}
        actions={
          <EuiButton onClick={() => void reload()} iconType="refresh">
            Try again
          </EuiButton>
        }
      />
    );
  } else if (connectors.length === 0) {
    body = <EmptyState onCreate={() => setFlyout({ type: 'create', spaceId })} />;
  } else {
    body = (
      <>
        {error ? (
          <>
            <EuiCallOut
              size="s"
              color="warning"
              iconType="warning"
              title="Could not refresh the list"
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
          actions={{
            onEdit: (connector) => setFlyout({ type: 'edit', connector }),
            onDelete: setDeleting,
            onRunNow: (connector) => void actions.runNow(connector),
            onSetEnabled: (connector, enabled) => void actions.setEnabled(connector, enabled),
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
            if (await actions.remove(deleting)) remove(deleting.id);
            setDeleting(undefined);
          }}
        />
      ) : null}
    </AppPage>
  );
}
