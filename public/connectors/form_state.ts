import { isLeft } from 'fp-ts/Either';
import {
  closerCredentialProblems,
  CreateConnectorRequest,
  DraftConnectorRequest,
  UpdateConnectorRequest,
  type CloserSecrets,
  type CloserSettings,
} from '../../common/connectors/connector';
import type { ConnectorView } from '../../common/connectors/view';
import { DEFAULT_NAMESPACE, type SourceKind } from '../../common/data_streams';
import { suggestedNamespace } from '../../common/spaces';
import { decodeErrorsByField } from '../../common/decode';

/*
 * The setup form's model: every field is a string keyed by its path in the API body
 * (`name`, `settings.baseUrl`, `secrets.apiToken`), so the messages decodeErrorsByField gives for
 * the request codecs land next to the right field unchanged.
 */

export type FieldPath = string;

export interface FieldDef {
  path: FieldPath;
  label: string;
  control: 'text' | 'password' | 'textarea' | 'select';
  /** Sent even when blank, so the codec's own message explains what is missing. */
  required?: boolean;
  secret?: boolean;
  /** Shown under "Advanced settings". */
  advanced?: boolean;
  placeholder?: string;
  helpText?: string;
  options?: Array<{ value: string; text: string }>;
  visible?: (values: FormValues) => boolean;
}

export type FormValues = Record<FieldPath, string>;

export interface FormState {
  values: FormValues;
  enabled: boolean;
}

export type FormMode =
  /** `spaceId`: the current space, suggested as the data stream namespace. */
  { type: 'create'; spaceId?: string } | { type: 'edit'; connector: ConnectorView };

export const COMMON_FIELDS: readonly FieldDef[] = [
  {
    path: 'name',
    label: 'Connector name',
    control: 'text',
    required: true,
    placeholder: 'e.g. Lumos production',
  },
  {
    path: 'interval',
    label: 'Polling interval',
    control: 'text',
    required: true,
    helpText: 'How often to pull new records: between 1m and 24h, e.g. 5m, 15m, 1h.',
  },
  {
    path: 'namespace',
    label: 'Namespace',
    control: 'text',
    required: true,
    helpText: 'Data stream namespace: events go to logs-<dataset>-<namespace>.',
  },
];

const isBasic = (values: FormValues) => values['settings.authType'] === 'basic';
const isApiKey = (values: FormValues) => values['settings.authType'] === 'api_key';

export const SOURCE_FIELDS: Readonly<Record<SourceKind, readonly FieldDef[]>> = {
  lumos: [
    {
      path: 'secrets.apiToken',
      label: 'API token',
      control: 'password',
      required: true,
      secret: true,
      placeholder: 'lsk_…',
      helpText: 'A Lumos API token (Settings → API tokens in Lumos). It starts with lsk_.',
    },
    {
      path: 'settings.baseUrl',
      label: 'Base URL',
      control: 'text',
      placeholder: 'https://api.lumos.com',
      helpText: 'Leave blank for https://api.lumos.com.',
    },
    {
      path: 'settings.initialWindow',
      label: 'Initial backfill window',
      control: 'text',
      placeholder: '30d',
      helpText:
        'How far back the first run reads: e.g. 7d, 30d, 180d, or "everything". Default 30d.',
    },
    {
      path: 'settings.lateArrivalWindow',
      label: 'Late-arrival window',
      control: 'text',
      advanced: true,
      placeholder: '1h',
      helpText:
        'Each run re-reads this far before its checkpoint, for events Lumos publishes late.',
    },
    {
      path: 'settings.proxyUrl',
      label: 'Proxy URL',
      control: 'text',
      advanced: true,
      placeholder: 'http://proxy.internal:3128',
    },
    {
      path: 'settings.caCertificate',
      label: 'CA certificate',
      control: 'textarea',
      advanced: true,
      placeholder: '-----BEGIN CERTIFICATE-----',
      helpText: 'PEM certificate to trust for the Lumos API or the proxy (TLS inspection).',
    },
  ],
  closer: [
    {
      path: 'settings.url',
      label: 'Closer Elasticsearch URL',
      control: 'text',
      required: true,
      placeholder: 'https://closer-es.example.com:9200',
    },
    {
      path: 'settings.authType',
      label: 'Authentication',
      control: 'select',
      required: true,
      options: [
        { value: 'basic', text: 'Username and password' },
        { value: 'api_key', text: 'API key' },
        { value: 'none', text: 'None' },
      ],
    },
    { path: 'settings.username', label: 'Username', control: 'text', visible: isBasic },
    {
      path: 'secrets.password',
      label: 'Password',
      control: 'password',
      secret: true,
      visible: isBasic,
    },
    {
      path: 'secrets.apiKey',
      label: 'API key',
      control: 'password',
      secret: true,
      visible: isApiKey,
      helpText: 'The encoded API key (base64 of id:api_key).',
    },
    {
      path: 'settings.index',
      label: 'Index',
      control: 'text',
      placeholder: 'closer',
      helpText: 'Index, alias or pattern holding the Closer security log. Default closer.',
    },
    {
      path: 'settings.lag',
      label: 'Lag',
      control: 'text',
      placeholder: '1m',
      helpText: 'Each window ends this long before now, so late refreshes are not missed.',
    },
    {
      path: 'settings.initialWindow',
      label: 'Initial backfill window',
      control: 'text',
      placeholder: 'everything',
      helpText: 'How far back the first run reads: e.g. 30d, or "everything" (the default).',
    },
    {
      path: 'settings.caCertificate',
      label: 'CA certificate',
      control: 'textarea',
      advanced: true,
      placeholder: '-----BEGIN CERTIFICATE-----',
      helpText: 'PEM certificate of the CA that signed the cluster’s certificate.',
    },
    {
      path: 'settings.caFingerprint',
      label: 'CA certificate fingerprint',
      control: 'text',
      advanced: true,
      placeholder: 'SHA-256, 64 hex digits',
    },
    {
      path: 'settings.query',
      label: 'Query (optional)',
      control: 'textarea',
      advanced: true,
      placeholder: '{"term": {"message.user.id": "..."}}',
      helpText: 'Extra query DSL clause as JSON, ANDed with the time window.',
    },
    {
      path: 'settings.proxyUrl',
      label: 'Proxy URL',
      control: 'text',
      advanced: true,
      placeholder: 'http://proxy.internal:3128',
    },
  ],
};

export function fieldsOf(kind: SourceKind): FieldDef[] {
  return [...COMMON_FIELDS, ...SOURCE_FIELDS[kind]];
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
    if (kind === 'closer') values['settings.authType'] = 'basic';
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

function credentialProblems(
  kind: SourceKind,
  state: FormState,
  mode: FormMode
): Record<string, string> {
  if (kind !== 'closer') return {};
  const stored = storedSecrets(mode);
  const settings = sectionOf(kind, state, 'settings.', true) as unknown as CloserSettings;
  const entered = sectionOf(kind, state, 'secrets.', false);
  const secrets: CloserSecrets = {
    password: entered.password ?? (stored.password ? '(stored)' : undefined),
    apiKey: entered.apiKey ?? (stored.apiKey ? '(stored)' : undefined),
  };
  return closerCredentialProblems(settings, secrets);
}

/**
 * Problems per field path, from the same io-ts codecs the server decodes with (plus
 * closerCredentialProblems). Empty when the form can be saved.
 */
export function validateForm(kind: SourceKind, state: FormState, mode: FormMode): FieldErrors {
  const errors: FieldErrors = {};
  if (mode.type === 'create') {
    const result = CreateConnectorRequest.decode(toCreateBody(kind, state));
    if (isLeft(result)) Object.assign(errors, decodeErrorsByField(result.left));
  } else {
    const result = UpdateConnectorRequest.decode(toUpdateBody(kind, state));
    if (isLeft(result)) Object.assign(errors, decodeErrorsByField(result.left));
    const stored = storedSecrets(mode);
    if (kind === 'lumos' && !stored.apiToken && !(state.values['secrets.apiToken'] ?? '').trim()) {
      errors['secrets.apiToken'] = 'Lumos API tokens start with lsk_';
    }
  }
  for (const [path, message] of Object.entries(credentialProblems(kind, state, mode))) {
    if (!(path in errors)) errors[path] = message;
  }
  return errors;
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
