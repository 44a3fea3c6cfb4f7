import React, { useState } from 'react';
import { EuiConfirmModal } from '@elastic/eui';
import type { ConnectorView } from '../../common/connectors/view';

export function DeleteConnectorModal({
  connector,
  onCancel,
  onConfirm,
}: {
  connector: ConnectorView;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <EuiConfirmModal
      title={`Delete connector “${connector.name}”?`}
      onCancel={onCancel}
      onConfirm={async () => {
        setBusy(true);
        await onConfirm();
        setBusy(false);
      }}
      isLoading={busy}
      cancelButtonText="Cancel"
      confirmButtonText="Delete connector"
      buttonColor="danger"
      defaultFocusedButton="cancel"
      data-test-subj="deleteConnectorModal"
    >
      <p>
        Pulling from this source stops and its stored secrets are deleted. Events already written to{' '}
        <code>{connector.dataStream}</code> stay.
      </p>
    </EuiConfirmModal>
  );
}
