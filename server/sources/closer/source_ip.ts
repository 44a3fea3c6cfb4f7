import { isIP } from 'node:net';

const MAX_ADDRESS_CHARS = 512;

export interface CleanedAddress {
  /** The IP literal, IPv4 or IPv6 (no brackets, no zone). */
  ip: string;
  /** Host name part of Java's `hostname/ip` form, when Closer's server had resolved one. */
  domain?: string;
  port?: number;
}

/**
 * Closer writes `source.ip` with Java's `InetAddress.toString()`: `hostname/literal`, the host
 * name empty when unresolved (`/89.187.249.34`); a socket address adds `:port` (`[v6]:port` for
 * IPv6) and link-local IPv6 may carry a `%scope`. An `ip` field rejects all of that (or, with
 * `ignore_malformed`, silently drops it), so we keep only the literal and validate it.
 * Returns undefined when no valid IP is left.
 */
export function cleanSourceIp(raw: string): CleanedAddress | undefined {
  // A host name (253) plus `/`, an IPv6 literal with scope and a port fit well within this;
  // anything longer is not an address, and is not worth handing to isIP's patterns.
  if (raw.length > MAX_ADDRESS_CHARS) return undefined;
  let value = raw.trim();
  let domain: string | undefined;
  const slash = value.indexOf('/');
  if (slash >= 0) {
    if (slash > 0) domain = value.slice(0, slash);
    value = value.slice(slash + 1);
  }
  let port: string | undefined;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) return undefined;
    const rest = value.slice(close + 1);
    if (rest !== '') {
      if (rest[0] !== ':') return undefined;
      port = rest.slice(1);
    }
    value = value.slice(1, close);
  } else if (isIP(value) === 0) {
    // `a.b.c.d:port`: exactly one colon (an IPv6 literal has several).
    const colon = value.indexOf(':');
    if (colon > 0 && colon === value.lastIndexOf(':')) {
      port = value.slice(colon + 1);
      value = value.slice(0, colon);
    }
  }
  const percent = value.indexOf('%');
  if (percent >= 0) value = value.slice(0, percent);
  if (isIP(value) === 0) return undefined;

  const result: CleanedAddress = { ip: value };
  if (domain !== undefined && domain !== value && isIP(domain) === 0) result.domain = domain;
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d{1,5}$/.test(port) || n > 65535) return undefined;
    result.port = n;
  }
  return result;
}
