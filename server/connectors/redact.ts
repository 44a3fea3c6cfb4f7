import type { Logger, LogMessageSource } from '@kbn/core/server';

/*
 * Error messages end up in connector health, API responses and logs. The sources already keep
 * secrets out of their messages; this is the second line: every configured secret value, in
 * every spelling a message can carry it, is replaced before a message leaves the runner, a
 * route or a log call:
 * - as is, JSON-escaped, and URL-encoded (upper and lower case hex, `+` for spaces);
 * - base64 and base64url, at each of the three byte alignments, so a secret inside a longer
 *   encoded value is found too: `Authorization: Basic base64(user:password)` echoed by a proxy
 *   or a server has the password at offset len(user)+1, whatever the user name.
 * Replacement is split/join per value: linear in the text for a fixed set of secrets.
 */

export const SECRET_PLACEHOLDER = '[redacted]';
/** Secrets shorter than this are not searched for (they would match ordinary text). */
const MIN_SECRET_LENGTH = 4;
/**
 * Passes over the text. One pass can join a placeholder and its neighbours into another
 * value (`[redacted]` + `q` = `ed]q`); a few passes settle any real case, and a text that still
 * holds a secret after them is withheld whole.
 */
const MAX_PASSES = 4;
export const WITHHELD_MESSAGE = '[message withheld: it contained a secret]';

/** The chars of base64(prefix + secret + suffix) that depend only on the secret's bytes. */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    for (const encoding of ['base64', 'base64url'] as const) {
      const core = shifted.toString(encoding).slice(first, end);
      if (core.length >= MIN_SECRET_LENGTH) cores.push(core);
    }
  }
  return cores;
}

function urlEncodings(secret: string): string[] {
  let encoded: string;
  try {
    encoded = encodeURIComponent(secret);
  } catch {
    // A lone surrogate cannot be URL-encoded, so it cannot appear that way either.
    return [];
  }
  return [
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    encoded.split('%20').join('+'),
  ];
}

function variants(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    ...urlEncodings(secret),
    ...base64Cores(Buffer.from(secret, 'utf8')),
  ];
}

/** Every searched form of `secrets`, longest first, so a value containing another goes whole. */
export function secretForms(secrets: ReadonlyArray<string | undefined>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of variants(secret)) {
      if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const forms = secretForms(secrets);
  if (forms.length === 0) return text;
  let result = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const form of forms) {
      if (!result.includes(form)) continue;
      result = result.split(form).join(SECRET_PLACEHOLDER);
      changed = true;
    }
    if (!changed) return result;
  }
  return forms.some((form) => result.includes(form)) ? WITHHELD_MESSAGE : result;
}

/**
 * A logger whose every line passes redactSecrets first: the sources log remote error text
 * (a Closer restart warning quotes Closer's answer), which may echo a credential.
 */
export function redactingLogger(
  logger: Logger,
  secrets: ReadonlyArray<string | undefined>
): Logger {
  const values = secrets.filter((s): s is string => typeof s === 'string');
  if (secretForms(values).length === 0) return logger;
  const clean = (text: string) => redactSecrets(text, values);
  const source = (message: LogMessageSource): LogMessageSource =>
    typeof message === 'function' ? () => clean(message()) : clean(message);
  const errorOrSource = (message: LogMessageSource | Error): LogMessageSource | Error => {
    if (!(message instanceof Error)) return source(message);
    const copy = new Error(clean(message.message));
    copy.name = message.name;
    copy.stack = message.stack === undefined ? undefined : clean(message.stack);
    return copy;
  };
  return {
    trace: (message, meta) => logger.trace(source(message), meta),
    debug: (message, meta) => logger.debug(source(message), meta),
    info: (message, meta) => logger.info(source(message), meta),
    warn: (message, meta) => logger.warn(errorOrSource(message), meta),
    error: (message, meta) => logger.error(errorOrSource(message), meta),
    fatal: (message, meta) => logger.fatal(errorOrSource(message), meta),
    isLevelEnabled: (level) => logger.isLevelEnabled(level),
    get: (...context) => redactingLogger(logger.get(...context), values),
  };
}
