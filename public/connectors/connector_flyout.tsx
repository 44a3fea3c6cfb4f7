import React, { useEffect, useMemo, useReducer, useRef, type RefObject } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiConfirmModal,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiIcon,
  EuiScreenReaderOnly,
  EuiText,
  EuiTitle,
  EuiToolTip,
  useGeneratedHtmlId,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { ConnectorView } from '../../common/connectors/view';
import type { SourceKind } from '../../common/sources/registry';
import { publicSource } from '../sources/registry';
import { ConnectorForm } from './connector_form';
import { flyoutReducer, initialFlyoutState, type FlyoutAction } from './flyout_state';
import {
  draftInputs,
  formWarnings,
  isModified,
  saveDisabledReason,
  validateForm,
  type FormMode,
} from './form_state';
import { SourcePicker } from './source_picker';
import { useFlyoutActions } from './use_flyout_actions';

/**
 * Scrolls to and focuses the field `path` once it is rendered, then tells the reducer. An
 * "Advanced settings" field may only render once the accordion has opened: the effect runs
 * again when `advancedOpen` changes.
 */
function useFocusField(
  bodyRef: RefObject<HTMLDivElement>,
  path: string | undefined,
  advancedOpen: boolean,
  dispatch: (action: FlyoutAction) => void
) {
  useEffect(() => {
    if (path === undefined) return;
    const input = bodyRef.current?.querySelector<HTMLElement>(`[data-test-subj="field-${path}"]`);
    if (!input) return; // Not rendered yet: runs again once the accordion has opened.
    const reveal = () => input.scrollIntoView?.({ block: 'center' });
    reveal();
    input.focus({ preventScroll: true });
    dispatch({ type: 'focused' });
    // An accordion that is opening grows for a moment: scroll again once its height settles
    // (no transition, e.g. with reduced motion, and the first scroll was already right).
    const accordion = input.closest('[data-test-subj="advancedSettings"]');
    const onTransitionEnd = (event: Event) => {
      // The arrow icon's rotation ends first; the panel's height (EUI animates the logical
      // block-size) is what moves the field.
      const property = (event as TransitionEvent).propertyName;
      if (property !== 'block-size' && property !== 'height') return;
      accordion?.removeEventListener('transitionend', onTransitionEnd);
      reveal();
    };
    accordion?.addEventListener('transitionend', onTransitionEnd);
  }, [bodyRef, path, advancedOpen, dispatch]);
}

function FlyoutHeader({
  mode,
  kind,
  titleId,
}: {
  mode: FormMode;
  kind: SourceKind | undefined;
  titleId: string;
}) {
  const source = kind ? publicSource(kind) : undefined;
  const title =
    mode.type === 'edit'
      ? i18n.translate('auditSources.connectorFlyout.editTitle', {
          defaultMessage: 'Edit {name}',
          values: { name: mode.connector.name },
        })
      : source
        ? i18n.translate('auditSources.connectorFlyout.createKindTitle', {
            defaultMessage: 'Create {source} connector',
            values: { source: source.label() },
          })
        : i18n.translate('auditSources.connectorFlyout.createTitle', {
            defaultMessage: 'Create connector',
          });
  return (
    <EuiFlyoutHeader hasBorder>
      <EuiFlexGroup gutterSize="m" alignItems="center" responsive={false}>
        {source ? (
          <EuiFlexItem grow={false}>
            <EuiIcon type={source.icon} size="xl" />
          </EuiFlexItem>
        ) : null}
        <EuiFlexItem>
          <EuiTitle size="s">
            <h2 id={titleId}>{title}</h2>
          </EuiTitle>
          {source ? (
            <EuiText size="s" color="subdued">
              {source.summary()}
            </EuiText>
          ) : null}
        </EuiFlexItem>
      </EuiFlexGroup>
    </EuiFlyoutHeader>
  );
}

/** Back (to the source picker, creating) or Cancel, and Save with why it is disabled. */
function FlyoutFooter({
  showBack,
  showSave,
  saving,
  disabledReason,
  onBack,
  onCancel,
  onSave,
}: {
  showBack: boolean;
  showSave: boolean;
  saving: boolean;
  disabledReason: string | undefined;
  onBack: () => void;
  onCancel: () => void;
  onSave: () => void;
}) {
  const saveReasonId = useGeneratedHtmlId({ prefix: 'saveDisabledReason' });
  return (
    <EuiFlyoutFooter>
      <EuiFlexGroup justifyContent="spaceBetween" responsive={false}>
        <EuiFlexItem grow={false}>
          {showBack ? (
            <EuiButtonEmpty iconType="arrowLeft" onClick={onBack} data-test-subj="backButton">
              <FormattedMessage id="auditSources.connectorFlyout.back" defaultMessage="Back" />
            </EuiButtonEmpty>
          ) : (
            <EuiButtonEmpty onClick={onCancel} data-test-subj="cancelButton">
              <FormattedMessage id="auditSources.connectorFlyout.cancel" defaultMessage="Cancel" />
            </EuiButtonEmpty>
          )}
        </EuiFlexItem>
        {showSave ? (
          <EuiFlexItem grow={false}>
            {/* Always wrapped, so the button is not remounted (and loses focus) as the
                reason comes and goes; without content the tooltip shows nothing. */}
            <EuiToolTip
              content={saving ? undefined : disabledReason}
              data-test-subj="saveDisabledReason"
            >
              <EuiButton
                fill
                onClick={onSave}
                isLoading={saving}
                isDisabled={disabledReason !== undefined || saving}
                aria-describedby={disabledReason ? saveReasonId : undefined}
                data-test-subj="saveConnectorButton"
              >
                <FormattedMessage id="auditSources.connectorFlyout.save" defaultMessage="Save" />
              </EuiButton>
            </EuiToolTip>
            <EuiScreenReaderOnly>
              <span id={saveReasonId}>{disabledReason}</span>
            </EuiScreenReaderOnly>
          </EuiFlexItem>
        ) : null}
      </EuiFlexGroup>
    </EuiFlyoutFooter>
  );
}

function DiscardChangesModal({
  onCancel,
  onConfirm,
}: {
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <EuiConfirmModal
      title={i18n.translate('auditSources.connectorFlyout.discard.title', {
        defaultMessage: 'Discard unsaved changes?',
      })}
      onCancel={onCancel}
      onConfirm={onConfirm}
      cancelButtonText={i18n.translate('auditSources.connectorFlyout.discard.cancel', {
        defaultMessage: 'Keep editing',
      })}
      confirmButtonText={i18n.translate('auditSources.connectorFlyout.discard.confirm', {
        defaultMessage: 'Discard changes',
      })}
      buttonColor="danger"
      defaultFocusedButton="cancel"
      data-test-subj="discardChangesModal"
    >
      <p>
        <FormattedMessage
          id="auditSources.connectorFlyout.discard.body"
          defaultMessage="The changes you made to this connector will be lost."
        />
      </p>
    </EuiConfirmModal>
  );
}

/**
 * Create or edit a connector, like Kibana's Connectors flyout: pick the source, fill the form
 * (problems shown next to each field, from the API's own codecs), test the connection and preview
 * before saving. Secrets are write-only on edit. The form never traps: Test and Preview jump to
 * the first invalid field, a disabled Save says why, a failed save is one callout in the flyout,
 * and results older than the inputs say so. State lives in flyoutReducer (flyout_state.ts).
 */
export function ConnectorFlyout({
  mode,
  onClose,
  onSaved,
}: {
  mode: FormMode;
  onClose: () => void;
  onSaved: (connector: ConnectorView) => void;
}) {
  const titleId = useGeneratedHtmlId({ prefix: 'connectorFlyoutTitle' });
  const bodyRef = useRef<HTMLDivElement>(null);
  const calloutRef = useRef<HTMLDivElement>(null);
  const [state, dispatch] = useReducer(flyoutReducer, mode, initialFlyoutState);
  const { kind, form, initial } = state;

  const errors = useMemo(
    () => (kind && form ? validateForm(kind, form, mode) : {}),
    [kind, form, mode]
  );
  const warnings = useMemo(() => (kind && form ? formWarnings(kind, form) : {}), [kind, form]);
  const modified = Boolean(form && initial && isModified(form, initial));
  const disabledReason =
    kind && form ? saveDisabledReason(kind, form, errors, modified) : undefined;
  const actions = useFlyoutActions({ mode, state, errors, dispatch, onSaved });

  useFocusField(bodyRef, state.focusPath, state.advancedOpen, dispatch);
  useEffect(() => {
    if (state.failureShown === 0) return;
    calloutRef.current?.scrollIntoView?.({ block: 'start' });
    calloutRef.current?.focus();
  }, [state.failureShown]);

  /** Leaving the form (closing, or back to the picker) asks first when it has changes. */
  const leave = (then: FlyoutAction | 'close') => {
    if (modified) dispatch({ type: 'setConfirmDiscard', open: true });
    else if (then === 'close') onClose();
    else dispatch(then);
  };

  return (
    <>
      <EuiFlyout
        onClose={() => leave('close')}
        aria-labelledby={titleId}
        size="m"
        ownFocus
        data-test-subj="connectorFlyout"
      >
        <FlyoutHeader mode={mode} kind={kind} titleId={titleId} />
        <EuiFlyoutBody>
          <div ref={bodyRef}>
            {!kind || !form ? (
              <SourcePicker
                onPick={(picked) =>
                  dispatch({
                    type: 'pick',
                    kind: picked,
                    spaceId: mode.type === 'create' ? mode.spaceId : undefined,
                  })
                }
              />
            ) : (
              <ConnectorForm
                source={publicSource(kind)}
                mode={mode}
                state={state}
                form={form}
                errors={errors}
                warnings={warnings}
                currentInputs={draftInputs(kind, form, mode)}
                calloutRef={calloutRef}
                dispatch={dispatch}
                onTest={actions.test}
                onPreview={actions.preview}
              />
            )}
          </div>
        </EuiFlyoutBody>
        <FlyoutFooter
          showBack={mode.type === 'create' && kind !== undefined}
          showSave={kind !== undefined}
          saving={state.saving}
          disabledReason={disabledReason}
          onBack={() => leave({ type: 'back' })}
          onCancel={() => leave('close')}
          onSave={actions.save}
        />
      </EuiFlyout>
      {state.confirmDiscard ? (
        <DiscardChangesModal
          onCancel={() => dispatch({ type: 'setConfirmDiscard', open: false })}
          onConfirm={() => {
            dispatch({ type: 'setConfirmDiscard', open: false });
            onClose();
          }}
        />
      ) : null}
    </>
  );
}
