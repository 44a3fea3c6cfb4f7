import { durationMs } from '../../../common/connectors/settings_warnings';
import { initialWindowStart } from '../../../common/duration';
import {
  closerSource,
  type CloserSecrets,
  type CloserSettings,
} from '../../../common/sources/closer/definition';
import { parseQueryFilter, type CloserConfig, type CloserCredentials } from './config';

/*
 * Connector settings (the API contract) → what pollCloser and the probes take. The poll keeps
 * its own option names (it also serves `npm run pull`); this is the one place that knows both.
 */

export interface CloserConnector {
  namespace: string;
  settings: CloserSettings;
  secrets: CloserSecrets;
}

/** Where the first run starts, in epoch ms; Closer defaults to all history. */
export function closerSince(settings: CloserSettings, nowMs: number): number {
  const start = initialWindowStart(
    settings.initialWindow ?? closerSource.defaultInitialWindow,
    nowMs
  );
  return typeof start === 'number' ? start : 0;
}

export function closerPollConfig(
  { settings, namespace }: Pick<CloserConnector, 'settings' | 'namespace'>,
  nowMs: number
): CloserConfig & { namespace: string } {
  return {
    url: settings.url,
    index: settings.index,
    query: settings.query ? parseQueryFilter(settings.query) : undefined,
    lagMs: durationMs(settings.lag),
    since: closerSince(settings, nowMs),
    tls:
      settings.caCertificate || settings.caFingerprint
        ? { ca: settings.caCertificate, caFingerprint: settings.caFingerprint }
        : undefined,
    proxyUrl: settings.proxyUrl,
    namespace,
  };
}

/** Callers have checked the definition's credentialMessages; a missing value is a bug here. */
export function closerCredentials({
  settings,
  secrets,
}: Pick<CloserConnector, 'settings' | 'secrets'>): CloserCredentials {
  switch (settings.authType) {
    case 'basic':
      return {
        type: 'basic',
        username: settings.username ?? '',
        password: secrets.password ?? '',
      };
    case 'api_key':
      return { type: 'api_key', apiKey: secrets.apiKey ?? '' };
    default:
      return { type: 'none' };
  }
}

/**
 * Every secret, plus for basic auth `username:password`: redaction then hides the whole
 * `Basic base64(username:password)` value, not only the password's part of it.
 */
export function closerSecretValues({
  settings,
  secrets,
}: Pick<CloserConnector, 'settings' | 'secrets'>): string[] {
  const values = [secrets.password, secrets.apiKey].filter((v): v is string => Boolean(v));
  if (settings.authType === 'basic' && settings.username && secrets.password) {
    values.push(`${settings.username}:${secrets.password}`);
  }
  return values;
}
