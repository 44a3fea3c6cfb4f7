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
    // Date.UTC maps years 0–99 to 1900–1999; the general path keeps that quirk.
    ['0050-01-01T00:00:00.000+0000', '1950-01-01T00:00:00.000Z'],
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
  it('other zones still go through the general path', () => {
    expect(normalizeTimestamp('2021-05-05T09:27:12.529+0100')).toBe('2021-05-05T08:27:12.529Z');
  });
});
