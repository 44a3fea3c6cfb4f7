import React, { useState } from 'react';
import { EuiButton, EuiConfirmModal, EuiFlexGroup, EuiFlexItem, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { ConnectorView } from '../../common/connectors/view';

export type BulkAction = 'enable' | 'disable' | 'delete';

export interface BulkActionsProps {
  selected: readonly ConnectorView[];
  /** Runs the action on the selection; resolves when every connector has answered. */
  onRun: (action: BulkAction, connectors: readonly ConnectorView[]) => Promise<void>;
}

function confirmTitle(action: BulkAction, count: number): string {
  const values = { count };
  switch (action) {
    case 'enable':
      return i18n.translate('auditSources.connectors.bulk.enableTitle', {
        defaultMessage: 'Enable {count, plural, one {# connector} other {# connectors}}?',
        values,
      });
    case 'disable':
      return i18n.translate('auditSources.connectors.bulk.disableTitle', {
        defaultMessage: 'Disable {count, plural, one {# connector} other {# connectors}}?',
        values,
      });
    case 'delete':
      return i18n.translate('auditSources.connectors.bulk.deleteTitle', {
        defaultMessage: 'Delete {count, plural, one {# connector} other {# connectors}}?',
        values,
      });
  }
}

function confirmButton(action: BulkAction, count: number): string {
  const values = { count };
  switch (action) {
    case 'enable':
      return i18n.translate('auditSources.connectors.bulk.enableConfirm', {
        defaultMessage: 'Enable {count}',
        values,
      });
    case 'disable':
      return i18n.translate('auditSources.connectors.bulk.disableConfirm', {
        defaultMessage: 'Disable {count}',
        values,
      });
    case 'delete':
      return i18n.translate('auditSources.connectors.bulk.deleteConfirm', {
        defaultMessage: 'Delete {count}',
        values,
      });
  }
}

function ConfirmBody({ action }: { action: BulkAction }) {
  switch (action) {
    case 'enable':
      return (
        <FormattedMessage
          id="auditSources.connectors.bulk.enableBody"
          defaultMessage="Each connector resumes pulling from its source on its schedule."
        />
      );
    case 'disable':
      return (
        <FormattedMessage
          id="auditSources.connectors.bulk.disableBody"
          defaultMessage="Pulling stops until they are enabled again. Their checkpoints are kept, so nothing is lost or read twice."
        />
      );
    case 'delete':
      return (
        <FormattedMessage
          id="auditSources.connectors.bulk.deleteBody"
          defaultMessage="Pulling from these sources stops and their stored secrets are deleted. Events already written stay in their data streams."
        />
      );
  }
}

/** The names the action applies to: all of them up to a handful, then how many more. */
function NameList({ connectors }: { connectors: readonly ConnectorView[] }) {
  const shown = connectors.slice(0, 8);
  const more = connectors.length - shown.length;
  return (
    <ul data-test-subj="bulkConfirmNames">
      {shown.map((connector) => (
        <li key={connector.id}>{connector.name}</li>
      ))}
      {more > 0 ? (
        <li>
          <FormattedMessage
            id="auditSources.connectors.bulk.andMore"
            defaultMessage="and {count, plural, one {# more} other {# more}}"
            values={{ count: more }}
          />
        </li>
      ) : null}
    </ul>
  );
}

/**
 * Enable, disable and delete for the selected rows, each behind a confirmation that names the
 * connectors it applies to. Enable and disable apply only to those not already so.
 */
export function BulkActions({ selected, onRun }: BulkActionsProps) {
  const [confirming, setConfirming] = useState<BulkAction | undefined>();
  const [busy, setBusy] = useState(false);
  if (selected.length === 0) return null;
  const targets = (action: BulkAction) =>
    action === 'delete'
      ? selected
      : selected.filter((connector) => connector.enabled !== (action === 'enable'));
  const button = (action: BulkAction, label: string, icon: string, testSubj: string) => (
    <EuiFlexItem grow={false}>
      <EuiButton
        size="s"
        iconType={icon}
        color={action === 'delete' ? 'danger' : 'primary'}
        isDisabled={targets(action).length === 0 || busy}
        onClick={() => setConfirming(action)}
        data-test-subj={testSubj}
      >
        {label}
      </EuiButton>
    </EuiFlexItem>
  );
  const chosen = confirming ? targets(confirming) : [];
  return (
    <>
      <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false} wrap>
        <EuiFlexItem grow={false}>
          <EuiText size="s" data-test-subj="bulkSelectedCount">
            <FormattedMessage
              id="auditSources.connectors.bulk.selected"
              defaultMessage="{count, plural, one {# connector} other {# connectors}} selected"
              values={{ count: selected.length }}
            />
          </EuiText>
        </EuiFlexItem>
        {button(
          'enable',
          i18n.translate('auditSources.connectors.bulk.enableButton', {
            defaultMessage: 'Enable',
          }),
          'play',
          'bulkEnableButton'
        )}
        {button(
          'disable',
          i18n.translate('auditSources.connectors.bulk.disableButton', {
            defaultMessage: 'Disable',
          }),
          'pause',
          'bulkDisableButton'
        )}
        {button(
          'delete',
          i18n.translate('auditSources.connectors.bulk.deleteButton', {
            defaultMessage: 'Delete',
          }),
          'trash',
          'bulkDeleteButton'
        )}
      </EuiFlexGroup>
      {confirming ? (
        <EuiConfirmModal
          title={confirmTitle(confirming, chosen.length)}
          onCancel={() => setConfirming(undefined)}
          onConfirm={async () => {
            setBusy(true);
            try {
              await onRun(confirming, chosen);
            } finally {
              setBusy(false);
              setConfirming(undefined);
            }
          }}
          isLoading={busy}
          cancelButtonText={i18n.translate('auditSources.connectors.bulk.cancel', {
            defaultMessage: 'Cancel',
          })}
          confirmButtonText={confirmButton(confirming, chosen.length)}
          buttonColor={confirming === 'delete' ? 'danger' : 'primary'}
          defaultFocusedButton="cancel"
          data-test-subj="bulkConfirmModal"
        >
          <p>
            <ConfirmBody action={confirming} />
          </p>
          <NameList connectors={chosen} />
        </EuiConfirmModal>
      ) : null}
    </>
  );
}
