import type { AppCategory } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';

/**
 * Kibana's Management category, copied from DEFAULT_APP_CATEGORIES.management
 * (src/core/packages/application/common/src/default_app_categories.ts: id 'management',
 * label 'Management', order 5000, euiIconType 'managementApp').
 *
 * A copy rather than the runtime import: `import { DEFAULT_APP_CATEGORIES } from '@kbn/core/public'`
 * would compile to `__kbnBundles__.get('entry/core/public').DEFAULT_APP_CATEGORIES`, a read of
 * core's bundle exports that no typed contract guarantees (plugins normally get core only through
 * setup/start). The nav groups apps by category `id`, so an identical copy lands in the same
 * group. See docs/app.md.
 */
export const MANAGEMENT_APP_CATEGORY: AppCategory = Object.freeze({
  id: 'management',
  // Kibana translates it as core.ui.managementNavList.label; ours carries the plugin's prefix.
  label: i18n.translate('auditSources.app.managementCategory', { defaultMessage: 'Management' }),
  order: 5000,
  euiIconType: 'managementApp',
});
