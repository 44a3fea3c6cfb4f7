/*
 * core `security.authc.apiKeys` (src/core/packages/security/server/src/authentication/api_keys/
 * api_keys.ts), implemented like the security plugin's APIKeys
 * (x-pack/platform/plugins/shared/security/server/authentication/api_keys/api_keys.ts):
 * - grantAsInternalUser: the *service user* calls `POST _security/api_key/grant`, passing the
 *   request's own credentials — Basic → grant_type `password`, Bearer → `access_token`; any other
 *   scheme (ApiKey included) is "Unsupported scheme", as in Kibana's getGrantParams.
 * - invalidateAsInternalUser: `DELETE _security/api_key` as the service user.
 * - areAPIKeysEnabled: invalidates a made-up id and looks for ES's "api keys not enabled" error.
 */
import type {
  APIKeysType,
  CreateRestAPIKeyParams,
  GrantAPIKeyResult,
  InvalidateAPIKeyResult,
  InvalidateAPIKeysParams,
  KibanaRequest,
  Logger,
} from '@kbn/core/server';
import type { estypes } from '@elastic/elasticsearch';
import type { HostClusterClient } from '../es/cluster_client';

/**
 * Kibana's doesErrorIndicateAPIKeysAreDisabled: ES answers 400 feature_not_enabled_exception with
 * `"disabled.feature": "api_keys"` when `xpack.security.authc.api_key.enabled` is false.
 */
function isApiKeysDisabledError(error: unknown): boolean {
  const body = (error as { meta?: { body?: { error?: Record<string, unknown> } } }).meta?.body;
  return body?.error?.['disabled.feature'] === 'api_keys';
}

export function createApiKeys(cluster: HostClusterClient, logger: Logger): APIKeysType {
  return {
    async areAPIKeysEnabled() {
      try {
        await cluster.asInternalUser.security.invalidateApiKey({
          ids: ['kibana-api-key-service-test'],
        });
        return true;
      } catch (error) {
        if (isApiKeysDisabledError(error)) return false;
        throw error;
      }
    },

    async grantAsInternalUser(
      request: KibanaRequest,
      params: CreateRestAPIKeyParams
    ): Promise<GrantAPIKeyResult | null> {
      const header = request.headers.authorization;
      const value = Array.isArray(header) ? header[0] : header;
      if (!value) {
        throw new Error(
          'Unable to grant an API Key, request does not contain an authorization header'
        );
      }
      const [scheme, ...rest] = value.split(' ');
      const credentials = rest.join(' ');
      const apiKey: estypes.SecurityGrantApiKeyGrantApiKey = {
        name: params.name,
        role_descriptors: params.role_descriptors as Record<string, estypes.SecurityRoleDescriptor>,
        metadata: params.metadata,
        expiration: params.expiration,
      };
      let grant: estypes.SecurityGrantApiKeyRequest;
      if (scheme.toLowerCase() === 'basic') {
        const decoded = Buffer.from(credentials, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        grant = {
          api_key: apiKey,
          grant_type: 'password',
          username: decoded.slice(0, colon),
          password: decoded.slice(colon + 1),
        };
      } else if (scheme.toLowerCase() === 'bearer') {
        grant = { api_key: apiKey, grant_type: 'access_token', access_token: credentials };
      } else {
        throw new Error(`Unsupported scheme "${scheme}" for granting API Key`);
      }
      logger.debug('Trying to grant an API key');
      const result = await cluster.asInternalUser.security.grantApiKey(grant);
      return { id: result.id, name: result.name, api_key: result.api_key };
    },

    async invalidateAsInternalUser(
      params: InvalidateAPIKeysParams
    ): Promise<InvalidateAPIKeyResult | null> {
      logger.debug(`Trying to invalidate ${params.ids.length} API keys`);
      try {
        const result = await cluster.asInternalUser.security.invalidateApiKey({ ids: params.ids });
        return {
          invalidated_api_keys: result.invalidated_api_keys,
          previously_invalidated_api_keys: result.previously_invalidated_api_keys,
          error_count: result.error_count,
          error_details: result.error_details?.map((d) => ({
            type: d.type,
            reason: d.reason,
            caused_by: d.caused_by
              ? { type: d.caused_by.type, reason: d.caused_by.reason }
              : undefined,
          })),
        };
      } catch (error) {
        if (isApiKeysDisabledError(error)) return null;
        throw error;
      }
    },
  };
}
