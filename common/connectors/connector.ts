import * as t from 'io-ts';
import { taggedUnion } from '../decode';
import { fieldMessageText, message, type FieldMessage } from './field_messages';
import {
  CertificateFingerprint,
  ConnectorName,
  Duration,
  HttpUrl,
  IndexPattern,
  InitialWindow,
  LumosApiToken,
  Namespace,
  NonBlankString,
  PemCertificate,
  PollInterval,
  QueryDslJson,
} from './fields';

/*
 * A connector: one configured source. Settings are plain attributes; secrets are encrypted at
 * rest (encryptedSavedObjects), accepted on create/update, and never returned — the API says only
 * whether each one is set.
 */

export const LumosSettings = t.exact(
  t.partial({
    /** Default https://api.lumos.com. */
    baseUrl: HttpUrl,
    /** First run reads this far back: a duration or "everything". Default 30d. */
    initialWindow: InitialWindow,
    /** Re-read before the watermark each cycle, for events Lumos publishes late. Default 1h. */
    lateArrivalWindow: Duration,
    proxyUrl: HttpUrl,
    caCertificate: PemCertificate,
  })
);
export type LumosSettings = t.TypeOf<typeof LumosSettings>;

export const LumosSecrets = t.exact(t.type({ apiToken: LumosApiToken }));
export type LumosSecrets = t.TypeOf<typeof LumosSecrets>;

export const CloserAuthType = t.keyof({ basic: null, api_key: null, none: null }, 'CloserAuthType');
export type CloserAuthType = t.TypeOf<typeof CloserAuthType>;

export const CloserSettings = t.exact(
  t.intersection([
    t.type({ url: HttpUrl, authType: CloserAuthType }),
    t.partial({
      username: NonBlankString,
      /** Default "closer". */
      index: IndexPattern,
      /** Windows end this long before now. Default 1m. */
      lag: Duration,
      /** First run reads this far back: a duration or "everything". Default everything. */
      initialWindow: InitialWindow,
      /** Extra query DSL clause, JSON text. */
      query: QueryDslJson,
      caCertificate: PemCertificate,
      caFingerprint: CertificateFingerprint,
      proxyUrl: HttpUrl,
    }),
  ])
);
export type CloserSettings = t.TypeOf<typeof CloserSettings>;

export const CloserSecrets = t.exact(
  t.partial({ password: NonBlankString, apiKey: NonBlankString })
);
export type CloserSecrets = t.TypeOf<typeof CloserSecrets>;

const ConnectorCommon = t.type({
  name: ConnectorName,
  enabled: t.boolean,
  interval: PollInterval,
  namespace: Namespace,
});

const ConnectorCommonPatch = t.partial(ConnectorCommon.props);

export const CreateLumosConnector = t.exact(
  t.intersection([
    t.type({ kind: t.literal('lumos'), settings: LumosSettings, secrets: LumosSecrets }),
    ConnectorCommon,
  ])
);
export const CreateCloserConnector = t.exact(
  t.intersection([
    t.type({ kind: t.literal('closer'), settings: CloserSettings, secrets: CloserSecrets }),
    ConnectorCommon,
  ])
);

/** Body of POST /connectors. */
export const CreateConnectorRequest = taggedUnion('CreateConnectorRequest', 'kind', {
  lumos: CreateLumosConnector,
  closer: CreateCloserConnector,
});
export type CreateConnectorRequest = t.TypeOf<typeof CreateConnectorRequest>;

/**
 * Body of PUT /connectors/{id}. `kind` must match the stored connector; `settings` replaces the
 * stored settings whole; each secret left out keeps its stored value.
 */
export const UpdateConnectorRequest = taggedUnion('UpdateConnectorRequest', 'kind', {
  lumos: t.exact(
    t.intersection([
      t.type({ kind: t.literal('lumos') }),
      t.partial({ settings: LumosSettings, secrets: t.exact(t.partial(LumosSecrets.type.props)) }),
      ConnectorCommonPatch,
    ])
  ),
  closer: t.exact(
    t.intersection([
      t.type({ kind: t.literal('closer') }),
      t.partial({ settings: CloserSettings, secrets: CloserSecrets }),
      ConnectorCommonPatch,
    ])
  ),
});
export type UpdateConnectorRequest = t.TypeOf<typeof UpdateConnectorRequest>;

/**
 * Body of POST /connectors/_test and /connectors/_preview: the form as it stands, saved or not.
 * With `id`, secrets left out are taken from that stored connector (editing without re-entering).
 */
export const DraftConnectorRequest = taggedUnion('DraftConnectorRequest', 'kind', {
  lumos: t.exact(
    t.intersection([
      t.type({ kind: t.literal('lumos'), settings: LumosSettings }),
      t.partial({
        id: t.string,
        namespace: Namespace,
        secrets: t.exact(t.partial(LumosSecrets.type.props)),
      }),
    ])
  ),
  closer: t.exact(
    t.intersection([
      t.type({ kind: t.literal('closer'), settings: CloserSettings }),
      t.partial({ id: t.string, namespace: Namespace, secrets: CloserSecrets }),
    ])
  ),
});
export type DraftConnectorRequest = t.TypeOf<typeof DraftConnectorRequest>;

/**
 * Cross-field rules io-ts cannot express on one field, as message keys by field path (the form
 * translates them); empty when the combination is valid.
 */
export function closerCredentialMessages(
  settings: CloserSettings,
  secrets: CloserSecrets
): Record<string, FieldMessage> {
  const problems: Record<string, FieldMessage> = {};
  if (settings.authType === 'basic') {
    if (!settings.username) problems['settings.username'] = message('usernameRequired');
    if (!secrets.password) problems['secrets.password'] = message('passwordRequired');
  }
  if (settings.authType === 'api_key' && !secrets.apiKey) {
    problems['secrets.apiKey'] = message('apiKeyRequired');
  }
  return problems;
}

/** closerCredentialMessages as text, for the server's 400s. */
export function closerCredentialProblems(
  settings: CloserSettings,
  secrets: CloserSecrets
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(closerCredentialMessages(settings, secrets)).map(([path, problem]) => [
      path,
      fieldMessageText(problem),
    ])
  );
}

export const SECRET_FIELDS = {
  lumos: ['apiToken'],
  closer: ['password', 'apiKey'],
} as const;
