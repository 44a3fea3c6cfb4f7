import moment from 'moment';
import type { SourceKind } from '../../common/data_streams';

export const SOURCE_LABELS: Readonly<Record<SourceKind, string>> = {
  lumos: 'Lumos',
  closer: 'Closer',
};

/** 90_000 -> "1m 30s", 26 h -> "1d 2h": the two largest units. */
export function formatDurationMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return ms <= 0 ? '0s' : '<1s';
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.floor(ms);
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 || parts.length > 0) {
      if (count > 0) parts.push(`${count}${unit}`);
      rest -= count * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ') || '0s';
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? '—' : value.toLocaleString('en-US');
}

/** "3 minutes ago", or "—". */
export function formatRelative(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const at = moment(iso);
  return at.isValid() ? at.from(moment(now)) : '—';
}

export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return '—';
  const at = moment(iso);
  return at.isValid() ? at.format('MMM D, YYYY @ HH:mm:ss.SSS') : iso;
}
