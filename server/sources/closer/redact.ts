/*
 * Closer logs the bodies of configuration-changing requests verbatim: login, password change,
 * OAuth and integration-config bodies carry passwords, tokens and client secrets, and logo /
 * background uploads carry whole images. Neither belongs in a security index.
 */

export const REDACTED = '[REDACTED]';

/**
 * Longest body (in UTF-16 units) kept; longer ones are cut and marked. Below 8191 so the cut body
 * still fits a `keyword` (the wildcard fallback, ignore_above 8191) and nothing is silently unindexed.
 */
export const DEFAULT_MAX_BODY_CHARS = 8000;

/**
 * Key names are compared lowercased with `_`, `-`, `.` and spaces removed. A key is secret when
 * it contains one of these...
 */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'authorization',
  'credential',
  'privatekey',
  'cookie',
  'sessionid',
  'signature',
];
/** ...or is exactly one of these (too short to match as a part: `pin` is in `mapping`). */
const SECRET_KEYS = new Set(['pwd', 'pass', 'otp', 'pin', 'code', 'auth', 'key', 'jwt', 'sid']);

const keyVerdicts = new Map<string, boolean>();

/** Memoised: the same few dozen key names recur in every body. */
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    const normalized = key.toLowerCase().replace(/[_\-.\s]/g, '');
    verdict = SECRET_KEYS.has(normalized) || SECRET_KEY_PARTS.some((p) => normalized.includes(p));
    if (keyVerdicts.size < 10_000) keyVerdicts.set(key, verdict);
  }
  return verdict;
}

// Quick pre-check so bodies without any secret-looking word skip parsing altogether.
const MAY_HOLD_SECRET =
  /pass|secret|token|api.?key|auth|credential|private.?key|cookie|session|signature|pwd|otp|pin|code|jwt|sid|key|bearer|basic/i;

// `name=value` / `name: value` / `"name":"value"` for secret-looking names, in text that is not
// JSON (form bodies, query strings, log-ish text). Group 1 keeps the name and separator; group 2
// is the value: quoted (up to the closing quote, spaces included), or a bare word, with an
// optional auth scheme (`Authorization: Basic xyz`).
const TEXT_SECRET =
  /((?:^|[\s&?;,{("'])["']?[\w.-]*(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|authorization|credential|private[_-]?key|cookie|session[_-]?id|signature|otp|jwt)[\w.-]*["']?\s*[=:]\s*)("[^"]*"?|'[^']*'?|(?:(?:Bearer|Basic|Token)\s+)?[^\s&;,"'}]+)/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces values under secret keys, in place on a freshly parsed value; returns whether any. */
function redactJson(value: Json): boolean {
  let changed = false;
  if (Array.isArray(value)) {
    for (const item of value)
      if (item !== null && typeof item === 'object') changed = redactJson(item) || changed;
    return changed;
  }
  if (value === null || typeof value !== 'object') return false;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (isSecretKey(key) && item !== null && item !== '') {
      if (item !== REDACTED) {
        value[key] = REDACTED;
        changed = true;
      }
    } else if (item !== null && typeof item === 'object') {
      changed = redactJson(item) || changed;
    } else if (typeof item === 'string' && AUTH_SCHEME.test(item)) {
      AUTH_SCHEME.lastIndex = 0;
      value[key] = item.replace(AUTH_SCHEME, `$1 ${REDACTED}`);
      changed = true;
    }
    AUTH_SCHEME.lastIndex = 0;
  }
  return changed;
}

/** Redacts free text: `name=value` pairs with secret-looking names and auth headers. */
export function redactText(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text
    .replace(TEXT_SECRET, (_whole, name: string, value: string) => {
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${name}${quote}${REDACTED}${quote}`;
    })
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`);
}

export interface RedactedBody {
  content: string;
  /** UTF-8 size of the body as Closer logged it. */
  bytes: number;
  redacted: boolean;
  truncated: boolean;
}

/**
 * A request or response body made safe to index: JSON bodies are walked and every value under
 * a secret-looking key replaced (the structure stays, so analysts still see *which* fields
 * changed); other text goes through the `name=value` fallback. Then bodies longer than
 * `maxChars` are cut with a marker saying how much was dropped.
 */
export function redactBody(body: string, maxChars = DEFAULT_MAX_BODY_CHARS): RedactedBody {
  const bytes = Buffer.byteLength(body, 'utf8');
  let content = body;
  let redacted = false;
  // Huge bodies are uploads (images as base64/data URLs): parsing them is wasted work, and the
  // text fallback on the kept prefix is enough.
  if (body.length <= maxChars * 4 && MAY_HOLD_SECRET.test(body)) {
    const first = body.trimStart()[0];
    let parsed: Json | undefined;
    if (first === '{' || first === '[') {
      try {
        parsed = JSON.parse(body) as Json;
      } catch {
        parsed = undefined;
      }
    }
    if (parsed !== undefined) {
      if (redactJson(parsed)) {
        content = JSON.stringify(parsed);
        redacted = true;
      }
    } else {
      content = redactText(body);
      redacted = content !== body;
    }
  }
  let truncated = false;
  if (content.length > maxChars) {
    const kept = redactText(content.slice(0, maxChars));
    content = `${kept}…[truncated by audit_sources: ${bytes} bytes in total]`;
    truncated = true;
  }
  return { content, bytes, redacted, truncated };
}

/** Body given as an object (a variant we accept) or text. */
export function bodyText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const QUERY_PARAM = /([?&;])([^=&;#]*)=([^&;#]*)/g;

/**
 * URLs carry secrets too: magic-link and password-reset links put the token in the query.
 * Values of secret-looking parameters are replaced, and a password in user info dropped.
 */
export function redactUrl(url: string): string {
  let result = url;
  if (url.indexOf('?') >= 0 && MAY_HOLD_SECRET.test(url)) {
    result = result.replace(QUERY_PARAM, (whole, sep: string, name: string) => {
      let decodedName = name;
      try {
        decodedName = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return isSecretKey(decodedName) ? `${sep}${name}=${REDACTED}` : whole;
    });
  }
  const schemeEnd = result.indexOf('://');
  if (schemeEnd > 0) {
    const authorityEnd = result.slice(schemeEnd + 3).search(/[/?#]/);
    const authority =
      authorityEnd < 0
        ? result.slice(schemeEnd + 3)
        : result.slice(schemeEnd + 3, schemeEnd + 3 + authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at >= 0 && authority.slice(0, at).includes(':')) {
      const user = authority.slice(0, authority.indexOf(':'));
      result = `${result.slice(0, schemeEnd + 3)}${user}:${REDACTED}${result.slice(schemeEnd + 3 + at)}`;
    }
  }
  return result;
}
