import fc from 'fast-check';
import type {
  SavedObjectModelTransformationDoc,
  SavedObjectModelUnsafeTransformFn,
} from '@kbn/core/server';
import { isSimpleDuration, parseDuration } from '../../common/duration';
import {
  canonicalDurationsChange,
  canonicalStoredDuration,
  canonicalStoredInitialWindow,
  canonicalStoredSettings,
  legacyDurationMs,
} from './canonical_durations';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('durations stored in the grammar before Kibana’s', () => {
  it.each([
    ['30 days', '30d'],
    ['2hours', '2h'],
    ['90 min', '90m'],
    ['90 minutes', '90m'],
    ['1M', '1m'], // a minute then, a month to Kibana
    ['2W', '14d'],
    ['36 hours', '36h'],
    [' 5m ', '5m'],
    ['60 seconds', '1m'],
    ['1440 mins', '1d'],
  ])('%j keeps its meaning as %s', (stored, canonical) => {
    expect(canonicalStoredDuration(stored)).toBe(canonical);
  });

  it('keeps simple values as they are, and leaves what no version read for the codecs', () => {
    for (const simple of ['24h', '60m', '500ms', '0s', '30d']) {
      expect(canonicalStoredDuration(simple)).toBe(simple);
    }
    expect(canonicalStoredDuration('6 months')).toBe('6 months');
    expect(canonicalStoredDuration('1.5d')).toBe('1.5d');
    expect(legacyDurationMs('99999999 days')).toBeUndefined();
    expect(legacyDurationMs(`1${' '.repeat(100)}d`)).toBeUndefined();
  });

  it('reads the initial window "everything" in any spelling the old grammar took', () => {
    expect(canonicalStoredInitialWindow('Everything')).toBe('everything');
    expect(canonicalStoredInitialWindow('all')).toBe('everything');
    expect(canonicalStoredInitialWindow('7 days')).toBe('7d');
  });

  it('the canonical value means what the old grammar meant, and the new grammar reads it', () => {
    const unit = fc.constantFrom('s', 'sec', 'm', 'Min', 'minutes', 'H', 'hrs', 'day', 'Weeks');
    const stored = fc
      .tuple(fc.integer({ min: 0, max: 5000 }), fc.constantFrom('', ' '), unit)
      .map(([count, space, name]) => `${count}${space}${name}`);
    fc.assert(
      fc.property(stored, (text) => {
        const ms = legacyDurationMs(text);
        const canonical = canonicalStoredDuration(text);
        expect(isSimpleDuration(canonical)).toBe(true);
        expect(parseDuration(canonical)).toEqual({ ms });
      })
    );
  });

  it('rewrites only the duration settings, wherever either source has them', () => {
    const closer = { url: 'https://x', authType: 'none', lag: '2 minutes', initialWindow: 'All' };
    expect(canonicalStoredSettings(closer)).toEqual({
      url: 'https://x',
      authType: 'none',
      lag: '2m',
      initialWindow: 'everything',
    });
    const lumos = { lateArrivalWindow: '1 hour', initialWindow: '30 days', baseUrl: 'https://y' };
    expect(canonicalStoredSettings(lumos)).toEqual({
      lateArrivalWindow: '1h',
      initialWindow: '30d',
      baseUrl: 'https://y',
    });
    expect(canonicalStoredSettings({})).toEqual({});
  });
});

describe('model version 3 of the connector type', () => {
  const transform = (() => {
    if (canonicalDurationsChange.type !== 'unsafe_transform') throw new Error('unexpected');
    return canonicalDurationsChange.transformFn((fn) => fn as SavedObjectModelUnsafeTransformFn);
  })();
  const context = { modelVersion: 3, namespaceType: 'multiple-isolated' as const };
  const doc = (attributes: Record<string, unknown>): SavedObjectModelTransformationDoc => ({
    id: 'c1',
    type: 'audit-sources-connector',
    namespaces: ['default'],
    attributes,
  });

  it('rewrites the interval, and not the settings the secrets are bound to (AAD)', () => {
    const settings = { lateArrivalWindow: '2 hours' };
    const before = doc({ interval: '5 minutes', settings, secrets: 'ciphertext' });
    expect(transform(before, context).document).toEqual({
      ...before,
      attributes: { interval: '5m', settings, secrets: 'ciphertext' },
    });
  });

  it('leaves a document already canonical as it is', () => {
    const canonical = doc({ interval: '1h', settings: {} });
    expect(transform(canonical, context).document).toBe(canonical);
    const noInterval = doc({ settings: {} });
    expect(transform(noInterval, context).document).toBe(noInterval);
  });

  it('meant each old interval as the new grammar now reads it', () => {
    expect(parseDuration(canonicalStoredDuration('1M'))).toEqual({ ms: MINUTE });
    expect(parseDuration(canonicalStoredDuration('1 day'))).toEqual({ ms: DAY });
  });
});
