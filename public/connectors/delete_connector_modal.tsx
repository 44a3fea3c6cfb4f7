import React, { useState } from 'react';
import { EuiConfirmModal } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
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
      title={i18n.translate('auditSources.deleteConnectorModal.title', {
        defaultMessage: 'Delete connector “{name}”?',
        values: { name: connector.name },
      })}
      onCancel={onCancel}
      onConfirm={async () => {
        setBusy(true);
        await onConfirm();
        setBusy(false);
      }}
      isLoading={busy}
      cancelButtonText={i18n.translate('auditSources.deleteConnectorModal.cancel', {
        defaultMessage: 'Cancel',
      })}
      confirmButtonText={i18n.translate('auditSources.deleteConnectorModal.confirm', {
        defaultMessage: 'Delete connector',
      })}
      buttonColor="danger"
      defaultFocusedButton="cancel"
      data-test-subj="deleteConnectorModal"
    >
      <p>
        <FormattedMessage
          id="auditSources.deleteConnectorModal.body"
          defaultMessage="Pulling from this source stops and its stored secrets are deleted. Events already written to {dataStream} stay."
          values={{ dataStream: <code>{connector.dataStream}</code> }}
        />
      </p>
    </EuiConfirmModal>
  );
}
