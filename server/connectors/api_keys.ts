import type { FakeRequest, KibanaRequest, Logger, SecurityServiceStart } from '@kbn/core/server';
import { dataStreamName, SOURCES, type SourceKind } from '../../common/data_streams';
import { ApiKeysDisabledError } from './errors';

/*
 * Documents are written with an API key for the user who saved the connector, granted by
 * Kibana (alerting's approach: x-pack/platform/plugins/shared/alerting/server/rules_client/lib/
 * create_new_api_key_set.ts) and kept encrypted in the connector. docs/privileges.md explains
 * the choice over Task Manager's user-scoped tasks and lists the privileges involved.
 */

export interface WriterKey {
  apiKey?: string;
  apiKeyId?: string;
  apiKeyOwner?: string;
  apiKeyCreatedByUser?: boolean;
}

export interface WriterKeyTarget {
  connectorId: string;
  kind: SourceKind;
  namespace: string;
}

/**
 * Index privileges the key is limited to. ES intersects them with the owner's own privileges
 * (the key can never do more than its user), so this only narrows: the connector's data stream,
 * documents created (never updated or deleted), the data stream auto-created from our template,
 * and reads for the duplicate check the Closer poll runs before writing re-read records.
 */
export function writerRoleDescriptors(target: WriterKeyTarget) {
  return {
    audit_sources_writer: {
      cluster: [],
      indices: [
        {
          names: [dataStreamName(SOURCES[target.kind].dataset, target.namespace)],
          privileges: ['create_doc', 'auto_configure', 'read'],
        },
      ],
    },
  };
}

/** The `ApiKey` credentials of a request authenticated with an API key (alerting's getAuthenticationAPIKey). */
function requestApiKey(request: KibanaRequest): { id: string; encoded: string } | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const [scheme, credentials] = header.split(/\s+/, 2);
  if (scheme.toLowerCase() !== 'apikey' || !credentials) return undefined;
  const [id] = Buffer.from(credentials, 'base64').toString().split(':');
  return id ? { id, encoded: credentials } : undefined;
}

export class WriterApiKeys {
  constructor(
    private readonly security: SecurityServiceStart,
    private readonly logger: Logger
  ) {}

  /**
   * A key for the user behind `request`. `areAPIKeysEnabled()` is false in two cases, told apart
   * by the user: security off (Kibana's getCurrentUser is null whenever the license disables
   * security, authentication_service.ts), where there is no key and the task writes
   * unauthenticated as an unsecured cluster accepts; and a secured cluster with
   * `xpack.security.authc.api_key.enabled: false`, where writing unauthenticated would only
   * fail with 401 on every run, so the save is refused (alerting refuses a rule save likewise).
   */
  async create(request: KibanaRequest, target: WriterKeyTarget): Promise<WriterKey> {
    const { apiKeys } = this.security.authc;
    const user = this.security.authc.getCurrentUser(request);
    if (!(await apiKeys.areAPIKeysEnabled())) {
      if (user === null) return {};
      throw new ApiKeysDisabledError();
    }
    const owner = user?.username;
    if (user?.authentication_type === 'api_key') {
      // Grant needs a password or token; a caller using an API key lends us that key instead,
      // as alerting and Task Manager do. It is theirs: we never invalidate it.
      const own = requestApiKey(request);
      if (!own) throw new Error('Could not read the API key the request was authenticated with');
      return {
        apiKey: own.encoded,
        apiKeyId: own.id,
        apiKeyOwner: owner,
        apiKeyCreatedByUser: true,
      };
    }
    const granted = await apiKeys.grantAsInternalUser(request, {
      name: `Audit Sources connector ${target.connectorId}${owner ? ` (${owner})` : ''}`,
      role_descriptors: writerRoleDescriptors(target),
      metadata: { managed: true, managed_by: 'auditSources', connectorId: target.connectorId },
    });
    if (!granted) throw new Error('Could not create an API key: API keys are not available');
    return {
      apiKey: Buffer.from(`${granted.id}:${granted.api_key}`).toString('base64'),
      apiKeyId: granted.id,
      apiKeyOwner: owner,
      apiKeyCreatedByUser: false,
    };
  }

  /**
   * Whether an update by `request`'s user may keep `stored` instead of having a key granted (a
   * grant and the old key's invalidation are most of an update's time). Only a key we granted
   * for this very user, while API keys are on: another user's save must write in their name
   * (docs/privileges.md), a caller's own API key is lent anew on every save anyway, and with keys
   * disabled a save is refused as before. What else the key depends on (the namespace, and the
   * owner's privileges captured at grant time, which a failing connector is saved again to
   * refresh) is the caller's to check.
   */
  async keepable(request: KibanaRequest, stored: WriterKey): Promise<boolean> {
    if (!stored.apiKey || !stored.apiKeyId || stored.apiKeyCreatedByUser) return false;
    const user = this.security.authc.getCurrentUser(request);
    if (!user || user.authentication_type === 'api_key') return false;
    if (!stored.apiKeyOwner || user.username !== stored.apiKeyOwner) return false;
    if (!(await this.security.authc.apiKeys.areAPIKeysEnabled())) throw new ApiKeysDisabledError();
    return true;
  }

  /** Best effort: a key we cannot invalidate now is logged (by id only) and left to expire by hand. */
  async invalidate(key: WriterKey): Promise<void> {
    if (!key.apiKeyId || key.apiKeyCreatedByUser) return;
    try {
      await this.security.authc.apiKeys.invalidateAsInternalUser({ ids: [key.apiKeyId] });
    } catch (error) {
      this.logger.warn(
        `Could not invalidate API key ${key.apiKeyId}: ${(error as Error).message}; invalidate it in Stack Management > API keys`
      );
    }
  }
}

/** The request the task's Elasticsearch client acts as: the stored key, or nothing. */
export function writerFakeRequest(apiKey: string | undefined): FakeRequest {
  return { headers: apiKey ? { authorization: `ApiKey ${apiKey}` } : {} };
}
