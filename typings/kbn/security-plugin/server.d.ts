/*
 * Local declarations for `@kbn/security-plugin/server` (Kibana 9.4.3) — minimum only.
 *
 * Core covers what this plugin needs: `CoreStart.security.authc.getCurrentUser` and
 * `CoreStart.security.authc.apiKeys.{areAPIKeysEnabled,grantAsInternalUser,invalidateAsInternalUser}`
 * (src/core/packages/security/server/src/authc.ts, .../authentication/api_keys/api_keys.ts). Task
 * Manager (server/lib/api_key_utils.ts) and newer alerting code call them through core's
 * SecurityServiceStart. Prefer core; this module exists only because `security` is an optional
 * plugin dependency in kibana.jsonc.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

import type { CoreAuthenticationService } from '@kbn/core/server';

// x-pack/platform/plugins/shared/security/server/plugin.ts (SecurityPluginStart). Its `authc` is
// AuthenticationServiceStart from @kbn/security-plugin-types-server (not read); only the members
// that core's CoreAuthenticationService also has are declared, reusing core's types.
// `authz` and `userProfiles` are omitted.
export interface SecurityPluginStart {
  authc: Pick<CoreAuthenticationService, 'getCurrentUser' | 'apiKeys'>;
}

// x-pack/platform/plugins/shared/security/server/plugin.ts (SecurityPluginSetup; nothing used)
export interface SecurityPluginSetup {}
