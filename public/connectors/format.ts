import moment from 'moment';
import { i18n } from '@kbn/i18n';
import type { ConnectorHealth } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { eventsPath } from '../events/events_url';

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

/** "due now" when Task Manager's time has come (the run starts within seconds), else "in 3 minutes". */
export function formatNextRun(health: ConnectorHealth, now = Date.now()): string {
  if (health.running) {
    return i18n.translate('auditSources.format.nextRunRunning', {
      defaultMessage: 'Running now (started {started})',
      values: { started: formatRelative(health.running.startedAt, now) },
    });
  }
  if (!health.nextRunAt) return '—';
  const at = Date.parse(health.nextRunAt);
  if (Number.isNaN(at)) return '—';
  if (at <= now) {
    return i18n.translate('auditSources.format.nextRunDue', { defaultMessage: 'Due now' });
  }
  return formatRelative(health.nextRunAt, now);
}

/** Why the backfill bar says what it says. */
export function backfillExplanation(): string {
  return i18n.translate('auditSources.format.backfillExplanation', {
    defaultMessage:
      'The first runs read the history from the start of the initial window up to now. The percentage is how much of that time span has been read; the events count includes the run in progress.',
  });
}

/** Counts of a connector so far: the finished runs' totals plus the run in progress. */
export function countsSoFar(health: ConnectorHealth): ConnectorHealth['totals'] {
  const { totals, running } = health;
  if (!running) return totals;
  return {
    read: totals.read + running.read,
    written: totals.written + running.written,
    duplicates: totals.duplicates + running.duplicates,
    pipelineErrors: totals.pipelineErrors + running.pipelineErrors,
  };
}

/**
 * "4 records could not be mapped since <time>: <reason>", the sentence of a degraded connector,
 * or undefined when no records failed since the last clean run.
 */
export function failedRecordsSentence(
  health: ConnectorHealth,
  now = Date.now()
): string | undefined {
  const failed = health.failedRecords;
  if (!failed) return undefined;
  const values = { count: failed.count, when: formatRelative(failed.at, now) };
  return failed.message
    ? i18n.translate('auditSources.format.failedRecordsWithReason', {
        defaultMessage:
          '{count, plural, one {# record} other {# records}} could not be mapped (last {when}) and {count, plural, one {was} other {were}} indexed as pipeline errors: {reason}',
        values: { ...values, reason: failed.message },
      })
    : i18n.translate('auditSources.format.failedRecords', {
        defaultMessage:
          '{count, plural, one {# record} other {# records}} could not be mapped (last {when}) and {count, plural, one {was} other {were}} indexed as pipeline errors.',
        values,
      });
}

/** "View the 4 failed records". */
export function failedRecordsLinkText(count: number): string {
  return i18n.translate('auditSources.format.viewFailedRecords', {
    defaultMessage: 'View the {count, plural, one {failed record} other {# failed records}}',
    values: { count },
  });
}

/**
 * The events page showing a connector's pipeline_error documents: its source and namespace (its
 * data stream), from where its backfill started (every record it read is stamped at or after it).
 */
export function failedRecordsPath(
  connector: Pick<ConnectorView, 'kind' | 'namespace' | 'health'>
): string {
  return eventsPath({
    kind: 'pipeline_error',
    source: connector.kind,
    namespace: connector.namespace,
    from: connector.health.backfill.from ?? 'now-30d',
    scope: 'space',
  });
}
