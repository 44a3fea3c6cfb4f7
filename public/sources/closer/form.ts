import { i18n } from '@kbn/i18n';
import type { FieldDef, FormValues } from '../public_source';
import {
  caLabel,
  initialWindowLabel,
  PEM_PLACEHOLDER,
  PROXY_PLACEHOLDER,
  proxyLabel,
} from '../shared_fields';

const isBasic = (values: FormValues) => values['settings.authType'] === 'basic';
const isApiKey = (values: FormValues) => values['settings.authType'] === 'api_key';

/** Query DSL, not prose: the same in every language. */
const QUERY_PLACEHOLDER = '{"term": {"message.user.id": "..."}}';

function connectionFields(): FieldDef[] {
  return [
    {
      path: 'settings.url',
      label: i18n.translate('auditSources.connectorForm.url.label', {
        defaultMessage: 'Closer Elasticsearch URL',
      }),
      control: 'text',
      required: true,
      placeholder: 'https://closer-es.example.com:9200',
    },
    {
      path: 'settings.authType',
      label: i18n.translate('auditSources.connectorForm.authType.label', {
        defaultMessage: 'Authentication',
      }),
      control: 'select',
      required: true,
      options: [
        {
          value: 'basic',
          text: i18n.translate('auditSources.connectorForm.authType.basic', {
            defaultMessage: 'Username and password',
          }),
        },
        {
          value: 'api_key',
          text: i18n.translate('auditSources.connectorForm.authType.apiKey', {
            defaultMessage: 'API key',
          }),
        },
        {
          value: 'none',
          text: i18n.translate('auditSources.connectorForm.authType.none', {
            defaultMessage: 'None',
          }),
        },
      ],
    },
    {
      path: 'settings.username',
      label: i18n.translate('auditSources.connectorForm.username.label', {
        defaultMessage: 'Username',
      }),
      control: 'text',
      visible: isBasic,
    },
    {
      path: 'secrets.password',
      label: i18n.translate('auditSources.connectorForm.password.label', {
        defaultMessage: 'Password',
      }),
      control: 'password',
      secret: true,
      visible: isBasic,
    },
    {
      path: 'secrets.apiKey',
      label: i18n.translate('auditSources.connectorForm.apiKey.label', {
        defaultMessage: 'API key',
      }),
      control: 'password',
      secret: true,
      visible: isApiKey,
      helpText: i18n.translate('auditSources.connectorForm.apiKey.help', {
        defaultMessage: 'The encoded API key (base64 of id:api_key).',
      }),
    },
  ];
}

function readFields(): FieldDef[] {
  return [
    {
      path: 'settings.index',
      label: i18n.translate('auditSources.connectorForm.index.label', {
        defaultMessage: 'Index',
      }),
      control: 'text',
      placeholder: 'closer',
      helpText: i18n.translate('auditSources.connectorForm.index.help', {
        defaultMessage: 'Index, alias or pattern holding the Closer security log. Default closer.',
      }),
    },
    {
      path: 'settings.lag',
      label: i18n.translate('auditSources.connectorForm.lag.label', { defaultMessage: 'Lag' }),
      control: 'text',
      placeholder: '5s',
      helpText: i18n.translate('auditSources.connectorForm.lag.help', {
        defaultMessage:
          'Each window ends this long before now. Default 5s; records Closer makes searchable later are read again by the next runs (for 11 minutes).',
      }),
    },
    {
      path: 'settings.initialWindow',
      label: initialWindowLabel(),
      control: 'text',
      placeholder: 'everything',
      helpText: i18n.translate('auditSources.connectorForm.initialWindow.closerHelp', {
        defaultMessage:
          'How far back the first run reads: e.g. 30d, or "everything" (the default).',
      }),
    },
  ];
}

function advancedFields(): FieldDef[] {
  return [
    {
      path: 'settings.caCertificate',
      label: caLabel(),
      control: 'textarea',
      advanced: true,
      placeholder: PEM_PLACEHOLDER,
      helpText: i18n.translate('auditSources.connectorForm.caCertificate.closerHelp', {
        defaultMessage: 'PEM certificate of the CA that signed the cluster’s certificate.',
      }),
    },
    {
      path: 'settings.caFingerprint',
      label: i18n.translate('auditSources.connectorForm.caFingerprint.label', {
        defaultMessage: 'CA certificate fingerprint',
      }),
      control: 'text',
      advanced: true,
      placeholder: i18n.translate('auditSources.connectorForm.caFingerprint.placeholder', {
        defaultMessage: 'SHA-256, 64 hex digits',
      }),
    },
    {
      path: 'settings.query',
      label: i18n.translate('auditSources.connectorForm.query.label', {
        defaultMessage: 'Query (optional)',
      }),
      control: 'textarea',
      advanced: true,
      placeholder: QUERY_PLACEHOLDER,
      helpText: i18n.translate('auditSources.connectorForm.query.help', {
        defaultMessage: 'Extra query DSL clause as JSON, ANDed with the time window.',
      }),
    },
    {
      path: 'settings.proxyUrl',
      label: proxyLabel(),
      control: 'text',
      advanced: true,
      placeholder: PROXY_PLACEHOLDER,
    },
  ];
}

/** Closer's form fields (common/sources/closer/definition.ts has their codecs). */
export function closerFields(): FieldDef[] {
  return [...connectionFields(), ...readFields(), ...advancedFields()];
}
