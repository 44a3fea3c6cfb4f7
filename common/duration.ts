/*
 * The one duration grammar of the plugin: the form, the HTTP API, the CLIs and the Closer config
 * all parse durations here, and it is Kibana's. Kibana 9.4's `schema.duration`
 * (elastic/kibana src/platform/packages/shared/kbn-config-schema/src/duration/index.ts,
 * `stringToDuration`, with src/types/duration_type.ts and src/internals/index.ts, read for this)
 * takes `<count><unit>` with a count of 0 or a whole number without leading zeros, the units
 * ms, s, m, h, d, w, M (months) and y or Y (years), several of them in a row ("1m30s"), or a
 * whole number of milliseconds. Units are case-sensitive: "1M" is a month, "1m" a minute.
 *
 * Where Kibana's parser accepts a string by accident of falling back to `Number(text)` we refuse
 * it, because a user who typed it almost certainly meant something else: whitespace after a unit
 * or around a bare number ("30d ", " 42 "; Kibana refuses " 30d"), an empty or blank string
 * (Kibana: 0 ms), hexadecimal, exponents or a decimal point ("0x10", "1e3", "1.0"), and a bare
 * number after a unit ("1m30" is 1 min 30 ms to Kibana). Every string accepted here means to
 * Kibana what it means here.
 *
 * Months and years are converted as moment's `Duration#asMilliseconds` does, which is what
 * Kibana compares min/max against: the months (a year is 12) become Math.round(months × 146097 /
 * 4800) days, so 1M is 30 days, 12M or 1y 365 days, 4y 1461 days.
 *
 * The parser is a left-to-right scan (linear in the input, which is also capped in length).
 * Values beyond ~100 years are refused: the Date arithmetic of a backfill stops meaning anything.
 */

/** "Everything": from the oldest event the source still has. */
export const EVERYTHING = 'everything';

export const DURATION_HELP =
  'a whole number followed by ms, s, m, h, d, w, M (months) or y (years), or several in a row, or a whole number of milliseconds (e.g. "500ms", "90s", "1m30s", "24h", "30d", "2w")';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
export const MAX_DURATION_MS = 100 * 365 * DAY_MS;
/** Far longer than any sensible duration; keeps error messages and scanning short. */
export const MAX_DURATION_TEXT_LENGTH = 64;

/** Units that are a fixed number of milliseconds, and the ones counted in months. */
const FIXED_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
  w: WEEK_MS,
};
const MONTH_UNITS: Readonly<Record<string, number>> = { M: 1, y: 12, Y: 12 };

/**
 * The spelling durations are stored in: one count and the largest exact unit, up to days (a
 * backfill is thought of in days: "14d" rather than "2w").
 */
const CANONICAL_UNITS: ReadonlyArray<[string, number]> = [
  ['d', DAY_MS],
  ['h', HOUR_MS],
  ['m', MINUTE_MS],
  ['s', SECOND_MS],
];
const SIMPLE_DURATION = /^(0|[1-9][0-9]*)(ms|s|m|h|d|w)$/;

export type DurationResult = { ms: number } | { error: string };

const isDigit = (char: string) => char >= '0' && char <= '9';

/** moment's months → days (Duration#as: Math.round(monthsToDays(months))). */
const monthsMs = (months: number) => Math.round((months * 146_097) / 4800) * DAY_MS;

function notADuration(text: string): DurationResult {
  return { error: `"${text}" is not a duration: use ${DURATION_HELP}` };
}

/** The unit starting at `at`: the longest of ms, s, m, h, d, w, M, y, Y. */
function unitAt(text: string, at: number): string | undefined {
  if (text.startsWith('ms', at)) return 'ms';
  const char = text.charAt(at);
  return char in FIXED_UNIT_MS || char in MONTH_UNITS ? char : undefined;
}

/** `<count><unit>` segments, one after the other; undefined when the text is anything else. */
function scanSegments(text: string): { fixedMs: number; months: number } | undefined {
  let fixedMs = 0;
  let months = 0;
  let at = 0;
  while (at < text.length) {
    const start = at;
    while (at < text.length && isDigit(text.charAt(at))) at += 1;
    const digits = text.slice(start, at);
    if (digits === '' || (digits.length > 1 && digits.startsWith('0'))) return undefined;
    const unit = unitAt(text, at);
    if (unit === undefined) return undefined;
    at += unit.length;
    const count = Number(digits);
    if (unit in MONTH_UNITS) months += count * MONTH_UNITS[unit];
    else fixedMs += count * FIXED_UNIT_MS[unit];
  }
  return { fixedMs, months };
}

/** Milliseconds, or a message naming what is accepted. Never throws. */
export function parseDuration(text: string): DurationResult {
  if (text.length > MAX_DURATION_TEXT_LENGTH) {
    return { error: `Not a duration (more than ${MAX_DURATION_TEXT_LENGTH} characters)` };
  }
  let ms: number;
  if (text !== '' && [...text].every(isDigit)) {
    ms = Number(text);
  } else {
    const segments = text === '' ? undefined : scanSegments(text);
    if (segments === undefined) return notADuration(text);
    ms = segments.fixedMs + monthsMs(segments.months);
  }
  if (!Number.isSafeInteger(ms) || ms > MAX_DURATION_MS) {
    return { error: `"${text}" is too long: use "${EVERYTHING}" to read all history` };
  }
  return { ms };
}

/** As parseDuration, for callers that stop on a bad value (CLI flags); `what` names the value. */
export function durationMsOrThrow(text: string, what = 'duration'): number {
  const parsed = parseDuration(text);
  if ('error' in parsed) throw new Error(`Invalid ${what}: ${parsed.error}`);
  return parsed.ms;
}

/** The canonical spelling of a number of milliseconds: one count, the largest exact unit. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const unit = CANONICAL_UNITS.find(([, unitMs]) => ms % unitMs === 0);
  return unit ? `${ms / unit[1]}${unit[0]}` : `${ms}ms`;
}

/** True for one count and one of ms, s, m, h, d, w: the spellings that are stored as typed. */
export function isSimpleDuration(text: string): boolean {
  return text.length <= MAX_DURATION_TEXT_LENGTH && SIMPLE_DURATION.test(text);
}

/**
 * What a valid duration is stored as: itself when simple ("24h" stays "24h"), otherwise the
 * canonical spelling of its milliseconds ("1m30s" → "90s", "1M" → "30d", "1500" → "1500ms"), so
 * that a stored value never depends on months, compounds or case. Undefined when not a duration.
 */
export function canonicalDuration(text: string): string | undefined {
  const parsed = parseDuration(text);
  if ('error' in parsed) return undefined;
  return isSimpleDuration(text) ? text : formatDuration(parsed.ms);
}

/** "everything" or "all", in any case: the initial window that reads all history. */
export function isEverything(text: string): boolean {
  const normalized = text.trim().toLowerCase();
  return normalized === EVERYTHING || normalized === 'all';
}

/** The initial backfill: a duration, or "everything" (also "all", any case). */
export function parseInitialWindow(
  text: string
): { ms: number | 'everything' } | { error: string } {
  if (isEverything(text)) return { ms: EVERYTHING };
  const parsed = parseDuration(text);
  if ('error' in parsed) return { error: `${parsed.error}, or "${EVERYTHING}"` };
  return parsed;
}

/**
 * Where a connector's first run starts (epoch ms) for its initial window, `everything` for all
 * history, undefined when the text is no initial window (its codec says why). The one place that
 * turns a window into a start: run_poll's backfill `from`, the sources' first read and previews.
 */
export function initialWindowStart(text: string, nowMs: number): number | 'everything' | undefined {
  const parsed = parseInitialWindow(text);
  if ('error' in parsed) return undefined;
  return parsed.ms === EVERYTHING ? EVERYTHING : nowMs - parsed.ms;
}

/** canonicalDuration for an initial window: "everything" for any spelling of it. */
export function canonicalInitialWindow(text: string): string | undefined {
  return isEverything(text) ? EVERYTHING : canonicalDuration(text);
}
