import { normalizeTimestamp } from './timestamp';

/*
 * Closer's usual spelling takes a fast path that skips the regex and Date; it must answer
 * exactly as the general path does, including the dates it rejects.
 */
describe('normalizeTimestamp fast path (Closer spelling)', () => {
  it.each([
    ['2024-02-29T23:59:59.999+0000', '2024-02-29T23:59:59.999Z'],
    ['2000-02-29T00:00:00.000+0000', '2000-02-29T00:00:00.000Z'],
    ['2021-12-31T00:00:00.000Z', '2021-12-31T00:00:00.000Z'],
    // Years below 1000 take the general path, which must not map 0–99 to 1900–1999 (Date.UTC does).
    ['0050-01-01T00:00:00.000+0000', '0050-01-01T00:00:00.000Z'],
    ['0000-02-29T12:00:00.000+0000', '0000-02-29T12:00:00.000Z'],
    ['0099-12-31T23:59:59.999Z', '0099-12-31T23:59:59.999Z'],
    ['0999-03-01T00:00:00.000+0000', '0999-03-01T00:00:00.000Z'],
  ])('%s', (input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });
  it.each([
    '2023-02-29T00:00:00.000+0000',
    '1900-02-29T00:00:00.000+0000',
    '2021-04-31T00:00:00.000+0000',
    '2021-00-10T00:00:00.000+0000',
    '2021-01-00T00:00:00.000+0000',
    '2021-01-01T24:00:00.000+0000',
    '2021-01-01T00:60:00.000+0000',
    '2021-01-01T00:00:60.000+0000',
    '2021-01-01T00:00:00.0a0+0000',
  ])('rejects %s', (input) => {
    expect(normalizeTimestamp(input)).toBeUndefined();
  });
  it.each([
    ['0050-01-01T00:00:00+0100', '0049-12-31T23:00:00.000Z'],
    ['0001-03-01 00:00', '0001-03-01T00:00:00.000Z'],
  ])('keeps two-digit years on the general path: %s', (input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });
  it.each([
    ['0000-01-01T00:30:00+0100', 'before year 0'],
    ['9999-12-31T23:30:00-0100', 'after year 9999'],
  ])('rejects %s (%s)', (input) => {
    expect(normalizeTimestamp(input)).toBeUndefined();
  });
  it('accepts epoch millis only within years 0000-9999', () => {
    expect(normalizeTimestamp(-62_135_596_800_000)).toBe('0001-01-01T00:00:00.000Z');
    expect(normalizeTimestamp(253_402_300_799_999)).toBe('9999-12-31T23:59:59.999Z');
    for (const value of [253_402_300_800_000, -62_167_219_200_001, 8.64e15, 1e300, -Infinity, NaN])
      expect(normalizeTimestamp(value)).toBeUndefined();
  });
  it('other zones still go through the general path', () => {
    expect(normalizeTimestamp('2021-05-05T09:27:12.529+0100')).toBe('2021-05-05T08:27:12.529Z');
  });
});
