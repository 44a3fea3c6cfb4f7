import React from 'react';
import { EuiFlexGroup, EuiFlexItem, EuiIconTip, EuiProgress, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { backfillProgress, type ConnectorHealth } from '../../common/connectors/health';
import { backfillExplanation, countsSoFar, formatTimestamp } from './format';

/** Whole percent of the backfill covered, from common's backfillProgress. */
export function backfillPercent(health: ConnectorHealth, now: number): number {
  return Math.floor(backfillProgress(health, now) * 100);
}

/**
 * The initial backfill: how much of [start, now] the cursor has covered, and events so far. Shown
 * while the backfill is running; nothing once it is complete (unless `showComplete`).
 */
export function BackfillProgress({
  health,
  now,
  compact = false,
  showComplete = false,
}: {
  health: ConnectorHealth;
  now: number;
  compact?: boolean;
  showComplete?: boolean;
}) {
  const { backfill } = health;
  if (backfill.complete && !showComplete) return null;
  const percent = backfillPercent(health, now);
  const started = Boolean(backfill.from && backfill.cursor);
  const label = backfill.complete
    ? i18n.translate('auditSources.backfill.complete', { defaultMessage: 'Backfill complete' })
    : started
      ? i18n.translate('auditSources.backfill.percent', {
          defaultMessage: 'Backfill {percent}%',
          values: { percent },
        })
      : i18n.translate('auditSources.backfill.starting', { defaultMessage: 'Backfill starting' });
  // Totals grow when a run ends; the run in progress reports its counts with each checkpoint.
  const events = i18n.translate('auditSources.backfill.events', {
    defaultMessage: '{count, plural, one {# event} other {# events}}',
    values: { count: countsSoFar(health).written },
  });
  const range =
    !compact && started
      ? i18n.translate('auditSources.backfill.range', {
          defaultMessage: ' · from {from} · reached {cursor}',
          values: {
            from: formatTimestamp(backfill.from),
            cursor: formatTimestamp(backfill.cursor),
          },
        })
      : '';
  return (
    <div data-test-subj="backfillProgress">
      <EuiProgress
        value={percent}
        max={100}
        size={compact ? 'xs' : 's'}
        color={health.status === 'failing' ? 'danger' : 'primary'}
        label={compact ? undefined : label}
        valueText={compact ? undefined : `${percent}%`}
        aria-label={label}
      />
      <EuiFlexGroup gutterSize="s" responsive={false} wrap alignItems="center">
        <EuiFlexItem grow={false}>
          <EuiText size="xs" color="subdued" data-test-subj="backfillProgressText">
            {compact ? `${label} · ` : ''}
            {events}
            {range}
          </EuiText>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiIconTip
            type="questionInCircle"
            size="s"
            color="subdued"
            content={backfillExplanation()}
            iconProps={{ 'data-test-subj': 'backfillHelp' }}
          />
        </EuiFlexItem>
      </EuiFlexGroup>
    </div>
  );
}
