import fc from 'fast-check';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { Duration, InitialWindow, PollInterval } from './connectors/fields';
import {
  canonicalDuration,
  canonicalInitialWindow,
  DURATION_HELP,
  durationMsOrThrow,
  formatDuration,
  isSimpleDuration,
  MAX_DURATION_MS,
  MAX_DURATION_TEXT_LENGTH,
  parseDuration,
  parseInitialWindow,
} from './duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration: Kibana schema.duration grammar', () => {
  it.each([
    ['0', 0],
    ['250', 250],
    ['0ms', 0],
    ['500ms', 500],
    ['90s', 90 * SECOND],
    ['1m', MINUTE],
    ['24h', 24 * HOUR],
    ['30d', 30 * DAY],
    ['2w', 14 * DAY],
    ['1m30s', 90 * SECOND],
    ['1h1h', 2 * HOUR],
    ['1s500ms', 1500],
    // Months and years as moment's asMilliseconds: round(months × 146097 / 4800) days.
    ['1M', 30 * DAY],
    ['6M', 183 * DAY],
    ['12M', 365 * DAY],
    ['1y', 365 * DAY],
    ['1Y', 365 * DAY],
    ['4y', 1461 * DAY],
    ['1M1M', 61 * DAY],
    ['1y1d', 366 * DAY],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ms });
  });

  it.each([
    // Not Kibana's at all.
    '1 minute',
    '30 days',
    '2hours',
    '90 min',
    '1.5d',
    '-1s',
    '1S',
    '1H',
    '1D',
    '1W',
    '01s',
    '1m05s',
    's',
    'ms',
    '1x',
    '1msx',
    // Kibana reads these only through its Number() fallback; refused here (common/duration.ts).
    '',
    ' ',
    ' 30d',
    '30d ',
    '1m30',
    '0x10',
    '1e3',
    '1.0',
    ' 42 ',
  ])('refuses %j, saying what is accepted', (text) => {
    expect(parseDuration(text)).toEqual({ error: expect.stringContaining(DURATION_HELP) });
  });

  it('refuses what is too long, and text too long to be a duration', () => {
    expect(parseDuration('99999999d')).toEqual({ error: expect.stringMatching(/too long/) });
    expect(parseDuration('101y')).toEqual({ error: expect.stringMatching(/too long/) });
    expect(parseDuration(String(Number.MAX_SAFE_INTEGER + 2))).toEqual({
      error: expect.stringMatching(/too long/),
    });
    expect(parseDuration('1s'.repeat(1000))).toEqual({
      error: `Not a duration (more than ${MAX_DURATION_TEXT_LENGTH} characters)`,
    });
  });

  it('throws, for the CLIs, with the same message', () => {
    expect(durationMsOrThrow('2h')).toBe(2 * HOUR);
    expect(() => durationMsOrThrow('2 hours')).toThrow(`Invalid duration: "2 hours" is not`);
    expect(() => durationMsOrThrow('1 m', '--lag')).toThrow(`Invalid --lag: "1 m" is not`);
  });
});

describe('the initial window', () => {
  it('is a duration or everything', () => {
    expect(parseInitialWindow('30d')).toEqual({ ms: 30 * DAY });
    expect(parseInitialWindow('Everything')).toEqual({ ms: 'everything' });
    expect(parseInitialWindow(' all ')).toEqual({ ms: 'everything' });
    expect(parseInitialWindow('forever')).toEqual({
      error: expect.stringMatching(/or "everything"$/),
    });
    expect(canonicalInitialWindow('ALL')).toBe('everything');
    expect(canonicalInitialWindow('1M')).toBe('30d');
    expect(canonicalInitialWindow('forever')).toBeUndefined();
  });
});

describe('canonical spelling', () => {
  it.each([
    ['24h', '24h'],
    ['60m', '60m'],
    ['1m30s', '90s'],
    ['1M', '30d'],
    ['1y', '365d'],
    ['14d', '14d'],
    ['1w7d', '14d'],
    ['2w', '2w'],
    ['1500', '1500ms'],
    ['60000', '1m'],
    ['0', '0s'],
    ['1 minute', undefined],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalDuration(text)).toBe(canonical);
  });
});

/** Any text made of the grammar's own characters and a few others, often near-valid. */
const durationish = fc
  .array(
    fc.constantFrom(
      '0',
      '1',
      '2',
      '9',
      'ms',
      's',
      'm',
      'h',
      'd',
      'w',
      'M',
      'y',
      'Y',
      ' ',
      '.',
      'x'
    ),
    {
      maxLength: 12,
    }
  )
  .map((parts) => parts.join(''));

/** Valid compound durations, built from segments. */
const segment = fc
  .tuple(fc.integer({ min: 0, max: 500 }), fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w', 'M', 'y'))
  .map(([count, unit]) => `${count}${unit}`);
const validDuration = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join(''));

describe('parseDuration properties', () => {
  it('never throws, and answers ms within bounds or an error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), durationish, validDuration), (text) => {
        const parsed = parseDuration(text);
        if ('ms' in parsed) {
          expect(Number.isSafeInteger(parsed.ms)).toBe(true);
          expect(parsed.ms).toBeGreaterThanOrEqual(0);
          expect(parsed.ms).toBeLessThanOrEqual(MAX_DURATION_MS);
        } else {
          expect(typeof parsed.error).toBe('string');
        }
      }),
      { numRuns: 2000 }
    );
  });

  it('reads every compound of valid segments (or says it is beyond ~100 years)', () => {
    fc.assert(
      fc.property(validDuration, (text) => {
        const parsed = parseDuration(text);
        if ('error' in parsed) expect(parsed.error).toMatch(/too long/);
      })
    );
  });

  it('round-trips the canonical spelling: same milliseconds, simple, stable', () => {
    fc.assert(
      fc.property(fc.oneof(validDuration, durationish), (text) => {
        const canonical = canonicalDuration(text);
        const parsed = parseDuration(text);
        if ('error' in parsed) {
          expect(canonical).toBeUndefined();
          return;
        }
        expect(canonical).toBeDefined();
        expect(isSimpleDuration(canonical!)).toBe(true);
        expect(parseDuration(canonical!)).toEqual(parsed);
        expect(canonicalDuration(canonical!)).toBe(canonical);
      })
    );
  });

  it('formats any number of milliseconds in range so that it reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DURATION_MS }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toEqual({ ms });
      })
    );
  });

  it('takes linear time on long hostile input', () => {
    const hostile = ['1'.repeat(MAX_DURATION_TEXT_LENGTH), `${'1m'.repeat(31)}x`, ' '.repeat(64)];
    const started = Date.now();
    for (let i = 0; i < 10_000; i += 1) for (const text of hostile) parseDuration(text);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('the connector field codecs', () => {
  const decoded = (codec: t.Type<string, string, unknown>, value: unknown) => {
    const result = codec.decode(value);
    return isRight(result) ? result.right : fieldMessages(result.left);
  };
  const fieldMessages = (errors: t.Errors) => errors.map((error) => error.message).join('; ');

  it('decode to the spelling that is stored, and refuse the old grammar with the one message', () => {
    expect(decoded(Duration, '1m30s')).toBe('90s');
    expect(decoded(Duration, '24h')).toBe('24h');
    expect(decoded(Duration, '1M')).toBe('30d');
    expect(decoded(Duration, '2 hours')).toBe(`Must be ${DURATION_HELP}`);
    expect(decoded(InitialWindow, 'All')).toBe('everything');
    expect(decoded(InitialWindow, '6M')).toBe('183d');
    expect(decoded(PollInterval, '1h30m')).toBe('90m');
    expect(decoded(PollInterval, '1M')).toBe('Interval must be between 1m and 24h');
    expect(decoded(PollInterval, '5 minutes')).toBe(`Interval must be ${DURATION_HELP}`);
    expect(decoded(PollInterval, '90500ms')).toBe('Interval must be whole seconds');
  });

  it('tell a canonical value from one that decodes to another', () => {
    expect(Duration.is('90s')).toBe(true);
    expect(Duration.is('1m30s')).toBe(false);
    expect(PollInterval.is('5m')).toBe(true);
  });
});
