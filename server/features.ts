import { DEFAULT_APP_CATEGORIES } from '@kbn/core/server';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { API_PRIVILEGES } from '../common/api/routes';
import { PLUGIN_ID, PLUGIN_NAME } from '../common/constants';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from './saved_objects/constants';

/*
 * The `auditSources` feature: what the role editor offers. `all` configures connectors and
 * triggers runs; `read` sees them, their health and the events table. The API privileges are
 * the ones every route requires (security.authz.requiredPrivileges); the saved-object grants
 * let the user's own saved-objects client reach the hidden types, so Kibana's authorization (not
 * our code) decides. Shape per x-pack/platform/plugins/shared/features/common/kibana_feature.ts
 * for 9.4 (no `scope`, see typings/kbn/features-plugin).
 */
export const auditSourcesFeature: KibanaFeatureConfig = {
  id: PLUGIN_ID,
  name: PLUGIN_NAME,
  description: 'Pull Lumos activity logs and Closer security logs into Elasticsearch data streams.',
  category: DEFAULT_APP_CATEGORIES.management,
  app: [PLUGIN_ID],
  privileges: {
    all: {
      app: [PLUGIN_ID],
      api: [API_PRIVILEGES.read, API_PRIVILEGES.write],
      savedObject: {
        all: [CONNECTOR_SAVED_OBJECT_TYPE, CONNECTOR_STATE_SAVED_OBJECT_TYPE],
        read: [],
      },
      ui: ['show', 'save'],
    },
    read: {
      app: [PLUGIN_ID],
      api: [API_PRIVILEGES.read],
      savedObject: {
        all: [],
        read: [CONNECTOR_SAVED_OBJECT_TYPE, CONNECTOR_STATE_SAVED_OBJECT_TYPE],
      },
      ui: ['show'],
    },
  },
};
