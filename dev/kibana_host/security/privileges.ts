/*
 * Kibana feature privileges as real Elasticsearch application privileges.
 *
 * - Actions follow x-pack/platform/packages/private/security/authorization_core/src/actions/*:
 *   `login:`, `api:<op>`, `app:<id>`, `ui:<featureId>/<capability>`, `ui:navLinks/<app>`,
 *   `ui:catalogue/<id>`, `ui:management/<section>/<id>`, `saved_object:<type>/<op>` (operations from
 *   privileges/feature_privilege_builder/saved_object.ts).
 * - Privileges are `feature_<id>.<all|read>` plus the `all`/`read` base privileges, in application
 *   `kibana-.kibana` (privileges.ts / privilege_serializer.ts), registered with
 *   `PUT _security/privilege` as register_privileges_with_cluster.ts does.
 * - Checks use `POST _security/user/_has_privileges` as the user on resource `space:<id>` of the
 *   request's space (authorization/check_privileges.ts `atSpace`, resource_serializer.ts
 *   `serializeSpaceResource`), which is what check_privileges_dynamically.ts does when the spaces
 *   plugin is enabled (`spacesService.getSpaceId(request)`); superusers hold `*` and pass.
 */
import type { KibanaRequest } from '@kbn/core/server';
import type { FeatureKibanaPrivileges, KibanaFeatureConfig } from '@kbn/features-plugin/server';
import type { HostClusterClient } from '../es/cluster_client';
import { getRequestSpace } from '../spaces/request_space';

export const KIBANA_APPLICATION = 'kibana-.kibana';
/** resource_serializer.ts serializeSpaceResource. */
export const spaceResource = (spaceId: string) => `space:${spaceId}`;
export const DEFAULT_SPACE_RESOURCE = spaceResource('default');
export const LOGIN_ACTION = 'login:';

const SO_READ_OPERATIONS = ['bulk_get', 'get', 'find', 'open_point_in_time', 'close_point_in_time'];
const SO_WRITE_OPERATIONS = [
  'create',
  'bulk_create',
  'update',
  'bulk_update',
  'delete',
  'bulk_delete',
  'share_to_space',
];

export const apiAction = (operation: string) => `api:${operation}`;
export const savedObjectAction = (type: string, operation: string) =>
  `saved_object:${type}/${operation}`;

export function featurePrivilegeActions(
  feature: KibanaFeatureConfig,
  privilege: FeatureKibanaPrivileges
): string[] {
  const actions = [
    LOGIN_ACTION,
    ...(privilege.api ?? []).map(apiAction),
    ...(privilege.app ?? []).map((app) => `app:${app}`),
    ...(privilege.catalogue ?? []).map((entry) => `ui:catalogue/${entry}`),
    ...Object.entries(privilege.management ?? {}).flatMap(([section, ids]) =>
      ids.map((id) => `ui:management/${section}/${id}`)
    ),
    ...(privilege.app ?? []).map((app) => `ui:navLinks/${app}`),
    ...privilege.savedObject.all.flatMap((type) =>
      [...SO_READ_OPERATIONS, ...SO_WRITE_OPERATIONS].map((op) => savedObjectAction(type, op))
    ),
    ...privilege.savedObject.read.flatMap((type) =>
      SO_READ_OPERATIONS.map((op) => savedObjectAction(type, op))
    ),
    ...privilege.ui.map((capability) => `ui:${feature.id}/${capability}`),
  ];
  return [...new Set(actions)];
}

export async function registerFeaturePrivileges(
  cluster: HostClusterClient,
  features: readonly KibanaFeatureConfig[]
): Promise<void> {
  const privileges: Record<string, { actions: string[]; metadata: Record<string, unknown> }> = {};
  const base: Record<'all' | 'read', Set<string>> = { all: new Set(), read: new Set() };
  for (const feature of features) {
    if (!feature.privileges) continue;
    for (const id of ['all', 'read'] as const) {
      const def = feature.privileges[id];
      const actions = featurePrivilegeActions(feature, def);
      privileges[`feature_${feature.id}.${id}`] = { actions, metadata: {} };
      if (!def.excludeFromBasePrivileges && !feature.excludeFromBasePrivileges) {
        actions.forEach((a) => base[id].add(a));
      }
    }
  }
  for (const id of ['all', 'read'] as const) {
    privileges[id] = { actions: [LOGIN_ACTION, ...base[id]], metadata: {} };
  }
  await cluster.asInternalUser.security.putPrivileges({
    privileges: { [KIBANA_APPLICATION]: privileges },
    refresh: 'wait_for',
  });
}

/** `{ action: authorized }` for the request's user at the request's space (getRequestSpace). */
export async function checkPrivileges(
  cluster: HostClusterClient,
  request: KibanaRequest,
  actions: string[]
): Promise<Record<string, boolean>> {
  return checkPrivilegesAtSpace(cluster, request, getRequestSpace(request), actions);
}

/** check_privileges.ts `atSpace(spaceId, { kibana: actions })`; `login:` is always asked too. */
export async function checkPrivilegesAtSpace(
  cluster: HostClusterClient,
  request: KibanaRequest,
  spaceId: string,
  actions: string[]
): Promise<Record<string, boolean>> {
  const resource = spaceResource(spaceId);
  const response = await cluster.asScoped(request).asCurrentUser.security.hasPrivileges({
    application: [
      {
        application: KIBANA_APPLICATION,
        resources: [resource],
        privileges: [...new Set([LOGIN_ACTION, ...actions])],
      },
    ],
  });
  return response.application[KIBANA_APPLICATION]?.[resource] ?? {};
}

/** Kibana's SUPERUSER_PRIVILEGES check, reduced to the cluster `all` privilege. */
export async function isSuperuser(
  cluster: HostClusterClient,
  request: KibanaRequest
): Promise<boolean> {
  const response = await cluster
    .asScoped(request)
    .asCurrentUser.security.hasPrivileges({ cluster: ['all'] });
  return response.has_all_requested;
}
