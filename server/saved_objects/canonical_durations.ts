import type {
  SavedObjectModelTransformationDoc,
  SavedObjectModelUnsafeTransformFn,
  SavedObjectsModelUnsafeTransformChange,
} from '@kbn/core/server';
import {
  EVERYTHING,
  formatDuration,
  isEverything,
  isSimpleDuration,
  MAX_DURATION_MS,
  MAX_DURATION_TEXT_LENGTH,
} from '../../common/duration';

/*
 * Connectors saved before the plugin took Kibana's duration grammar (common/duration.ts) hold
 * durations in the grammar it had: any whole number, optional spaces, and a unit read without
 * case from s/sec/second(s), m/min/minute(s), h/hr/hour(s), d/day(s), w/week(s) — so "30 days",
 * "2hours", "90 min", and "1M", which was a minute (to Kibana it is a month). Those values are
 * rewritten here to the canonical spelling, with the meaning they had when they were saved.
 *
 * A value already simple ("30d", "5m": one count, one lowercase unit) means the same in both
 * grammars and is kept as it is. Since the field codecs store every new value in that simple
 * form, a stored value that is not simple can only come from the old grammar, which is how a
 * stored "1M" is known to be a minute.
 */

const LEGACY_UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  week: 604_800,
  weeks: 604_800,
};

// Anchored, no nested quantifiers, and the input is capped in length: linear.
const LEGACY_DURATION = /^\s*(\d+)\s*([a-zA-Z]+)\s*$/;

/** A value in the grammar before Kibana's, as it read it then; undefined when it did not read. */
export function legacyDurationMs(text: string): number | undefined {
  if (text.length > MAX_DURATION_TEXT_LENGTH) return undefined;
  const match = LEGACY_DURATION.exec(text);
  const seconds = match ? LEGACY_UNIT_SECONDS[match[2].toLowerCase()] : undefined;
  if (!match || seconds === undefined) return undefined;
  const ms = Number(match[1]) * seconds * 1000;
  return Number.isSafeInteger(ms) && ms <= MAX_DURATION_MS ? ms : undefined;
}

/**
 * The canonical spelling of a stored duration: simple values as they are, values of the old
 * grammar converted, anything else (which no version accepted) left for the codecs to report.
 */
export function canonicalStoredDuration(text: string): string {
  if (isSimpleDuration(text)) return text;
  const ms = legacyDurationMs(text);
  return ms === undefined ? text : formatDuration(ms);
}

/** As canonicalStoredDuration, for an initial window ("everything" in any case or "all"). */
export function canonicalStoredInitialWindow(text: string): string {
  return isEverything(text) ? EVERYTHING : canonicalStoredDuration(text);
}

/** The settings of either source that hold durations, with how each is canonicalized. */
const DURATION_SETTINGS: Readonly<Record<string, (text: string) => string>> = {
  lag: canonicalStoredDuration,
  lateArrivalWindow: canonicalStoredDuration,
  initialWindow: canonicalStoredInitialWindow,
};

/** The settings with every duration in canonical spelling; other settings untouched. */
export function canonicalStoredSettings<S extends object>(settings: S): S {
  const rewritten: Record<string, unknown> = { ...(settings as Record<string, unknown>) };
  for (const [key, canonical] of Object.entries(DURATION_SETTINGS)) {
    const value = rewritten[key];
    if (typeof value === 'string') rewritten[key] = canonical(value);
  }
  return rewritten as S;
}

/** The document with its poll interval in canonical spelling; nothing else changes. */
export const canonicalizeInterval: SavedObjectModelUnsafeTransformFn = (
  document: SavedObjectModelTransformationDoc
) => {
  const attributes = document.attributes as Record<string, unknown>;
  const { interval } = attributes;
  if (typeof interval !== 'string') return { document };
  const canonical = canonicalStoredDuration(interval);
  return {
    document:
      canonical === interval
        ? document
        : { ...document, attributes: { ...attributes, interval: canonical } },
  };
};

/**
 * Model version 3 of the connector type. Only `interval` is rewritten in the stored documents:
 * `settings` is part of the AAD that encryptedSavedObjects binds the secrets' ciphertext to
 * (connector_type.ts, connectorEncryptionRegistration), so a plain model version that changed
 * a setting would leave every secret undecryptable. Kibana's way to migrate such attributes is
 * ESO's `createModelVersion` (decrypt with the old AAD, re-encrypt with the new), which the
 * development host does not provide; the settings are canonicalized as they are read instead
 * (canonicalStoredSettings in server/connectors/view.ts and server/tasks/run_poll.ts), and stored
 * canonical on the next save, whose codecs canonicalize.
 *
 * An `unsafe_transform` as in move_to_default_space.ts: Kibana's `data_backfill` is for fields
 * added in the same version, not for rewriting existing values.
 */
export const canonicalDurationsChange: SavedObjectsModelUnsafeTransformChange = {
  type: 'unsafe_transform',
  transformFn: (cast) => cast(canonicalizeInterval),
};
