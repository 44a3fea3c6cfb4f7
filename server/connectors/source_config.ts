import type {
  CloserSecrets,
  CloserSettings,
  LumosSecrets,
  LumosSettings,
} from '../../common/connectors/connector';
import { parseDuration, parseInitialWindow } from '../../common/duration';
import {
  canonicalStoredInitialWindow,
  canonicalStoredSettings,
} from '../saved_objects/canonical_durations';
import type { LumosConfig } from '../sources/lumos';
import {
  parseQueryFilter,
  type CloserConfig,
  type CloserCredentials,
} from '../sources/closer/config';

/*
 * Connector settings (the API contract) → what each source's poll takes. The sources keep their
 * own option names (they also serve the stand-alone `pull` command); this is the one place that
 * knows both. Stored settings may still spell durations in the grammar before Kibana's: they are
 * canonicalized here (server/saved_objects/canonical_durations.ts).
 */

export function lumosPollConfig(stored: LumosSettings, namespace: string): LumosConfig {
  const settings = canonicalStoredSettings(stored);
  return {
    baseUrl: settings.baseUrl,
    namespace,
    initialWindow: settings.initialWindow,
    lateArrivalWindow: settings.lateArrivalWindow,
    proxyUrl: settings.proxyUrl,
    caCert: settings.caCertificate,
  };
}

function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  return 'error' in parsed ? undefined : parsed.ms;
}

/** Where the first run starts, in epoch ms; Closer defaults to all history. */
export function closerSince(settings: CloserSettings, nowMs: number): number {
  const initial = parseInitialWindow(
    canonicalStoredInitialWindow(settings.initialWindow ?? 'everything')
  );
  if ('error' in initial || initial.ms === 'everything') return 0;
  return nowMs - initial.ms;
}

export function closerPollConfig(
  stored: CloserSettings,
  namespace: string,
  nowMs: number
): CloserConfig & { namespace: string } {
  const settings = canonicalStoredSettings(stored);
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

/** Callers have checked closerCredentialProblems; a missing value here is a programming error. */
export function closerCredentials(
  settings: CloserSettings,
  secrets: CloserSecrets
): CloserCredentials {
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

/** Every secret value of a connector, for redaction. */
export function secretValues(secrets: LumosSecrets | CloserSecrets | undefined): string[] {
  if (!secrets) return [];
  return Object.values(secrets).filter((v): v is string => typeof v === 'string');
}

/**
 * secretValues plus, for Closer basic auth, `username:password`: redactSecrets then hides the
 * whole `Basic base64(username:password)` value, not only the password's part of it.
 */
export function connectorSecretValues(
  settings: LumosSettings | CloserSettings,
  secrets: LumosSecrets | CloserSecrets | undefined
): string[] {
  const values = secretValues(secrets);
  const { authType, username } = settings as Partial<CloserSettings>;
  const password = (secrets as CloserSecrets | undefined)?.password;
  if (authType === 'basic' && username && password) values.push(`${username}:${password}`);
  return values;
}

/** Where the first run of a connector starts (epoch ms), when it is a fixed duration back. */
export function initialWindowStart(
  initialWindow: string | undefined,
  defaultWindow: string,
  nowMs: number
): number | undefined {
  const parsed = parseInitialWindow(canonicalStoredInitialWindow(initialWindow ?? defaultWindow));
  if ('error' in parsed || parsed.ms === 'everything') return undefined;
  return nowMs - parsed.ms;
}
