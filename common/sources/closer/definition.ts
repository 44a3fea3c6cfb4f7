import * as t from 'io-ts';
import {
  CertificateFingerprint,
  Duration,
  HttpUrl,
  IndexPattern,
  InitialWindow,
  NonBlankString,
  PemCertificate,
  QueryDslJson,
} from '../../connectors/fields';
import { message, type FieldMessage } from '../../connectors/field_messages';
import { durationMs, MAX_SENSIBLE_LAG_MS, tlsUnused } from '../../connectors/settings_warnings';
import { defineSource } from '../source_definition';

export const CloserAuthType = t.keyof({ basic: null, api_key: null, none: null }, 'CloserAuthType');
export type CloserAuthType = t.TypeOf<typeof CloserAuthType>;

export const CloserSettings = t.exact(
  t.intersection([
    t.type({ url: HttpUrl, authType: CloserAuthType }),
    t.partial({
      username: NonBlankString,
      /** Default "closer". */
      index: IndexPattern,
      /** Windows end this long before now. Default 5s (server/sources/closer/config.ts). */
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

function credentialMessages(
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

function secretsInUse(settings: CloserSettings, secrets: CloserSecrets): CloserSecrets {
  if (settings.authType === 'basic') return secrets.password ? { password: secrets.password } : {};
  if (settings.authType === 'api_key') return secrets.apiKey ? { apiKey: secrets.apiKey } : {};
  return {};
}

function closerWarnings(settings: CloserSettings): Record<string, FieldMessage> {
  const warnings: Record<string, FieldMessage> = {};
  const lag = durationMs(settings.lag);
  if (lag === 0) warnings['settings.lag'] = message('lagZero');
  else if (lag !== undefined && lag > MAX_SENSIBLE_LAG_MS) {
    warnings['settings.lag'] = message('lagLong', { duration: settings.lag?.trim() ?? '' });
  }
  if (tlsUnused(settings.url, settings.proxyUrl) && settings.caFingerprint?.trim()) {
    warnings['settings.caFingerprint'] = message('fingerprintNotUsedOverHttp');
  }
  return warnings;
}

export const closerSource = defineSource({
  kind: 'closer',
  dataset: 'closer.security',
  module: 'closer',
  title: 'Closer security logs',
  label: 'Closer',
  settings: CloserSettings,
  secrets: CloserSecrets,
  secretsPatch: CloserSecrets,
  secretNames: ['password', 'apiKey'],
  // The credentials grant a cluster's worth of reads, not just the `closer` index: with
  // `index: ".security*"`, a broader `query`, or another `username` paired with the stored
  // password, preview would show data (or try a password) whoever entered the secret never meant
  // to expose.
  destinationFields: [
    'url',
    'proxyUrl',
    'caCertificate',
    'caFingerprint',
    'index',
    'query',
    'username',
  ],
  urlFields: [{ field: 'url' }, { field: 'proxyUrl' }],
  destinationUrl: (settings) => settings.url,
  defaultInitialWindow: 'everything',
  credentialMessages,
  secretsInUse,
  settingsWarnings: closerWarnings,
  dataView: { id: 'audit-sources-closer', name: 'Audit Sources: Closer security logs' },
  savedSearches: [
    {
      id: 'audit-sources-closer-logins',
      title: 'Closer: logins',
      description: 'Closer authentication events: logins, logouts and failed logins.',
      query: 'event.category:"authentication"',
      columns: ['event.action', 'user.id', 'source.ip', 'event.outcome'],
    },
    {
      id: 'audit-sources-closer-configuration-changes',
      title: 'Closer: configuration changes',
      description: 'Closer events that changed the configuration.',
      query: 'event.category:"configuration"',
      columns: ['event.action', 'user.id', 'message'],
    },
  ],
});
