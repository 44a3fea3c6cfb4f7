/*
 * Local declarations for `@kbn/features-plugin/server` (Kibana 9.4.3).
 * Mirrors x-pack/platform/plugins/shared/features/{common/kibana_feature.ts,
 * common/feature_kibana_privileges.ts, server/plugin.ts}. Subset only.
 *
 * No `scope` / `KibanaFeatureScope`: it was added in 8.16 (PR #191634) and removed from the
 * feature config and its validation schema in PR #234146 (Sep 2025, 9.2). 9.4 features must not
 * set it.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

import type { AppCategory } from '@kbn/core-application-common';

// x-pack/platform/plugins/shared/features/common/feature_kibana_privileges.ts (subset: alerting,
// cases, composedOf, replacedBy omitted)
export interface FeatureKibanaPrivileges {
  excludeFromBasePrivileges?: boolean;
  requireAllSpaces?: boolean;
  disabled?: boolean;
  management?: { [sectionId: string]: readonly string[] };
  catalogue?: readonly string[];
  /** API privileges; matched by routes' `security.authz.requiredPrivileges`. */
  api?: readonly string[];
  app?: readonly string[];
  savedObject: {
    all: readonly string[];
    read: readonly string[];
  };
  ui: readonly string[];
}

// x-pack/platform/plugins/shared/features/common/kibana_feature.ts (KibanaFeatureConfig; subset:
// minimumLicense, alerting, cases, subFeatures, privilegesTooltip, reserved, hidden, deprecated
// omitted)
export interface KibanaFeatureConfig {
  id: string;
  name: string;
  description?: string | null;
  category: AppCategory;
  order?: number;
  excludeFromBasePrivileges?: boolean;
  app: readonly string[];
  management?: { [sectionId: string]: readonly string[] };
  catalogue?: readonly string[];
  privileges: {
    all: FeatureKibanaPrivileges;
    read: FeatureKibanaPrivileges;
  } | null;
}

// x-pack/platform/plugins/shared/features/server/plugin.ts (FeaturesPluginSetup; subset)
export interface FeaturesPluginSetup {
  registerKibanaFeature(feature: KibanaFeatureConfig): void;
}
