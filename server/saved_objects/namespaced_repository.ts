import type {
  ISavedObjectsRepository,
  SavedObjectsCreateOptions,
  SavedObjectsGetOptions,
  SavedObjectsUpdateOptions,
} from '@kbn/core/server';

export type NamespacedRepository = Pick<ISavedObjectsRepository, 'get' | 'create' | 'update'>;

/**
 * The internal repository bound to one namespace: the poll task has no request, so nothing
 * else puts the connector's space on its reads and writes.
 */
export function inNamespace(
  repository: NamespacedRepository,
  namespace: string | undefined
): NamespacedRepository {
  if (namespace === undefined) return repository;
  return {
    get<T>(type: string, id: string, options?: SavedObjectsGetOptions) {
      return repository.get<T>(type, id, { ...options, namespace });
    },
    create<T>(type: string, attributes: T, options?: SavedObjectsCreateOptions) {
      return repository.create<T>(type, attributes, { ...options, namespace });
    },
    update<T>(
      type: string,
      id: string,
      attributes: Partial<T>,
      options?: SavedObjectsUpdateOptions<T>
    ) {
      return repository.update<T>(type, id, attributes, { ...options, namespace });
    },
  };
}
