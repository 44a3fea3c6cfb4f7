/*
 * encryptedSavedObjects setup/start contracts
 * (x-pack/platform/plugins/shared/encrypted_saved_objects/server/plugin.ts and
 * saved_objects/index.ts): getDecryptedAsInternalUser reads through an internal repository that
 * includes the requested hidden types, reads in `options.namespace` (an internal repository: the
 * option is honoured, 404 outside it) and decrypts with the descriptor
 * `{ type, id, namespace: getDescriptorNamespace(registry, type, savedObject.namespaces) }`; a
 * failure throws (EncryptionError), as in Kibana. The PIT finder searches `namespaces` (default:
 * the default space) and decrypts each object with its own namespaces.
 */
import type { SavedObject, SavedObjectsFindResponse } from '@kbn/core/server';
import type {
  EncryptedSavedObjectsClient,
  EncryptedSavedObjectsPluginSetup,
  EncryptedSavedObjectsPluginStart,
} from '@kbn/encrypted-saved-objects-plugin/server';
import type { SavedObjectsService } from '../saved_objects/service';
import { type EncryptedSavedObjectsService, EncryptionError } from './encryption';
import { getDescriptorNamespace } from './get_descriptor_namespace';

export function esoSetup(service: EncryptedSavedObjectsService): EncryptedSavedObjectsPluginSetup {
  return {
    canEncrypt: service.canEncrypt,
    registerType: (registration) => service.registerType(registration),
  };
}

export function esoStart(
  service: EncryptedSavedObjectsService,
  savedObjects: SavedObjectsService
): EncryptedSavedObjectsPluginStart {
  return {
    isEncryptionError: (error) => error instanceof EncryptionError,
    getClient: (options = {}): EncryptedSavedObjectsClient => {
      // Reads without stripping: this client decrypts what it reads.
      const rawRepository = savedObjects.internalRepository(options.includedHiddenTypes, {
        strip: false,
      });
      const registry = savedObjects.registry;
      return {
        async getDecryptedAsInternalUser<T = unknown>(
          type: string,
          id: string,
          baseOptions: { namespace?: string } = {}
        ): Promise<SavedObject<T>> {
          const so = await rawRepository.get<Record<string, unknown>>(type, id, baseOptions);
          if (!service.isRegistered(so.type)) return so as SavedObject<T>;
          const attributes = await service.decryptAttributes(
            { type, id, namespace: getDescriptorNamespace(registry, type, so.namespaces) },
            so.attributes
          );
          return { ...so, attributes: attributes as T };
        },
        async createPointInTimeFinderDecryptedAsInternalUser<T = unknown, A = unknown>(
          findOptions: Parameters<
            EncryptedSavedObjectsClient['createPointInTimeFinderDecryptedAsInternalUser']
          >[0]
        ) {
          let closed = false;
          const perPage = findOptions.perPage ?? 100;
          return {
            async *find(): AsyncGenerator<SavedObjectsFindResponse<T, A>> {
              for (let page = 1; !closed; page++) {
                const result = await rawRepository.find<T, A>({ ...findOptions, page, perPage });
                const decrypted = await Promise.all(
                  result.saved_objects.map(async (so) => {
                    const attributes = so.attributes as Record<string, unknown>;
                    try {
                      const plain = await service.decryptAttributes(
                        {
                          type: so.type,
                          id: so.id,
                          namespace: getDescriptorNamespace(registry, so.type, so.namespaces),
                        },
                        attributes
                      );
                      return { ...so, attributes: plain as T };
                    } catch (error) {
                      return {
                        ...so,
                        attributes: service.stripAttributes(so.type, attributes) as T,
                        error: {
                          statusCode: 500,
                          error: 'Internal Server Error',
                          message: (error as Error).message,
                        },
                      };
                    }
                  })
                );
                if (decrypted.length === 0) return;
                yield { ...result, saved_objects: decrypted };
                if (page * perPage >= result.total) return;
              }
            },
            async close() {
              closed = true;
            },
          };
        },
      };
    },
  };
}
