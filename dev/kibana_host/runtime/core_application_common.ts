/*
 * Runtime for `@kbn/core-application-common`: DEFAULT_APP_CATEGORIES, copied from
 * src/core/packages/application/common/src/default_app_categories.ts (labels untranslated).
 */
import type { DEFAULT_APP_CATEGORIES as Declared } from '@kbn/core-application-common';

export const DEFAULT_APP_CATEGORIES: typeof Declared = Object.freeze({
  kibana: { id: 'kibana', label: 'Analytics', euiIconType: 'logoKibana', order: 1000 },
  enterpriseSearch: {
    id: 'enterpriseSearch',
    label: 'Elasticsearch',
    euiIconType: 'logoElasticsearch',
    order: 2000,
  },
  observability: {
    id: 'observability',
    label: 'Observability',
    euiIconType: 'logoObservability',
    order: 3000,
  },
  security: {
    id: 'securitySolution',
    label: 'Security',
    order: 4000,
    euiIconType: 'logoSecurity',
  },
  management: { id: 'management', label: 'Management', order: 5000, euiIconType: 'managementApp' },
});
