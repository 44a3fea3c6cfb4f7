/*
 * Closer logs the bodies of configuration-changing requests verbatim: login, password change,
 * OAuth and integration-config bodies carry passwords, tokens and client secrets, and logo /
 * background uploads carry whole images. Neither belongs in a security index.
 *
 * Everything here runs on remote text inside Kibana's one event loop, so every function is linear
 * in its input (hand-written scanners, no regex that can backtrack), caps text BEFORE scanning it,
 * walks JSON iteratively with a depth limit, and never throws.
 */
import { headText, MAX_JSON_DEPTH, safeStringify, truncationMarker } from '../../lib/bounded_json';

export const REDACTED = '[REDACTED]';

/**
 * Longest body (in UTF-16 units) kept; longer ones are cut and marked. Below 8191 so the cut body
 * still fits a `keyword` (the wildcard fallback, ignore_above 8191) and nothing is silently unindexed.
 */
export const DEFAULT_MAX_BODY_CHARS = 8000;

/** Longest `url.full` kept (same reasoning as bodies: it is a wildcard field with a keyword fallback). */
export const MAX_URL_CHARS = 8000;

/** Longest other string value kept (any field of the message), cut before it is scanned. */
export const MAX_STRING_CHARS = 8000;

/**
 * JSON inside JSON strings is re-parsed this many levels deep (`{"data":"{\"password\":..."}"}`).
 * Each level parses at most the text of the level above, so the work stays a small multiple of
 * the body; deeper levels still go through the text scanner.
 */
const MAX_NESTED_JSON_LEVELS = 3;

/** Bodies up to this many times the kept length are parsed as JSON; longer ones are uploads. */
const PARSE_FACTOR = 4;

/** Key verdicts are memoised only for key names up to this length (keys repeat; huge ones do not). */
const MEMO_KEY_CHARS = 128;

/**
 * Key names are compared lowercased, percent-decoded, with everything but letters and digits
 * removed. A key is secret when that contains one of these...
 */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'passcode',
  'secret',
  'token',
  'apikey',
  'authorization',
  'credential',
  'privatekey',
  'cookie',
  'sessionid',
  'signature',
  'bearer',
  'totp',
  'mfa',
  '2fa',
  'twofactor',
  'otpcode',
  'verificationcode',
  'authcode',
  'recoverycode',
  'backupcode',
  'securitycode',
  'smscode',
  'pincode',
  'onetimecode',
];
/**
 * ...or one of its segments (split at ASCII punctuation and spaces other than `_`, `-`, `%`,
 * `$`, so `user[pin]`, `login.code` and `user pin` count, as the text scanner, which reads a
 * key back from its separator over key characters only, would find them) is exactly one of
 * these (too short to match as a part: `pin` is in `mapping`).
 */
const SECRET_KEYS = new Set([
  'pwd',
  'pass',
  'otp',
  'hotp',
  'pin',
  'code',
  'auth',
  'key',
  'jwt',
  'sid',
]);

const keyVerdicts = new Map<string, boolean>();

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Decodes `%XX` escapes of ASCII characters (up to three rounds, for double encoding), leaving
 * malformed escapes as they are: unlike decodeURIComponent one bad escape elsewhere in the name
 * cannot hide `p%61ssword`.
 */
export function decodeAsciiEscapes(text: string): string {
  let current = text;
  for (let round = 0; round < 3 && current.indexOf('%') >= 0; round++) {
    const parts: string[] = [];
    let last = 0;
    for (let i = current.indexOf('%'); i >= 0 && i + 2 < current.length;) {
      const high = hexValue(current.charCodeAt(i + 1));
      const low = hexValue(current.charCodeAt(i + 2));
      if (high >= 0 && low >= 0 && high < 8) {
        parts.push(current.slice(last, i), String.fromCharCode(high * 16 + low));
        last = i + 3;
        i = current.indexOf('%', last);
      } else {
        i = current.indexOf('%', i + 1);
      }
    }
    if (last === 0) break;
    parts.push(current.slice(last));
    current = parts.join('');
  }
  return current;
}

const NOT_ALNUM = /[^a-z0-9]/g;
const SEGMENT_BREAK = /[\s!-#&-,./:-@[-^`{-~]/;

function computeVerdict(key: string): boolean {
  const name = decodeAsciiEscapes(key).toLowerCase();
  // `_`, `-`, spaces and anything else are dropped: `api_key`, `X-API-Key`, `api key` agree.
  for (const segment of name.split(SEGMENT_BREAK))
    if (segment !== '' && SECRET_KEYS.has(segment.replace(NOT_ALNUM, ''))) return true;
  const compact = name.replace(NOT_ALNUM, '');
  for (const part of SECRET_KEY_PARTS) if (compact.includes(part)) return true;
  return false;
}

/** Memoised: the same few dozen key names recur in every body. */
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    verdict = computeVerdict(key);
    if (key.length <= MEMO_KEY_CHARS && keyVerdicts.size < 10_000) keyVerdicts.set(key, verdict);
  }
  return verdict;
}

/** Words AUTH_SCHEME looks for; the pre-check must see them too. */
const AUTH_SCHEME_WORDS = ['bearer', 'basic', 'token', 'apikey', 'negotiate'];

/** Letters and digits (either case) as 0-35, -1 for every other ASCII character. */
const NAME_SYMBOLS = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) NAME_SYMBOLS[c] = c - 48;
for (let c = 97; c <= 122; c++) NAME_SYMBOLS[c] = NAME_SYMBOLS[c - 32] = c - 87;
const NAME_SYMBOL_COUNT = 36;
/** The only non-ASCII characters that lowercase to ASCII letters: U+0130 to `i`, U+212A to `k`. */
const DOTTED_CAPITAL_I = 0x130;
const KELVIN_SIGN = 0x212a;

/**
 * An Aho-Corasick automaton (as a full transition table) over letters and digits that finds
 * any of `words`: the pre-check feeds it every letter and digit and skips everything else, the
 * way computeVerdict's normalisation drops it, so `p_a_s_s_w_o_r_d` and `t o k e n` are seen.
 */
function wordAutomaton(words: readonly string[]): { next: Uint16Array; accepts: Uint8Array } {
  const edges: Array<Array<number | undefined>> = [[]];
  const accepting = [0];
  for (const word of words) {
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const symbol = NAME_SYMBOLS[word.charCodeAt(i)];
      let target = edges[state][symbol];
      if (target === undefined) {
        target = edges.push([]) - 1;
        accepting.push(0);
        edges[state][symbol] = target;
      }
      state = target;
    }
    accepting[state] = 1;
  }
  const next = new Uint16Array(edges.length * NAME_SYMBOL_COUNT);
  const fail = new Array<number>(edges.length).fill(0);
  const queue: number[] = [];
  for (let symbol = 0; symbol < NAME_SYMBOL_COUNT; symbol++) {
    const target = edges[0][symbol];
    if (target !== undefined) {
      next[symbol] = target;
      queue.push(target);
    }
  }
  // Breadth first, so a state's fail state (shallower) is complete before the state itself.
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    if (accepting[fail[state]] === 1) accepting[state] = 1;
    for (let symbol = 0; symbol < NAME_SYMBOL_COUNT; symbol++) {
      const target = edges[state][symbol];
      const fallback = next[fail[state] * NAME_SYMBOL_COUNT + symbol];
      if (target === undefined) next[state * NAME_SYMBOL_COUNT + symbol] = fallback;
      else {
        fail[target] = fallback;
        next[state * NAME_SYMBOL_COUNT + symbol] = target;
        queue.push(target);
      }
    }
  }
  return { next, accepts: Uint8Array.from(accepting) };
}

// Built from the very lists computeVerdict uses, so it cannot say no where a key is secret.
const SECRET_WORDS = wordAutomaton([...SECRET_KEY_PARTS, ...SECRET_KEYS, ...AUTH_SCHEME_WORDS]);

/**
 * Quick pre-check, one pass with no allocation, so text that cannot hold a secret skips the
 * scanners altogether (most values: ids, actions, roles). True when the text has something a
 * secret needs around it: a pair separator (`=`, `:`), an XML tag (`<password>`) or space
 * (`Bearer xyz`, PEM armour; `\s` in AUTH_SCHEME also matches non-ASCII spaces, so any
 * non-ASCII character counts); and either a secret word in its letters and digits (whatever separates them) or an escape
 * that could spell one: `%70assword` (computeVerdict decodes it), `\u0070assword`, and JSON's
 * `\t`, `\n`..., whose letter stays in the raw text where the parsed key has a character
 * the normalisation drops (`pas\tsword` is `pastsword` raw, `password` parsed).
 */
function mayHoldSecret(text: string): boolean {
  const { next, accepts } = SECRET_WORDS;
  let pair = false;
  let word = false;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let symbol = -1;
    if (c < 128) {
      symbol = NAME_SYMBOLS[c];
      if (symbol >= 0) {
        // a letter or digit
      } else if (c === 61 || c === 58 || c === 60 || c <= 32) pair = true;
      else if (c === 37 /* % */) word = true;
      else if (c === 92 /* \ */) {
        const e = text.charCodeAt(i + 1);
        // b f n r t u
        if (e === 98 || e === 102 || e === 110 || e === 114 || e === 116 || e === 117) word = true;
      }
    } else {
      pair = true;
      if (c === DOTTED_CAPITAL_I) symbol = NAME_SYMBOLS[105];
      else if (c === KELVIN_SIGN) symbol = NAME_SYMBOLS[107];
    }
    if (symbol >= 0 && !word) {
      state = next[state * NAME_SYMBOL_COUNT + symbol];
      if (accepts[state] === 1) word = true;
    }
    if (pair && word) return true;
  }
  return false;
}

// `Bearer xyz` anywhere, even without a key in front. One literal, then `\s+` and a class that
// cannot match whitespace: no overlapping quantifiers, so a failed attempt costs its own length.
const AUTH_SCHEME = /\b(Bearer|Basic|Token|ApiKey|Negotiate)\s+[A-Za-z0-9._~+/=-]{6,}/gi;

/** Characters of a key name in free text (`user[password]`, `user%5Bpassword%5D`, `a.b-c`). */
function isKeyChar(c: number): boolean {
  return (
    isAsciiAlnum(c) ||
    c === 95 /* _ */ ||
    c === 46 /* . */ ||
    c === 45 /* - */ ||
    c === 91 /* [ */ ||
    c === 93 /* ] */ ||
    c === 37 /* % */ ||
    c === 36 /* $ */
  );
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function isQuote(c: number): boolean {
  return c === 34 /* " */ || c === 39; /* ' */
}

/** Where an unquoted value certainly ends: pair separators, line ends, quotes and closers. */
function endsBareValue(c: number): boolean {
  return (
    c === 38 /* & */ ||
    c === 59 /* ; */ ||
    c === 44 /* , */ ||
    c === 10 ||
    c === 13 ||
    c === 34 ||
    c === 39 ||
    c === 125 /* } */ ||
    c === 41 /* ) */ ||
    c === 93 /* ] */ ||
    c === 60 /* < */ ||
    c === 62 /* > */
  );
}

/** Longest quoted key name (`"t o k e n":`) looked back over for its opening quote. */
const MAX_QUOTED_KEY_CHARS = 256;

/**
 * `[start, end, quotedStart]` of the key name written just before the separator at `sep`, or
 * undefined. When the name is quoted and holds more than key characters (`"t o k e n": x` in
 * cut JSON, which computeVerdict would judge whole once parsed), quotedStart is where the
 * whole quoted name starts, else -1.
 */
function keyBefore(text: string, sep: number): [number, number, number] | undefined {
  let j = sep - 1;
  while (j >= 0 && isBlank(text.charCodeAt(j))) j--;
  let quote = 0;
  if (j >= 0 && isQuote(text.charCodeAt(j))) {
    quote = text.charCodeAt(j);
    j--;
    // `\"password\":` inside JSON-escaped text.
    while (j >= 0 && text.charCodeAt(j) === 92 /* \ */) j--;
  }
  const end = j + 1;
  while (j >= 0 && isKeyChar(text.charCodeAt(j))) j--;
  const start = j + 1;
  let quoted = -1;
  if (quote !== 0 && j >= 0 && text.charCodeAt(j) !== quote) {
    for (let k = j; k >= 0 && k >= end - MAX_QUOTED_KEY_CHARS; k--) {
      const c = text.charCodeAt(k);
      if (c === quote) {
        quoted = k + 1;
        break;
      }
    }
  }
  if (start < end) return [start, end, quoted];
  return quoted >= 0 && quoted < end ? [quoted, end, quoted] : undefined;
}

/** The value of the four hex digits at `at`, or -1. */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const digit = hexValue(text.charCodeAt(i));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * A quoted key name as JSON.parse would give it (`se\ncret`, `\u0070assword`), two rounds for
 * JSON held in JSON; other escapes decode to the character itself. Only ever given names up
 * to MAX_QUOTED_KEY_CHARS.
 */
function decodeJsonEscapes(name: string): string {
  let current = name;
  for (let round = 0; round < 2 && current.indexOf('\\') >= 0; round++) {
    let decoded = '';
    for (let i = 0; i < current.length; i++) {
      const c = current.charCodeAt(i);
      if (c !== 92 || i + 1 >= current.length) {
        decoded += current[i];
        continue;
      }
      const e = current.charCodeAt(++i);
      const code = e === 117 /* u */ ? hex4(current, i + 1) : -1;
      if (code >= 0) {
        decoded += String.fromCharCode(code);
        i += 4;
      } else if (e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        decoded += ' '; // \b \f \n \r \t: control characters, dropped like any separator
      } else decoded += current[i];
    }
    current = decoded;
  }
  return current;
}

/**
 * Ends of a value starting at `start`: `[contentStart, contentEnd, resumeAt]`. Quoted values run
 * to the closing quote (escapes honoured) or the line end; bare values may hold spaces
 * (`password=correct horse battery staple`) and end at a separator, or before the next
 * `name=`/`name:` pair.
 */
function valueAt(text: string, start: number): [number, number] {
  const length = text.length;
  const first = text.charCodeAt(start);
  if (isQuote(first)) {
    let j = start + 1;
    while (j < length) {
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === first || c === 10 || c === 13) break;
      else j++;
    }
    return [start + 1, Math.min(j, length)];
  }
  if (first === 92 && isQuote(text.charCodeAt(start + 1))) {
    // `\"value\"`: JSON-escaped quotes, as in a JSON text held in a JSON string.
    const quote = text.charCodeAt(start + 1);
    let j = start + 2;
    while (j < length) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13 || (c === 92 && text.charCodeAt(j + 1) === quote)) break;
      j++;
    }
    return [start + 2, j];
  }
  if (first === 91 /* [ */ || first === 123 /* { */) return [start, bracketedEnd(text, start)];
  let j = start;
  while (j < length) {
    const c = text.charCodeAt(j);
    if (endsBareValue(c)) break;
    if (!isBlank(c)) {
      j++;
      continue;
    }
    // A run of blanks: the value goes on unless a `name=` / `name:` pair follows.
    let k = j;
    while (k < length && isBlank(text.charCodeAt(k))) k++;
    let m = k;
    while (m < length && isKeyChar(text.charCodeAt(m))) m++;
    const after = text.charCodeAt(m);
    if (k === length || (m > k && (after === 61 || after === 58))) break;
    j = m > k ? m : k;
  }
  let end = j;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/**
 * End (exclusive) of the array or object starting at `start`, brackets inside strings not
 * counted; the end of the text when it never closes (cut text: all of it is the value).
 * Strings may be JSON-escaped any number of times (`[\"a]\"]` in a JSON string): a string
 * opened by a quote after n backslashes (0, 1, 3...) is closed by one after k where
 * k mod 2(n+1) = n, i.e. a quote the same number of decodings unescape.
 */
function bracketedEnd(text: string, start: number): number {
  let depth = 0;
  let slashes = 0; // backslashes just before j
  let quote = 0; // the quote of the string j is in, or 0
  let quoteSlashes = 0; // backslashes before that string's opening quote
  for (let j = start; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      slashes++;
      continue;
    }
    if (quote !== 0) {
      if (c === quote && slashes % (2 * quoteSlashes + 2) === quoteSlashes) quote = 0;
    } else if (isQuote(c)) {
      quote = c;
      quoteSlashes = slashes;
    } else if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && --depth === 0) return j + 1;
    slashes = 0;
  }
  return text.length;
}

/**
 * Where the value after the separator at `sep` starts, or -1 when it has none. The value may
 * start on the next line (`password:\n  value`, YAML style), unless that line is a pair of
 * its own (`password:\nuser: bob`: an empty value).
 */
function valueStart(text: string, sep: number): number {
  const length = text.length;
  let start = sep + 1;
  while (start < length && isBlank(text.charCodeAt(start))) start++;
  if (start >= length || !isLineBreak(text.charCodeAt(start))) return start;
  while (start < length && (isBlank(text.charCodeAt(start)) || isLineBreak(text.charCodeAt(start))))
    start++;
  let m = start;
  while (m < length && isKeyChar(text.charCodeAt(m))) m++;
  while (m < length && isBlank(text.charCodeAt(m))) m++;
  const after = text.charCodeAt(m);
  return m > start && (after === 61 || after === 58) ? -1 : start;
}

/** Longest multipart part header searched for the blank line that ends it. */
const MAX_PART_HEADER_CHARS = 512;

/**
 * `[start, end)` of the content of a multipart part whose header (`Content-Disposition:
 * form-data; name="password"`) goes on at `from`: from after the blank line to the line break
 * before the next `--boundary`, or the end of the text (a cut body). Undefined when no blank
 * line follows within MAX_PART_HEADER_CHARS (an HTML `name="password"` attribute, say).
 */
function partContent(text: string, from: number): [number, number] | undefined {
  const limit = Math.min(text.length, from + MAX_PART_HEADER_CHARS);
  for (let j = from; j < limit; j++) {
    if (text.charCodeAt(j) !== 10) continue;
    let start = j + 1;
    if (text.charCodeAt(start) === 13) start++;
    if (text.charCodeAt(start) !== 10) continue;
    start++;
    const boundary = text.indexOf('\n--', start);
    if (boundary < 0) return [start, text.length];
    return [
      start,
      boundary > start && text.charCodeAt(boundary - 1) === 13 ? boundary - 1 : boundary,
    ];
  }
  return undefined;
}

/** Longest XML start tag (`<password type="x">`) searched for its `>`. */
const MAX_TAG_CHARS = 256;

/**
 * `[start, end)` of the text of an XML element named like a secret starting at `open` (its
 * `<`): up to the next end tag (`</`, or `<\/` in a JSON string), CDATA sections skipped whole,
 * or the end of the text. Undefined when the tag is not one (`a < b`), not secret-looking, or
 * closes itself.
 */
function secretElement(text: string, open: number): [number, number] | undefined {
  const length = text.length;
  let j = open + 1;
  while (j < length && (isKeyChar(text.charCodeAt(j)) || text.charCodeAt(j) === 58)) j++;
  if (j === open + 1 || !isSecretKey(text.slice(open + 1, j))) return undefined;
  const limit = Math.min(length, j + MAX_TAG_CHARS);
  while (j < limit && text.charCodeAt(j) !== 62 /* > */ && text.charCodeAt(j) !== 60) j++;
  if (j >= limit || text.charCodeAt(j) !== 62 || text.charCodeAt(j - 1) === 47 /* / */)
    return undefined;
  const start = j + 1;
  let k = text.indexOf('<', start);
  while (k >= 0) {
    if (text.startsWith('<![CDATA[', k)) {
      const close = text.indexOf(']]>', k + 9);
      if (close < 0) break;
      k = text.indexOf('<', close + 3);
      continue;
    }
    const next = text.charCodeAt(k + 1);
    if (next === 47 || (next === 92 && text.charCodeAt(k + 2) === 47)) return [start, k];
    k = text.indexOf('<', k + 1);
  }
  return [start, length];
}

/** Longest multipart field name (`name="..."`) looked at. */
const MAX_PART_NAME_CHARS = 128;

/**
 * The field name of `name="password"` / `name=password` whose `=` is at `eq`, read no further
 * than MAX_PART_NAME_CHARS (an unbounded read here would be repeated for every `name=`), and
 * the index after it; undefined when it is not one.
 */
function partName(text: string, eq: number): [string, number] | undefined {
  const limit = Math.min(text.length, eq + 1 + MAX_PART_NAME_CHARS);
  const quote = text.charCodeAt(eq + 1);
  if (isQuote(quote)) {
    for (let j = eq + 2; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === quote) return [text.slice(eq + 2, j), j + 1];
      if (isLineBreak(c)) return undefined;
    }
    return undefined;
  }
  let j = eq + 1;
  while (j < limit && isKeyChar(text.charCodeAt(j))) j++;
  return j > eq + 1 ? [text.slice(eq + 1, j), j] : undefined;
}

/**
 * What to redact for the separator at `sep`: the value of a secret-looking key, or the content
 * of a multipart part named like one (`Content-Disposition: form-data; name="password"`, a
 * blank line, the value); undefined for anything else.
 */
function secretValue(text: string, sep: number): [number, number] | undefined {
  const key = keyBefore(text, sep);
  if (key === undefined) return undefined;
  const [from, to, quoted] = key;
  if (
    isSecretKey(text.slice(from, to)) ||
    (quoted >= 0 && isSecretKey(decodeJsonEscapes(text.slice(quoted, to))))
  ) {
    const start = valueStart(text, sep);
    return start < 0 ? undefined : valueAt(text, start);
  }
  if (
    to - from !== 4 ||
    text.charCodeAt(sep) !== 61 ||
    text.slice(from, to).toLowerCase() !== 'name'
  )
    return undefined;
  const name = partName(text, sep);
  return name !== undefined && isSecretKey(name[0]) ? partContent(text, name[1]) : undefined;
}

/**
 * Redacts `name=value`, `name: value`, `"name": "value"`, `\"name\":\"value\"` pairs with
 * secret-looking names in text that is not (parseable) JSON: form bodies (`user[password]=`,
 * `user%5Bpassword%5D=`), query strings, log lines, GraphQL arguments, cut or too-deep JSON
 * (arrays and objects redacted whole); also XML elements and multipart fields named like
 * secrets. One pass; each key name is looked at once from its separator or `<`, every forward
 * search is bounded or followed by a jump past what it read, so the cost is linear in the text.
 */
function redactPairs(text: string): string {
  const length = text.length;
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    const span =
      c === 60 /* < */
        ? secretElement(text, i)
        : c === 61 /* = */ || c === 58 /* : */
          ? secretValue(text, i)
          : undefined;
    if (span === undefined) {
      i++;
      continue;
    }
    const [from, to] = span;
    if (to > from) {
      parts.push(text.slice(last, from), REDACTED);
      last = to;
    }
    i = Math.max(to, i + 1);
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END';
/** Longest PEM label (`ENCRYPTED PRIVATE KEY`, `OPENSSH PRIVATE KEY`...) looked at. */
const MAX_PEM_LABEL_CHARS = 64;

/**
 * `-----BEGIN ... PRIVATE KEY-----` blocks (an uploaded key, an integration's config) with the
 * key between the armour lines redacted, up to its END line or the end of the text; whatever
 * the line breaks (real or JSON-escaped) and whatever key holds them. Certificates stay.
 */
function redactPrivateKeys(text: string): string {
  let begin = text.indexOf(PEM_BEGIN);
  if (begin < 0) return text;
  const parts: string[] = [];
  let last = 0;
  while (begin >= 0) {
    const label = begin + PEM_BEGIN.length;
    const limit = Math.min(text.length, label + MAX_PEM_LABEL_CHARS);
    let dashes = label;
    while (dashes < limit && text.charCodeAt(dashes) !== 45 /* - */) dashes++;
    if (dashes >= limit || !text.startsWith('-----', dashes)) {
      begin = text.indexOf(PEM_BEGIN, label);
      continue;
    }
    const start = dashes + 5;
    if (text.slice(label, dashes).indexOf('PRIVATE KEY') < 0) {
      begin = text.indexOf(PEM_BEGIN, start);
      continue;
    }
    const end = text.indexOf(PEM_END, start);
    parts.push(text.slice(last, start), REDACTED);
    if (end < 0) return parts.join('');
    last = end;
    begin = text.indexOf(PEM_BEGIN, end + PEM_END.length);
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

/**
 * Redacts free text: `name=value` pairs and XML elements with secret-looking names, multipart
 * fields, private key blocks and auth headers.
 */
export function redactText(text: string): string {
  if (!mayHoldSecret(text)) return text;
  const paired = redactPairs(redactPrivateKeys(text));
  AUTH_SCHEME.lastIndex = 0;
  return AUTH_SCHEME.test(paired) ? paired.replace(AUTH_SCHEME, `$1 ${REDACTED}`) : paired;
}

/** What the view needs to know of a key name, memoised like isSecretKey verdicts. */
interface KeyInfo {
  secret: boolean;
  safeKey: string;
}
const keyInfos = new Map<string, KeyInfo>();

function keyInfo(key: string): KeyInfo {
  let info = keyInfos.get(key);
  if (info === undefined) {
    info = { secret: isSecretKey(key), safeKey: redactKey(key) };
    if (key.length <= MEMO_KEY_CHARS && keyInfos.size < 10_000) keyInfos.set(key, info);
  }
  return info;
}

/** A key name with any pair, tag or auth header in it redacted (most keys: as they are). */
function redactKey(key: string): string {
  return redactText(key);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** First character other than JSON whitespace is `{` or `[`. */
function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) return true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return false;
}

/** Nesting depth of JSON text by one scan over it (strings skipped), stopping past `limit`. */
export function jsonTextDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** A string found inside JSON: itself JSON (parsed again, a few levels) or text. */
function redactString(text: string, level: number): string {
  if (!mayHoldSecret(text)) return text;
  if (level < MAX_NESTED_JSON_LEVELS && looksLikeJson(text)) {
    const json = redactJsonText(text, level + 1);
    if (json !== undefined) return json;
  }
  return redactText(text);
}

/**
 * Replaces values under secret keys, and redacts every string, in place on a freshly parsed
 * value (so every property is an own data property); returns whether anything changed. An
 * explicit stack: the depth was bounded before parsing, and no recursion runs on remote shapes.
 */
function redactParsed(root: Json, level: number): boolean {
  let changed = false;
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Json;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (typeof item === 'string') {
          const safe = redactString(item, level);
          if (safe !== item) {
            node[i] = safe;
            changed = true;
          }
        } else if (item !== null && typeof item === 'object') stack.push(item);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        const item = node[key];
        if (isSecretKey(key)) {
          if (item !== null && item !== '' && item !== REDACTED) {
            node[key] = REDACTED;
            changed = true;
          }
        } else if (typeof item === 'string') {
          const safe = redactString(item, level);
          if (safe !== item) {
            node[key] = safe;
            changed = true;
          }
        } else if (item !== null && typeof item === 'object') stack.push(item);
        // A key can hold a pair itself (`{"token=abc": 1}`, a form body parsed into names).
        const safeKey = redactKey(key);
        if (safeKey !== key) {
          const value = node[key];
          delete node[key];
          defineOwn(node, safeKey, value);
          changed = true;
        }
      }
    }
  }
  return changed;
}

/**
 * JSON text redacted by structure (the text itself when nothing changed), or undefined when it
 * is not JSON, is too deep to walk safely, or is a bare scalar.
 */
function redactJsonText(text: string, level: number): string | undefined {
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) return undefined;
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  return redactParsed(parsed, level) ? JSON.stringify(parsed) : text;
}

/**
 * Any string value: cut to `maxChars` first (so a multi-MB value is never scanned whole), then
 * redacted (JSON by structure, text by pairs), cut again should redaction have lengthened it,
 * then marked when cut.
 */
export function redactValueText(text: string, maxChars: number = MAX_STRING_CHARS): string {
  if (text.length <= maxChars) {
    const safe = redactString(text, 0);
    return safe.length <= maxChars
      ? safe
      : `${headText(safe, maxChars)}${truncationMarker(text.length)}`;
  }
  return `${headText(redactText(headText(text, maxChars)), maxChars)}${truncationMarker(text.length)}`;
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
 * changed), strings inside included; other text goes through the `name=value` scanner. Bodies
 * longer than `maxChars` are cut with a marker saying how much was dropped: huge ones (uploads)
 * before anything scans them, parsed JSON after redaction.
 */
export function redactBody(body: string, maxChars = DEFAULT_MAX_BODY_CHARS): RedactedBody {
  const bytes = Buffer.byteLength(body, 'utf8');
  let content: string | undefined;
  let redacted = false;
  if (body.length <= maxChars * PARSE_FACTOR && looksLikeJson(body) && mayHoldSecret(body)) {
    content = redactJsonText(body, 0);
    redacted = content !== undefined && content !== body;
  }
  if (content === undefined) {
    const kept = body.length > maxChars ? headText(body, maxChars) : body;
    content = redactText(kept);
    redacted = content !== kept;
  }
  const truncated = body.length > maxChars || content.length > maxChars;
  if (truncated) {
    // Cutting already-redacted text only removes characters: nothing secret can reappear.
    content = `${headText(content, maxChars)}…[truncated by audit_sources: ${bytes} bytes in total]`;
  }
  return { content, bytes, redacted, truncated };
}

/** Body given as an object (a variant we accept) or text. */
export function bodyText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return safeStringify(value) ?? '[unserializable body]';
}

function isParamSeparator(c: number): boolean {
  return c === 63 /* ? */ || c === 38 /* & */ || c === 59 /* ; */ || c === 35; /* # */
}

/**
 * Query, matrix (`;jsessionid=`) and fragment (`#access_token=`) parameters: a value is replaced
 * when its name is secret-looking (percent-decoded: `user%5Bpassword%5D`), or when, decoded, it
 * holds a secret pair itself (`next=%2Fcb%3Ftoken%3Dabc`). One pass over the text.
 */
function redactParams(url: string): string {
  let first = -1;
  for (let i = 0; i < url.length; i++) {
    if (url.charCodeAt(i) === 63 || url.charCodeAt(i) === 35 || url.charCodeAt(i) === 59) {
      first = i;
      break;
    }
  }
  if (first < 0 || !mayHoldSecret(url)) return url;
  const parts: string[] = [url.slice(0, first)];
  let i = first;
  while (i < url.length) {
    // url[i] is a separator; the parameter runs to the next one.
    let end = i + 1;
    let eq = -1;
    while (end < url.length && !isParamSeparator(url.charCodeAt(end))) {
      if (eq < 0 && url.charCodeAt(end) === 61) eq = end;
      end++;
    }
    if (eq > 0 && eq + 1 < end) {
      const rawName = url.slice(i + 1, eq);
      const name = rawName.slice(rawName.lastIndexOf('/') + 1);
      const value = url.slice(eq + 1, end);
      let secret = isSecretKey(name);
      if (!secret && (value.indexOf('%') >= 0 || value.indexOf('=') >= 0)) {
        const decoded = decodeAsciiEscapes(value.replace(/\+/g, ' '));
        secret = redactText(decoded) !== decoded;
      }
      parts.push(secret ? `${url.slice(i, eq + 1)}${REDACTED}` : url.slice(i, end));
    } else {
      parts.push(url.slice(i, end));
    }
    i = end;
  }
  return parts.join('');
}

/** `scheme://user:password@host` → `scheme://user:[REDACTED]@host`. */
function redactUserInfo(url: string): string {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd <= 0) return url;
  const start = schemeEnd + 3;
  let end = start;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 47 || c === 63 || c === 35) break;
    end++;
  }
  const authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return url;
  return `${url.slice(0, start + colon + 1)}${REDACTED}${url.slice(start + at)}`;
}

/**
 * URLs carry secrets too: magic-link and password-reset links put the token in the query, OAuth
 * implicit flows in the fragment. Values of secret-looking parameters are replaced, and a
 * password in user info dropped. URLs longer than MAX_URL_CHARS are cut first, then marked.
 */
export function redactUrl(url: string, maxChars: number = MAX_URL_CHARS): string {
  const kept = url.length > maxChars ? headText(url, maxChars) : url;
  const safe = redactUserInfo(redactParams(kept));
  return kept === url ? safe : `${safe}${truncationMarker(url.length)}`;
}

/** Returned by a `special` hook to have the walk treat the value as any other. */
export const AS_USUAL: unique symbol = Symbol('as usual');

/** Put in place of a subtree deeper than the limit (pipeline_error originals only). */
export const TOO_DEEP = '[nested too deep: dropped by audit_sources]';

/**
 * The dotted paths a view hands to `special`, as a tree over every spelling of them: from the
 * node of `message`, both `http` and `http.request.body` lead on, so nested, dotted and mixed
 * messages meet the same nodes without building path strings for every key.
 */
export interface PathNode {
  path: string;
  special: boolean;
  children: ReadonlyMap<string, PathNode>;
}

export function pathTree(specialPaths: Iterable<string>): PathNode {
  const special = new Set(specialPaths);
  const nodes = new Map<
    string,
    { path: string; special: boolean; children: Map<string, PathNode> }
  >();
  const nodeOf = (path: string) => {
    let node = nodes.get(path);
    if (!node) nodes.set(path, (node = { path, special: special.has(path), children: new Map() }));
    return node;
  };
  nodeOf('');
  for (const path of special) {
    for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1))
      nodeOf(path.slice(0, dot));
    nodeOf(path);
  }
  for (const parent of nodes.values()) {
    const prefix = parent.path === '' ? '' : `${parent.path}.`;
    for (const child of nodes.values()) {
      if (child.path !== parent.path && child.path.startsWith(prefix))
        parent.children.set(child.path.slice(prefix.length), child);
    }
  }
  return nodeOf('');
}

export interface RedactedViewOptions {
  /** Paths (from the root: `message.url.full`) whose values `special` handles. */
  paths?: PathNode;
  special?: (path: string, value: unknown) => unknown;
  maxDepth?: number;
}

export interface RedactedView {
  value: unknown;
  /** Some subtree was deeper than `maxDepth` and replaced by TOO_DEEP. */
  tooDeep: boolean;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

interface CopyTask {
  from: object;
  to: Record<string, unknown> | unknown[];
  depth: number;
  node: PathNode | undefined;
}

/**
 * A redacted copy of a JSON-like value, made with an explicit stack: values under secret-looking
 * keys (anywhere, `http.request.headers.authorization` or `token` alike) replaced, every string
 * capped then redacted as text, subtrees deeper than `maxDepth` replaced by TOO_DEEP, and the
 * `special` paths (bodies, URLs) handed to their own redaction. Own enumerable properties only.
 */
export function redactedView(root: unknown, options: RedactedViewOptions = {}): RedactedView {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const { special } = options;
  let tooDeep = false;
  const tasks: CopyTask[] = [];
  const convert = (
    item: unknown,
    secretKey: boolean,
    node: PathNode | undefined,
    depth: number
  ): unknown => {
    if (node !== undefined && node.special && special) {
      const result = special(node.path, item);
      if (result !== AS_USUAL) return result;
    }
    if (secretKey) return item === null || item === undefined || item === '' ? item : REDACTED;
    if (typeof item === 'string') return redactValueText(item);
    if (item === null || typeof item !== 'object') return item;
    if (depth >= maxDepth) {
      tooDeep = true;
      return TOO_DEEP;
    }
    // Shallow clones (fast paths in V8) that only the changed entries are written into.
    const to: Record<string, unknown> | unknown[] = Array.isArray(item)
      ? item.slice()
      : { ...(item as Record<string, unknown>) };
    tasks.push({ from: item, to, depth: depth + 1, node });
    return to;
  };
  const value = convert(root, false, options.paths, 0);
  while (tasks.length > 0) {
    const { from, to, depth, node } = tasks.pop() as CopyTask;
    if (Array.isArray(from)) {
      const list = to as unknown[];
      for (let i = 0; i < from.length; i++) {
        const item = from[i];
        const safe = convert(item, false, undefined, depth);
        if (safe !== item) list[i] = safe;
      }
      continue;
    }
    const record = from as Record<string, unknown>;
    const copy = to as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const info = keyInfo(key);
      const item = record[key];
      const safe = convert(item, info.secret, node?.children.get(key), depth);
      if (info.safeKey !== key) {
        delete copy[key];
        defineOwn(copy, info.safeKey, safe);
      } else if (safe !== item) {
        // A plain assignment of `__proto__` would replace the copy's prototype instead.
        if (key === '__proto__') defineOwn(copy, key, safe);
        else copy[key] = safe;
      }
    }
  }
  return { value, tooDeep };
}
