import { X509Certificate } from 'node:crypto';
import { pemBlocks } from '../../common/connectors/pem';
import { sourceDefinition, type SourceKind } from '../../common/sources/registry';
import type { SourceSettings } from '../../common/sources/source_definition';
import type { OutboundPolicy } from '../lib/outbound/host_policy';

/*
 * Server-side checks of connector settings that the shared codecs cannot make: whether the
 * outbound policy (kibana.yml) allows each URL's host, and whether a CA certificate really
 * parses (node:crypto, which the browser bundle of common/ cannot import). Messages are keyed
 * by field path, like the codecs' 400s.
 */

type AnySettings = SourceSettings;

/** Most certificates accepted in one caCertificate (the field is capped at 64 KiB anyway). */
const MAX_CERTIFICATES = 100;

/** Hosts the outbound policy refuses, by field; the connection is checked again at connect time. */
export function outboundProblems(
  kind: SourceKind,
  settings: AnySettings,
  policy: OutboundPolicy
): Record<string, string> {
  const problems: Record<string, string> = {};
  // Each URL field of the source, with what an unset one means.
  for (const { field, fallback } of sourceDefinition(kind).urlFields) {
    const value = settings[field] ?? fallback;
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
  const pem = settings.caCertificate;
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
