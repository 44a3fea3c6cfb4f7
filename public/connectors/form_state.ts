import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { i18n } from '@kbn/i18n';
import {
  credentialMessages,
  CreateConnectorRequest,
  DraftConnectorRequest,
  UpdateConnectorRequest,
} from '../../common/connectors/connector';
import type { ConnectorView } from '../../common/connectors/view';
import { DEFAULT_NAMESPACE } from '../../common/namespace';
import { sourceDefinition, type SourceKind } from '../../common/sources/registry';
import { suggestedNamespace } from '../../common/spaces';
import { decodeErrorsByField } from '../../common/decode';
import { FIELD_CHECKS } from '../../common/connectors/fields';
import {
  fieldMessageText,
  reenterSecretChangedFields,
  type FieldMessage,
} from '../../common/connectors/field_messages';
import { pemStructureProblem } from '../../common/connectors/pem';
import { settingsWarnings } from '../../common/connectors/settings_warnings';
import type { FieldDef, FieldPath, FormValues, PublicSource } from '../sources/public_source';
import { publicSource } from '../sources/registry';
import { translateFieldMessage } from './form_messages';

/*
 * The setup form's model: every field is a string keyed by its path in the API body
 * (`name`, `settings.baseUrl`, `secrets.apiToken`), so the messages decodeErrorsByField gives for
 * the request codecs land next to the right field unchanged.
 */

export type { FieldDef, FieldPath, FormValues };

export interface FormState {
  values: FormValues;
  enabled: boolean;
}

export type FormMode =
  /** `spaceId`: the current space, suggested as the data stream namespace. */
  /** `kind`: the source already picked (an empty-state card), else the flyout asks. */
  | { type: 'create'; spaceId?: string; kind?: SourceKind }
  | { type: 'edit'; connector: ConnectorView };

function commonFields(source: PublicSource): FieldDef[] {
  return [
    {
      path: 'name',
      label: i18n.translate('auditSources.connectorForm.name.label', {
        defaultMessage: 'Connector name',
      }),
      control: 'text',
      required: true,
      placeholder: source.namePlaceholder(),
    },
    {
      path: 'interval',
      label: i18n.translate('auditSources.connectorForm.interval.label', {
        defaultMessage: 'Polling interval',
      }),
      control: 'text',
      required: true,
      helpText: i18n.translate('auditSources.connectorForm.interval.help', {
        defaultMessage: 'How often to pull new records: between 1m and 24h, e.g. 5m, 15m, 1h.',
      }),
    },
    {
      path: 'namespace',
      label: i18n.translate('auditSources.connectorForm.namespace.label', {
        defaultMessage: 'Namespace',
      }),
      control: 'text',
      required: true,
      helpText: i18n.translate('auditSources.connectorForm.namespace.help', {
        defaultMessage: 'Data stream namespace: events go to logs-<dataset>-<namespace>.',
        ignoreTag: true,
      }),
    },
  ];
}

/**
 * The form's fields in display order. Built on each call, not at import: labels are translated
 * with the locale Kibana has loaded by the time the app renders.
 */
export function fieldsOf(kind: SourceKind): FieldDef[] {
  const source = publicSource(kind);
  return [...commonFields(source), ...source.fields()];
}

/** Field labels by path. */
export function fieldLabels(kind: SourceKind): Record<FieldPath, string> {
  return Object.fromEntries(fieldsOf(kind).map((field) => [field.path, field.label]));
}

export function visibleFields(kind: SourceKind, values: FormValues): FieldDef[] {
  return fieldsOf(kind).filter((field) => !field.visible || field.visible(values));
}

export function allFieldPaths(kind: SourceKind): FieldPath[] {
  return fieldsOf(kind).map((field) => field.path);
}

export function initialFormState(kind: SourceKind, mode: FormMode): FormState {
  const values: FormValues = {};
  for (const field of fieldsOf(kind)) values[field.path] = '';
  if (mode.type === 'create') {
    values.interval = '5m';
    values.namespace = mode.spaceId ? suggestedNamespace(mode.spaceId) : DEFAULT_NAMESPACE;
    Object.assign(values, publicSource(kind).createValues);
    return { values, enabled: true };
  }
  const { connector } = mode;
  values.name = connector.name;
  values.interval = connector.interval;
  values.namespace = connector.namespace;
  for (const [key, value] of Object.entries(connector.settings)) {
    if (typeof value === 'string') values[`settings.${key}`] = value;
  }
  return { values, enabled: connector.enabled };
}

export function isModified(state: FormState, initial: FormState): boolean {
  if (state.enabled !== initial.enabled) return true;
  return Object.keys({ ...state.values, ...initial.values }).some(
    (key) => (state.values[key] ?? '') !== (initial.values[key] ?? '')
  );
}

/** Secrets the stored connector already has (edit only). */
export function storedSecrets(mode: FormMode): Record<string, boolean> {
  if (mode.type === 'create') return {};
  return Object.fromEntries(
    Object.entries(mode.connector.secrets).map(([key, state]) => [key, state.isSet])
  );
}

function sectionOf(
  kind: SourceKind,
  state: FormState,
  prefix: 'settings.' | 'secrets.',
  includeBlankRequired: boolean
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of visibleFields(kind, state.values)) {
    if (!field.path.startsWith(prefix)) continue;
    const raw = state.values[field.path] ?? '';
    const value = raw.trim();
    if (value !== '' || (field.required && includeBlankRequired)) {
      out[field.path.slice(prefix.length)] = value;
    }
  }
  return out;
}

/** POST /connectors body (not yet validated). */
export function toCreateBody(kind: SourceKind, state: FormState): unknown {
  return {
    kind,
    name: state.values.name ?? '',
    enabled: state.enabled,
    interval: (state.values.interval ?? '').trim(),
    namespace: (state.values.namespace ?? '').trim(),
    settings: sectionOf(kind, state, 'settings.', true),
    secrets: sectionOf(kind, state, 'secrets.', true),
  };
}

/** PUT /connectors/{id} body: settings whole, only the secrets that were re-entered. */
export function toUpdateBody(kind: SourceKind, state: FormState): unknown {
  const secrets = sectionOf(kind, state, 'secrets.', false);
  return {
    kind,
    name: state.values.name ?? '',
    enabled: state.enabled,
    interval: (state.values.interval ?? '').trim(),
    namespace: (state.values.namespace ?? '').trim(),
    settings: sectionOf(kind, state, 'settings.', true),
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
  };
}

/** Body for Test connection and Preview: the form as it stands; stored secrets via `id`. */
export function toDraftBody(kind: SourceKind, state: FormState, mode: FormMode): unknown {
  const secrets = sectionOf(kind, state, 'secrets.', mode.type === 'create');
  return {
    kind,
    ...(mode.type === 'edit' ? { id: mode.connector.id } : {}),
    namespace: (state.values.namespace ?? '').trim(),
    settings: sectionOf(kind, state, 'settings.', true),
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
  };
}

export type FieldErrors = Record<FieldPath, string>;

/** Stands for a stored secret the form does not replace: present, but never sent. */
const STORED_SECRET = '(stored)';

/** The source's cross-field rules, with each stored secret not being replaced counted as given. */
function credentialProblems(
  kind: SourceKind,
  state: FormState,
  mode: FormMode
): Record<string, FieldMessage> {
  const stored = storedSecrets(mode);
  const entered = sectionOf(kind, state, 'secrets.', false);
  const secrets = Object.fromEntries(
    sourceDefinition(kind).secretNames.map((name) => [
      name,
      entered[name] ?? (stored[name] ? STORED_SECRET : undefined),
    ])
  );
  return credentialMessages(kind, sectionOf(kind, state, 'settings.', true), secrets);
}

/**
 * decodeErrorsByField, translated: a failing field codec is re-run on the value (FIELD_CHECKS)
 * to get the key of its message. A message no check explains (io-ts's own) stays as it is.
 */
function translatedDecodeErrors(errors: t.Errors): FieldErrors {
  const translations = new Map<string, string>();
  for (const error of errors) {
    const codec = error.context[error.context.length - 1]?.type.name;
    const check = codec === undefined ? undefined : FIELD_CHECKS[codec];
    if (!check || typeof error.value !== 'string' || error.message === undefined) continue;
    const problem = check(error.value);
    if (problem && fieldMessageText(problem) === error.message) {
      translations.set(error.message, translateFieldMessage(problem));
    }
  }
  return Object.fromEntries(
    Object.entries(decodeErrorsByField(errors)).map(([path, text]) => [
      path,
      translations.get(text) ?? text,
    ])
  );
}

/**
 * Problems per field path, from the same io-ts codecs the server decodes with (plus
 * the source's credentialMessages and a structural look at a CA certificate), in the user's language.
 * Empty when the form can be saved.
 */
export function validateForm(kind: SourceKind, state: FormState, mode: FormMode): FieldErrors {
  const errors: FieldErrors = {};
  if (mode.type === 'create') {
    const result = CreateConnectorRequest.decode(toCreateBody(kind, state));
    if (isLeft(result)) Object.assign(errors, translatedDecodeErrors(result.left));
  } else {
    const result = UpdateConnectorRequest.decode(toUpdateBody(kind, state));
    if (isLeft(result)) Object.assign(errors, translatedDecodeErrors(result.left));
  }
  for (const [path, problem] of Object.entries(credentialProblems(kind, state, mode))) {
    if (!(path in errors)) errors[path] = translateFieldMessage(problem);
  }
  // The codec checks the BEGIN/END shape only; a garbage body is caught here before any request
  // (the server parses the certificate itself on test and save).
  const pem = (state.values['settings.caCertificate'] ?? '').trim();
  if (pem !== '' && !('settings.caCertificate' in errors)) {
    const problem = pemStructureProblem(pem);
    if (problem) errors['settings.caCertificate'] = translateFieldMessage(problem);
  }
  return errors;
}

/** Values that are accepted but probably a mistake, by field path, translated. */
export function formWarnings(kind: SourceKind, state: FormState): FieldErrors {
  const settings = sectionOf(kind, state, 'settings.', false);
  return Object.fromEntries(
    Object.entries(settingsWarnings(sourceDefinition(kind), settings)).map(([path, warning]) => [
      path,
      translateFieldMessage(warning),
    ])
  );
}

/** Invalid fields in the order the form shows them (the first is where the form jumps). */
export function invalidFieldsInOrder(
  kind: SourceKind,
  state: FormState,
  errors: FieldErrors
): FieldDef[] {
  return inDisplayOrder(visibleFields(kind, state.values)).filter((field) => field.path in errors);
}

/**
 * The flyout's sections: the name, the source connection, schedule and data stream, then
 * "Advanced settings" (connector_flyout.tsx renders them in this order).
 */
export function formSectionOf(field: FieldDef): 0 | 1 | 2 | 3 {
  if (field.path === 'name') return 0;
  if (field.advanced) return 3;
  if (field.path.startsWith('settings.') || field.path.startsWith('secrets.')) return 1;
  return 2;
}

function inDisplayOrder(fields: readonly FieldDef[]): FieldDef[] {
  // Array.prototype.sort is stable: fields keep their order within a section.
  return [...fields].sort((a, b) => formSectionOf(a) - formSectionOf(b));
}

/** "Connector name, API token": the labels of `fields`, for the messages that list them. */
export function labelList(fields: readonly FieldDef[]): string {
  return fields.map((field) => field.label).join(', ');
}

/**
 * Why Save is disabled, for its tooltip; undefined when it is enabled. A blank name alone says
 * so in words; other problems are counted and named.
 */
export function saveDisabledReason(
  kind: SourceKind,
  state: FormState,
  errors: FieldErrors,
  modified: boolean
): string | undefined {
  const invalid = invalidFieldsInOrder(kind, state, errors);
  if (
    invalid.length === 1 &&
    invalid[0].path === 'name' &&
    (state.values.name ?? '').trim() === ''
  ) {
    return i18n.translate('auditSources.connectorForm.saveDisabled.enterName', {
      defaultMessage: 'Enter a name',
    });
  }
  if (invalid.length > 0) {
    return i18n.translate('auditSources.connectorForm.saveDisabled.fixFields', {
      defaultMessage: 'Fix {count, plural, one {# field} other {# fields}}: {fields}',
      values: { count: invalid.length, fields: labelList(invalid) },
    });
  }
  if (!modified) {
    return i18n.translate('auditSources.connectorForm.saveDisabled.nothingChanged', {
      defaultMessage: 'Nothing changed',
    });
  }
  return undefined;
}

/**
 * What a Test connection or Preview result was computed from: the draft body (settings,
 * secrets, namespace). A result whose inputs differ from the form's is stale.
 */
export function draftInputs(kind: SourceKind, state: FormState, mode: FormMode): string {
  return JSON.stringify(toDraftBody(kind, state, mode));
}

/**
 * Replaces each dotted field path (`settings.url`, `secrets.password`) in a server message by
 * the form's label for it. Bare paths (`name`) are ordinary words in a sentence: left alone.
 */
export function withFieldLabels(text: string, kind: SourceKind): string {
  const fields = fieldsOf(kind)
    .filter((field) => field.path.includes('.'))
    .sort((a, b) => b.path.length - a.path.length);
  let out = text;
  for (const field of fields) out = out.split(field.path).join(field.label);
  return out;
}

/**
 * A field message from the server in the form's words: the "re-enter this secret" rule (the
 * one server-only rule the form sees often) translated with the changed fields' labels, any
 * other message with its field paths replaced by labels.
 */
export function serverFieldMessage(text: string, kind: SourceKind): string {
  const changed = reenterSecretChangedFields(text);
  if (!changed) return withFieldLabels(text, kind);
  const labels = fieldLabels(kind);
  return i18n.translate('auditSources.connectorForm.serverMessage.reenterSecret', {
    defaultMessage:
      'Re-enter it, because {fields} changed — a stored secret is only used for the destination it was entered for',
    values: { fields: changed.map((path) => labels[path] ?? path).join(', ') },
  });
}

/** The fields Test connection and Preview need: the source settings, secrets and namespace. */
export function draftErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(
      ([path]) =>
        path.startsWith('settings.') || path.startsWith('secrets.') || path === 'namespace'
    )
  );
}

/** The decoded request bodies; undefined while the form has problems. */
export function createRequest(kind: SourceKind, state: FormState) {
  const result = CreateConnectorRequest.decode(toCreateBody(kind, state));
  return isLeft(result) ? undefined : result.right;
}

export function updateRequest(kind: SourceKind, state: FormState) {
  const result = UpdateConnectorRequest.decode(toUpdateBody(kind, state));
  return isLeft(result) ? undefined : result.right;
}

export function draftRequest(
  kind: SourceKind,
  state: FormState,
  mode: FormMode
): DraftConnectorRequest | undefined {
  const result = DraftConnectorRequest.decode(toDraftBody(kind, state, mode));
  return isLeft(result) ? undefined : result.right;
}
