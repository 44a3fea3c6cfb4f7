/*
 * Durations typed by users ("30d", "180d", "12h", "everything") for the initial backfill and the
 * late-arrival window. Any whole number is accepted with any of the units below: an earlier
 * version accepted only a fixed list of values and "180d" was rejected.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = {
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

/** "Everything": from the oldest event Lumos still has. */
export const EVERYTHING = 'everything';

export const DURATION_HELP =
  'a whole number followed by s, m, h, d or w (e.g. "90m", "24h", "30d", "180d", "2w")';

/** Milliseconds, or a message naming what is accepted. */
export function parseDuration(text: string): { ms: number } | { error: string } {
  const match = /^\s*(\d+)\s*([a-zA-Z]+)\s*$/.exec(text);
  const seconds = match ? UNIT_SECONDS[match[2].toLowerCase()] : undefined;
  if (!match || seconds === undefined) {
    return { error: `"${text}" is not a duration: use ${DURATION_HELP}` };
  }
  const ms = Number(match[1]) * seconds * 1000;
  // Beyond ~100 years the Date arithmetic below stops meaning anything.
  if (!Number.isSafeInteger(ms) || ms > 100 * 365 * 86_400_000) {
    return { error: `"${text}" is too long: use "${EVERYTHING}" to read all history` };
  }
  return { ms };
}

/** The initial backfill: a duration, or "everything" (also "all"). */
export function parseInitialWindow(
  text: string
): { ms: number | 'everything' } | { error: string } {
  const normalized = text.trim().toLowerCase();
  if (normalized === EVERYTHING || normalized === 'all') return { ms: EVERYTHING };
  const parsed = parseDuration(text);
  if ('error' in parsed) return { error: `${parsed.error}, or "${EVERYTHING}"` };
  return parsed;
}
