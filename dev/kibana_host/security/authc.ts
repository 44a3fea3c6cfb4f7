/*
 * Authentication: Kibana's HTTP authentication provider accepts `Authorization: Basic …` and
 * `ApiKey …` and checks them with `GET _security/_authenticate` as the caller
 * (x-pack/platform/plugins/shared/security/server/authentication/providers/http.ts). Results are
 * cached for a few seconds (keyed by a hash, never the header) to spare ES a round trip per request.
 */
import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import type { AuthenticatedUser, KibanaRequest } from '@kbn/core/server';
import type { HostClusterClient } from '../es/cluster_client';

const CACHE_TTL_MS = 2_000;

export function toAuthenticatedUser(me: estypes.SecurityAuthenticateResponse): AuthenticatedUser {
  return {
    username: me.username,
    roles: me.roles,
    full_name: me.full_name ?? undefined,
    email: me.email ?? undefined,
    enabled: me.enabled,
    authentication_realm: me.authentication_realm,
    lookup_realm: me.lookup_realm,
    authentication_type: me.authentication_type,
    elastic_cloud_user: false,
  };
}

export class Authenticator {
  private readonly cache = new Map<string, { user: AuthenticatedUser; expires: number }>();
  private readonly users = new WeakMap<KibanaRequest, AuthenticatedUser>();

  constructor(private readonly cluster: HostClusterClient) {}

  /** `null` when the request carries no credentials or ES rejects them (→ 401). */
  async authenticate(request: KibanaRequest): Promise<AuthenticatedUser | null> {
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (!value || !/^(basic|apikey|bearer) /i.test(value)) return null;
    const key = createHash('sha256').update(value).digest('hex');
    const cached = this.cache.get(key);
    let user: AuthenticatedUser;
    if (cached && cached.expires > Date.now()) {
      user = cached.user;
    } else {
      try {
        const me = await this.cluster.asScoped(request).asCurrentUser.security.authenticate();
        user = toAuthenticatedUser(me);
      } catch (error) {
        if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 401) return null;
        throw error;
      }
      this.cache.set(key, { user, expires: Date.now() + CACHE_TTL_MS });
    }
    this.users.set(request, user);
    return user;
  }

  /** Binds a user to a request built after authentication (the validated request object). */
  remember(request: KibanaRequest, user: AuthenticatedUser): void {
    this.users.set(request, user);
  }

  getCurrentUser(request: KibanaRequest): AuthenticatedUser | null {
    return this.users.get(request) ?? null;
  }
}
