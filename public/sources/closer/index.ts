import { i18n } from '@kbn/i18n';
import { closerSource } from '../../../common/sources/closer/definition';
import type { PublicSource } from '../public_source';
import { closerFields } from './form';

/** The facts server/sources/closer/probe.ts reports, in words. */
function testDetailLabel(key: string): string | undefined {
  switch (key) {
    case 'searchApi':
      return i18n.translate('auditSources.testAndPreview.detail.searchApi', {
        defaultMessage: 'Search API',
      });
    case 'index':
      return i18n.translate('auditSources.testAndPreview.detail.index', {
        defaultMessage: 'Index',
      });
    case 'version':
      return i18n.translate('auditSources.testAndPreview.detail.version', {
        defaultMessage: 'Elasticsearch version',
      });
    case 'cluster':
      return i18n.translate('auditSources.testAndPreview.detail.cluster', {
        defaultMessage: 'Cluster name',
      });
    case 'documents':
      return i18n.translate('auditSources.testAndPreview.detail.documents', {
        defaultMessage: 'Documents in the index',
      });
    case 'latest':
      return i18n.translate('auditSources.testAndPreview.detail.latest', {
        defaultMessage: 'Newest document',
      });
    default:
      return undefined;
  }
}

function testDetailValue(key: string, value: string | number | boolean): string | undefined {
  if (key === 'searchApi' && value === 'pit') {
    return i18n.translate('auditSources.testAndPreview.detail.searchApi.pit', {
      defaultMessage: 'Point in time with search_after',
    });
  }
  if (key === 'searchApi' && value === 'scroll') {
    return i18n.translate('auditSources.testAndPreview.detail.searchApi.scroll', {
      defaultMessage: 'Scroll',
    });
  }
  return undefined;
}

export const closerPublicSource: PublicSource = {
  kind: closerSource.kind,
  definition: closerSource,
  icon: 'securityApp',
  // The id is the events page's, where the name was first translated.
  label: () => i18n.translate('auditSources.events.sourceCloser', { defaultMessage: 'Closer' }),
  summary: () =>
    i18n.translate('auditSources.sources.closer.summary', {
      defaultMessage: 'Security logs from a Closer deployment’s Elasticsearch index.',
    }),
  needs: () =>
    i18n.translate('auditSources.sources.closer.needs', {
      defaultMessage: 'Needs the cluster URL and a user or API key that can read the Closer index.',
    }),
  namePlaceholder: () =>
    i18n.translate('auditSources.connectorForm.name.closerPlaceholder', {
      defaultMessage: 'e.g. Closer SOC',
    }),
  lagExplanation: () =>
    i18n.translate('auditSources.format.lagCloser', {
      defaultMessage:
        'How far behind now the connector has read, measured when the last run ended. Closer never reads the newest minutes: it stops at now minus its own Lag setting, so that events still being indexed on Closer are not skipped. The lag shown includes that setting.',
    }),
  fields: closerFields,
  createValues: { 'settings.authType': 'basic' },
  testDetailLabel,
  testDetailValue,
};
