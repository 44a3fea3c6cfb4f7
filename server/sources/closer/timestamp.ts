// 2021-05-05T09:27:12.529+0000, with or without fraction, `Z`, `+00:00`, `+0000` or no zone.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the years ISO 8601 writes in four digits. */
const MIN_EPOCH_MS = -62_167_219_200_000;
const MAX_EPOCH_MS = 253_402_300_799_999;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `text` has an ASCII digit at each of `positions`. */
function digitsAt(text: string, positions: readonly number[]): boolean {
  for (const i of positions) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const FAST_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/**
 * Closer's own spelling, `2021-05-05T09:27:12.529+0000` (or `…Z`), is nearly every record: it
 * is already UTC with milliseconds, so once its fields are checked it only needs its zone
 * replaced. Checked as the general path would (same ranges, no 31 February), years below 1000
 * left to it. Returns undefined when the text is not in that exact form.
 */
function fastUtcMillis(value: string): string | undefined {
  const length = value.length;
  if (length !== 28 && length !== 24) return undefined;
  if (length === 28 ? !value.endsWith('+0000') : value.charCodeAt(23) !== 90 /* Z */)
    return undefined;
  if (
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 ||
    !digitsAt(value, FAST_DIGITS) ||
    value.charCodeAt(0) === 48
  )
    return undefined;
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return undefined;
  if (twoDigits(value, 11) > 23 || twoDigits(value, 14) > 59 || twoDigits(value, 17) > 59)
    return undefined;
  return `${value.slice(0, 23)}Z`;
}

/**
 * Closer's `@timestamp` as ISO 8601 UTC with milliseconds. The `+0000` offset (no colon) is not
 * ECMAScript's date format, so it is parsed explicitly rather than left to `Date.parse`
 * leniency. A time without zone is taken as UTC (what Closer's Java formatter emits). Epoch
 * milliseconds are accepted too. Returns undefined for anything else or an impossible date.
 */
export function normalizeTimestamp(value: string | number): string | undefined {
  if (typeof value === 'number') {
    // Years 0000-9999 only: beyond them toISOString writes `+010000-…` / `-000001-…`, which an
    // Elasticsearch `date` field (strict_date_optional_time) rejects, failing the whole bulk item.
    if (!Number.isFinite(value) || value < MIN_EPOCH_MS || value > MAX_EPOCH_MS) return undefined;
    return new Date(value).toISOString();
  }
  const fast = fastUtcMillis(value);
  if (fast !== undefined) return fast;
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  // Not Date.UTC: it maps years 0-99 to 1900-1999 (year 0050 would become 1950).
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  // 31 February rolls over into March: reject instead.
  if (date.getUTCDate() !== day) return undefined;
  let epoch = date.getTime();
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2) || '0') > 59) return undefined;
    epoch -= sign * offsetMinutes * 60_000;
  }
  // An offset can push 0000-01-01 or 9999-12-31 out of the four-digit years.
  if (epoch < MIN_EPOCH_MS || epoch > MAX_EPOCH_MS) return undefined;
  return new Date(epoch).toISOString();
}
