import { useEffect, useRef } from 'react';

/**
 * Calls `tick` every `intervalMs` while the component is mounted (and `active`), never two at a
 * time: the next tick is scheduled when the previous one settles. Stops on unmount.
 */
export function usePolling(
  tick: () => Promise<unknown> | void,
  intervalMs: number,
  active = true
): void {
  const latest = useRef(tick);
  latest.current = tick;

  useEffect(() => {
    if (!active || intervalMs <= 0) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      timer = setTimeout(async () => {
        try {
          await latest.current();
        } catch {
          // The tick reports its own errors; polling goes on.
        }
        if (!stopped) schedule();
      }, intervalMs);
    };
    schedule();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, active]);
}
