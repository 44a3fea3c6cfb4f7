import * as t from 'io-ts';
import {
  HttpUrl,
  Duration,
  InitialWindow,
  LumosApiToken,
  PemCertificate,
} from '../../connectors/fields';
import { message, type FieldMessage } from '../../connectors/field_messages';
import { durationMs, MAX_SENSIBLE_LATE_ARRIVAL_MS } from '../../connectors/settings_warnings';
import { defineSource } from '../source_definition';

/** Lumos's public API (developer docs, "Base URL"). */
export const DEFAULT_LUMOS_BASE_URL = 'https://api.lumos.com';

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

function lumosWarnings(settings: LumosSettings): Record<string, FieldMessage> {
  const late = durationMs(settings.lateArrivalWindow);
  if (late === 0) return { 'settings.lateArrivalWindow': message('lateArrivalZero') };
  if (late !== undefined && late > MAX_SENSIBLE_LATE_ARRIVAL_MS) {
    return {
      'settings.lateArrivalWindow': message('lateArrivalLong', {
        duration: settings.lateArrivalWindow?.trim() ?? '',
      }),
    };
  }
  return {};
}

export const lumosSource = defineSource({
  kind: 'lumos',
  dataset: 'lumos.activity_logs',
  module: 'lumos',
  title: 'Lumos activity logs',
  label: 'Lumos',
  settings: LumosSettings,
  secrets: LumosSecrets,
  secretsPatch: t.exact(t.partial(LumosSecrets.type.props)),
  secretNames: ['apiToken'],
  destinationFields: ['baseUrl', 'proxyUrl', 'caCertificate'],
  urlFields: [{ field: 'baseUrl', fallback: DEFAULT_LUMOS_BASE_URL }, { field: 'proxyUrl' }],
  destinationUrl: (settings) => settings.baseUrl ?? DEFAULT_LUMOS_BASE_URL,
  defaultInitialWindow: '30d',
  credentialMessages: (_settings, secrets): Record<string, FieldMessage> =>
    secrets.apiToken ? {} : { 'secrets.apiToken': message('apiTokenRequired') },
  secretsInUse: (_settings, secrets) => (secrets.apiToken ? { apiToken: secrets.apiToken } : {}),
  settingsWarnings: lumosWarnings,
  dataView: { id: 'audit-sources-lumos', name: 'Audit Sources: Lumos activity logs' },
  savedSearches: [
    {
      id: 'audit-sources-lumos-all-activity',
      title: 'Lumos: all activity',
      description: 'Every Lumos activity-log event, newest first.',
      query: '',
      columns: ['event.action', 'user.email', 'event.outcome', 'message'],
    },
    {
      id: 'audit-sources-lumos-failed-actions',
      title: 'Lumos: failed actions',
      description: 'Lumos events whose outcome is failure.',
      query: 'event.outcome:"failure"',
      columns: ['event.action', 'user.email', 'message'],
    },
  ],
});
