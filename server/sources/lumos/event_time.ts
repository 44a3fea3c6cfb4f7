/*
 * `event_began_at` comes without a zone ("2024-03-12T16:09:14"; Python's isoformat, so possibly
 * with microseconds) and means UTC. An explicit zone, if Lumos ever sends one, is honoured.
 *
 * A hand-written parser of exactly that form rather than Date.parse: Date.parse falls back to a
 * lenient legacy grammar for anything not quite ISO (accepting trailing garbage, rolling Feb 30
 * into March), and the Date.UTC / new Date(y, ...) constructors turn years 0-99 into 1900-1999.
 * It reads each character at most once and gives up beyond MAX_LENGTH, so hostile text costs
 * nothing. No regex: this runs once per event on the hot path.
 */

/** "YYYY-MM-DDTHH:MM:SS.fffffffff+HH:MM" is 35; anything longer is not a time we write. */
const MAX_LENGTH = 40;
const MAX_FRACTION_DIGITS = 9;
/** The range of a JS Date (±100,000,000 days around 1970). */
const MAX_EPOCH_MS = 8.64e15;

/** The decimal number in text[start, start + count), or -1 when any of it is not a digit. */
function digits(text: string, start: number, count: number): number {
  if (start + count > text.length) return -1;
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** UTC epoch ms of a proleptic Gregorian date-time; years 0-99 stay themselves. */
function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number
): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes a two-digit year literally.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/**
 * Zone offset in minutes at text[i..], or undefined when it is not one of `Z`, `±HH:MM`,
 * `±HHMM`, `±HH` ending the text.
 */
function zoneOffset(text: string, i: number): number | undefined {
  const c = text.charCodeAt(i);
  if (c === 90 /* Z */ || c === 122 /* z */) return i + 1 === text.length ? 0 : undefined;
  if (c !== 43 /* + */ && c !== 45 /* - */) return undefined;
  const sign = c === 43 ? 1 : -1;
  const hours = digits(text, i + 1, 2);
  if (hours < 0 || hours > 23) return undefined;
  let rest = i + 3;
  let minutes = 0;
  if (rest < text.length) {
    if (text.charCodeAt(rest) === 58 /* : */) rest++;
    minutes = digits(text, rest, 2);
    rest += 2;
    if (minutes < 0 || minutes > 59) return undefined;
  }
  return rest === text.length ? sign * (hours * 60 + minutes) : undefined;
}

/**
 * Epoch milliseconds, or NaN when the text is not `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][zone]`
 * (fraction of up to 9 digits, truncated to milliseconds; no zone means UTC).
 */
export function parseEventTime(text: string): number {
  if (text.length < 16 || text.length > MAX_LENGTH) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const separator = text.charCodeAt(10);
  if (
    year < 0 ||
    text.charCodeAt(4) !== 45 /* - */ ||
    month < 1 ||
    month > 12 ||
    text.charCodeAt(7) !== 45 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    (separator !== 84 /* T */ && separator !== 32) /* space */ ||
    hour < 0 ||
    hour > 23 ||
    text.charCodeAt(13) !== 58 /* : */ ||
    minute < 0 ||
    minute > 59
  ) {
    return NaN;
  }
  let i = 16;
  let second = 0;
  let ms = 0;
  if (text.charCodeAt(i) === 58) {
    second = digits(text, i + 1, 2);
    if (second < 0 || second > 59) return NaN;
    i += 3;
    if (text.charCodeAt(i) === 46 /* . */ || text.charCodeAt(i) === 44 /* , */) {
      const start = ++i;
      while (i < text.length && i - start < MAX_FRACTION_DIGITS && digits(text, i, 1) >= 0) i++;
      if (i === start) return NaN;
      // Milliseconds are the first three digits, right-padded ("5" is 500 ms).
      ms = digits(text.slice(start, Math.min(i, start + 3)).padEnd(3, '0'), 0, 3);
    }
  }
  let offset = 0;
  if (i < text.length) {
    const zone = zoneOffset(text, i);
    if (zone === undefined) return NaN;
    offset = zone;
  }
  const epoch = utcMs(year, month, day, hour, minute, second, ms) - offset * 60_000;
  return Math.abs(epoch) <= MAX_EPOCH_MS ? epoch : NaN;
}

/** Lumos's own query format: naive UTC, whole seconds ("2024-03-12T00:00:00"), as Elastic sends. */
export function formatLumosTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
