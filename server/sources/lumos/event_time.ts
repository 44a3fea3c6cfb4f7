/*
 * `event_began_at` comes without a zone ("2024-03-12T16:09:14"; Python's isoformat, so possibly
 * with microseconds) and means UTC. An explicit zone, if Lumos ever sends one, is honoured.
 * No regex: this runs once per event on the hot path.
 */

function hasZone(text: string): boolean {
  // Past the date (10 chars) and "THH:MM" any of Z, + or - can only start a zone designator.
  for (let i = 16; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 90 /* Z */ || c === 122 /* z */ || c === 43 /* + */ || c === 45 /* - */) return true;
  }
  return false;
}

/** Epoch milliseconds, or NaN when the text is not a date-time we understand. */
export function parseEventTime(text: string): number {
  // Shortest accepted form is "YYYY-MM-DDTHH:MM"; `Date.parse` alone would take "2024" too.
  if (text.length < 16 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const separator = text.charCodeAt(10);
  let normalized = text;
  if (separator === 32 /* space */) normalized = `${text.slice(0, 10)}T${text.slice(11)}`;
  else if (separator !== 84 /* T */) return NaN;
  return Date.parse(hasZone(normalized) ? normalized : `${normalized}Z`);
}

/** Lumos's own query format: naive UTC, whole seconds ("2024-03-12T00:00:00"), as Elastic sends. */
export function formatLumosTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
