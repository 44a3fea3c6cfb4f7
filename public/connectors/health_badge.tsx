import React from 'react';
import { EuiBadge, EuiLink, EuiToolTip } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { ConnectorHealth, HealthStatus } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { useAppLink } from '../application/app_context';
import {
  failedRecordsLinkText,
  failedRecordsPath,
  failedRecordsSentence,
  formatRelative,
} from './format';

const HEALTH_COLOR: Readonly<Record<HealthStatus, string>> = {
  healthy: 'success',
  degraded: 'warning',
  failing: 'danger',
  pending: 'hollow',
  disabled: 'default',
};

export function healthLabel(status: HealthStatus): string {
  switch (status) {
    case 'healthy':
      return i18n.translate('auditSources.health.healthy', { defaultMessage: 'Healthy' });
    case 'degraded':
      return i18n.translate('auditSources.health.degraded', { defaultMessage: 'Degraded' });
    case 'failing':
      return i18n.translate('auditSources.health.failing', { defaultMessage: 'Failing' });
    case 'pending':
      return i18n.translate('auditSources.health.pending', { defaultMessage: 'Pending' });
    case 'disabled':
      return i18n.translate('auditSources.health.disabled', { defaultMessage: 'Disabled' });
  }
}

function statusDescription(status: HealthStatus): string {
  switch (status) {
    case 'healthy':
      return i18n.translate('auditSources.health.healthyDescription', {
        defaultMessage: 'The last run succeeded and every record since the last clean run mapped.',
      });
    case 'degraded':
      return i18n.translate('auditSources.health.degradedDescription', {
        defaultMessage: 'The last run was cut short; the next run resumes from its checkpoint.',
      });
    case 'failing':
      return i18n.translate('auditSources.health.failingDescription', {
        defaultMessage: 'The last run failed.',
      });
    case 'pending':
      return i18n.translate('auditSources.health.pendingDescription', {
        defaultMessage: 'Waiting for the first run.',
      });
    case 'disabled':
      return i18n.translate('auditSources.health.disabledDescription', {
        defaultMessage: 'The connector is disabled.',
      });
  }
}

/** The last run's error, when the last run is the one that failed or stopped early. */
export function lastErrorSentence(health: ConnectorHealth, now = Date.now()): string | undefined {
  const { lastError } = health;
  if (!lastError || (health.status !== 'failing' && health.status !== 'degraded')) return undefined;
  // lastError outlives later good runs: a degraded connector shows it only if the last run is
  // the one that stopped (otherwise it is degraded for its failed records).
  if (health.status === 'degraded' && lastError.at !== health.lastRunAt) return undefined;
  const values = { when: formatRelative(lastError.at, now), message: lastError.message };
  return health.status === 'failing'
    ? i18n.translate('auditSources.health.lastError', {
        defaultMessage: 'The last run failed {when}: {message}',
        values,
      })
    : i18n.translate('auditSources.health.lastRunStopped', {
        defaultMessage: 'The last run stopped early {when}: {message}',
        values,
      });
}

/**
 * What a connector's health means, in sentences: the last run's error, then the records that
 * could not be mapped since the last clean run (server/connectors/health.ts nextFailedRecords).
 * The connectors table's tooltip and the detail page show the same sentences.
 */
export function healthSentences(health: ConnectorHealth, now = Date.now()): string[] {
  if (health.status === 'disabled' || health.status === 'pending') {
    return [statusDescription(health.status)];
  }
  const sentences = [lastErrorSentence(health, now), failedRecordsSentence(health, now)].filter(
    (sentence): sentence is string => sentence !== undefined
  );
  return sentences.length > 0 ? sentences : [statusDescription(health.status)];
}

/** Health status as a badge whose tooltip says what happened (healthSentences). */
export function HealthBadge({ health, now }: { health: ConnectorHealth; now?: number }) {
  const badge = (
    <EuiBadge
      color={HEALTH_COLOR[health.status]}
      data-test-subj={`healthBadge-${health.status}`}
      iconType={health.status === 'failing' || health.status === 'degraded' ? 'warning' : undefined}
    >
      {healthLabel(health.status)}
    </EuiBadge>
  );
  const content = (
    <div data-test-subj="healthBadgeTooltip">
      {healthSentences(health, now).map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
  return (
    <EuiToolTip content={content} position="top">
      <span tabIndex={0} data-test-subj="healthBadgeAnchor">
        {badge}
      </span>
    </EuiToolTip>
  );
}

/**
 * "View the 4 failed records": the events page filtered to the connector's pipeline_error
 * documents. Nothing when no records failed since the last clean run, unless `count` is given
 * (the detail page's total).
 */
export function FailedRecordsLink({
  connector,
  count = connector.health.failedRecords?.count,
  children,
}: {
  connector: Pick<ConnectorView, 'kind' | 'namespace' | 'health'>;
  count?: number;
  children?: React.ReactNode;
}) {
  const link = useAppLink(failedRecordsPath(connector));
  if (!count) return null;
  return (
    <EuiLink {...link} data-test-subj="failedRecordsLink">
      {children ?? failedRecordsLinkText(count)}
    </EuiLink>
  );
}
