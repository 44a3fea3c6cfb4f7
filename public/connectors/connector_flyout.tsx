import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
  EuiLink,
  EuiScreenReaderOnly,
  EuiSelect,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiTextColor,
  EuiTextArea,
  EuiTitle,
  EuiToolTip,
  EuiAccordion,
  useGeneratedHtmlId,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
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
  draftInputs,
  draftRequest,
  fieldsOf,
  formSectionOf,
  formWarnings,
  initialFormState,
  invalidFieldsInOrder,
  isModified,
  labelList,
  saveDisabledReason,
  serverFieldMessage,
  storedSecrets,
  updateRequest,
  validateForm,
  visibleFields,
  withFieldLabels,
  type FieldDef,
  type FieldErrors,
  type FormMode,
  type FormState,
} from './form_state';
import { TestAndPreview, type AsyncResult } from './test_and_preview';

/** Texts are getters: translated when read (at render), not when the module loads. */
export const SOURCE_DESCRIPTIONS: Readonly<
  Record<SourceKind, { icon: string; readonly summary: string; readonly needs: string }>
> = {
  lumos: {
    icon: 'users',
    get summary() {
      return i18n.translate('auditSources.sources.lumos.summary', {
        defaultMessage: 'Activity logs from the Lumos access-management API (GET /activity_logs).',
      });
    },
    get needs() {
      return i18n.translate('auditSources.sources.lumos.needs', {
        defaultMessage: 'Needs a Lumos API token (lsk_…) with access to activity logs.',
      });
    },
  },
  closer: {
    icon: 'securityApp',
    get summary() {
      return i18n.translate('auditSources.sources.closer.summary', {
        defaultMessage: 'Security logs from a Closer deployment’s Elasticsearch index.',
      });
    },
    get needs() {
      return i18n.translate('auditSources.sources.closer.needs', {
        defaultMessage:
          'Needs the cluster URL and a user or API key that can read the Closer index.',
      });
    },
  },
};

function SourcePicker({ onPick }: { onPick: (kind: SourceKind) => void }) {
  return (
    <>
      <EuiText size="s">
        <p>
          <FormattedMessage
            id="auditSources.connectorFlyout.sourcePicker.intro"
            defaultMessage="Select a source. Each connector pulls one source on a schedule into its data stream."
          />
        </p>
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
                    <small>
                      <FormattedMessage
                        id="auditSources.connectorFlyout.sourcePicker.writesTo"
                        defaultMessage="Writes to {dataStream}"
                        values={{ dataStream: `logs-${SOURCES[kind].dataset}-<namespace>` }}
                      />
                    </small>
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
              ? i18n.translate('auditSources.connectorFlyout.secretStoredPlaceholder', {
                  defaultMessage: 'Stored — leave blank to keep the current value',
                })
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

/** A warning under a field: the value is accepted, but probably not what was meant. */
function FieldWarning({ path, text }: { path: string; text: string }) {
  return (
    <EuiText size="xs" color="warning" data-test-subj={`fieldWarning-${path}`}>
      <EuiIcon type="warning" size="s" aria-hidden={true} /> {text}
    </EuiText>
  );
}

/** What a failed save left to show: the server's field problems, else its message. */
interface SaveFailure {
  fields: FieldErrors;
  /** Shown when no field explains the failure (a conflict, a refused grant, a 500). */
  message?: string;
}

/**
 * The one report of a failed save, at the top of the flyout body (never a toast: it would cover
 * the footer's Save button). Field problems are listed by label, each a link to its field.
 */
function SaveFailureCallOut({
  failure,
  fields,
  onJump,
  calloutRef,
}: {
  failure: SaveFailure;
  fields: readonly FieldDef[];
  onJump: (path: string) => void;
  calloutRef: React.Ref<HTMLDivElement>;
}) {
  const listed = fields.filter((field) => field.path in failure.fields);
  return (
    <div ref={calloutRef} tabIndex={-1} data-test-subj="saveErrorCallout">
      <EuiCallOut
        size="s"
        color="danger"
        iconType="error"
        title={i18n.translate('auditSources.connectorFlyout.saveFailed.title', {
          defaultMessage: 'The connector was not saved',
        })}
      >
        {failure.message ? <p>{failure.message}</p> : null}
        {listed.length > 0 ? (
          <ul>
            {listed.map((field) => (
              <li key={field.path} data-test-subj={`saveError-${field.path}`}>
                <EuiLink onClick={() => onJump(field.path)}>{field.label}</EuiLink>
                {': '}
                {failure.fields[field.path]}
              </li>
            ))}
          </ul>
        ) : null}
      </EuiCallOut>
    </div>
  );
}

/**
 * Create or edit a connector, like Kibana's Connectors flyout: pick the source, fill the form
 * (problems shown next to each field, from the API's own codecs), test the connection and preview
 * before saving. Secrets are write-only on edit. The form never traps: Test and Preview jump to
 * the first invalid field, a disabled Save says why, a failed save is one callout in the flyout,
 * and results older than the inputs say so.
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
  const saveReasonId = useGeneratedHtmlId({ prefix: 'saveDisabledReason' });
  const bodyRef = useRef<HTMLDivElement>(null);
  const calloutRef = useRef<HTMLDivElement>(null);
  const initialKind = mode.type === 'edit' ? mode.connector.kind : mode.kind;
  const [kind, setKind] = useState<SourceKind | undefined>(initialKind);
  const [initial, setInitial] = useState<FormState | undefined>(() =>
    initialKind ? initialFormState(initialKind, mode) : undefined
  );
  const [state, setState] = useState<FormState | undefined>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [saveFailure, setSaveFailure] = useState<SaveFailure | undefined>();
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [test, setTest] = useState<AsyncResult<TestConnectionResponse>>({ status: 'idle' });
  const [preview, setPreview] = useState<AsyncResult<PreviewResponse>>({ status: 'idle' });
  const [testInputs, setTestInputs] = useState<string | undefined>();
  const [previewInputs, setPreviewInputs] = useState<string | undefined>();
  const [blockedReason, setBlockedReason] = useState<string | undefined>();
  const [advancedOpen, setAdvancedOpen] = useState(
    () =>
      initial !== undefined &&
      kind !== undefined &&
      fieldsOf(kind).some((f) => f.advanced && (initial.values[f.path] ?? '') !== '')
  );
  /** The field to scroll to and focus once it is rendered (an advanced one opens first). */
  const [focusPath, setFocusPath] = useState<string | undefined>();
  const [showFailure, setShowFailure] = useState(0);

  const spaceId = mode.type === 'create' ? mode.spaceId : undefined;
  const pick = useCallback(
    (picked: SourceKind) => {
      const fresh = initialFormState(picked, { type: 'create', spaceId });
      setKind(picked);
      setInitial(fresh);
      setState(fresh);
      setTouched(new Set());
      setServerErrors({});
      setSaveFailure(undefined);
      setTest({ status: 'idle' });
      setPreview({ status: 'idle' });
      setAdvancedOpen(false);
    },
    [spaceId]
  );

  const errors = useMemo(
    () => (kind && state ? validateForm(kind, state, mode) : {}),
    [kind, state, mode]
  );
  const warnings = useMemo(() => (kind && state ? formWarnings(kind, state) : {}), [kind, state]);
  const currentInputs = kind && state ? draftInputs(kind, state, mode) : undefined;
  const modified = Boolean(state && initial && isModified(state, initial));
  const disabledReason =
    kind && state ? saveDisabledReason(kind, state, errors, modified) : undefined;
  const secretsSet = storedSecrets(mode);
  const fields = useMemo(
    () => (kind && state ? visibleFields(kind, state.values) : []),
    [kind, state]
  );

  useEffect(() => {
    if (focusPath === undefined) return;
    const input = bodyRef.current?.querySelector<HTMLElement>(
      `[data-test-subj="field-${focusPath}"]`
    );
    if (!input) return; // Not rendered yet: runs again once the accordion has opened.
    const reveal = () => input.scrollIntoView?.({ block: 'center' });
    reveal();
    input.focus({ preventScroll: true });
    setFocusPath(undefined);
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
  }, [focusPath, advancedOpen]);

  useEffect(() => {
    if (showFailure === 0) return;
    calloutRef.current?.scrollIntoView?.({ block: 'start' });
    calloutRef.current?.focus();
  }, [showFailure]);

  const jumpTo = (path: string) => {
    if (fields.find((field) => field.path === path)?.advanced) setAdvancedOpen(true);
    setFocusPath(path);
  };

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

  /** Server field problems of a 400, in the form's words, for the fields the form has. */
  const serverFieldErrors = (error: unknown, sourceKind: SourceKind): FieldErrors =>
    httpStatus(error) === 400
      ? Object.fromEntries(
          Object.entries(fieldErrorsFromError(error, allFieldPaths(sourceKind))).map(
            ([path, text]) => [path, serverFieldMessage(text, sourceKind)]
          )
        )
      : {};

  const runDraft = async <T,>(
    call: (draft: NonNullable<ReturnType<typeof draftRequest>>) => Promise<T>,
    set: (result: AsyncResult<T>) => void,
    setInputs: (inputs: string) => void
  ) => {
    if (!kind || !state) return;
    const problems = draftErrors(errors);
    const draft = draftRequest(kind, state, mode);
    if (Object.keys(problems).length > 0 || !draft) {
      const invalid = invalidFieldsInOrder(kind, state, problems);
      setTouched((current) => new Set([...current, ...Object.keys(problems)]));
      setBlockedReason(
        i18n.translate('auditSources.connectorFlyout.fixFieldsFirst', {
          defaultMessage:
            'Fix {count, plural, one {the highlighted field} other {the # highlighted fields}} first: {fields}.',
          values: { count: invalid.length, fields: labelList(invalid) },
        })
      );
      if (invalid.length > 0) jumpTo(invalid[0].path);
      return;
    }
    setBlockedReason(undefined);
    setInputs(draftInputs(kind, state, mode));
    set({ status: 'loading' });
    try {
      set({ status: 'done', value: await call(draft) });
    } catch (error) {
      const byField = serverFieldErrors(error, kind);
      if (Object.keys(byField).length > 0) {
        setServerErrors(byField);
        revealFields(Object.keys(byField));
      }
      set({ status: 'error', message: withFieldLabels(errorMessage(error), kind) });
    }
  };

  /** Opens "Advanced settings" when one of `paths` is in it, so its message can be seen. */
  const revealFields = (paths: readonly string[]) => {
    if (paths.some((path) => fields.find((field) => field.path === path)?.advanced)) {
      setAdvancedOpen(true);
    }
  };

  const submit = (sourceKind: SourceKind, form: FormState): Promise<ConnectorView> | undefined => {
    if (mode.type === 'create') {
      const request = createRequest(sourceKind, form);
      return request && api.createConnector(request);
    }
    const request = updateRequest(sourceKind, form);
    return request && api.updateConnector(mode.connector.id, request);
  };

  const save = async () => {
    if (!kind || !state) return;
    const pending = submit(kind, state);
    // Save is disabled while the form has problems; this only guards a stale click.
    if (!pending) return;
    setSaving(true);
    setSaveFailure(undefined);
    try {
      const saved = await pending;
      notify.success(
        mode.type === 'create'
          ? i18n.translate('auditSources.connectorFlyout.created', {
              defaultMessage: 'Created connector “{name}”',
              values: { name: saved.name },
            })
          : i18n.translate('auditSources.connectorFlyout.saved', {
              defaultMessage: 'Saved “{name}”',
              values: { name: saved.name },
            })
      );
      onSaved(saved);
    } catch (error) {
      // No toast: the callout below the header and the field messages say it once, in place.
      const byField = serverFieldErrors(error, kind);
      setServerErrors(byField);
      setTouched((current) => new Set([...current, ...Object.keys(byField)]));
      setSaveFailure({
        fields: byField,
        message:
          Object.keys(byField).length > 0 ? undefined : withFieldLabels(errorMessage(error), kind),
      });
      revealFields(Object.keys(byField));
      setShowFailure((count) => count + 1);
    } finally {
      setSaving(false);
    }
  };

  const renderField = (field: FieldDef) => {
    if (!state) return null;
    const shownError =
      serverErrors[field.path] ?? (touched.has(field.path) ? errors[field.path] : undefined);
    const warning = shownError === undefined ? warnings[field.path] : undefined;
    const isSet = field.secret ? Boolean(secretsSet[field.path.replace('secrets.', '')]) : false;
    const help = [
      ...(warning ? [<FieldWarning key="warning" path={field.path} text={warning} />] : []),
      ...(field.helpText ? [field.helpText] : []),
    ];
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
              {isSet
                ? i18n.translate('auditSources.connectorFlyout.secretSet', {
                    defaultMessage: 'Set',
                  })
                : i18n.translate('auditSources.connectorFlyout.secretNotSet', {
                    defaultMessage: 'Not set',
                  })}
            </EuiBadge>
          ) : undefined
        }
        helpText={help.length > 0 ? help : undefined}
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
      ? i18n.translate('auditSources.connectorFlyout.editTitle', {
          defaultMessage: 'Edit {name}',
          values: { name: mode.connector.name },
        })
      : kind
        ? i18n.translate('auditSources.connectorFlyout.createKindTitle', {
            defaultMessage: 'Create {source} connector',
            values: { source: SOURCE_LABELS[kind] },
          })
        : i18n.translate('auditSources.connectorFlyout.createTitle', {
            defaultMessage: 'Create connector',
          });

  const saveButton = (
    <EuiButton
      fill
      onClick={save}
      isLoading={saving}
      isDisabled={disabledReason !== undefined || saving}
      aria-describedby={disabledReason ? saveReasonId : undefined}
      data-test-subj="saveConnectorButton"
    >
      <FormattedMessage id="auditSources.connectorFlyout.save" defaultMessage="Save" />
    </EuiButton>
  );

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
          <div ref={bodyRef}>
            {!kind || !state ? (
              <SourcePicker onPick={pick} />
            ) : (
              <EuiForm component="form" onSubmit={(event) => event.preventDefault()} fullWidth>
                {saveFailure ? (
                  <>
                    <SaveFailureCallOut
                      failure={saveFailure}
                      fields={fields}
                      onJump={jumpTo}
                      calloutRef={calloutRef}
                    />
                    <EuiSpacer size="m" />
                  </>
                ) : null}
                {mode.type === 'edit' ? (
                  <>
                    <EuiCallOut
                      size="s"
                      iconType="lock"
                      title={i18n.translate('auditSources.connectorFlyout.secretsCallout.title', {
                        defaultMessage: 'Secrets are write-only',
                      })}
                      data-test-subj="secretsCallout"
                    >
                      <p>
                        <FormattedMessage
                          id="auditSources.connectorFlyout.secretsCallout.body"
                          defaultMessage="Stored secrets are encrypted and never shown. They are kept unless you re-enter them; fill a secret field only to replace it."
                        />
                      </p>
                    </EuiCallOut>
                    <EuiSpacer size="m" />
                  </>
                ) : null}
                <EuiTitle size="xs">
                  <h3>
                    <FormattedMessage
                      id="auditSources.connectorFlyout.section.connector"
                      defaultMessage="Connector"
                    />
                  </h3>
                </EuiTitle>
                <EuiSpacer size="s" />
                {fields.filter((f) => formSectionOf(f) === 0).map(renderField)}
                <EuiFormRow fullWidth>
                  <EuiSwitch
                    label={i18n.translate('auditSources.connectorFlyout.enabled', {
                      defaultMessage: 'Enabled: start pulling as soon as it is saved',
                    })}
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
                  <h3>
                    <FormattedMessage
                      id="auditSources.connectorFlyout.section.connection"
                      defaultMessage="{source} connection"
                      values={{ source: SOURCE_LABELS[kind] }}
                    />
                  </h3>
                </EuiTitle>
                <EuiSpacer size="s" />
                {fields.filter((f) => formSectionOf(f) === 1).map(renderField)}
                <EuiHorizontalRule margin="m" />
                <EuiTitle size="xs">
                  <h3>
                    <FormattedMessage
                      id="auditSources.connectorFlyout.section.schedule"
                      defaultMessage="Schedule and data stream"
                    />
                  </h3>
                </EuiTitle>
                <EuiSpacer size="s" />
                {fields.filter((f) => formSectionOf(f) === 2).map(renderField)}
                <EuiSpacer size="s" />
                <EuiAccordion
                  id="advancedSettings"
                  buttonContent={i18n.translate('auditSources.connectorFlyout.advanced', {
                    defaultMessage: 'Advanced settings',
                  })}
                  paddingSize="s"
                  forceState={advancedOpen ? 'open' : 'closed'}
                  onToggle={setAdvancedOpen}
                  data-test-subj="advancedSettings"
                >
                  {fields.filter((f) => formSectionOf(f) === 3).map(renderField)}
                </EuiAccordion>
                <EuiSpacer size="l" />
                <TestAndPreview
                  test={test}
                  preview={preview}
                  testStale={test.status !== 'idle' && testInputs !== currentInputs}
                  previewStale={preview.status !== 'idle' && previewInputs !== currentInputs}
                  blockedReason={blockedReason}
                  onTest={() =>
                    runDraft((draft) => api.testConnection(draft), setTest, setTestInputs)
                  }
                  onPreview={() =>
                    runDraft((draft) => api.preview(draft), setPreview, setPreviewInputs)
                  }
                />
              </EuiForm>
            )}
          </div>
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
                  <FormattedMessage id="auditSources.connectorFlyout.back" defaultMessage="Back" />
                </EuiButtonEmpty>
              ) : (
                <EuiButtonEmpty onClick={requestClose} data-test-subj="cancelButton">
                  <FormattedMessage
                    id="auditSources.connectorFlyout.cancel"
                    defaultMessage="Cancel"
                  />
                </EuiButtonEmpty>
              )}
            </EuiFlexItem>
            {kind ? (
              <EuiFlexItem grow={false}>
                {/* Always wrapped, so the button is not remounted (and loses focus) as the
                    reason comes and goes; without content the tooltip shows nothing. */}
                <EuiToolTip
                  content={saving ? undefined : disabledReason}
                  data-test-subj="saveDisabledReason"
                >
                  {saveButton}
                </EuiToolTip>
                <EuiScreenReaderOnly>
                  <span id={saveReasonId}>{disabledReason}</span>
                </EuiScreenReaderOnly>
              </EuiFlexItem>
            ) : null}
          </EuiFlexGroup>
        </EuiFlyoutFooter>
      </EuiFlyout>
      {confirmDiscard ? (
        <EuiConfirmModal
          title={i18n.translate('auditSources.connectorFlyout.discard.title', {
            defaultMessage: 'Discard unsaved changes?',
          })}
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={() => {
            setConfirmDiscard(false);
            onClose();
          }}
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
      ) : null}
    </>
  );
}
