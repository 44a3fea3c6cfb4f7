import { i18n } from '@kbn/i18n';
import { lumosSource } from '../../../common/sources/lumos/definition';
import type { PublicSource } from '../public_source';
import { lumosFields } from './form';

export const lumosPublicSource: PublicSource = {
  kind: lumosSource.kind,
  definition: lumosSource,
  icon: 'users',
  // The id is the events page's, where the name was first translated.
  label: () => i18n.translate('auditSources.events.sourceLumos', { defaultMessage: 'Lumos' }),
  summary: () =>
    i18n.translate('auditSources.sources.lumos.summary', {
      defaultMessage: 'Activity logs from the Lumos access-management API (GET /activity_logs).',
    }),
  needs: () =>
    i18n.translate('auditSources.sources.lumos.needs', {
      defaultMessage: 'Needs a Lumos API token (lsk_…) with access to activity logs.',
    }),
  namePlaceholder: () =>
    i18n.translate('auditSources.connectorForm.name.lumosPlaceholder', {
      defaultMessage: 'e.g. Lumos production',
    }),
  lagExplanation: () =>
    i18n.translate('auditSources.format.lagLumos', {
      defaultMessage:
        'How far behind now the connector has read: now minus the time of the newest event read, measured when the last run ended. It grows between runs and with the polling interval.',
    }),
  fields: lumosFields,
  createValues: {},
  testDetailLabel: (key) => {
    switch (key) {
      case 'baseUrl':
        return i18n.translate('auditSources.testAndPreview.detail.baseUrl', {
          defaultMessage: 'Base URL',
        });
      case 'eventsLast24h':
        return i18n.translate('auditSources.testAndPreview.detail.eventsLast24h', {
          defaultMessage: 'Events in the last 24 hours',
        });
      default:
        return undefined;
    }
  },
  testDetailValue: () => undefined,
};
