// 2021-05-05T09:27:12.529+0000, with or without fraction, `Z`, `+00:00`, `+0000` or no zone.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Closer's `@timestamp` as ISO 8601 UTC with milliseconds. The `+0000` offset (no colon) is not
 * ECMAScript's date format, so it is parsed explicitly rather than left to `Date.parse`
 * leniency. A time without zone is taken as UTC (what Closer's Java formatter emits). Epoch
 * milliseconds are accepted too. Returns undefined for anything else or an impossible date.
 */
export function normalizeTimestamp(value: string | number): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
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
  let epoch = Date.UTC(Number(y), month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March: reject instead.
  if (new Date(epoch).getUTCDate() !== day) return undefined;
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2) || '0') > 59) return undefined;
    epoch -= sign * offsetMinutes * 60_000;
  }
  return new Date(epoch).toISOString();
}
