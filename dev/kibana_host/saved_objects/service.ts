/*
 * core.savedObjects setup/start (src/core/packages/saved-objects/server/src/contracts.ts). At start
 * the index is created (or its mapping extended) with Kibana's root fields and one object field per
 * registered type carrying the type's own mappings, under `dynamic: false` so unmapped attributes
 * (encrypted secrets, for one) are stored but not indexed. Then the model-version migrations run
 * (migrations.ts), before any plugin starts. Clients are bound to the request's user for
 * `saved_object:` authorization and `created_by`, and to the request's space (the spaces
 * extension, x-pack spaces saved_objects/saved_objects_service.ts setSpacesExtension); data access
 * is as the host's service user, as Kibana's repository uses the internal client. Internal
 * repositories have no spaces extension: their `namespace` option is honoured.
 */
import type { estypes } from '@elastic/elasticsearch';
import type {
  KibanaRequest,
  Logger,
  SavedObjectsClientContract,
  SavedObjectsServiceSetup,
  SavedObjectsServiceStart,
  SavedObjectsType,
} from '@kbn/core/server';
import type { HostClusterClient } from '../es/cluster_client';
import type { EncryptedSavedObjectsService } from '../eso/encryption';
import type { Authenticator } from '../security/authc';
import { checkPrivileges, savedObjectAction } from '../security/privileges';
import { getRequestSpace } from '../spaces/request_space';
import { KIBANA_APPLICATION, LOGIN_ACTION } from '../security/privileges';
import { migrateDocuments } from './migrations';
import { SavedObjectsRepository } from './repository';
import { SavedObjectTypeRegistry } from './type_registry';

const ROOT_PROPERTIES: Record<string, estypes.MappingProperty> = {
  type: { type: 'keyword' },
  namespace: { type: 'keyword' },
  namespaces: { type: 'keyword' },
  originId: { type: 'keyword' },
  created_at: { type: 'date' },
  updated_at: { type: 'date' },
  created_by: { type: 'keyword' },
  updated_by: { type: 'keyword' },
  managed: { type: 'boolean' },
  coreMigrationVersion: { type: 'keyword' },
  typeMigrationVersion: { type: 'keyword' },
  references: {
    type: 'nested',
    properties: { name: { type: 'keyword' }, type: { type: 'keyword' }, id: { type: 'keyword' } },
  },
};

export class SavedObjectsService {
  readonly registry = new SavedObjectTypeRegistry();
  private started = false;

  constructor(
    private readonly cluster: HostClusterClient,
    readonly index: string,
    private readonly eso: EncryptedSavedObjectsService,
    private readonly authenticator: Authenticator,
    private readonly logger?: Logger
  ) {}

  /** Ids of the existing spaces (the `space` objects), set by the spaces service. */
  listSpaceIds: () => Promise<string[]> = async () => ['default'];

  setup(): SavedObjectsServiceSetup {
    return {
      registerType: <Attributes = unknown>(type: SavedObjectsType<Attributes>) => {
        if (this.started) throw new Error('cannot call `registerType` after service startup.');
        this.registry.registerType(type as SavedObjectsType);
      },
    };
  }

  private mappings(): estypes.MappingTypeMapping {
    const properties: Record<string, estypes.MappingProperty> = { ...ROOT_PROPERTIES };
    for (const type of this.registry.getAllTypes()) {
      properties[type.name] = {
        type: 'object',
        dynamic: type.mappings.dynamic ?? false,
        properties: type.mappings.properties as Record<string, estypes.MappingProperty>,
      } as estypes.MappingProperty;
    }
    return { dynamic: false, properties };
  }

  async start(): Promise<SavedObjectsServiceStart> {
    this.started = true;
    const client = this.cluster.asInternalUser;
    const mappings = this.mappings();
    if (await client.indices.exists({ index: this.index })) {
      await client.indices.putMapping({ index: this.index, ...mappings });
    } else {
      await client.indices
        .create({
          index: this.index,
          mappings,
          settings: { number_of_shards: 1, auto_expand_replicas: '0-1', hidden: true },
        })
        .catch((error: { meta?: { body?: { error?: { type?: string } } } }) => {
          // Another host sharing the index created it first.
          if (error.meta?.body?.error?.type !== 'resource_already_exists_exception') throw error;
        });
    }
    await migrateDocuments({
      client,
      index: this.index,
      registry: this.registry,
      log: this.logger ?? silentLogger,
    });
    return {
      getScopedClient: (request, options) =>
        this.scopedRepository(request, options?.includedHiddenTypes),
      createScopedRepository: (request, includedHiddenTypes) =>
        this.scopedRepository(request, includedHiddenTypes),
      createInternalRepository: (includedHiddenTypes) =>
        this.internalRepository(includedHiddenTypes),
    };
  }

  /** `strip: false` leaves encrypted attributes in place (for the ESO client only). */
  internalRepository(
    includedHiddenTypes?: string[],
    { strip = true }: { strip?: boolean } = {}
  ): SavedObjectsRepository {
    return new SavedObjectsRepository({
      client: this.cluster.asInternalUser,
      index: this.index,
      registry: this.registry,
      allowedTypes: this.registry.allowedTypes(includedHiddenTypes),
      eso: strip ? this.eso : undefined,
    });
  }

  scopedRepository(
    request: KibanaRequest,
    includedHiddenTypes?: string[]
  ): SavedObjectsClientContract & SavedObjectsRepository {
    return new SavedObjectsRepository({
      client: this.cluster.asInternalUser,
      index: this.index,
      registry: this.registry,
      allowedTypes: this.registry.allowedTypes(includedHiddenTypes),
      eso: this.eso,
      username: this.authenticator.getCurrentUser(request)?.username,
      spaces: {
        activeSpaceId: getRequestSpace(request),
        // Simplified secure spaces client getAll({ purpose: 'findSavedObjects' }): the existing
        // spaces in which the user holds `login:` (types are still checked per operation).
        getSearchableSpaces: async () => {
          const ids = await this.listSpaceIds();
          const resources = ids.map((id) => `space:${id}`);
          const response = await this.cluster
            .asScoped(request)
            .asCurrentUser.security.hasPrivileges({
              application: [
                { application: KIBANA_APPLICATION, resources, privileges: [LOGIN_ACTION] },
              ],
            });
          const byResource = response.application[KIBANA_APPLICATION] ?? {};
          return ids.filter((id) => byResource[`space:${id}`]?.[LOGIN_ACTION] === true);
        },
      },
      authorize: async (type, operation) => {
        const action = savedObjectAction(type, operation);
        const result = await checkPrivileges(this.cluster, request, [action]);
        return result[action] === true;
      },
    });
  }
}

const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  log: () => undefined,
  isLevelEnabled: () => false,
  get: () => silentLogger,
} as unknown as Logger;
