import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Synchronous work allowed before the event loop gets a turn. The plugin runs in Kibana's one
 * process: a page of 1,000 large records maps in tens of milliseconds, which every HTTP request
 * of that Kibana would otherwise wait out.
 */
export const SLICE_MS = 4;

/**
 * Runs `work` on every item in order, yielding to the event loop whenever a slice of
 * synchronous time has passed (checked per item; one item's own work is not split).
 */
export async function forEachYielding<T>(
  items: readonly T[],
  work: (item: T, index: number) => void,
  sliceMs = SLICE_MS
): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    work(items[i], i);
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
