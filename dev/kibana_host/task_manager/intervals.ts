/*
 * Interval strings (x-pack/platform/plugins/shared/task_manager/server/lib/intervals.ts):
 * `<positive integer><s|m|h|d>`.
 */
const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function isInterval(interval: unknown): interval is string {
  return typeof interval === 'string' && /^[1-9][0-9]*[smhd]$/.test(interval);
}

export function parseIntervalAsMillisecond(interval: string): number {
  if (!isInterval(interval)) {
    throw new Error(
      `Invalid interval "${interval}". Intervals must be of the form {number}m. Example: 5m.`
    );
  }
  return Number(interval.slice(0, -1)) * UNITS[interval.slice(-1)];
}

export const intervalFromDate = (date: Date, interval: string) =>
  new Date(date.getTime() + parseIntervalAsMillisecond(interval));
