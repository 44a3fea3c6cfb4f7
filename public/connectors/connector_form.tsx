import React from 'react';
import {
  EuiAccordion,
  EuiBadge,
  EuiCallOut,
  EuiFieldPassword,
  EuiFieldText,
  EuiForm,
  EuiFormRow,
  EuiHorizontalRule,
  EuiIcon,
  EuiLink,
  EuiSelect,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiTextArea,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { PublicSource } from '../sources/public_source';
import type { FlyoutAction, FlyoutState, SaveFailure } from './flyout_state';
import { isStale } from './flyout_state';
import {
  formSectionOf,
  storedSecrets,
  visibleFields,
  type FieldDef,
  type FieldErrors,
  type FormMode,
  type FormState,
} from './form_state';
import { TestAndPreview } from './test_and_preview';

type Dispatch = (action: FlyoutAction) => void;

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

/** "Set" / "Not set" next to a secret's label when editing: the value itself is never shown. */
function SecretStateBadge({ path, isSet }: { path: string; isSet: boolean }) {
  return (
    <EuiBadge color={isSet ? 'success' : 'default'} data-test-subj={`secretState-${path}`}>
      {isSet
        ? i18n.translate('auditSources.connectorFlyout.secretSet', { defaultMessage: 'Set' })
        : i18n.translate('auditSources.connectorFlyout.secretNotSet', {
            defaultMessage: 'Not set',
          })}
    </EuiBadge>
  );
}

/** What one field row needs besides its definition, the same for every row. */
interface RowContext {
  state: FlyoutState;
  form: FormState;
  errors: FieldErrors;
  warnings: FieldErrors;
  isEdit: boolean;
  secretsSet: Record<string, boolean>;
  dispatch: Dispatch;
}

/**
 * One field: the server's problem with it until it is edited, else the form's own once the
 * field is touched; a warning only where there is no problem.
 */
function FieldRow({ field, context }: { field: FieldDef; context: RowContext }) {
  const { state, form, errors, warnings, isEdit, secretsSet, dispatch } = context;
  const shownError =
    state.serverErrors[field.path] ??
    (state.touched.has(field.path) ? errors[field.path] : undefined);
  const warning = shownError === undefined ? warnings[field.path] : undefined;
  const isSet = field.secret ? Boolean(secretsSet[field.path.replace('secrets.', '')]) : false;
  const help = [
    ...(warning ? [<FieldWarning key="warning" path={field.path} text={warning} />] : []),
    ...(field.helpText ? [field.helpText] : []),
  ];
  return (
    <EuiFormRow
      label={field.label}
      labelAppend={
        field.secret && isEdit ? <SecretStateBadge path={field.path} isSet={isSet} /> : undefined
      }
      helpText={help.length > 0 ? help : undefined}
      isInvalid={shownError !== undefined}
      error={shownError}
      fullWidth
      data-test-subj={`row-${field.path}`}
    >
      <FieldControl
        field={field}
        value={form.values[field.path] ?? ''}
        isInvalid={shownError !== undefined}
        onChange={(value) => dispatch({ type: 'setValue', path: field.path, value })}
        onBlur={() => dispatch({ type: 'touch', path: field.path })}
        secretIsSet={isSet}
        isEdit={isEdit}
      />
    </EuiFormRow>
  );
}

function FieldRows({
  fields,
  section,
  context,
}: {
  fields: readonly FieldDef[];
  section: ReturnType<typeof formSectionOf>;
  context: RowContext;
}) {
  return (
    <>
      {fields
        .filter((field) => formSectionOf(field) === section)
        .map((field) => (
          <FieldRow key={field.path} field={field} context={context} />
        ))}
    </>
  );
}

function SectionTitle({ children }: { children: React.ReactNode }) {
  return (
    <>
      <EuiTitle size="xs">
        <h3>{children}</h3>
      </EuiTitle>
      <EuiSpacer size="s" />
    </>
  );
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
    <>
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
      <EuiSpacer size="m" />
    </>
  );
}

function SecretsCallOut() {
  return (
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
  );
}

/**
 * The form of one source: name and enabled, the source connection, schedule and data stream,
 * "Advanced settings", then Test and Preview (formSectionOf decides each field's section).
 */
export function ConnectorForm({
  source,
  mode,
  state,
  form,
  errors,
  warnings,
  currentInputs,
  calloutRef,
  dispatch,
  onTest,
  onPreview,
}: {
  source: PublicSource;
  mode: FormMode;
  state: FlyoutState;
  form: FormState;
  errors: FieldErrors;
  warnings: FieldErrors;
  /** draftInputs of the form as it stands, to tell stale results. */
  currentInputs: string;
  calloutRef: React.Ref<HTMLDivElement>;
  dispatch: Dispatch;
  onTest: () => void;
  onPreview: () => void;
}) {
  const fields = visibleFields(source.kind, form.values);
  const context: RowContext = {
    state,
    form,
    errors,
    warnings,
    isEdit: mode.type === 'edit',
    secretsSet: storedSecrets(mode),
    dispatch,
  };
  return (
    <EuiForm component="form" onSubmit={(event) => event.preventDefault()} fullWidth>
      {state.saveFailure ? (
        <SaveFailureCallOut
          failure={state.saveFailure}
          fields={fields}
          onJump={(path) => dispatch({ type: 'jump', path })}
          calloutRef={calloutRef}
        />
      ) : null}
      {mode.type === 'edit' ? <SecretsCallOut /> : null}
      <SectionTitle>
        <FormattedMessage
          id="auditSources.connectorFlyout.section.connector"
          defaultMessage="Connector"
        />
      </SectionTitle>
      <FieldRows fields={fields} section={0} context={context} />
      <EuiFormRow fullWidth>
        <EuiSwitch
          label={i18n.translate('auditSources.connectorFlyout.enabled', {
            defaultMessage: 'Enabled: start pulling as soon as it is saved',
          })}
          checked={form.enabled}
          onChange={(event) => dispatch({ type: 'setEnabled', enabled: event.target.checked })}
          data-test-subj="field-enabled"
        />
      </EuiFormRow>
      <EuiHorizontalRule margin="m" />
      <SectionTitle>
        <FormattedMessage
          id="auditSources.connectorFlyout.section.connection"
          defaultMessage="{source} connection"
          values={{ source: source.label() }}
        />
      </SectionTitle>
      <FieldRows fields={fields} section={1} context={context} />
      <EuiHorizontalRule margin="m" />
      <SectionTitle>
        <FormattedMessage
          id="auditSources.connectorFlyout.section.schedule"
          defaultMessage="Schedule and data stream"
        />
      </SectionTitle>
      <FieldRows fields={fields} section={2} context={context} />
      <EuiSpacer size="s" />
      <EuiAccordion
        id="advancedSettings"
        buttonContent={i18n.translate('auditSources.connectorFlyout.advanced', {
          defaultMessage: 'Advanced settings',
        })}
        paddingSize="s"
        forceState={state.advancedOpen ? 'open' : 'closed'}
        onToggle={(open) => dispatch({ type: 'setAdvancedOpen', open })}
        data-test-subj="advancedSettings"
      >
        <FieldRows fields={fields} section={3} context={context} />
      </EuiAccordion>
      <EuiSpacer size="l" />
      <TestAndPreview
        test={state.test.result}
        preview={state.preview.result}
        testStale={isStale(state.test, currentInputs)}
        previewStale={isStale(state.preview, currentInputs)}
        blockedReason={state.blockedReason}
        onTest={onTest}
        onPreview={onPreview}
      />
    </EuiForm>
  );
}
