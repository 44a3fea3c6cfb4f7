import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Samples taken (one per resolution tick that the loop let through). */
  samples: number;
}

/** Timer period of the monitor; Node records each period whole, so it is subtracted again. */
const RESOLUTION_MS = 5;

const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10);

/**
 * How long the event loop was kept from running a due timer while `work` ran, i.e. what every
 * HTTP request and other task of the same Kibana would have waited on top of its own work.
 */
export async function withEventLoopDelay<T>(
  work: () => Promise<T>
): Promise<{ value: T; delay: EventLoopDelay }> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  try {
    const value = await work();
    histogram.disable();
    return {
      value,
      delay: {
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
        samples: histogram.count,
      },
    };
  } finally {
    histogram.disable();
  }
}
