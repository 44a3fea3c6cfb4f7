export interface UrlParts {
  scheme: string;
  domain: string;
  /** Only when written in the URL, as the `uri_parts` processor does (no default ports). */
  port?: number;
  path: string;
  /** Without `?`; absent without `?`, empty string for a bare `?`. */
  query?: string;
  fragment?: string;
  extension?: string;
  username?: string;
  /** True when the URL carried a password in its user info (never copied out). */
  hasPassword: boolean;
}

// scheme://[userinfo@]host[:port][path][?query][#fragment]; host may be an [IPv6] literal.
const URL_PATTERN =
  /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

function decode(value: string): string {
  if (value.indexOf('%') < 0) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Splits an absolute URL into ECS `url.*` parts like Elasticsearch's `uri_parts` processor
 * (java.net.URI): path and query %-decoded, port only when explicit, extension from the last
 * path segment. WHATWG `new URL()` differs (drops default ports, keeps %-escapes, lowercases),
 * hence a pattern. Returns undefined for anything that is not `scheme://host...`.
 */
export function splitUrl(full: string): UrlParts | undefined {
  const match = URL_PATTERN.exec(full);
  if (!match) return undefined;
  const [, scheme, userInfo, host, portText, rawPath, rawQuery, rawFragment] = match;
  if (host === '') return undefined;
  const parts: UrlParts = { scheme, domain: host, path: decode(rawPath), hasPassword: false };
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return undefined;
    parts.port = Number(portText);
  }
  if (rawQuery !== undefined) parts.query = decode(rawQuery);
  if (rawFragment !== undefined) parts.fragment = decode(rawFragment);
  const lastSegment = parts.path.slice(parts.path.lastIndexOf('/') + 1);
  const dot = lastSegment.lastIndexOf('.');
  if (dot >= 0 && dot < lastSegment.length - 1) parts.extension = lastSegment.slice(dot + 1);
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    // uri_parts sets username/password only when user_info has a colon.
    if (colon >= 0) {
      parts.username = decode(userInfo.slice(0, colon));
      parts.hasPassword = true;
    }
  }
  return parts;
}
