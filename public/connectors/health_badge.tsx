import React from 'react';
import { EuiBadge, EuiToolTip } from '@elastic/eui';
import type { ConnectorHealth, HealthStatus } from '../../common/connectors/health';
import { formatTimestamp } from './format';

const HEALTH_DISPLAY: Readonly<
  Record<HealthStatus, { label: string; color: string; description: string }>
> = {
  healthy: { label: 'Healthy', color: 'success', description: 'The last run succeeded.' },
  degraded: {
    label: 'Degraded',
    color: 'warning',
    description: 'The last run only partly succeeded.',
  },
  failing: { label: 'Failing', color: 'danger', description: 'The last run failed.' },
  pending: { label: 'Pending', color: 'hollow', description: 'Waiting for the first run.' },
  disabled: { label: 'Disabled', color: 'default', description: 'The connector is disabled.' },
};

export function healthLabel(status: HealthStatus): string {
  return HEALTH_DISPLAY[status].label;
}

/** Health status as a badge; degraded and failing explain themselves with the last error. */
export function HealthBadge({ health }: { health: ConnectorHealth }) {
  const display = HEALTH_DISPLAY[health.status];
  const badge = (
    <EuiBadge
      color={display.color}
      data-test-subj={`healthBadge-${health.status}`}
      iconType={health.status === 'failing' || health.status === 'degraded' ? 'warning' : undefined}
    >
      {display.label}
    </EuiBadge>
  );
  const showError =
    (health.status === 'failing' || health.status === 'degraded') && health.lastError;
  const content = showError ? (
    <>
      <strong>Last error</strong> ({formatTimestamp(health.lastError?.at)}):
      <br />
      {health.lastError?.message}
    </>
  ) : (
    display.description
  );
  return (
    <EuiToolTip content={content} position="top">
      <span tabIndex={0} data-test-subj="healthBadgeAnchor">
        {badge}
      </span>
    </EuiToolTip>
  );
}
