import { i18n } from '@kbn/i18n';
import { DEFAULT_LUMOS_BASE_URL } from '../../../common/sources/lumos/definition';
import type { FieldDef } from '../public_source';
import {
  caLabel,
  initialWindowLabel,
  PEM_PLACEHOLDER,
  PROXY_PLACEHOLDER,
  proxyLabel,
} from '../shared_fields';

/** Lumos's form fields (common/sources/lumos/definition.ts has their codecs). */
export function lumosFields(): FieldDef[] {
  return [
    {
      path: 'secrets.apiToken',
      label: i18n.translate('auditSources.connectorForm.apiToken.label', {
        defaultMessage: 'API token',
      }),
      control: 'password',
      required: true,
      secret: true,
      placeholder: 'lsk_…',
      helpText: i18n.translate('auditSources.connectorForm.apiToken.help', {
        defaultMessage: 'A Lumos API token (Settings → API tokens in Lumos). It starts with lsk_.',
      }),
    },
    {
      path: 'settings.baseUrl',
      label: i18n.translate('auditSources.connectorForm.baseUrl.label', {
        defaultMessage: 'Base URL',
      }),
      control: 'text',
      placeholder: DEFAULT_LUMOS_BASE_URL,
      helpText: i18n.translate('auditSources.connectorForm.baseUrl.help', {
        defaultMessage: 'Leave blank for https://api.lumos.com.',
      }),
    },
    {
      path: 'settings.initialWindow',
      label: initialWindowLabel(),
      control: 'text',
      placeholder: '30d',
      helpText: i18n.translate('auditSources.connectorForm.initialWindow.lumosHelp', {
        defaultMessage:
          'How far back the first run reads: e.g. 7d, 30d, 180d, or "everything". Default 30d.',
      }),
    },
    {
      path: 'settings.lateArrivalWindow',
      label: i18n.translate('auditSources.connectorForm.lateArrivalWindow.label', {
        defaultMessage: 'Late-arrival window',
      }),
      control: 'text',
      advanced: true,
      placeholder: '1h',
      helpText: i18n.translate('auditSources.connectorForm.lateArrivalWindow.help', {
        defaultMessage:
          'Each run re-reads this far before its checkpoint, for events Lumos publishes late.',
      }),
    },
    {
      path: 'settings.proxyUrl',
      label: proxyLabel(),
      control: 'text',
      advanced: true,
      placeholder: PROXY_PLACEHOLDER,
    },
    {
      path: 'settings.caCertificate',
      label: caLabel(),
      control: 'textarea',
      advanced: true,
      placeholder: PEM_PLACEHOLDER,
      helpText: i18n.translate('auditSources.connectorForm.caCertificate.lumosHelp', {
        defaultMessage: 'PEM certificate to trust for the Lumos API or the proxy (TLS inspection).',
      }),
    },
  ];
}
