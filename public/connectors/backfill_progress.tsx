import React from 'react';
import { EuiFlexGroup, EuiFlexItem, EuiProgress, EuiText } from '@elastic/eui';
import { backfillProgress, type ConnectorHealth } from '../../common/connectors/health';
import { formatCount, formatTimestamp } from './format';

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
    ? 'Backfill complete'
    : started
      ? `Backfill ${percent}%`
      : 'Backfill starting';
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
      <EuiFlexGroup gutterSize="s" responsive={false} wrap>
        <EuiFlexItem grow={false}>
          <EuiText size="xs" color="subdued" data-test-subj="backfillProgressText">
            {compact ? `${label} · ` : ''}
            {formatCount(health.totals.written)} events
            {!compact && started
              ? ` · from ${formatTimestamp(backfill.from)} · reached ${formatTimestamp(backfill.cursor)}`
              : ''}
          </EuiText>
        </EuiFlexItem>
      </EuiFlexGroup>
    </div>
  );
}
