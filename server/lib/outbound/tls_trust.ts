/*
 * What a TLS peer must prove before a request (and its credentials) is sent to it.
 *
 * Without a pin this is Node's own verification: the system CAs, or `ca` instead of them.
 *
 * A pin (`caFingerprint`, as Kibana's `elasticsearch.ssl.caFingerprint`) used to mean "some
 * certificate in the presented chain has this SHA-256", checked with `rejectUnauthorized: false`.
 * That is not a proof of anything: Node links the presented chain by names only, so a forged
 * leaf whose issuer DN equals the real CA's, sent together with the real (public) CA certificate,
 * matched. Here a pin means what a CA means: every link from the leaf up to the pinned
 * certificate is checked by signature, the issuers are CAs, every certificate on the way is
 * within its validity dates, and the leaf is valid for the host name (or IP) we asked for. With
 * `ca` as well, Node first verifies the chain against `ca`, and the pin must hold on top of it.
 */
import { createHash, X509Certificate } from 'node:crypto';
import {
  checkServerIdentity,
  type ConnectionOptions,
  type DetailedPeerCertificate,
  type PeerCertificate,
  type TLSSocket,
} from 'node:tls';

export interface TlsTrust {
  /** PEM CA certificate(s) trusted instead of the system CAs. */
  ca?: string;
  /** SHA-256 (hex, colons optional) of a certificate the verified chain must reach. */
  caFingerprint?: string;
}

/** The peer did not prove who it is; nothing was sent to it. */
export class TlsTrustError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsTrustError';
  }
}

/**
 * Longest leaf-to-pin path walked. Real chains are 2-4 certificates; the bound only stops a
 * peer from making us walk (and verify signatures over) a chain of arbitrary length.
 */
export const MAX_CHAIN_LENGTH = 10;

const FINGERPRINT = /^[0-9a-f]{64}$/;

/** Lower-case hex without colons; throws TlsTrustError when it is not a SHA-256. */
export function normalizeFingerprint(value: string): string {
  const hex = value.trim().split(':').join('').toLowerCase();
  if (!FINGERPRINT.test(hex)) {
    throw new TlsTrustError('The CA fingerprint must be a SHA-256: 64 hex digits, colons allowed');
  }
  return hex;
}

/** A trust whose pin is normalized (and so known to be valid). */
export function normalizeTrust(trust: TlsTrust | undefined): TlsTrust {
  if (!trust) return {};
  return {
    ...(trust.ca ? { ca: trust.ca } : {}),
    ...(trust.caFingerprint ? { caFingerprint: normalizeFingerprint(trust.caFingerprint) } : {}),
  };
}

/**
 * `tls.connect` options for a peer that must be `hostname`. The identity check is always made
 * against `hostname`, never against the address we connected to or a `Host` header.
 */
export function tlsConnectOptions(trust: TlsTrust, hostname: string): ConnectionOptions {
  const identity = (_host: string, cert: PeerCertificate) => checkServerIdentity(hostname, cert);
  // With a pin and no `ca` there is no CA store that could verify a private CA: the pin does
  // all of it, after the handshake (`peerTrustError`).
  const nodeVerifies = !trust.caFingerprint || Boolean(trust.ca);
  return {
    ...(trust.ca ? { ca: trust.ca } : {}),
    rejectUnauthorized: nodeVerifies,
    checkServerIdentity: identity,
  };
}

function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

function datesError(cert: X509Certificate, now: number): string | undefined {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    return `certificate "${cert.subject}" has unreadable validity dates`;
  }
  if (now < from) return `certificate "${cert.subject}" is not valid before ${cert.validFrom}`;
  if (now > to) return `certificate "${cert.subject}" expired on ${cert.validTo}`;
  return undefined;
}

/** One line for messages: subjects can hold newlines. */
function subjectOf(cert: X509Certificate): string {
  return cert.subject.split('\n').join(', ').slice(0, 200);
}

/**
 * Why the pinned chain of `leaf` does not hold for `hostname`, or undefined when it does. `leaf`
 * is `getPeerCertificate(true)`: its `issuerCertificate` links are only name matches, each one
 * is proved here.
 */
export function pinnedChainError(
  leaf: DetailedPeerCertificate,
  hostname: string,
  pin: string,
  now: number = Date.now()
): string | undefined {
  if (!leaf || !leaf.raw || leaf.raw.length === 0) return 'the server presented no certificate';
  const identity = checkServerIdentity(hostname, leaf);
  if (identity) return identity.message;
  let current = leaf;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(current.raw);
  } catch {
    return 'the server certificate cannot be parsed';
  }
  for (let length = 1; length <= MAX_CHAIN_LENGTH; length++) {
    const dates = datesError(cert, now);
    if (dates) return dates;
    if (sha256(cert.raw) === pin) return undefined;
    const next = current.issuerCertificate;
    if (!next || !next.raw || next === current || next.raw.equals(current.raw)) break;
    let issuer: X509Certificate;
    try {
      issuer = new X509Certificate(next.raw);
    } catch {
      return `the issuer of "${subjectOf(cert)}" cannot be parsed`;
    }
    if (!issuer.ca) return `"${subjectOf(issuer)}" signs "${subjectOf(cert)}" but is not a CA`;
    // checkIssued: names and key identifiers; verify: the signature, which is the proof.
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      return `the signature of "${subjectOf(cert)}" does not verify with the key of "${subjectOf(issuer)}"`;
    }
    current = next;
    cert = issuer;
  }
  return `no certificate of the server's verified chain matches the pinned CA fingerprint`;
}

/**
 * After the handshake, before any byte of the request: undefined when `socket`'s peer meets
 * `trust` for `hostname`. Node has already verified what it verifies (`tlsConnectOptions`).
 */
export function peerTrustError(
  socket: TLSSocket,
  hostname: string,
  trust: TlsTrust,
  now: number = Date.now()
): string | undefined {
  if (!trust.caFingerprint) {
    // rejectUnauthorized was true: the handshake would have failed. Belt and braces.
    return socket.authorized ? undefined : String(socket.authorizationError ?? 'not authorized');
  }
  if (trust.ca && !socket.authorized) {
    return String(socket.authorizationError ?? 'not authorized by the configured CA');
  }
  let pin: string;
  try {
    pin = normalizeFingerprint(trust.caFingerprint);
  } catch (error) {
    return (error as Error).message;
  }
  return pinnedChainError(socket.getPeerCertificate(true), hostname, pin, now);
}
