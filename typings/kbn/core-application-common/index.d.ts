/*
 * Local declarations for `@kbn/core-application-common` (Kibana 9.4.3).
 * Mirrors src/core/packages/application/common/src/*. Only what this plugin uses.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

// src/core/packages/application/common/src/app_category.ts
/** A category definition for nav links to know where to sort them in the left hand nav. */
export interface AppCategory {
  /** Unique identifier for the categories */
  id: string;
  /** Label used for category name. Also used as aria-label if one isn't set. */
  label: string;
  /** If the visual label isn't appropriate for screen readers, can override it here */
  ariaLabel?: string;
  /** The order that categories will be sorted in (default categories are in steps of 1000) */
  order?: number;
  /** Define an icon to be used for the category */
  euiIconType?: string;
}

// src/core/packages/application/common/src/default_app_categories.ts
// RUNTIME VALUE (frozen object). Kibana types it as `Record<string, AppCategory>`; the real keys are
// kibana (id 'kibana', 'Analytics', 1000), enterpriseSearch (2000), observability (3000),
// security (id 'securitySolution', 4000) and management (5000). Labels are i18n-translated.
export declare const DEFAULT_APP_CATEGORIES: Record<string, AppCategory>;
