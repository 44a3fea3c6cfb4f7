/*
 * IClusterClient (src/core/packages/elasticsearch/server/src/client/cluster_client.ts). Like Kibana's
 * ClusterClient (src/core/packages/elasticsearch/client-server-internal/src/cluster_client.ts):
 * `asInternalUser` authenticates as the host's service user, and `asScoped(request)` is a child of a
 * credential-less root client that forwards only the request's `authorization` header, so a request
 * without credentials can never fall back to the service user.
 */
import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import type {
  ElasticsearchClient,
  IClusterClient,
  IScopedClusterClient,
  ScopeableRequest,
} from '@kbn/core/server';

export interface EsTarget {
  url: string;
  username: string;
  password: string;
}

export interface HostClusterClient extends IClusterClient {
  close(): Promise<void>;
}

function authorizationOf(request: ScopeableRequest): string | undefined {
  const value = request.headers.authorization;
  return Array.isArray(value) ? value[0] : value;
}

export function createClusterClient(url: string, service: EsTarget): HostClusterClient {
  const internal = new Client({
    node: url,
    auth: { username: service.username, password: service.password },
    requestTimeout: 60_000,
  });
  const rootScoped = new Client({ node: url, requestTimeout: 60_000 });
  return {
    asInternalUser: internal,
    asScoped(request: ScopeableRequest): IScopedClusterClient {
      const authorization = authorizationOf(request);
      const asCurrentUser: ElasticsearchClient = rootScoped.child({
        headers: authorization ? { authorization } : {},
      });
      return { asInternalUser: internal, asCurrentUser, asSecondaryAuthUser: asCurrentUser };
    },
    async close() {
      await Promise.all([internal.close(), rootScoped.close()]);
    },
  };
}

/** Index patterns the host's own system indices live under. */
export const HOST_INDEX_PATTERN = '.kibana_host*';

/**
 * Creates the host's service user — a stand-in for `kibana_system` with only what the host needs:
 * its own indices, granting/invalidating API keys (Kibana's security plugin grants on behalf of
 * users with `grant_api_key`), and managing `kibana-*` application privileges (kibana_system's
 * `global.application.manage` in ES's ReservedRolesStore). One user per host start, so concurrent
 * hosts never rotate each other's password.
 */
export async function createServiceUser(
  admin: Client,
  extraIndexPrivileges: Array<{ names: string[]; privileges: string[] }> = []
): Promise<{ username: string; password: string; remove: () => Promise<void> }> {
  const suffix = randomBytes(4).toString('hex');
  const role = `kibana_host_system_${suffix}`;
  const username = `kibana_host_system_${suffix}`;
  const password = randomBytes(18).toString('base64url');
  await admin.security.putRole({
    name: role,
    cluster: ['monitor', 'grant_api_key', 'manage_api_key', 'manage_index_templates'],
    indices: [
      { names: [HOST_INDEX_PATTERN], privileges: ['all'], allow_restricted_indices: false },
      ...extraIndexPrivileges,
    ],
    global: { application: { manage: { applications: ['kibana-*'] } } },
  });
  await admin.security.putUser({ username, password, roles: [role], refresh: 'wait_for' });
  return {
    username,
    password,
    async remove() {
      await admin.security.deleteUser({ username }).catch(() => undefined);
      await admin.security.deleteRole({ name: role }).catch(() => undefined);
    },
  };
}
