import fc from 'fast-check';
import { formatLumosTime, parseEventTime } from './event_time';

describe('parseEventTime', () => {
  it.each([
    ['2024-03-12T16:09:14', '2024-03-12T16:09:14.000Z'],
    ['2024-03-12 16:09:14', '2024-03-12T16:09:14.000Z'],
    ['2024-03-12T16:09', '2024-03-12T16:09:00.000Z'],
    ['2024-03-12T16:09:14.123456', '2024-03-12T16:09:14.123Z'],
    ['2024-03-12T16:09:14.5', '2024-03-12T16:09:14.500Z'],
    ['2024-03-12T11:09:14.5-05:00', '2024-03-12T16:09:14.500Z'],
    ['2024-03-12T11:09:14.12Z', '2024-03-12T11:09:14.120Z'],
    ['2024-03-12T16:09:14Z', '2024-03-12T16:09:14.000Z'],
    ['2024-03-12T16:09:14+02:00', '2024-03-12T14:09:14.000Z'],
    ['2024-03-12T16:09:14-0130', '2024-03-12T17:39:14.000Z'],
    ['2024-03-12T16:09:14.123+05', '2024-03-12T11:09:14.123Z'],
    ['2024-02-29T00:00:00', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(new Date(parseEventTime(text)).toISOString()).toBe(iso);
  });

  it.each(['0050-06-01T12:00:00', '0000-01-01T00:00:00', '0099-12-31T23:59:59.999'])(
    'keeps the two-digit-era year of %s (Date.UTC would add 1900)',
    (text) => {
      const ms = parseEventTime(text);
      expect(new Date(ms).toISOString()).toBe(`${text}${text.includes('.') ? '' : '.000'}Z`);
      expect(new Date(ms).getUTCFullYear()).toBe(Number(text.slice(0, 4)));
    }
  );

  it.each([
    '',
    '2024',
    '2024-03-12',
    '2024-03-12T16',
    '2024-03-12X16:09:14',
    '2024-13-01T00:00:00',
    '2023-02-29T00:00:00',
    '2024-04-31T00:00:00',
    '2024-03-12T24:00:00',
    '2024-03-12T16:60:00',
    '2024-03-12T16:09:61',
    '2024-03-12T16:09:14.',
    '2024-03-12T16:09:14 trailing',
    '2024-03-12T16:09:14Zjunk',
    '2024-03-12T16:09:14+2',
    '2024-03-12T16:09:14+24:00',
    '+02024-03-12T16:09:14',
    '２０２４-03-12T16:09:14',
    `2024-03-12T16:09:14.${'1'.repeat(30)}`,
  ])('rejects %j', (text) => {
    expect(parseEventTime(text)).toBeNaN();
  });

  it('agrees with Date.parse on valid ISO times from year 100 on (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0100-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(0, 3, 6),
        fc.boolean(),
        (date, fraction, zoned) => {
          const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
          const base =
            iso.slice(0, 19) + (fraction ? `.${iso.slice(20, 23)}000`.slice(0, fraction + 1) : '');
          const text = zoned ? `${base}Z` : base;
          expect(parseEventTime(text)).toBe(Date.parse(`${base}Z`));
        }
      )
    );
  });

  it('never throws and returns NaN or a valid instant on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const ms = parseEventTime(text);
        expect(Number.isNaN(ms) || Number.isFinite(new Date(ms).getTime())).toBe(true);
      })
    );
  });

  it('gives up on long hostile text at once', () => {
    // Generous bound that only catches a scan over the text (it is rejected on its length).
    const hostile = `2024-03-12T16:09:14${'+'.repeat(1_000_000)}`;
    const started = Date.now();
    for (let i = 0; i < 1000; i++) expect(parseEventTime(hostile)).toBeNaN();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('formatLumosTime', () => {
  it('writes naive UTC seconds', () => {
    expect(formatLumosTime(Date.parse('2024-03-12T16:09:14.999Z'))).toBe('2024-03-12T16:09:14');
  });
});
