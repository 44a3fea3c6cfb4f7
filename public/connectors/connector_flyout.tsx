import React, { useCallback, useMemo, useState } from 'react';
import {
  EuiBadge,
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiCard,
  EuiConfirmModal,
  EuiFieldPassword,
  EuiFieldText,
  EuiFlexGrid,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiForm,
  EuiFormRow,
  EuiHorizontalRule,
  EuiIcon,
  EuiSelect,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiTextColor,
  EuiTextArea,
  EuiTitle,
  EuiAccordion,
  useGeneratedHtmlId,
} from '@elastic/eui';
import type {
  ConnectorView,
  PreviewResponse,
  TestConnectionResponse,
} from '../../common/connectors/view';
import { SOURCES, type SourceKind } from '../../common/data_streams';
import { useNotify, useServices } from '../application/app_context';
import { errorMessage, fieldErrorsFromError, httpStatus } from '../services/http_error';
import { SOURCE_LABELS } from './format';
import {
  allFieldPaths,
  createRequest,
  draftErrors,
  draftRequest,
  initialFormState,
  isModified,
  storedSecrets,
  updateRequest,
  validateForm,
  visibleFields,
  type FieldDef,
  type FieldErrors,
  type FormMode,
  type FormState,
} from './form_state';
import { TestAndPreview, type AsyncResult } from './test_and_preview';

export const SOURCE_DESCRIPTIONS: Readonly<
  Record<SourceKind, { icon: string; summary: string; needs: string }>
> = {
  lumos: {
    icon: 'users',
    summary: 'Activity logs from the Lumos access-management API (GET /activity_logs).',
    needs: 'Needs a Lumos API token (lsk_…) with access to activity logs.',
  },
  closer: {
    icon: 'securityApp',
    summary: 'Security logs from a Closer deployment’s Elasticsearch index.',
    needs: 'Needs the cluster URL and a user or API key that can read the Closer index.',
  },
};

function SourcePicker({ onPick }: { onPick: (kind: SourceKind) => void }) {
  return (
    <>
      <EuiText size="s">
        <p>Select a source. Each connector pulls one source on a schedule into its data stream.</p>
      </EuiText>
      <EuiSpacer size="m" />
      <EuiFlexGrid columns={2} gutterSize="m">
        {(['lumos', 'closer'] as const).map((kind) => (
          <EuiFlexItem key={kind}>
            <EuiCard
              data-test-subj={`sourceCard-${kind}`}
              layout="horizontal"
              icon={<EuiIcon type={SOURCE_DESCRIPTIONS[kind].icon} size="xl" />}
              title={SOURCE_LABELS[kind]}
              description={
                <>
                  {SOURCE_DESCRIPTIONS[kind].summary} {SOURCE_DESCRIPTIONS[kind].needs}
                  <br />
                  {/* EuiCard renders the description in a <p>: inline elements only. */}
                  <EuiTextColor color="subdued" component="span">
                    <small>Writes to logs-{SOURCES[kind].dataset}-&lt;namespace&gt;</small>
                  </EuiTextColor>
                </>
              }
              onClick={() => onPick(kind)}
              hasBorder
            />
          </EuiFlexItem>
        ))}
      </EuiFlexGrid>
    </>
  );
}

function FieldControl({
  field,
  value,
  isInvalid,
  onChange,
  onBlur,
  secretIsSet,
  isEdit,
}: {
  field: FieldDef;
  value: string;
  isInvalid: boolean;
  onChange: (value: string) => void;
  onBlur: () => void;
  secretIsSet: boolean;
  isEdit: boolean;
}) {
  const testSubj = `field-${field.path}`;
  switch (field.control) {
    case 'password':
      return (
        <EuiFieldPassword
          type="dual"
          value={value}
          isInvalid={isInvalid}
          placeholder={
            isEdit && secretIsSet
              ? 'Stored — leave blank to keep the current value'
              : field.placeholder
          }
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          autoComplete="new-password"
          data-test-subj={testSubj}
          fullWidth
        />
      );
    case 'textarea':
      return (
        <EuiTextArea
          value={value}
          isInvalid={isInvalid}
          placeholder={field.placeholder}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          rows={4}
          data-test-subj={testSubj}
          fullWidth
        />
      );
    case 'select':
      return (
        <EuiSelect
          value={value}
          options={field.options ?? []}
          isInvalid={isInvalid}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          data-test-subj={testSubj}
          fullWidth
        />
      );
    default:
      return (
        <EuiFieldText
          value={value}
          isInvalid={isInvalid}
          placeholder={field.placeholder}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          data-test-subj={testSubj}
          fullWidth
        />
      );
  }
}

/**
 * Create or edit a connector, like Kibana's Connectors flyout: pick the source, fill the form
 * (problems shown next to each field, from the API's own codecs), test the connection and preview
 * before saving. Secrets are write-only on edit.
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
  const { api } = useServices();
  const notify = useNotify();
  const titleId = useGeneratedHtmlId({ prefix: 'connectorFlyoutTitle' });
  const [kind, setKind] = useState<SourceKind | undefined>(
    mode.type === 'edit' ? mode.connector.kind : undefined
  );
  const [initial, setInitial] = useState<FormState | undefined>(
    mode.type === 'edit' ? initialFormState(mode.connector.kind, mode) : undefined
  );
  const [state, setState] = useState<FormState | undefined>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saveError, setSaveError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [test, setTest] = useState<AsyncResult<TestConnectionResponse>>({ status: 'idle' });
  const [preview, setPreview] = useState<AsyncResult<PreviewResponse>>({ status: 'idle' });
  const [blockedReason, setBlockedReason] = useState<string | undefined>();

  const spaceId = mode.type === 'create' ? mode.spaceId : undefined;
  const pick = useCallback(
    (picked: SourceKind) => {
      const fresh = initialFormState(picked, { type: 'create', spaceId });
      setKind(picked);
      setInitial(fresh);
      setState(fresh);
      setTouched(new Set());
      setServerErrors({});
      setTest({ status: 'idle' });
      setPreview({ status: 'idle' });
    },
    [spaceId]
  );

  const errors = useMemo(
    () => (kind && state ? validateForm(kind, state, mode) : {}),
    [kind, state, mode]
  );
  const modified = Boolean(state && initial && isModified(state, initial));
  const valid = Object.keys(errors).length === 0;
  const secretsSet = storedSecrets(mode);

  const requestClose = () => {
    if (modified) setConfirmDiscard(true);
    else onClose();
  };

  const setValue = (path: string, value: string) => {
    setState((current) =>
      current ? { ...current, values: { ...current.values, [path]: value } } : current
    );
    setTouched((current) => new Set(current).add(path));
    setServerErrors((current) => {
      if (!(path in current)) return current;
      const next = { ...current };
      delete next[path];
      return next;
    });
    setBlockedReason(undefined);
  };

  const runDraft = async <T,>(
    call: (draft: NonNullable<ReturnType<typeof draftRequest>>) => Promise<T>,
    set: (result: AsyncResult<T>) => void
  ) => {
    if (!kind || !state) return;
    const problems = draftErrors(errors);
    const draft = draftRequest(kind, state, mode);
    if (Object.keys(problems).length > 0 || !draft) {
      setTouched((current) => new Set([...current, ...Object.keys(problems)]));
      setBlockedReason('Fix the highlighted fields first.');
      return;
    }
    setBlockedReason(undefined);
    set({ status: 'loading' });
    try {
      set({ status: 'done', value: await call(draft) });
    } catch (error) {
      if (httpStatus(error) === 400) {
        setServerErrors(fieldErrorsFromError(error, allFieldPaths(kind)));
      }
      set({ status: 'error', message: errorMessage(error) });
    }
  };

  const save = async () => {
    if (!kind || !state) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      let saved: ConnectorView;
      if (mode.type === 'create') {
        const request = createRequest(kind, state);
        if (!request) throw new Error('The form has problems: fix the highlighted fields.');
        saved = await api.createConnector(request);
      } else {
        const request = updateRequest(kind, state);
        if (!request) throw new Error('The form has problems: fix the highlighted fields.');
        saved = await api.updateConnector(mode.connector.id, request);
      }
      notify.success(
        mode.type === 'create' ? `Created connector “${saved.name}”` : `Saved “${saved.name}”`
      );
      onSaved(saved);
    } catch (error) {
      const message = errorMessage(error);
      const byField =
        httpStatus(error) === 400 ? fieldErrorsFromError(error, allFieldPaths(kind)) : {};
      setServerErrors(byField);
      setTouched((current) => new Set([...current, ...Object.keys(byField)]));
      setSaveError(message);
      notify.error(
        error,
        mode.type === 'create' ? 'Could not create the connector' : 'Could not save the connector'
      );
    } finally {
      setSaving(false);
    }
  };

  const fields = kind && state ? visibleFields(kind, state.values) : [];
  const renderField = (field: FieldDef) => {
    if (!state) return null;
    const shownError =
      serverErrors[field.path] ?? (touched.has(field.path) ? errors[field.path] : undefined);
    const isSet = field.secret ? Boolean(secretsSet[field.path.replace('secrets.', '')]) : false;
    return (
      <EuiFormRow
        key={field.path}
        label={field.label}
        labelAppend={
          field.secret && mode.type === 'edit' ? (
            <EuiBadge
              color={isSet ? 'success' : 'default'}
              data-test-subj={`secretState-${field.path}`}
            >
              {isSet ? 'Set' : 'Not set'}
            </EuiBadge>
          ) : undefined
        }
        helpText={field.helpText}
        isInvalid={shownError !== undefined}
        error={shownError}
        fullWidth
        data-test-subj={`row-${field.path}`}
      >
        <FieldControl
          field={field}
          value={state.values[field.path] ?? ''}
          isInvalid={shownError !== undefined}
          onChange={(value) => setValue(field.path, value)}
          onBlur={() => setTouched((current) => new Set(current).add(field.path))}
          secretIsSet={isSet}
          isEdit={mode.type === 'edit'}
        />
      </EuiFormRow>
    );
  };

  const title =
    mode.type === 'edit'
      ? `Edit ${mode.connector.name}`
      : kind
        ? `Create ${SOURCE_LABELS[kind]} connector`
        : 'Create connector';

  return (
    <>
      <EuiFlyout
        onClose={requestClose}
        aria-labelledby={titleId}
        size="m"
        ownFocus
        data-test-subj="connectorFlyout"
      >
        <EuiFlyoutHeader hasBorder>
          <EuiFlexGroup gutterSize="m" alignItems="center" responsive={false}>
            {kind ? (
              <EuiFlexItem grow={false}>
                <EuiIcon type={SOURCE_DESCRIPTIONS[kind].icon} size="xl" />
              </EuiFlexItem>
            ) : null}
            <EuiFlexItem>
              <EuiTitle size="s">
                <h2 id={titleId}>{title}</h2>
              </EuiTitle>
              {kind ? (
                <EuiText size="s" color="subdued">
                  {SOURCE_DESCRIPTIONS[kind].summary}
                </EuiText>
              ) : null}
            </EuiFlexItem>
          </EuiFlexGroup>
        </EuiFlyoutHeader>
        <EuiFlyoutBody>
          {!kind || !state ? (
            <SourcePicker onPick={pick} />
          ) : (
            <EuiForm component="form" onSubmit={(event) => event.preventDefault()} fullWidth>
              {mode.type === 'edit' ? (
                <>
                  <EuiCallOut
                    size="s"
                    iconType="lock"
                    title="Secrets are write-only"
                    data-test-subj="secretsCallout"
                  >
                    <p>
                      Stored secrets are encrypted and never shown. They are kept unless you
                      re-enter them; fill a secret field only to replace it.
                    </p>
                  </EuiCallOut>
                  <EuiSpacer size="m" />
                </>
              ) : null}
              {saveError ? (
                <>
                  <EuiCallOut
                    size="s"
                    color="danger"
                    iconType="error"
                    title="The connector was not saved"
                    data-test-subj="saveErrorCallout"
                  >
                    <p>{saveError}</p>
                  </EuiCallOut>
                  <EuiSpacer size="m" />
                </>
              ) : null}
              <EuiTitle size="xs">
                <h3>Connector</h3>
              </EuiTitle>
              <EuiSpacer size="s" />
              {fields.filter((f) => f.path === 'name').map(renderField)}
              <EuiFormRow fullWidth>
                <EuiSwitch
                  label="Enabled: start pulling as soon as it is saved"
                  checked={state.enabled}
                  onChange={(event) =>
                    setState((current) =>
                      current ? { ...current, enabled: event.target.checked } : current
                    )
                  }
                  data-test-subj="field-enabled"
                />
              </EuiFormRow>
              <EuiHorizontalRule margin="m" />
              <EuiTitle size="xs">
                <h3>{SOURCE_LABELS[kind]} connection</h3>
              </EuiTitle>
              <EuiSpacer size="s" />
              {fields
                .filter(
                  (f) =>
                    !f.advanced && (f.path.startsWith('settings.') || f.path.startsWith('secrets.'))
                )
                .map(renderField)}
              <EuiHorizontalRule margin="m" />
              <EuiTitle size="xs">
                <h3>Schedule and data stream</h3>
              </EuiTitle>
              <EuiSpacer size="s" />
              {fields
                .filter((f) => f.path === 'interval' || f.path === 'namespace')
                .map(renderField)}
              <EuiSpacer size="s" />
              <EuiAccordion
                id="advancedSettings"
                buttonContent="Advanced settings"
                paddingSize="s"
                initialIsOpen={fields.some(
                  (f) => f.advanced && ((state.values[f.path] ?? '') !== '' || serverErrors[f.path])
                )}
                data-test-subj="advancedSettings"
              >
                {fields.filter((f) => f.advanced).map(renderField)}
              </EuiAccordion>
              <EuiSpacer size="l" />
              <TestAndPreview
                test={test}
                preview={preview}
                blockedReason={blockedReason}
                onTest={() => runDraft((draft) => api.testConnection(draft), setTest)}
                onPreview={() => runDraft((draft) => api.preview(draft), setPreview)}
              />
            </EuiForm>
          )}
        </EuiFlyoutBody>
        <EuiFlyoutFooter>
          <EuiFlexGroup justifyContent="spaceBetween" responsive={false}>
            <EuiFlexItem grow={false}>
              {mode.type === 'create' && kind ? (
                <EuiButtonEmpty
                  iconType="arrowLeft"
                  onClick={() => {
                    if (modified) setConfirmDiscard(true);
                    else {
                      setKind(undefined);
                      setState(undefined);
                      setInitial(undefined);
                    }
                  }}
                  data-test-subj="backButton"
                >
                  Back
                </EuiButtonEmpty>
              ) : (
                <EuiButtonEmpty onClick={requestClose} data-test-subj="cancelButton">
                  Cancel
                </EuiButtonEmpty>
              )}
            </EuiFlexItem>
            {kind ? (
              <EuiFlexItem grow={false}>
                <EuiButton
                  fill
                  onClick={save}
                  isLoading={saving}
                  isDisabled={!valid || !modified || saving}
                  data-test-subj="saveConnectorButton"
                >
                  Save
                </EuiButton>
              </EuiFlexItem>
            ) : null}
          </EuiFlexGroup>
        </EuiFlyoutFooter>
      </EuiFlyout>
      {confirmDiscard ? (
        <EuiConfirmModal
          title="Discard unsaved changes?"
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={() => {
            setConfirmDiscard(false);
            onClose();
          }}
          cancelButtonText="Keep editing"
          confirmButtonText="Discard changes"
          buttonColor="danger"
          defaultFocusedButton="cancel"
          data-test-subj="discardChangesModal"
        >
          <p>The changes you made to this connector will be lost.</p>
        </EuiConfirmModal>
      ) : null}
    </>
  );
}
