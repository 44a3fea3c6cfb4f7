import { i18n } from '@kbn/i18n';

/* Labels and placeholders more than one source's form uses, so each is translated once. */

export const PEM_PLACEHOLDER = '-----BEGIN CERTIFICATE-----';
export const PROXY_PLACEHOLDER = 'http://proxy.internal:3128';

export const proxyLabel = () =>
  i18n.translate('auditSources.connectorForm.proxyUrl.label', { defaultMessage: 'Proxy URL' });

export const caLabel = () =>
  i18n.translate('auditSources.connectorForm.caCertificate.label', {
    defaultMessage: 'CA certificate',
  });

export const initialWindowLabel = () =>
  i18n.translate('auditSources.connectorForm.initialWindow.label', {
    defaultMessage: 'Initial backfill window',
  });
