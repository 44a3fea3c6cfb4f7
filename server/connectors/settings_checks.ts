import { X509Certificate } from 'node:crypto';
import type { CloserSettings, LumosSettings } from '../../common/connectors/connector';
import { pemBlocks } from '../../common/connectors/pem';
import type { SourceKind } from '../../common/data_streams';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import { DEFAULT_LUMOS_BASE_URL } from '../sources/lumos/client';

/*
 * Server-side checks of connector settings that the shared codecs cannot make: whether the
 * outbound policy (kibana.yml) allows each URL's host, and whether a CA certificate really
 * parses (node:crypto, which the browser bundle of common/ cannot import). Messages are keyed
 * by field path, like the codecs' 400s.
 */

type AnySettings = LumosSettings | CloserSettings;

/** The URL fields of each kind, and what an unset one means. */
const URL_FIELDS: Record<SourceKind, ReadonlyArray<{ field: string; fallback?: string }>> = {
  lumos: [{ field: 'baseUrl', fallback: DEFAULT_LUMOS_BASE_URL }, { field: 'proxyUrl' }],
  closer: [{ field: 'url' }, { field: 'proxyUrl' }],
};

/** Most certificates accepted in one caCertificate (the field is capped at 64 KiB anyway). */
const MAX_CERTIFICATES = 100;

/** Hosts the outbound policy refuses, by field; the connection is checked again at connect time. */
export function outboundProblems(
  kind: SourceKind,
  settings: AnySettings,
  policy: OutboundPolicy
): Record<string, string> {
  const values = settings as Record<string, unknown>;
  const problems: Record<string, string> = {};
  for (const { field, fallback } of URL_FIELDS[kind]) {
    const value = values[field] ?? fallback;
    if (typeof value !== 'string') continue;
    const error = policy.urlError(value);
    if (error !== undefined) problems[`settings.${field}`] = error;
  }
  return problems;
}

/** A message when `pem` is not a list of certificates Node can parse. */
export function certificateError(pem: string): string | undefined {
  const blocks = pemBlocks(pem, MAX_CERTIFICATES);
  if (blocks.length === 0) return 'Must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)';
  if (blocks.length > MAX_CERTIFICATES) {
    return `At most ${MAX_CERTIFICATES} certificates are accepted`;
  }
  for (let i = 0; i < blocks.length; i++) {
    try {
      new X509Certificate(blocks[i]);
    } catch {
      return blocks.length === 1
        ? 'Not a valid certificate: the PEM block does not parse'
        : `Not a valid certificate: PEM block ${i + 1} of ${blocks.length} does not parse`;
    }
  }
  return undefined;
}

export function certificateProblems(settings: AnySettings): Record<string, string> {
  const pem = (settings as { caCertificate?: unknown }).caCertificate;
  if (typeof pem !== 'string') return {};
  const error = certificateError(pem);
  return error === undefined ? {} : { 'settings.caCertificate': error };
}

/** Everything the server checks about settings beyond the codecs. */
export function settingsProblems(
  kind: SourceKind,
  settings: AnySettings,
  policy: OutboundPolicy
): Record<string, string> {
  return { ...outboundProblems(kind, settings, policy), ...certificateProblems(settings) };
}
